//! De routetabel (issue 23): elke handeling op het scherm met haar tweeling in de API, of de reden
//! waarom die er niet is. Een test (`tests/http/routetabel.rs`) leest de router en het
//! OpenAPI-document en faalt als een route van het scherm hier ontbreekt, als een genoemde
//! tweeling niet bestaat, of als router en document van elkaar afwijken.

/// Wat een route van het scherm in de API heeft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tweeling {
    /// De operatie in de API: `"GET /api/v1/taken"`.
    Api(&'static str),
    /// Geen tweeling, met de reden.
    Geen(&'static str),
}

use Tweeling::{Api, Geen};

const FORMULIER: Tweeling = Geen(
    "Een formulier om in te vullen; in de API staan de gegevens in het verzoek zelf, met dezelfde controles.",
);
const AANMELDEN: Tweeling =
    Geen("Aanmelden in de browser (sessie en cookie); de API meldt aan met een token.");

/// (methode, pad op het scherm, tweeling), in de volgorde van de router.
pub const SCHERMROUTES: &[(&str, &str, Tweeling)] = &[
    ("GET", "/", Api("GET /api/v1/taken")),
    ("GET", "/inloggen", AANMELDEN),
    ("POST", "/inloggen", AANMELDEN),
    ("POST", "/uitloggen", AANMELDEN),
    ("GET", "/account", Api("GET /api/v1/ik")),
    ("GET", "/account/wachtwoord", AANMELDEN),
    ("POST", "/account/wachtwoord", AANMELDEN),
    (
        "POST",
        "/account/tokens",
        Geen("Een token maakt een mens in de browser of met `vangnet gebruiker token`; een token maakt geen nieuw token, zodat een gestolen token zich niet vermenigvuldigt."),
    ),
    (
        "POST",
        "/account/tokens/{id}/intrekken",
        Api("POST /api/v1/tokens/{id}/intrekking"),
    ),
    ("GET", "/gebruikers", Api("GET /api/v1/gebruikers")),
    ("POST", "/gebruikers", Api("POST /api/v1/gebruikers")),
    ("GET", "/gebruikers/nieuw", FORMULIER),
    ("GET", "/gebruikers/{id}", Api("GET /api/v1/gebruikers/{id}")),
    ("POST", "/gebruikers/{id}", Api("POST /api/v1/gebruikers/{id}")),
    (
        "POST",
        "/gebruikers/{id}/wachtwoord-reset",
        Api("POST /api/v1/gebruikers/{id}/wachtwoord-reset"),
    ),
    (
        "POST",
        "/beheerverzoeken/{id}/beoordelen",
        Api("POST /api/v1/beheerverzoeken/{id}/beoordeling"),
    ),
    ("GET", "/teams", Api("GET /api/v1/teams")),
    ("POST", "/teams", Api("POST /api/v1/teams")),
    ("GET", "/teams/{id}", Api("GET /api/v1/teams/{id}")),
    ("POST", "/teams/{id}", Api("POST /api/v1/teams/{id}")),
    ("POST", "/teams/{id}/leden", Api("POST /api/v1/teams/{id}/leden")),
    (
        "POST",
        "/teams/{id}/leden/verwijderen",
        Api("POST /api/v1/teams/{id}/leden"),
    ),
    ("GET", "/zoeken", Api("GET /api/v1/zoeken")),
    ("GET", "/telefoon", FORMULIER),
    ("POST", "/telefoon", Api("POST /api/v1/contactmomenten")),
    ("GET", "/contactmomenten", Api("GET /api/v1/contactmomenten")),
    (
        "POST",
        "/contactmomenten/{id}/koppelen",
        Api("POST /api/v1/contactmomenten/{id}/koppeling"),
    ),
    ("GET", "/taken/{id}/terugbellen", FORMULIER),
    (
        "POST",
        "/taken/{id}/terugbellen",
        Api("POST /api/v1/taken/{id}/terugbellen"),
    ),
    ("POST", "/dossiers", Api("POST /api/v1/dossiers")),
    ("GET", "/dossiers/nieuw", FORMULIER),
    ("GET", "/dossiers/{id}", Api("GET /api/v1/dossiers/{id}")),
    (
        "GET",
        "/dossiers/{id}/berekening",
        Api("GET /api/v1/dossiers/{id}/berekening"),
    ),
    (
        "GET",
        "/proefberekening",
        Api("POST /api/v1/proefberekening"),
    ),
    ("POST", "/taken", Api("POST /api/v1/taken")),
    ("GET", "/taken/{id}", Api("GET /api/v1/taken/{id}")),
    ("POST", "/taken/{id}/status", Api("POST /api/v1/taken/{id}/status")),
    (
        "POST",
        "/dossiers/{id}/toewijzen",
        Api("POST /api/v1/dossiers/{id}/toewijzing"),
    ),
    (
        "POST",
        "/dossiers/{id}/uitsluiten",
        Api("POST /api/v1/uitsluitingen"),
    ),
    (
        "POST",
        "/dossiers/{id}/uitkering",
        Api("POST /api/v1/dossiers/{id}/uitkering"),
    ),
    ("GET", "/dossiers/{id}/toekennen", FORMULIER),
    (
        "POST",
        "/dossiers/{id}/afhandelen",
        Api("POST /api/v1/dossiers/{id}/afhandeling"),
    ),
    (
        "POST",
        "/dossiers/{id}/toekennen/voorbeeld",
        Api("POST /api/v1/dossiers/{id}/uitkering/voorbeeld"),
    ),
    ("GET", "/toekenningen/{id}", Api("GET /api/v1/toekenningen/{id}")),
    (
        "POST",
        "/toekenningen/{id}/beoordelen",
        Api("POST /api/v1/toekenningen/{id}/beoordeling"),
    ),
    (
        "GET",
        "/dossiers/{id}/voorschotten",
        Api("GET /api/v1/dossiers/{id}/voorschotten"),
    ),
    (
        "POST",
        "/dossiers/{id}/voorschotten",
        Api("POST /api/v1/dossiers/{id}/voorschotten"),
    ),
    ("GET", "/rekeningen", Api("GET /api/v1/rekeningen")),
    ("GET", "/rekeningen/{id}", Api("GET /api/v1/rekeningen/{id}")),
    (
        "POST",
        "/rekeningen/{id}/beoordelen",
        Api("POST /api/v1/rekeningen/{id}/beoordeling"),
    ),
    (
        "POST",
        "/dossiers/{id}/voorschotten/berekenen",
        Api("GET /api/v1/dossiers/{id}/voorschotten"),
    ),
    (
        "POST",
        "/dossiers/{id}/vermogen",
        Api("POST /api/v1/dossiers/{id}/vermogen"),
    ),
    ("GET", "/dossiers/{id}/vermogen/nieuw", FORMULIER),
    (
        "POST",
        "/dossiers/{id}/vermogen/voorbeeld",
        Api("POST /api/v1/dossiers/{id}/vermogen/voorbeeld"),
    ),
    (
        "POST",
        "/dossiers/{id}/vermogen/{opgave}/vervallen",
        Api("POST /api/v1/dossiers/{id}/vermogen/{opgave}/vervallen"),
    ),
    (
        "POST",
        "/dossiers/{id}/mutaties",
        Api("POST /api/v1/uitkeringen/{id}/mutaties"),
    ),
    ("GET", "/dossiers/{id}/mutaties/nieuw", FORMULIER),
    (
        "POST",
        "/dossiers/{id}/mutaties/voorbeeld",
        Api("POST /api/v1/uitkeringen/{id}/mutaties/voorbeeld"),
    ),
    ("GET", "/mutaties/{id}", Api("GET /api/v1/mutaties/{id}")),
    (
        "POST",
        "/mutaties/{id}/beoordelen",
        Api("POST /api/v1/mutaties/{id}/beoordeling"),
    ),
    (
        "POST",
        "/meldingen/{id}/gelezen",
        Api("POST /api/v1/meldingen/{id}/gelezen"),
    ),
    ("GET", "/betaalruns", Api("GET /api/v1/betaalruns")),
    ("POST", "/betaalruns", Api("POST /api/v1/betaalruns")),
    ("POST", "/betaalruns/tussentijds", Api("POST /api/v1/betaalruns")),
    ("GET", "/betaalruns/{id}", Api("GET /api/v1/betaalruns/{id}")),
    (
        "POST",
        "/betaalruns/{id}/berekenen",
        Api("POST /api/v1/betaalruns/{id}/berekenen"),
    ),
    (
        "POST",
        "/betaalruns/{id}/goedkeuren",
        Api("POST /api/v1/betaalruns/{id}/goedkeuring"),
    ),
    (
        "POST",
        "/betaalruns/{id}/afbreken",
        Api("POST /api/v1/betaalruns/{id}/afbreken"),
    ),
    (
        "GET",
        "/betaalruns/{id}/pain.xml",
        Api("GET /api/v1/betaalruns/{id}/betaalbestand"),
    ),
    (
        "GET",
        "/betaalruns/{id}/regels.csv",
        Api("GET /api/v1/betaalruns/{id}/regels"),
    ),
    (
        "GET",
        "/dossiers/{id}/betalingen",
        Api("GET /api/v1/dossiers/{id}/betalingen"),
    ),
    ("GET", "/teams/{id}/werk", Api("GET /api/v1/teams/{id}/werk")),
    (
        "GET",
        "/teams/{id}/werk.csv",
        Geen("Dezelfde cijfers als spreadsheet voor een mens; een koppeling leest ze als JSON (GET /api/v1/teams/{id}/werk)."),
    ),
    (
        "POST",
        "/teams/{id}/afwezigheid",
        Api("POST /api/v1/afwezigheden"),
    ),
    (
        "POST",
        "/teams/{id}/herverdelen",
        Api("POST /api/v1/teams/{id}/herverdeling"),
    ),
    ("GET", "/werk/inrichting", Api("GET /api/v1/werk/inrichting")),
    (
        "POST",
        "/werk/servicenormen",
        Api("POST /api/v1/werk/servicenormen"),
    ),
    (
        "POST",
        "/werk/gelijkgestelde-dagen",
        Api("POST /api/v1/werk/gelijkgestelde-dagen"),
    ),
    (
        "POST",
        "/werk/gelijkgestelde-dagen/{datum}/verwijderen",
        Api("POST /api/v1/werk/gelijkgestelde-dagen/{datum}/verwijdering"),
    ),
    (
        "POST",
        "/werk/postcodegebieden",
        Api("POST /api/v1/werk/postcodegebieden"),
    ),
    (
        "POST",
        "/werk/contactonderwerpen",
        Api("POST /api/v1/werk/contactonderwerpen"),
    ),
    ("POST", "/werk/gewichten", Api("POST /api/v1/werk/gewichten")),
    ("POST", "/werk/vier-ogen", Api("POST /api/v1/werk/vier-ogen")),
    ("GET", "/normen", Api("GET /api/v1/normen")),
    ("POST", "/normen", Api("POST /api/v1/normen")),
    ("GET", "/jobs", Api("GET /api/v1/jobs")),
    (
        "POST",
        "/jobs/{id}/annuleren",
        Api("POST /api/v1/jobs/{id}/annuleren"),
    ),
    ("POST", "/jobs/{id}/opnieuw", Api("POST /api/v1/jobs/{id}/opnieuw")),
    (
        "POST",
        "/normen/voorbeeld",
        Api("POST /api/v1/normen/voorbeeld"),
    ),
    (
        "GET",
        "/personen/bsn",
        Geen("Hulp bij het formulier van een aanvraag (is dit BSN bekend?); in de API: zoeken op BSN (GET /api/v1/zoeken), en een aanvraag met een bekend BSN en een andere naam wordt geweigerd."),
    ),
    ("GET", "/personen/{id}", Api("GET /api/v1/personen/{id}")),
    (
        "POST",
        "/personen/{id}",
        Api("POST /api/v1/personen/{id}/wijziging"),
    ),
    ("GET", "/personen/{id}/wijzigen", FORMULIER),
    ("GET", "/audit", Api("GET /api/v1/audit")),
    ("GET", "/audit/controle", Api("GET /api/v1/audit/controle")),
    ("GET", "/toegangslog", Api("GET /api/v1/toegangslog")),
];
