//! Server time of one what-if recompute in `raming serve` (issue 15: ≤ 100 ms on the shipped
//! region): a request to the router as the browser sends it (the levers as typed), through the
//! child scenario, the exact engine and the rendered result. For the shipped Drechtsteden data
//! and the synthetic national set of 342 gemeenten (`benches/synthetisch.rs`).
//!
//! Run: `cargo bench --bench serve` (prints median and maximum over 30 recomputes, each with a
//! different instroom factor so no result is reused).

#[path = "synthetisch.rs"]
mod synthetisch;

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use raming::web::{Instellingen, Staat, router};
use std::path::Path;
use std::time::Instant;
use tower::ServiceExt;

fn meet(naam: &str, map: &Path, scenario: &str, hefboom: &str) {
    let staat = Staat::nieuw(Instellingen {
        map: map.to_path_buf(),
        poort: 8080,
        token: None,
        hosts: vec![],
    })
    .unwrap();
    let app = router(staat);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .unwrap();
    let vraag = |factor: String| {
        let body = serde_json::json!({ "velden": { hefboom: factor } }).to_string();
        let req = Request::post(format!("/api/scenario/{scenario}/bereken"))
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, "http://127.0.0.1:8080")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let app = app.clone();
        rt.block_on(async move {
            let t = Instant::now();
            let a = app.oneshot(req).await.unwrap();
            let b = a.into_body().collect().await.unwrap().to_bytes();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let j: serde_json::Value = serde_json::from_slice(&b).unwrap();
            assert_eq!(j["ok"], true, "{j}");
            ms
        })
    };
    // The first request computes and caches the saved scenario.
    let koud = vraag("1,01".into());
    let mut tijden: Vec<f64> = (0..30).map(|i| vraag(format!("1,{:02}", i + 10))).collect();
    tijden.sort_by(f64::total_cmp);
    println!(
        "{naam}: herberekening (wat-als, servertijd) mediaan {:.1} ms, max {:.1} ms over {} verzoeken; eerste verzoek (met het opgeslagen scenario) {:.1} ms; piekgeheugen {:.0} MB",
        tijden[tijden.len() / 2],
        tijden[tijden.len() - 1],
        tijden.len(),
        koud,
        synthetisch::piek_geheugen_mb()
    );
}

fn main() {
    meet(
        "Drechtsteden (routekosten, 7 gemeenten, 2022–2030)",
        Path::new(env!("CARGO_MANIFEST_DIR")),
        "routekosten",
        "instroom.2026",
    );
    let tmp = std::env::temp_dir().join(format!("raming-serve-bench-{}", std::process::id()));
    synthetisch::genereer(&tmp, 342);
    std::fs::create_dir_all(tmp.join("scenarios")).unwrap();
    std::fs::write(
        tmp.join("scenarios/landelijk.toml"),
        "basis = \"../landelijk.toml\"\n",
    )
    .unwrap();
    meet(
        "landelijk (342 gemeenten, 2022–2031)",
        &tmp,
        "landelijk",
        "instroom.2026",
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
