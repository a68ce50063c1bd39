//! De HTML-pagina's, per onderwerp. Elke handler leest invoer, roept één use case aan en toont
//! de uitkomst; rechten controleert de use case.

pub mod account;
pub mod audit;
pub mod beheerverzoeken;
pub mod berekening;
pub mod betaalruns;
pub mod clienten;
pub mod contact;
pub mod gebruikers;
pub mod normen;
pub mod start;
pub mod teams;
pub mod uitkering;
pub mod werk;

/// Een veilig terugadres: alleen een pad binnen Vangnet.
pub fn lokaal_pad(p: &str) -> Option<&str> {
    (p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains("://"))
        .then_some(p)
}

/// Vaste bevestigingen na een handeling (Post/Redirect/Get): de URL draagt alleen een code.
pub fn bevestiging(code: Option<&str>) -> Option<String> {
    let tekst = match code? {
        "team-aangemaakt" => "Het team is aangemaakt.",
        "team-gewijzigd" => "Het team is opgeslagen.",
        "lid-toegevoegd" => "Het teamlid is toegevoegd.",
        "lid-verwijderd" => "Het teamlid is verwijderd.",
        "gebruiker-gewijzigd" => "De gebruiker is opgeslagen.",
        "wachtwoord-gewijzigd" => "Uw wachtwoord is gewijzigd.",
        "token-ingetrokken" => "Het token is ingetrokken.",
        "dossier-geregistreerd" => "De aanvraag is geregistreerd.",
        "persoon-gewijzigd" => "De gegevens van de persoon zijn opgeslagen.",
        "normen-geladen" => "De normtabellen zijn geladen en gelden vanaf nu.",
        "taak-bijgewerkt" => "De taak is bijgewerkt.",
        "taak-aangemaakt" => "De taak is aangemaakt.",
        "dossier-toegewezen" => "Het dossier is toegewezen.",
        "afwezigheid" => "De afwezigheid is geregistreerd.",
        "herverdeeld" => "Het werk is herverdeeld.",
        "uitkering-toegekend" => "De uitkering is toegekend en per maand berekend.",
        "mutatie-verwerkt" => "De mutatie is verwerkt; de maanden zijn opnieuw berekend.",
        "mutatie-wacht" => "De mutatie is geregistreerd en wacht op goedkeuring door een tweede consulent.",
        "mutatie-goedgekeurd" => "De mutatie is goedgekeurd en verwerkt.",
        "mutatie-afgewezen" => "De mutatie is afgewezen.",
        "uitgesloten" => "De uitsluiting is geregistreerd; deze consulent krijgt geen dossier van deze cliënt meer.",
        "servicenorm" => "De servicenorm is opgeslagen; nieuwe taken krijgen de nieuwe deadline.",
        "postcodegebieden" => "De postcodegebieden zijn opgeslagen.",
        "vier-ogen" => "Vier ogen is ingericht; het geldt voor nieuwe mutaties.",
        "vier-ogen-verzoek" => "De nieuwe inrichting van vier ogen wacht op goedkeuring door een tweede functioneel beheerder.",
        "verzoek-goedgekeurd" => "Het verzoek is goedgekeurd en uitgevoerd.",
        "verzoek-afgewezen" => "Het verzoek is afgewezen.",
        "run-berekenen" => "De run wordt berekend; de voortgang staat hieronder.",
        "run-goedgekeurd" => "De betaalrun is goedgekeurd en verwerkt; het betaalbestand kan worden gedownload.",
        "run-afgebroken" => "De betaalrun is afgebroken.",
        "gewicht" => "Het gewicht is opgeslagen; de verdeling rekent er vanaf nu mee.",
        "contactonderwerpen" => "De onderwerpen zijn opgeslagen; de keuzelijst bij een notitie volgt ze.",
        "contact-gekoppeld" => "Het contactmoment is aan deze persoon gekoppeld.",
        "teruggebeld" => "Het gesprek is vastgelegd en het terugbelverzoek is afgerond.",
        "niet-bereikt" => "De poging is vastgelegd; het terugbelverzoek blijft open.",
        _ => return None,
    };
    Some(tekst.to_owned())
}

#[derive(serde::Deserialize, Default)]
pub struct Gedaan {
    pub gedaan: Option<String>,
}
