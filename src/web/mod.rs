//! `raming serve`: the budget in the browser. A local web server (axum) on 127.0.0.1 with the
//! same engine, report tables and renderers as the commands; every page, style, script and font
//! is embedded in the binary, so no request leaves the machine.
//!
//! `staat` (folder, access rules, cache of computed scenarios), `veiligheid` (Host, Origin,
//! token, names from the browser), `watals` (levers → child scenario TOML), `paginas` (maud),
//! `routes` (the handlers).

pub mod paginas;
pub mod routes;
pub mod staat;
pub mod veiligheid;
pub mod watals;

use axum::Router;
use axum::routing::{get, post};
pub use staat::{Instellingen, Staat};

/// Largest request body (an uploaded workbook): 20 MB.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// Every page and endpoint, behind the access checks.
pub fn router(staat: Staat) -> Router {
    Router::new()
        .route("/", get(routes::start))
        .route("/scenario/{naam}", get(routes::scenario))
        .route("/vergelijk", get(routes::vergelijk))
        .route("/api/scenario/{naam}/bereken", post(routes::bereken))
        .route("/api/scenario/{naam}/opslaan", post(routes::opslaan))
        .route("/api/scenario/{naam}/spoor", post(routes::spoor))
        .route(
            "/api/scenario/{naam}/download/{soort}",
            post(routes::download),
        )
        .route("/inlezen", get(routes::inlezen_pagina))
        .route(
            "/api/inlezen",
            post(routes::inlezen).layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/static/{bestand}", get(routes::statisch))
        .fallback(routes::niet_gevonden)
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            veiligheid::poort,
        ))
        .with_state(staat)
}

/// Serves on an already bound listener until the process stops.
pub fn serveer(listener: std::net::TcpListener, staat: Staat) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()?;
    rt.block_on(async move {
        let l = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(l, router(staat)).await
    })
}
