//! The input schema: one static description per input file, the single source for
//! - the loaders' columns (header check, numbers, choices, the "verwacht ..." of error messages),
//! - the numeric columns used when a workbook or a Dutch-Excel CSV is normalised,
//! - the input template (`raming sjabloon`): the `Toelichting` sheet, the header row of an empty
//!   sheet and the choice lists,
//! - README's input contract table ([`markdown`], kept equal to README by a test).
//!
//! Texts a user sees (`uitleg`, `verwacht`, `betekenis`) are Dutch; the README fields (`noot`,
//! `nodig`, `zonder_regel`) are English like the README.

use super::csvbestand::{BRON, Kolom, geheel, getal, keuze, kolom, optioneel};

/// One input file.
#[derive(Debug)]
pub struct Bestand {
    /// File name in a data folder (`instroom.csv`); the workbook sheet is the name without `.csv`.
    pub naam: &'static str,
    /// Always needed: a run stops without it. Otherwise the scenario decides (see `nodig`) or the
    /// file is optional.
    pub verplicht: bool,
    /// What the table is, in Dutch (the template's `Toelichting` sheet).
    pub uitleg: &'static str,
    /// The columns in template order; `bron` last.
    pub kolommen: &'static [Kolom],
    /// README: more about the columns than their names and choices (English; may be empty).
    pub noot: &'static str,
    /// README: when the file is needed and used (English; for a `verplicht` file what follows
    /// "always", may be empty).
    pub nodig: &'static str,
    /// README: what a gemeente-year without a row means (English; `–` when not by gemeente-year).
    pub zonder_regel: &'static str,
}

impl Bestand {
    /// The sheet name of the table in a workbook.
    pub fn blad(&self) -> &'static str {
        self.naam.trim_end_matches(".csv")
    }

    /// The column named `naam`.
    pub fn kolom(&self, naam: &str) -> Option<&'static Kolom> {
        self.kolommen.iter().find(|k| k.naam == naam)
    }

    /// The names of the numeric columns (the rest is text).
    pub fn numeriek(&self) -> Vec<&'static str> {
        self.kolommen
            .iter()
            .filter(|k| k.getal)
            .map(|k| k.naam)
            .collect()
    }
}

pub const GEMEENTE: &str = "een CBS-code (bijv. GM0505) of een gemeentenaam uit gemeenten (gemeenten.csv of het blad gemeenten)";
pub const JAAR: &str = "een jaartal, bijv. 2022";
pub const BEDRAG: &str = "een bedrag in euro's ≥ 0 en ≤ 1.000.000.000.000 met hoogstens 2 decimalen, punt als decimaalteken (bijv. 1234.56)";
pub const PCT: &str = "een percentage tussen 0 en 100";
pub const DOELGROEP: &str = "asiel of gezin";
pub const ROUTE: &str = "b1, onderwijs of z";
pub const DOORSTROOM_SOORT: &str = "start, uitval of wissel";
/// What a formatie `sleutel` may be; names every builtin key (`Sleutel::INGEBOUWD`, checked by a
/// test).
pub const SLEUTEL: &str = "iu_uitvoering, inwoners, niet_westers, instroom, gelijk of een sleutel uit verdeelsleutels.csv";
/// What an `uitvoerder` may be (`formatie.csv`, `uitvoerders.csv`).
pub const UITVOERDER: &str = "gemeente (elke deelnemer voert zelf uit), een groep uit groepen.csv (een regionaal orgaan dat voor zijn leden uitvoert), een partner uit partners.csv (uitvoering met subsidie) of de gemeente zelf bij één deelnemer";

const DOELGROEPEN: &[&str] = &["asiel", "gezin"];
const ROUTES: &[&str] = &["b1", "onderwijs", "z"];
const IU_SOORTEN: &[&str] = &["uitvoering", "invoering"];

/// `prijspeil` of an IU amount (`integratie_uitkering.csv`, `rijksbudget.csv`).
const IU_PRIJSPEIL: Kolom = optioneel(geheel(
    "prijspeil",
    "leeg (het nominale bedrag van dat jaar) of het jaar waarin het bedrag is uitgedrukt, niet na jaar (bijv. 2024 voor een raming 'gelijk aan 2024')",
))
.betekent("leeg = nominaal bedrag van dat jaar (niet geïndexeerd); een jaar = bedrag in prijzen van dat jaar, in lopende prijzen geïndexeerd met de reeks gemeentefonds (optioneel)");
const IU_PRIJSPEIL_NOOT: &str = "`prijspeil` empty: the nominal amount of that year (as in a \
    circulaire), never re-indexed; a year (≤ `jaar`): the amount is in prices of that year (a \
    projection such as \"gelijk aan 2024\") and under `prijzen = \"lopend\"` is indexed to its \
    `jaar` with the `gemeentefonds` series of `indexatie.csv`";

