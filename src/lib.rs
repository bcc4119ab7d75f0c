//! raming: budget and forecast of the Wet inburgering 2021 finances for Dutch gemeenten.
//!
//! Layers (see ARCHITECTURE.md): a pure core (domain modules + `berekening` → `ledger`, and the
//! report layer `rapport`: computed result → tables), an input edge (`invoer`: CSV, xlsx and TOML
//! to validated domain types) and an output edge (`uitvoer`: tables to CSV, xlsx, HTML, charts and
//! the console). `draai` wires one scenario run; the CLI only dispatches.

pub mod balans;
pub mod berekening;
pub mod dekking;
pub mod doorstroom;
pub mod draai;
pub mod formatie;
pub mod fout;
pub mod gegevens;
pub mod gemeente;
pub mod indexatie;
pub mod instroom;
pub mod invoer;
pub mod kalibratie;
pub mod kasstroom;
pub mod ledger;
pub mod opmaak;
pub mod post;
pub mod rapport;
pub mod realisatie;
pub mod reserve;
pub mod risico;
pub mod routeverdeling;
pub mod scenario;
pub mod tarief;
pub mod uitkering;
pub mod uitvoer;
pub mod uitvoerder;
pub mod uitvoering;
pub mod verdeelsleutel;
pub mod voorziening;
pub mod waarschuwing;
pub mod web;

pub use draai::{draai, invoerbestanden};
pub use rapport::Run;
