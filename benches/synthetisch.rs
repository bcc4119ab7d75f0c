//! The synthetic national data set shared by the benchmarks: `n` gemeenten with plausible
//! inwoners, instroom and IU (through the national budget and the 78/22 maatstaven), one group
//! per province, 2022–2031, route-driven lasten, uncertain instroom and routes. Deterministic
//! (fixed LCG).

use std::fmt::Write as _;
use std::path::Path;

const PROVINCIES: [&str; 12] = [
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
];

struct Lcg(u64);
impl Lcg {
    fn volgende(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64) / ((1u64 << 53) as f64)
    }
}

/// Writes the synthetic data folder and a scenario into `map`.
pub fn genereer(map: &Path, gemeenten: usize) {
    let data = map.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let standaard = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/drechtsteden");
    for f in [
        "spuk_tarieven.csv",
        "routeverdeling.csv",
        "kosten_per_deelnemer.csv",
        "indexatie.csv",
    ] {
        std::fs::copy(standaard.join(f), data.join(f)).unwrap();
    }
    let mut rng = Lcg(20261122);
    let (mut gem, mut grp, mut ins) = (
        String::from("code,naam,inwoners,niet_westers,bron\n"),
        String::from("groep,gemeente,bron\n"),
        String::from("gemeente,jaar,doelgroep,aantal,bron\n"),
    );
    let mut totaal_inw = 0.0;
    let mut totaal_nw = 0.0;
    for i in 0..gemeenten {
        // Log-uniform between 5.000 and 900.000 inwoners; 5–35 % niet-westers.
        let inw = (5_000.0f64.ln() + rng.volgende() * (900_000.0f64.ln() - 5_000.0f64.ln()))
            .exp()
            .round();
        let nw = (inw * (0.05 + 0.30 * rng.volgende())).round();
        totaal_inw += inw;
        totaal_nw += nw;
        let code = format!("GM{:04}", i + 1);
        let _ = writeln!(gem, "{code},Gemeente {},{inw},{nw},synthetisch", i + 1);
        let _ = writeln!(
            grp,
            "{},{code},synthetisch",
            PROVINCIES[i % PROVINCIES.len()]
        );
        // Instroom proportional to inwoners (national cohorts 18.900 asiel and 7.300 gezin).
        let asiel = (inw * 18_900.0 / 17_900_000.0).round();
        let gezin = (inw * 7_300.0 / 17_900_000.0).round();
        let _ = writeln!(ins, "{code},2022,asiel,{asiel},synthetisch");
        let _ = writeln!(ins, "{code},2022,gezin,{gezin},synthetisch");
    }
    std::fs::write(data.join("gemeenten.csv"), gem).unwrap();
    std::fs::write(data.join("groepen.csv"), grp).unwrap();
    std::fs::write(data.join("instroom.csv"), ins).unwrap();
    std::fs::write(
        data.join("integratie_uitkering.csv"),
        "gemeente,jaar,soort,bedrag\n",
    )
    .unwrap();
    let mut rijk = String::from("jaar,soort,bedrag\n");
    for j in 2022..=2031 {
        let _ = writeln!(rijk, "{j},uitvoering,110843500");
    }
    std::fs::write(data.join("rijksbudget.csv"), rijk).unwrap();
    std::fs::write(
        data.join("iu_maatstaven.csv"),
        format!("maatstaf,gewicht,landelijk_totaal\ninwoners,78,{totaal_inw}\nniet_westers,22,{totaal_nw}\n"),
    )
    .unwrap();
    let mut form =
        String::from("post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers\n");
    for p in PROVINCIES {
        let _ = writeln!(
            form,
            "regie_{},regieteam {p},10,94000,2022,2031,iu_uitvoering,{p}",
            p.to_lowercase().replace(['-', 'â'], "_")
        );
    }
    std::fs::write(data.join("formatie.csv"), form).unwrap();
    std::fs::write(
        map.join("landelijk.toml"),
        "naam = \"landelijk\"\ndata = \"data\"\njaren = [2022, 2031]\ninburgeringsvoorzieningen = \"routes\"\nspuk = \"prognose\"\n\
         [instroom]\ngroei = 0\n[risico]\ncorrelatie = 0.6\nroutes = true\nbron = \"synthetisch\"\n",
    )
    .unwrap();
    let s = std::fs::read_to_string(map.join("landelijk.toml"))
        .unwrap()
        .replace("routes = true", "routeverdeling = true");
    std::fs::write(
        map.join("landelijk.toml"),
        s + "[risico.instroom]\nverdeling = \"driehoek\"\nlaag = 0.6\nmodus = 1.0\nhoog = 1.6\nbron = \"synthetisch\"\n",
    )
    .unwrap();
}

/// Peak resident memory of this process so far, in MB (Linux).
pub fn piek_geheugen_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}