/// The `bron` column with its meaning in the template.
const BRON_KOLOM: Kolom = BRON.betekent("waar het getal vandaan komt, of 'aanname' (optioneel)");
const GEMEENTE_KOLOM: Kolom = kolom("gemeente", GEMEENTE).betekent("CBS-code of naam");
const JAAR_KOLOM: Kolom = geheel("jaar", JAAR).betekent("jaartal");

pub static GEMEENTEN: Bestand = Bestand {
    naam: "gemeenten.csv",
    verplicht: true,
    uitleg: "De gemeenten met CBS-code; inwoners en niet-westers alleen nodig voor die verdeelsleutels.",
    kolommen: &[
        kolom(
            "code",
            "een CBS-code: GM gevolgd door 4 cijfers, bijv. GM0505",
        )
        .betekent("CBS-code, bijv. GM0505"),
        kolom("naam", "de gemeentenaam")
            .betekent("gemeentenaam (mag ook in andere bladen gebruikt worden)"),
        optioneel(getal("inwoners", "een aantal ≥ 0 of leeg"))
            .betekent("aantal inwoners (mag leeg)"),
        optioneel(getal("niet_westers", "een aantal ≥ 0 of leeg"))
            .betekent("aantal inwoners met niet-westerse achtergrond (mag leeg)"),
        BRON_KOLOM,
    ],
    noot: "`inwoners` and `niet_westers` only for those keys and the IU maatstaven",
    nodig: "",
    zonder_regel: "–",
};

pub static GROEPEN: Bestand = Bestand {
    naam: "groepen.csv",
    verplicht: false,
    uitleg: "Regio's en scopes: één regel per lid. Een groep wordt een kolom in de tabellen en kan deelnemer van een formatiepost zijn.",
    kolommen: &[
        kolom("groep", "de naam van een regio of groep, bijv. SDD")
            .betekent("naam van de groep, bijv. SDD"),
        kolom("gemeente", GEMEENTE).betekent("lid: CBS-code of naam"),
        BRON_KOLOM,
    ],
    noot: "one row per member; a group is a region column or a post's scope",
    nodig: "optional; used for group columns and post scopes",
    zonder_regel: "–",
};

