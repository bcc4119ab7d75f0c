//! `raming serve`: the budget in the browser (see `raming::web`).

use super::invoerfout;
use raming::fout::Fout;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// Start de begroting in de browser: scenario's bekijken, bedragen herleiden, ‘wat als’ rekenen en opslaan als scenario.
#[derive(clap::Args)]
#[command(
    visible_alias = "web",
    after_help = "Voorbeelden:\n  raming serve                          # http://127.0.0.1:8080/\n  raming serve --open                   # en open de browser\n  raming serve --map ~/begroting --poort 0   # een vrije poort; het adres wordt afgedrukt\n  raming serve --adres 0.0.0.0 --host begroting.intern   # teamserver: met token (afgedrukt in de link)\nAlles draait op deze computer: pagina's, stijlen en lettertypen zitten in het programma, er verlaat geen gegeven de computer."
)]
pub struct Args {
    /// Projectmap met scenarios/ en de gegevensmappen.
    #[arg(long, value_name = "MAP", default_value = ".")]
    map: PathBuf,
    /// Poort (0 = een vrije poort; het echte adres wordt afgedrukt).
    #[arg(long, value_name = "POORT", default_value_t = 8080)]
    poort: u16,
    /// Open de browser op het adres.
    #[arg(long)]
    open: bool,
    /// Adres om op te luisteren (standaard alleen deze computer, 127.0.0.1). Een ander adres, zoals 0.0.0.0 voor een teamserver, vereist een token.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    adres: IpAddr,
    /// Toegangstoken dat elk verzoek moet meesturen (in de link, daarna als cookie). Zonder waarde bij een ander adres dan 127.0.0.1: een willekeurig token, afgedrukt in de link.
    #[arg(long, value_name = "TOKEN", num_args = 0..=1, default_missing_value = "")]
    token: Option<String>,
    /// Hostnaam waarmee de server ook bereikt mag worden (herhaalbaar), bijv. --host begroting.intern; standaard alleen localhost, 127.0.0.1 en het --adres.
    #[arg(long = "host", value_name = "NAAM")]
    hosts: Vec<String>,
}

pub fn run(args: Args) -> Result<(), Fout> {
    if !args.map.join("scenarios").is_dir() {
        return Err(invoerfout(
            args.map.display().to_string(),
            "heeft geen map scenarios/; verwacht de projectmap met scenarios/ en de gegevens, bijv. --map .",
        ));
    }
    let alleen_lokaal = args.adres.is_loopback();
    let token = kies_token(args.token.clone(), alleen_lokaal)?;
    let hosts = toegestane_hosts(&args, alleen_lokaal);
    let listener = std::net::TcpListener::bind(SocketAddr::new(args.adres, args.poort)).map_err(|e| {
        invoerfout(
            format!("{}:{}", args.adres, args.poort),
            format!("kan niet luisteren: {e}; kies een andere poort met --poort (0 = een vrije poort)"),
        )
    })?;
    let poort = listener
        .local_addr()
        .map_err(|e| invoerfout("serve", e.to_string()))?
        .port();
    let staat = raming::web::Staat::nieuw(raming::web::Instellingen {
        map: args.map.clone(),
        poort,
        token: token.clone(),
        hosts: hosts.clone(),
    })
    .map_err(|e| Fout::io(&args.map, e))?;
    let url = link(&args, &hosts, poort, token.as_deref());
    toonln!("raming serve: {url}");
    toonln!(
        "Map: {} — stop met Ctrl+C.{}",
        staat.map.display(),
        if token.is_some() {
            " Toegang alleen met het token in de link."
        } else {
            ""
        }
    );
    if args.open {
        // Best effort: without a desktop the address above is enough.
        let _ = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    raming::web::serveer(listener, staat).map_err(|e| invoerfout("serve", e.to_string()))
}

/// The link to print: to 127.0.0.1, else to the first --host, the given address, or this
/// machine's name on 0.0.0.0; with the token when there is one.
fn link(args: &Args, hosts: &[String], poort: u16, token: Option<&str>) -> String {
    let host = if args.adres.is_loopback() {
        "127.0.0.1".to_string()
    } else {
        args.hosts
            .first()
            .or(hosts.last())
            .cloned()
            .unwrap_or_else(|| Ipv4Addr::LOCALHOST.to_string())
    };
    match token {
        Some(t) => format!("http://{host}:{poort}/?token={t}"),
        None => format!("http://{host}:{poort}/"),
    }
}

/// The access token: the one given (checked), a new one for an empty `--token` or an address
/// beyond this machine, none on localhost.
fn kies_token(gegeven: Option<String>, alleen_lokaal: bool) -> Result<Option<String>, Fout> {
    Ok(match gegeven {
        Some(t) if !t.is_empty() => {
            if t.len() < 16
                || !t
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(invoerfout(
                    "--token",
                    "verwacht ten minste 16 tekens: letters, cijfers, - of _",
                ));
            }
            Some(t)
        }
        Some(_) => Some(nieuw_token()?),
        None if alleen_lokaal => None,
        None => Some(nieuw_token()?),
    })
}

/// The host names the server answers to besides localhost: the `--host`s, and beyond this
/// machine the given address or, on 0.0.0.0, this machine's name.
fn toegestane_hosts(args: &Args, alleen_lokaal: bool) -> Vec<String> {
    let mut hosts = args.hosts.clone();
    if !alleen_lokaal {
        if !args.adres.is_unspecified() {
            hosts.push(match args.adres {
                IpAddr::V6(a) => format!("[{a}]"),
                a => a.to_string(),
            });
        } else if let Ok(h) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
            hosts.push(h.trim().to_string());
        }
    }
    hosts
}

fn nieuw_token() -> Result<String, Fout> {
    raming::web::veiligheid::nieuw_token().map_err(|e| {
        invoerfout(
            "--token",
            format!("kan geen willekeurig token maken: {e}; geef er zelf een met --token"),
        )
    })
}
