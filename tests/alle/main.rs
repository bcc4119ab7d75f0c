//! All integration tests in one binary: one link of the polars-sized executable instead of one
//! per file (faster builds, a fraction of the disk). Run one group with
//! `cargo test --test alle doorstroom::`.

mod architectuur;
mod balans;
mod beschikking;
mod dekking;
mod doorstroom;
mod foutieve_invoer;
mod fuzz;
mod gedeeld;
mod herkomst;
mod invarianten;
mod kalibratie;
mod lezen;
#[cfg(feature = "parquet")]
mod parquet;
mod prijzen;
mod prognose;
mod rapport;
mod rapport_afdruk;
mod rapport_tabellen;
mod realisatie;
mod referentie;
mod reserve;
mod risico;
mod risico_gelijk;
mod robuust;
mod scenarios;
mod serve;
mod taakstelling;
mod uitvoer_vertrouwen;
mod uitvoerder;
mod veel_gemeenten;
mod werkboek;
mod werkboek_afdruk;
mod werkboek_grenzen;
