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
pub mod jobs;
pub mod mutatie;
pub mod normen;
pub mod rekeningen;
pub mod start;
pub mod teams;
pub mod uitkering;
pub mod vermogen;
pub mod voorschotten;
pub mod werk;

/// Een veilig terugadres: alleen een gewoon pad binnen Vangnet (issue 17, punt 8). Het begint met
/// één `/`, en bestaat verder uit zichtbare ASCII-tekens zonder backslash: een browser haalt tabs
/// en regeleinden uit een URL (`/\t/elders.example` wordt `//elders.example`, een andere site), en
/// een stuurteken in een `Location`-header kan niet eens verstuurd worden.
pub fn lokaal_pad(p: &str) -> Option<&str> {
    let goed = p.as_bytes().first() == Some(&b'/')
        && !matches!(p.as_bytes().get(1), Some(b'/' | b'\\'))
        && p.len() <= 2000
        && p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    goed.then_some(p)
}

/// Vaste bevestigingen na een handeling (Post/Redirect/Get): de URL draagt alleen een code.
pub fn bevestiging(code: Option<&str>) -> Option<String> {
    let tekst = match code? {
        "team-aangemaakt" => "Het team is aangemaakt.",
        "team-gewijzigd" => "Het team is opgeslagen.",
        "lid-toegevoegd" => "Het teamlid is toegevoegd.",
        "lid-verwijderd" => "Het teamlid is verwijderd.",
        "gebruiker-gewijzigd" => "De gebruiker is opgeslagen.",
        "wachtwoord-gewijzigd" => "Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd en uw API-tokens ingetrokken.",
        "token-ingetrokken" => "Het token is ingetrokken.",
        "dossier-geregistreerd" => "De aanvraag is geregistreerd.",
        "persoon-gewijzigd" => "De gegevens van de persoon zijn opgeslagen.",
        "rekening-ter-beoordeling" => "De gegevens zijn opgeslagen. De nieuwe bankrekening gaat pas in als een tweede medewerker haar goedkeurt (vier ogen); daarna krijgt de cliënt een brief.",
        "rekening-goedgekeurd" => "De nieuwe bankrekening is goedgekeurd; er staat een taak klaar om de cliënt een brief te sturen.",
        "rekening-afgewezen" => "De nieuwe bankrekening is afgewezen; de oude blijft gelden.",
        "normen-geladen" => "De normtabellen zijn geladen en gelden vanaf nu. Alle uitkeringen worden op de achtergrond herberekend.",
        "job-annuleren" => "De job stopt na de partij waaraan zij werkt; wat al vastlag, blijft.",
        "job-opnieuw" => "De job staat weer in de rij en gaat verder waar zij was.",
        "taak-bijgewerkt" => "De taak is bijgewerkt.",
        "taak-aangemaakt" => "De taak is aangemaakt.",
        "dossier-toegewezen" => "Het dossier is toegewezen.",
        "afwezigheid" => "De afwezigheid is geregistreerd.",
        "herverdeeld" => "Het werk is herverdeeld.",
        "uitkering-toegekend" => "De uitkering is toegekend en per maand berekend.",
        "aanvraag-afgehandeld" => "Het besluit op de aanvraag is vastgelegd; de taken beslissen en voorschot zijn klaar.",
        "toekenning-voorgelegd" => "De toekenning wacht op goedkeuring door een tweede consulent (vier ogen); pas daarna is de uitkering er.",
        "toekenning-goedgekeurd" => "De toekenning is goedgekeurd: de uitkering is toegekend en per maand berekend.",
        "toekenning-afgewezen" => "De toekenning is afgewezen; wie haar voorlegde, heeft een taak om opnieuw te beslissen.",
        "vermogen-vastgelegd" => "De opgave van het vermogen is vastgelegd en getoetst (zie Vermogen).",
        "vermogen-vervallen" => "De opgave van het vermogen is vervallen; zij blijft zichtbaar in de lijst.",
        "mutatie-verwerkt" => "De mutatie is verwerkt; de maanden zijn opnieuw berekend.",
        "mutatie-wacht" => "De mutatie is geregistreerd en wacht op goedkeuring door een tweede consulent.",
        "mutatie-goedgekeurd" => "De mutatie is goedgekeurd en verwerkt.",
        "mutatie-afgewezen" => "De mutatie is afgewezen.",
        "uitgesloten" => "De uitsluiting is geregistreerd; deze consulent krijgt geen dossier van deze cliënt meer.",
        "servicenorm" => "De servicenorm is opgeslagen; nieuwe taken krijgen de nieuwe deadline.",
        "gelijkgesteld" => "De dag is met een feestdag gelijkgesteld; termijnen en servicenormen rekenen ermee.",
        "niet-gelijkgesteld" => "De dag is weer een gewone werkdag.",
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

#[cfg(test)]
mod tests {
    use super::lokaal_pad;

    /// Issue 17 punt 8: alleen een gewoon pad binnen Vangnet.
    #[test]
    fn alleen_gewone_lokale_paden() {
        for goed in [
            "/",
            "/dossiers/12",
            "/zoeken?q=jan&p=2",
            "/a%09b",
            "/audit?actie=team.",
        ] {
            assert_eq!(lokaal_pad(goed), Some(goed), "{goed:?}");
        }
        for fout in [
            "",
            "dossiers",
            "//elders.example",
            "/\\elders.example",
            "/\t/elders.example",
            "/\n/elders.example",
            "/\r/elders.example",
            "/\u{b}/elders.example",
            "/ /elders.example",
            "/\u{a0}x",
            "/é",
            "https://elders.example",
            "/\\",
            "\\\\elders.example",
        ] {
            assert_eq!(lokaal_pad(fout), None, "{fout:?}");
        }
        assert_eq!(lokaal_pad(&format!("/{}", "a".repeat(2000))), None);
    }
}