pub static PARTNERS: Bestand = Bestand {
    naam: "partners.csv",
    verplicht: false,
    uitleg: "Partners die een deel van de uitvoering doen met subsidie van de gemeenten (bijv. Vluchtelingenwerk); hun naam kan uitvoerder zijn in formatie en uitvoerders.",
    kolommen: &[
        kolom(
            "partner",
            "de naam van de partner, bijv. Vluchtelingenwerk (geen gemeente of groep)",
        )
        .betekent("naam van de partner, bijv. Vluchtelingenwerk"),
        optioneel(kolom("omschrijving", "een omschrijving (optioneel)"))
            .betekent("wat de partner doet (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "a partner executes by subsidy from each gemeente: its lines are the gemeente's own \
           lasten; the name may not be a gemeente, a group, `gemeente` or `alle`",
    nodig: "optional; needed for every partner named as `uitvoerder`",
    zonder_regel: "–",
};

pub static VERDEELSLEUTELS: Bestand = Bestand {
    naam: "verdeelsleutels.csv",
    verplicht: false,
    uitleg: "Eigen verdeelsleutels (optioneel); alleen de verhouding telt.",
    kolommen: &[
        kolom("sleutel", "de naam van de sleutel").betekent("naam van de sleutel"),
        GEMEENTE_KOLOM,
        getal("aandeel", "een aandeel ≥ 0 (alleen de verhouding telt)").betekent("aandeel ≥ 0"),
        BRON_KOLOM,
    ],
    noot: "only ratios count",
    nodig: "when a post uses an own key (warning when present but unused)",
    zonder_regel: "a deelnemer without a share: an error",
};

pub static FORMATIE: Bestand = Bestand {
    naam: "formatie.csv",
    verplicht: true,
    uitleg: "Fte-posten van het regionale team, verdeeld over de deelnemers met een sleutel.",
    kolommen: &[
        kolom("post", "een korte id van de post, bijv. procesregie; niet een vaste post van het model (iu_uitvoering, iu_invoering, spuk, spuk_onderwijsroute, inburgeringsvoorzieningen, voorziening_…, toevoeging_reserve, onttrekking_reserve)")
            .betekent("korte id, bijv. procesregie; niet een vaste post van het model (iu_uitvoering, iu_invoering, spuk, spuk_onderwijsroute, inburgeringsvoorzieningen, voorziening_…, toevoeging_reserve, onttrekking_reserve)"),
        kolom("omschrijving", "een omschrijving").betekent("tekst in de tabellen"),
        getal("fte", "een aantal fte ≥ 0, bijv. 1.5").betekent("aantal fte"),
        getal("kosten_per_fte", BEDRAG).betekent("euro per fte per jaar"),
        geheel("jaar_van", JAAR).betekent("eerste jaar"),
        geheel("jaar_tot", JAAR).betekent("laatste jaar"),
        kolom("sleutel", SLEUTEL).betekent(
            "iu_uitvoering, inwoners, niet_westers, instroom, gelijk of een eigen sleutel",
        ),
        kolom("deelnemers", "een groep uit groepen.csv of een gemeente")
            .betekent("groep of gemeente die de kosten deelt"),
        optioneel(geheel(
            "prijspeil",
            "het jaar waarin kosten_per_fte is uitgedrukt (leeg = eerste jaar_van van de post)",
        ))
        .betekent("jaar van het prijspeil (leeg = eerste jaar_van)"),
        optioneel(kolom("uitvoerder", UITVOERDER)).betekent(
            "wie de post uitvoert: gemeente (elke deelnemer zelf), een regionaal orgaan (groep; de deelnemers betalen een bijdrage) of een partner (subsidie); leeg = de groep van deelnemers, of bij één gemeente die gemeente zelf",
        ),
        BRON_KOLOM,
    ],
    noot: "`post`: not an id of the engine's own posts (`iu_uitvoering`, `iu_invoering`, \
           `spuk`, `spuk_onderwijsroute`, `inburgeringsvoorzieningen`, `voorziening_*`, \
           `toevoeging_reserve`, `onttrekking_reserve`). \
           `sleutel`: see below the table; wage indexation runs from `prijspeil` (empty = the \
           post's first `jaar_van`, so a post split over two rows costs what one row costs). \
           `uitvoerder` (see \"Who executes\" below): `gemeente` (each deelnemer executes its \
           share itself: local cost lines), a group of `groepen.csv` acting as regional body \
           (every deelnemer must be a member; each pays its share as a bijdrage), a partner of \
           `partners.csv` (a subsidy) or, with one deelnemer, that gemeente; empty = the group \
           named in `deelnemers` as regional body, or the gemeente itself when `deelnemers` is \
           one gemeente. Rows of one post may overlap in years only for disjoint deelnemers \
           (a post executed by two regional bodies, each for its own members)",
    nodig: "",
    zonder_regel: "a scenario year without a row for a post: no cost for that post, with a \
                   warning (e.g. the horizon rolled past `jaar_tot`)",
};

pub static UITVOERDERS: Bestand = Bestand {
    naam: "uitvoerders.csv",
    verplicht: false,
    uitleg: "Wie de inburgeringsvoorzieningen uitvoert, per onderdeel en gemeente of groep (optioneel). Zonder regel voert de gemeente het onderdeel zelf uit.",
    kolommen: &[
        kolom(
            "onderdeel",
            "alle, inburgeringsvoorzieningen, b1, onderwijs, z of een onderdeel uit kosten_per_deelnemer.csv (bijv. map, mb, pvt, tolk)",
        )
        .betekent("alle (elke voorziening), inburgeringsvoorzieningen (de post gelijk aan de SPUK), b1, onderwijs, z of een module zoals map, mb, pvt, tolk"),
        kolom("deelnemers", "een groep uit groepen.csv of een gemeente")
            .betekent("groep of gemeente waarvoor de regel geldt"),
        kolom("uitvoerder", UITVOERDER)
            .betekent("gemeente (zelf), een regionaal orgaan (groep) of een partner (subsidie)"),
        optioneel(geheel("jaar_van", "het eerste jaar (leeg = elk jaar)"))
            .betekent("eerste jaar (leeg = altijd)"),
        optioneel(geheel("jaar_tot", "het laatste jaar (leeg = elk jaar)"))
            .betekent("laatste jaar (leeg = altijd)"),
        BRON_KOLOM,
    ],
    noot: "`onderdeel` `alle` (every inburgeringsvoorziening), `inburgeringsvoorzieningen` (the \
           post under `inburgeringsvoorzieningen = \"spuk\"`), a route or a module id of \
           `kosten_per_deelnemer.csv`; a row for the onderdeel itself goes before an `alle` row. \
           `uitvoerder` as in `formatie.csv` (a group must contain every deelnemer); per \
           onderdeel, gemeente and year one uitvoerder: a gemeente under two regional bodies \
           (or two uitvoerders) for the same onderdeel is an error. Empty `jaar_van` / \
           `jaar_tot`: every year",
    nodig: "optional; without it every gemeente executes its own inburgeringsvoorzieningen",
    zonder_regel: "the gemeente executes that onderdeel itself (a warning when other gemeenten \
                   have a row for it)",
};

pub static INTEGRATIE_UITKERING: Bestand = Bestand {
    naam: "integratie_uitkering.csv",
    verplicht: true,
    uitleg: "Integratie-uitkering per gemeente en jaar (expliciete regels gaan vóór de projectie uit het rijksbudget).",
    kolommen: &[
        GEMEENTE_KOLOM,
        JAAR_KOLOM,
        keuze("soort", "uitvoering of invoering", IU_SOORTEN).betekent("uitvoering of invoering"),
        getal("bedrag", BEDRAG).betekent("euro"),
        IU_PRIJSPEIL,
        BRON_KOLOM,
    ],
    noot: IU_PRIJSPEIL_NOOT,
    nodig: "",
    zonder_regel: "filled as share × the national total of `rijksbudget.csv` (share from the \
                   gemeente's nearest year with a row, else from `iu_maatstaven.csv`), listed as \
                   `gevuld` in `dekking.csv`, and a warning when other gemeenten do have a row \
                   that year; without a national total for the year: an **error** naming the \
                   gemeenten and years. `invoering` only in years where some gemeente or \
                   `rijksbudget.csv` has it",
};

pub static SPUK_BESCHIKKING: Bestand = Bestand {
    naam: "spuk_beschikking.csv",
    verplicht: false,
    uitleg: "SPUK-beschikkingen; de laatst bekende telt: definitief gaat vóór nader_voorlopig, dat gaat vóór voorlopig.",
    kolommen: &[
        GEMEENTE_KOLOM,
        JAAR_KOLOM,
        getal("bedrag", BEDRAG).betekent("euro"),
        keuze(
            "status",
            "voorlopig, nader_voorlopig of definitief",
            &["voorlopig", "nader_voorlopig", "definitief"],
        )
        .betekent("voorlopig, nader_voorlopig of definitief"),
        optioneel(getal(
            "aantal_asiel",
            "het aantal asielstatushouders achter het bedrag (leeg = onbekend)",
        ))
        .betekent("aantal asielstatushouders achter het bedrag, voor raming kalibreer (optioneel)"),
        optioneel(getal(
            "aantal_gezin",
            "het aantal gezins- en overige migranten achter het bedrag (leeg = onbekend)",
        ))
        .betekent(
            "aantal gezins- en overige migranten achter het bedrag, voor raming kalibreer (optioneel)",
        ),
        optioneel(geheel(
            "maand",
            "de maand (1–12) vanaf wanneer een nader voorlopige beschikking geldt (leeg bij voorlopig en definitief)",
        ))
        .betekent("alleen bij nader_voorlopig: de maand (1–12) vanaf wanneer de voorschotten het nieuwe bedrag volgen (optioneel)"),
        optioneel(keuze(
            "regeling",
            "voorzieningen of onderwijsroute (leeg = voorzieningen)",
            &["voorzieningen", "onderwijsroute", ""],
        ))
        .betekent("voorzieningen (leeg, de gewone SPUK) of onderwijsroute (de aparte SPUK onderwijsroute 2022–2025) (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "`status` `voorlopig` (by 1 October of the year before; advances from January), \
           `nader_voorlopig` (during the year; needs `maand` 1–12, the month from which the \
           advances follow the new amount, and a voorlopige for the same gemeente, year and \
           regeling) or `definitief` (the vaststelling, May of the next year); the latest known \
           status is booked (definitief > nader_voorlopig > voorlopig), at most one row per \
           status; `maand` is left empty for the other statuses. `regeling` `voorzieningen` \
           (empty: the regular SPUK, post `spuk`) or `onderwijsroute` (the separate SPUK \
           onderwijsroute 2022–2025, booked on post `spuk_onderwijsroute` for that gemeente-year \
           instead of the forecast top-up; under `spuk = \"prognose\"` not used, with a warning); \
           with `inburgeringsvoorzieningen = \"spuk\"` the lasten follow both. `aantal_asiel` and \
           `aantal_gezin` (the heads behind the amount) are used by `raming kalibreer`",
    nodig: "optional; a warning when absent under `spuk = \"beschikking\"`",
    zonder_regel: "the SPUK of that gemeente-year is forecast from volumes (`gevuld`), with a \
                   warning when other gemeenten do have a beschikking that year; without tariffs \
                   either: a warning that its SPUK is 0",
};

pub static INSTROOM: Bestand = Bestand {
    naam: "instroom.csv",
    verplicht: false,
    uitleg: "Instroom (gehuisvest op 31 december) per gemeente, jaar en doelgroep.",
    kolommen: &[
        GEMEENTE_KOLOM,
        JAAR_KOLOM,
        keuze("doelgroep", DOELGROEP, DOELGROEPEN).betekent("asiel of gezin"),
        getal("aantal", "een aantal personen ≥ 0").betekent("aantal personen"),
        optioneel(keuze(
            "versie",
            "prognose of realisatie (leeg = prognose)",
            &["prognose", "realisatie", ""],
        ))
        .betekent("prognose (leeg) of realisatie"),
        optioneel(keuze(
            "soort",
            "inburgeringsplichtigen of taakstelling (leeg = inburgeringsplichtigen)",
            &["inburgeringsplichtigen", "taakstelling", ""],
        ))
        .betekent("inburgeringsplichtigen (leeg) of taakstelling: dan omgerekend met [instroom] aandeel_inburgeringsplichtig uit het scenario (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "people housed on 31 December; `versie` empty = `prognose`; `soort` empty = \
           `inburgeringsplichtigen` (the heads the model counts), or `taakstelling` (the housing \
           taakstelling, which includes minors and exempt persons): converted to \
           inburgeringsplichtigen with the scenario's `[instroom] aandeel_inburgeringsplichtig` \
           per doelgroep (an error without it; a warning states the share)",
    nodig: "needed with tariffs (every forecast and the settlement), routes, or key `instroom`",
    zonder_regel: "each gemeente and doelgroep on its own: a year after its own last row is \
                   grown from that row with `instroom.groei` (`gevuld`; warning when other \
                   gemeenten have rows that year); without `groei`, a year missing inside the \
                   data, or a gemeente without rows: an **error** naming file, gemeente, \
                   doelgroep and years. An explicit `0` stays 0. Cohorts before the file's first \
                   year do not exist",
};

pub static SPUK_TARIEVEN: Bestand = Bestand {
    naam: "spuk_tarieven.csv",
    verplicht: false,
    uitleg: "SPUK-tarief per persoon per component en teljaar; geldt vanaf jaar tot een later jaar het vervangt.",
    kolommen: &[
        geheel("jaar", JAAR).betekent("vanaf jaar"),
        keuze("doelgroep", DOELGROEP, DOELGROEPEN).betekent("asiel of gezin"),
        keuze(
            "component",
            "leerroute, map, mb, pvt, tolk of onderwijsroute",
            &["leerroute", "map", "mb", "pvt", "tolk", "onderwijsroute"],
        )
        .betekent("leerroute, map, mb, pvt, tolk of onderwijsroute"),
        optioneel(geheel(
            "teljaar",
            "het teljaar van een cohort: 1, 2 of 3 (leeg = 1)",
        ))
        .betekent("1, 2 of 3: het hoeveelste jaar dat een cohort telt (leeg = 1)"),
        getal("bedrag", BEDRAG).betekent("euro per persoon"),
        optioneel(geheel(
            "jaar_tot",
            "het laatste jaar dat de regel geldt (leeg = tot een later jaar hem vervangt), bijv. 2029",
        ))
        .betekent("laatste jaar dat het tarief geldt, tot en met (leeg = tot een later jaar het vervangt; alle teljaren van één tarief hetzelfde) (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "a tariff holds from its `jaar` until a later row replaces it, or up to and including \
           its `jaar_tot` when given (then nothing holds after it until a later row: an expired \
           row does not bring back the one it replaced; all telling years of one `jaar`, \
           doelgroep and component share one `jaar_tot`). `onderwijsroute` is the guaranteed \
           minimum trajectprijs, telling year 1 only (paid once, in the year of housing)",
    nodig: "needed without beschikkingen or with `spuk = \"prognose\"`; used for every forecast \
            and the settlement",
    zonder_regel: "a scenario year before the first tariff: a warning (that forecast is 0)",
};

pub static ROUTEVERDELING: Bestand = Bestand {
    naam: "routeverdeling.csv",
    verplicht: false,
    uitleg: "Verdeling over de leerroutes in procenten; elke kolom telt per doelgroep op tot 100.",
    kolommen: &[
        keuze("doelgroep", DOELGROEP, DOELGROEPEN).betekent("asiel of gezin"),
        keuze("route", ROUTE, ROUTES).betekent("b1, onderwijs of z"),
        getal("laag", PCT).betekent("% bij de minste onderwijsroute"),
        getal("basis", PCT).betekent("% in het basisbeeld"),
        getal("hoog", PCT).betekent("% bij de meeste onderwijsroute"),
        BRON_KOLOM,
    ],
    noot: "in percent, each column 100 per doelgroep",
    nodig: "with routes or an onderwijsroute tariff (warning when present but unused)",
    zonder_regel: "–",
};

pub static KOSTEN_PER_DEELNEMER: Bestand = Bestand {
    naam: "kosten_per_deelnemer.csv",
    verplicht: false,
    uitleg: "Kosten per deelnemer per onderdeel en jaar na de start (alleen bij inburgeringsvoorzieningen = routes).",
    kolommen: &[
        kolom(
            "onderdeel",
            "b1, onderwijs, z (route) of een module-id zoals map, mb, pvt, tolk",
        )
        .betekent("b1, onderwijs, z (route) of een module zoals map, mb, pvt, tolk"),
        keuze("doelgroep", DOELGROEP, DOELGROEPEN).betekent("asiel of gezin"),
        geheel(
            "jaar_index",
            "het jaar na de start: 1 = startjaar (met doorstroom.csv: het eerste routejaar), 2 = het jaar erna, ...",
        )
        .betekent("1 = startjaar, 2 = het jaar erna, ... (met doorstroom: het routejaar, 1 = eerste jaar in de route)"),
        getal("bedrag", BEDRAG).betekent("euro per deelnemer (bij eenheid uur: euro per uur)"),
        optioneel(geheel(
            "prijspeil",
            "het jaar waarin het bedrag is uitgedrukt (leeg = basisjaar van het scenario)",
        ))
        .betekent("jaar van het prijspeil (leeg = basisjaar scenario)"),
        optioneel(keuze(
            "eenheid",
            "deelnemer (leeg: bedrag per deelnemer) of uur (bedrag per uur, met uren)",
            &["deelnemer", "uur"],
        ))
        .betekent("deelnemer (leeg) of uur: dan is bedrag de prijs per uur (optioneel)"),
        optioneel(getal(
            "uren",
            "het aantal uren in dat (route)jaar, alleen bij eenheid = uur",
        ))
        .betekent("bij eenheid uur: het aantal uren in dat (route)jaar (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "onderdeel `b1`/`onderwijs`/`z` (× route share) or a module id (`map`, `mb`, ...); \
           `jaar_index` 1 = the first year (with `doorstroom.csv`: the route year); `prijspeil` \
           empty = the scenario's `basisjaar`; `eenheid` `deelnemer` (empty: `bedrag` per \
           participant) or `uur` (`bedrag` is the price per hour and `uren` the hours in that \
           (route) year, e.g. the Z-route's 1.600 hours spread over its years; cost per \
           participant = uren × bedrag)",
    nodig: "with routes (warning when present but unused)",
    zonder_regel: "–",
};

pub static DOORSTROOM: Bestand = Bestand {
    naam: "doorstroom.csv",
    verplicht: false,
    uitleg: "Doorstroom van een cohort door de routes (optioneel, alleen bij inburgeringsvoorzieningen = routes): wanneer deelnemers starten, wie uitvalt en wie wisselt. Zonder dit blad start iedereen in het jaar van huisvesting en loopt de route uit.",
    // The loader checks the choices itself (so one unknown value does not hide the sum checks of
    // other rows); here they serve the template's lists and README.
    kolommen: &[
        keuze("doelgroep", DOELGROEP, DOELGROEPEN).betekent("asiel of gezin"),
        keuze("route", ROUTE, ROUTES).betekent("b1, onderwijs of z"),
        keuze("soort", DOORSTROOM_SOORT, &["start", "uitval", "wissel"])
            .betekent("start (% van de routedeelnemers dat start in huisvestingsjaar + jaar_index; telt per doelgroep en route op tot 100), uitval (% van wie in routejaar jaar_index zit en daarna stopt) of wissel (% dat daarna naar naar_route gaat, daar in routejaar 1)"),
        geheel(
            "jaar_index",
            "bij start: jaren na het jaar van huisvesting (0 = dat jaar); bij uitval en wissel: \
             het routejaar waarna (1 = na het eerste routejaar)",
        )
        .betekent("start: 0 = jaar van huisvesting, 1 = het jaar erna; uitval en wissel: het routejaar waarna (1 = na het eerste routejaar)"),
        getal("aandeel", PCT).betekent("percentage 0–100"),
        optioneel(keuze(
            "naar_route",
            "de route waarnaar gewisseld wordt: b1, onderwijs of z (alleen bij soort = wissel)",
            ROUTES,
        ))
        .betekent("alleen bij wissel: b1, onderwijs of z (optioneel)"),
        BRON_KOLOM,
    ],
    noot: "in percent: how a cohort's route participants flow through the routes (see \"Cohort \
           flow\" above); `soort` `start` (`jaar_index` 0–10 years after the year of housing; per \
           doelgroep and route the start shares add up to 100), `uitval` or `wissel` \
           (`jaar_index` 1–10: after that route year; `wissel` needs `naar_route`, another \
           route); per route year uitval + switches ≤ 100",
    nodig: "optional; with routes (warning when present but unused); without it everybody \
            starts in the year of housing, stays to the end and never switches (the result is \
            then exactly as before the file existed)",
    zonder_regel: "a doelgroep and route without `start` rows: all start in the year of housing; \
                   without `uitval` / `wissel` rows: nobody leaves. A route (or `naar_route`) \
                   without costs for that doelgroep in `kosten_per_deelnemer.csv`: a warning \
                   (those participants cost nothing)",
};

pub static INDEXATIE: Bestand = Bestand {
    naam: "indexatie.csv",
    verplicht: false,
    uitleg: "Indexatie per jaar in procenten.",
    kolommen: &[
        JAAR_KOLOM,
        keuze(
            "soort",
            "tarieven, lonen, prijzen of gemeentefonds",
            &["tarieven", "lonen", "prijzen", "gemeentefonds"],
        )
        .betekent("tarieven (SPUK), lonen (fte), prijzen (kosten per deelnemer) of gemeentefonds (IU-bedragen met een prijspeil)"),
        getal("percentage", "een percentage, bijv. 2.5 (negatief mag)").betekent("bijv. 2.5"),
        BRON_KOLOM,
    ],
    noot: "`tarieven` for SPUK tariffs, `lonen` for fte costs, `prijzen` for costs per \
           participant, `gemeentefonds` for IU amounts stated in a `prijspeil`. Used only \
           under `prijzen = \"lopend\"` (the default); under `\"constant\"` nothing is indexed",
    nodig: "optional",
    zonder_regel: "a year without a percentage for a soort the scenario uses counts as 0 %, with \
                   a warning",
};

pub static RIJKSBUDGET: Bestand = Bestand {
    naam: "rijksbudget.csv",
    verplicht: false,
    uitleg: "Landelijk totaal van de integratie-uitkering, voor jaren zonder expliciete regel.",
    kolommen: &[
        JAAR_KOLOM,
        keuze("soort", "uitvoering of invoering", IU_SOORTEN).betekent("uitvoering of invoering"),
        getal("bedrag", BEDRAG).betekent("euro"),
        IU_PRIJSPEIL,
        BRON_KOLOM,
    ],
    noot: "national IU totals; `prijspeil` as in `integratie_uitkering.csv`",
    nodig: "optional; used for every gemeente-year without an IU row (warning when present but \
            unused)",
    zonder_regel: "–",
};

pub static IU_MAATSTAVEN: Bestand = Bestand {
    naam: "iu_maatstaven.csv",
    verplicht: false,
    uitleg: "Verdeling van de IU over gemeenten zonder eigen regel (78 % inwoners, 22 % niet-westers).",
    kolommen: &[
        keuze(
            "maatstaf",
            "inwoners of niet_westers",
            &["inwoners", "niet_westers"],
        )
        .betekent("inwoners of niet_westers"),
        getal("gewicht", "een gewicht ≥ 0, bijv. 78").betekent("gewicht, bijv. 78"),
        getal(
            "landelijk_totaal",
            "het landelijk totaal van de maatstaf, > 0",
        )
        .betekent("landelijk aantal"),
        BRON_KOLOM,
    ],
    noot: "weights `inwoners` 78, `niet_westers` 22",
    nodig: "for gemeenten without any IU row (warning when present but unused)",
    zonder_regel: "–",
};

pub static REALISATIE: Bestand = Bestand {
    naam: "realisatie.csv",
    verplicht: false,
    uitleg: "Geboekte baten en lasten per post uit het financiële systeem (voor de verschillenanalyse en realisatie_tot).",
    kolommen: &[
        GEMEENTE_KOLOM,
        JAAR_KOLOM,
        kolom(
            "post",
            "een post uit de begroting, bijv. iu_uitvoering, spuk of procesregie",
        )
        .betekent("post uit de begroting, bijv. iu_uitvoering, spuk, procesregie"),
        getal(
            "bedrag",
            "een geboekt bedrag in euro's met hoogstens 2 decimalen (negatief mag voor correcties)",
        )
        .betekent("euro (negatief mag voor correcties)"),
        BRON_KOLOM,
    ],
    noot: "booked actuals",
    nodig: "optional; variance, and with `realisatie_tot` the booked years",
    zonder_regel: "with `realisatie_tot`: that post keeps its raming (warning, `dekking.csv`), or \
                   an error with `realisatie_ontbreekt = \"fout\"`. A post the gemeente does not \
                   carry is an error",
};

/// Every input file, in the order they are read (also the order of input hashes and of the
/// list of assumptions).
pub const ALLE: [&Bestand; 17] = [
    &GEMEENTEN,
    &GROEPEN,
    &PARTNERS,
    &VERDEELSLEUTELS,
    &FORMATIE,
    &UITVOERDERS,
    &INTEGRATIE_UITKERING,
    &SPUK_BESCHIKKING,
    &INSTROOM,
    &SPUK_TARIEVEN,
    &ROUTEVERDELING,
    &KOSTEN_PER_DEELNEMER,
    &DOORSTROOM,
    &INDEXATIE,
    &RIJKSBUDGET,
    &IU_MAATSTAVEN,
    &REALISATIE,
];

/// The sheets of the input template, in their order there (realisatie next to instroom).
pub const SJABLOON: [&Bestand; 17] = [
    &GEMEENTEN,
    &GROEPEN,
    &PARTNERS,
    &VERDEELSLEUTELS,
    &FORMATIE,
    &UITVOERDERS,
    &INTEGRATIE_UITKERING,
    &SPUK_BESCHIKKING,
    &INSTROOM,
    &REALISATIE,
    &SPUK_TARIEVEN,
    &ROUTEVERDELING,
    &KOSTEN_PER_DEELNEMER,
    &DOORSTROOM,
    &INDEXATIE,
    &RIJKSBUDGET,
    &IU_MAATSTAVEN,
];

const fn namen<const N: usize>(b: [&Bestand; N]) -> [&'static str; N] {
    let mut uit = [""; N];
    let mut i = 0;
    while i < N {
        uit[i] = b[i].naam;
        i += 1;
    }
    uit
}

/// The file names of [`ALLE`].
pub const NAMEN: [&str; 17] = namen(ALLE);

/// The description of the input file `naam` (`instroom.csv`).
pub fn bestand(naam: &str) -> Option<&'static Bestand> {
    ALLE.into_iter().find(|b| b.naam == naam)
}

/// The columns of the input file `naam`; none for an unknown name.
pub fn kolommen(naam: &str) -> &'static [Kolom] {
    bestand(naam).map_or(&[], |b| b.kolommen)
}

/// The names of the numeric columns of the input file `naam`.
pub fn numeriek(naam: &str) -> Vec<&'static str> {
    bestand(naam).map(Bestand::numeriek).unwrap_or_default()
}

/// README's input contract table, rendered from the schema (README holds exactly this text; a
/// test keeps them equal). The `bron` column every file may carry is left out.
pub fn markdown() -> String {
    let mut s = String::from(
        "| file | columns | needed, and when it is used | a gemeente-year without a row means |\n\
         |---|---|---|---|\n",
    );
    for b in ALLE {
        let namen: Vec<String> = b
            .kolommen
            .iter()
            .filter(|k| k.naam != "bron")
            .map(|k| {
                if k.verplicht {
                    k.naam.to_string()
                } else {
                    format!("[{}]", k.naam)
                }
            })
            .collect();
        let mut kolommen = format!("`{}`", namen.join(","));
        let keuzes: Vec<String> = b
            .kolommen
            .iter()
            .filter(|k| !k.keuzes.is_empty())
            .map(|k| {
                let l: Vec<String> = k
                    .keuzes
                    .iter()
                    .filter(|x| !x.is_empty())
                    .map(|x| format!("`{x}`"))
                    .collect();
                format!("{} {}", k.naam, l.join("/"))
            })
            .collect();
        if !keuzes.is_empty() {
            kolommen.push_str(&format!("; {}", keuzes.join("; ")));
        }
        let mut noot = b.noot.chars();
        if let Some(eerste) = noot.next() {
            kolommen.push_str(&format!(". {}{}", eerste.to_uppercase(), noot.as_str()));
        }
        let nodig = match (b.verplicht, b.nodig) {
            (true, "") => "always".to_string(),
            (true, n) => format!("always; {n}"),
            (false, n) => n.to_string(),
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            b.naam, kolommen, nodig, b.zonder_regel
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formatie::Sleutel;

    #[test]
    fn every_file_once_with_bron_last() {
        let mut a: Vec<&str> = NAMEN.to_vec();
        let mut s: Vec<&str> = SJABLOON.iter().map(|b| b.naam).collect();
        a.sort();
        s.sort();
        assert_eq!(a, s, "the template has every input file once");
        a.dedup();
        assert_eq!(a.len(), NAMEN.len());
        for b in ALLE {
            assert_eq!(
                b.kolommen.last().map(|k| k.naam),
                Some("bron"),
                "{}",
                b.naam
            );
            for k in b.kolommen {
                assert!(!k.betekenis.is_empty(), "{} {}: betekenis", b.naam, k.naam);
                assert!(!k.verwacht.is_empty(), "{} {}: verwacht", b.naam, k.naam);
                let n = b.kolommen.iter().filter(|x| x.naam == k.naam).count();
                assert_eq!(n, 1, "{} {}", b.naam, k.naam);
            }
            assert!(!b.uitleg.is_empty() && !b.zonder_regel.is_empty());
            assert!(b.verplicht || !b.nodig.is_empty(), "{}", b.naam);
        }
    }

    #[test]
    fn builtin_keys_in_the_expectation() {
        for k in Sleutel::INGEBOUWD {
            assert!(SLEUTEL.contains(k), "{k}");
            assert!(!matches!(Sleutel::lees(k), Sleutel::Eigen(_)), "{k}");
            assert_eq!(Sleutel::lees(k).naam(), k);
        }
    }

    /// README's input contract table is [`markdown`], exactly. After changing the schema,
    /// `RAMING_README_SCHRIJF=1 cargo test --lib readme_table` rewrites the table in README.
    #[test]
    fn readme_table_is_the_schema() {
        let pad = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(pad).expect("README.md");
        let tabel = markdown();
        if std::env::var_os("RAMING_README_SCHRIJF").is_some() {
            let begin = readme.find("| file | columns |").expect("table in README");
            let lengte: usize = readme[begin..]
                .split_inclusive('\n')
                .take_while(|r| r.starts_with('|'))
                .map(str::len)
                .sum();
            let nieuw = format!("{}{tabel}{}", &readme[..begin], &readme[begin + lengte..]);
            std::fs::write(pad, nieuw).expect("README.md written");
            return;
        }
        assert!(
            readme.contains(&tabel),
            "README's input table differs from invoer::schema::markdown(); run \
             RAMING_README_SCHRIJF=1 cargo test --lib readme_table. Expected:\n{tabel}"
        );
    }
}
