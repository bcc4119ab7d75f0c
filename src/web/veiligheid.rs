//! Who may ask what: the Host header (no DNS rebinding), the Origin of every state-changing
//! request (no CSRF), the token when one is set (a team server), names from the browser that
//! never leave `--map`, and errors as Dutch pages instead of a dropped connection.

use crate::fout::Fout;
use crate::web::staat::Staat;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The cookie that carries the token after the first visit with `?token=`.
pub const KOEKJE: &str = "raming_token";

/// An error for the browser: a status and a Dutch message (with file, row and column for input
/// errors, as on the command line).
#[derive(Debug)]
pub struct WebFout {
    pub status: StatusCode,
    pub melding: String,
}

impl WebFout {
    pub fn new(status: StatusCode, melding: impl Into<String>) -> Self {
        WebFout {
            status,
            melding: melding.into(),
        }
    }
    pub fn niet_gevonden(m: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, m)
    }
    pub fn verzoek(m: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, m)
    }
    /// An input error from a run: the user's data or scenario, not the server.
    pub fn invoer(e: Fout) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::fout::zichtbaar(&e.to_string()),
        )
    }
}

impl From<Fout> for WebFout {
    fn from(e: Fout) -> Self {
        WebFout::invoer(e)
    }
}

impl IntoResponse for WebFout {
    fn into_response(self) -> Response {
        let pagina = crate::web::paginas::foutpagina(self.status, &self.melding);
        (
            self.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            pagina,
        )
            .into_response()
    }
}

/// A name from the browser that becomes a file name: letters, digits, `_` and `-`, at most 80.
pub fn geldige_naam(naam: &str) -> bool {
    !naam.is_empty()
        && naam.len() <= 80
        && naam
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Compares two secrets in time independent of where they differ.
fn gelijk(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |x, (p, q)| x | (p ^ q)) == 0
}

/// A random token (32 hex digits) from the operating system.
pub fn nieuw_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut b = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// The Host header's name and port, when it is one the server answers to.
fn host_toegestaan(staat: &Staat, host: &str) -> bool {
    let (naam, poort) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && !p.contains(']') => (n, p.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    if poort != Some(staat.poort) {
        return false;
    }
    let naam = naam.to_ascii_lowercase();
    ["localhost", "127.0.0.1", "[::1]"].contains(&naam.as_str())
        || staat.hosts.iter().any(|h| h.eq_ignore_ascii_case(&naam))
}

fn token_uit(headers: &HeaderMap, query: Option<&str>) -> (Option<String>, bool) {
    if let Some(q) = query {
        for paar in q.split('&') {
            if let Some(t) = paar.strip_prefix("token=") {
                return (Some(t.to_string()), true);
            }
        }
    }
    if let Some(a) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return (Some(a.trim().to_string()), false);
    }
    for c in headers.get_all(header::COOKIE) {
        if let Ok(c) = c.to_str() {
            for deel in c.split(';') {
                if let Some(t) = deel.trim().strip_prefix(&format!("{KOEKJE}=")) {
                    return (Some(t.to_string()), false);
                }
            }
        }
    }
    (None, false)
}

/// Every request: the Host header, then the token (when set), then for anything but
/// GET/HEAD the Origin, which must be this server itself.
pub async fn poort(State(staat): State<Staat>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_string();
    if !host_toegestaan(&staat, &host) {
        return WebFout::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "onbekende host ‘{}’; open raming via http://127.0.0.1:{}/ (of start de server met --host NAAM)",
                host.chars().take(80).collect::<String>(),
                staat.poort
            ),
        )
        .into_response();
    }
    if let Some(r) = toets_token(&staat, &req) {
        return r;
    }
    if let Some(r) = toets_herkomst(&req, &host) {
        return r;
    }
    let mut r = next.run(req).await;
    veilige_koppen(&mut r);
    r
}

/// With a token: refuses a request without it; a GET that carries it in the address is sent
/// on to the same path with the token in a cookie instead.
fn toets_token(staat: &Staat, req: &Request) -> Option<Response> {
    let token = staat.token.as_ref()?;
    let (gegeven, in_url) = token_uit(req.headers(), req.uri().query());
    if !gegeven.is_some_and(|g| gelijk(g.as_bytes(), token.as_bytes())) {
        return Some(
            WebFout::new(
                StatusCode::UNAUTHORIZED,
                "geen toegang: open raming met de link met het token die ‘raming serve’ afdrukte",
            )
            .into_response(),
        );
    }
    if in_url && req.method() == Method::GET {
        // Remember it in a cookie and drop it from the address bar.
        let pad = req.uri().path().to_string();
        let mut r = Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, pad)
            .body(Body::empty())
            .unwrap_or_default();
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{KOEKJE}={token}; HttpOnly; SameSite=Strict; Path=/"
        )) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
        return Some(r);
    }
    None
}

/// Refuses a change (anything but GET and HEAD) that does not come from this server's own
/// pages (its Origin header).
fn toets_herkomst(req: &Request, host: &str) -> Option<Response> {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return None;
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if origin == format!("http://{host}") {
        return None;
    }
    Some(
        WebFout::new(
            StatusCode::FORBIDDEN,
            if origin.is_empty() {
                "verzoek geweigerd: de Origin-header ontbreekt (wijzigingen alleen vanuit de pagina's van raming zelf)".to_string()
            } else {
                format!(
                    "verzoek geweigerd: herkomst ‘{}’ is niet deze server (wijzigingen alleen vanuit de pagina's van raming zelf)",
                    origin.chars().take(80).collect::<String>()
                )
            },
        )
        .into_response(),
    )
}

/// Nothing from elsewhere: no scripts, styles, fonts or frames from other origins.
fn veilige_koppen(r: &mut Response) {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_leave_the_folder() {
        assert!(geldige_naam("basis"));
        assert!(geldige_naam("hoge_instroom-2"));
        for fout in [
            "",
            "..",
            "../x",
            "a/b",
            "a\\b",
            "/etc/passwd",
            "a.toml",
            "x y",
            "é",
        ] {
            assert!(!geldige_naam(fout), "{fout}");
        }
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(gelijk(b"abc", b"abc"));
        assert!(!gelijk(b"abc", b"abd"));
        assert!(!gelijk(b"abc", b"ab"));
    }
}
