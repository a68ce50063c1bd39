//! De autorisatiematrix: elke route × elke rol (en zonder aanmelding) → verwachte uitkomst.
//! Een route die in de router staat maar niet in deze matrix, laat de test falen.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use vangnet_domain::{Recht, Rol};
use vangnet_testkit::{persona, TestApp, PERSONA_WACHTWOORD};

/// Wie mag een route gebruiken.
#[derive(Clone, Copy, Debug)]
enum Toegang {
    /// Ook zonder aanmelding.
    Publiek,
    /// Elke ingelogde gebruiker.
    Ingelogd,
    /// Wie dit recht heeft.
    MetRecht(Recht),
    /// Wie een van deze twee rechten heeft.
    EenVan(Recht, Recht),
}

struct Route {
    methode: Method,
    /// Het patroon zoals in de router.
    patroon: &'static str,
    toegang: Toegang,
    /// Formuliervelden (HTML) of JSON (API) voor een POST.
    invoer: &'static str,
}

const fn r(
    methode: Method,
    patroon: &'static str,
    toegang: Toegang,
    invoer: &'static str,
) -> Route {
    Route {
        methode,
        patroon,
        toegang,
        invoer,
    }
}

fn matrix() -> Vec<Route> {
    use Toegang::*;
    let get = Method::GET;
    let post = Method::POST;
    vec![
        r(get.clone(), "/", Ingelogd, ""),
        r(get.clone(), "/inloggen", Publiek, ""),
        r(post.clone(), "/inloggen", Publiek, ""),
        r(get.clone(), "/account", Ingelogd, ""),
        r(get.clone(), "/account/wachtwoord", Ingelogd, ""),
        r(
            post.clone(),
            "/account/wachtwoord",
            Ingelogd,
            "huidig=fout&nieuw=x&herhaling=y",
        ),
        r(post.clone(), "/account/tokens", Ingelogd, "omschrijving="),
        r(post.clone(), "/account/tokens/{id}/intrekken", Ingelogd, ""),
        r(
            get.clone(),
            "/gebruikers",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            post.clone(),
            "/gebruikers",
            MetRecht(Recht::GebruikersBeheren),
            "gebruikersnaam=&volledige_naam=",
        ),
        r(
            get.clone(),
            "/gebruikers/nieuw",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            get.clone(),
            "/gebruikers/{id}",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            post.clone(),
            "/gebruikers/{id}",
            MetRecht(Recht::GebruikersBeheren),
            "volledige_naam=&versie=1",
        ),
        r(
            post.clone(),
            "/gebruikers/{id}/wachtwoord-reset",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            post.clone(),
            "/beheerverzoeken/{id}/beoordelen",
            EenVan(Recht::GebruikersBeheren, Recht::WerkInrichten),
            "versie=1&besluit=goedkeuren",
        ),
        r(get.clone(), "/teams", MetRecht(Recht::TeamsInzien), ""),
        r(
            post.clone(),
            "/teams",
            MetRecht(Recht::TeamsBeheren),
            "naam=",
        ),
        r(get.clone(), "/teams/{id}", MetRecht(Recht::TeamsInzien), ""),
        r(
            post.clone(),
            "/teams/{id}",
            MetRecht(Recht::TeamsBeheren),
            "naam=&versie=1",
        ),
        r(
            post.clone(),
            "/teams/{id}/leden",
            MetRecht(Recht::TeamsBeheren),
            "gebruikersnaam=niemand",
        ),
        r(
            post.clone(),
            "/teams/{id}/leden/verwijderen",
            MetRecht(Recht::TeamsBeheren),
            "gebruikersnaam=niemand",
        ),
        r(get.clone(), "/zoeken", MetRecht(Recht::ClientenInzien), ""),
        r(
            get.clone(),
            "/dossiers/nieuw",
            MetRecht(Recht::DossiersRegistreren),
            "",
        ),
        r(
            post.clone(),
            "/dossiers",
            MetRecht(Recht::DossiersRegistreren),
            "ontvangen_op=gisteren",
        ),
        r(
            get.clone(),
            "/dossiers/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/personen/bsn",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/personen/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(get.clone(), "/audit", MetRecht(Recht::AuditInzien), ""),
        r(
            get.clone(),
            "/audit/controle",
            MetRecht(Recht::AuditInzien),
            "",
        ),
        r(
            get.clone(),
            "/toegangslog",
            MetRecht(Recht::ToegangslogInzien),
            "",
        ),
        r(get.clone(), "/api/v1/openapi.json", Publiek, ""),
        r(get.clone(), "/api/v1/ik", Ingelogd, ""),
        r(
            get.clone(),
            "/api/v1/gebruikers",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/gebruikers",
            MetRecht(Recht::GebruikersBeheren),
            r#"{"gebruikersnaam":"","volledige_naam":"","rollen":[]}"#,
        ),
        r(
            get.clone(),
            "/api/v1/gebruikers/{id}",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/teams",
            MetRecht(Recht::TeamsInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/teams",
            MetRecht(Recht::TeamsBeheren),
            r#"{"naam":""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/zoeken",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/personen/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/huishoudens/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers",
            MetRecht(Recht::DossiersRegistreren),
            r#"{"ontvangen_op":"","aanvrager":{"bsn":""},"adres":{"straat":"","huisnummer":"","postcode":"","woonplaats":""}}"#,
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/personen/{id}/wijzigen",
            MetRecht(Recht::DossiersRegistreren),
            "",
        ),
        r(
            post.clone(),
            "/personen/{id}",
            MetRecht(Recht::DossiersRegistreren),
            "versie=1&geslachtsnaam=",
        ),
        r(
            get.clone(),
            "/proefberekening",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(get.clone(), "/normen", Ingelogd, ""),
        r(
            post.clone(),
            "/taken",
            MetRecht(Recht::ClientenInzien),
            "omschrijving=&deadline=",
        ),
        r(
            get.clone(),
            "/taken/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/taken/{id}/status",
            MetRecht(Recht::ClientenInzien),
            "versie=1&status=gereed",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/toewijzen",
            MetRecht(Recht::TakenToewijzen),
            "dossier_versie=1&consulent=999999",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/uitsluiten",
            MetRecht(Recht::AfwezigheidRegistreren),
            "uit_consulent=1&client=1&uit_reden=",
        ),
        r(post.clone(), "/meldingen/{id}/gelezen", Ingelogd, ""),
        r(
            post.clone(),
            "/dossiers/{id}/uitkering",
            MetRecht(Recht::UitkeringenBeheren),
            "begindatum=&inhoud=",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/mutaties",
            MetRecht(Recht::UitkeringenBeheren),
            "soort=inkomen_start",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/mutaties/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            "soort=inkomen_start",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/mutaties/nieuw",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/mutaties/{id}/beoordelen",
            MetRecht(Recht::UitkeringenBeheren),
            "versie=1&besluit=goedkeuren",
        ),
        r(
            get.clone(),
            "/mutaties/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/toekennen",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/afhandelen",
            MetRecht(Recht::UitkeringenBeheren),
            "uitkomst=",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/toekennen/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            "begindatum=",
        ),
        r(
            get.clone(),
            "/toekenningen/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/toekenningen/{id}/beoordelen",
            MetRecht(Recht::UitkeringenBeheren),
            "versie=1&besluit=goedkeuren",
        ),
        r(
            post.clone(),
            "/betaalruns/tussentijds",
            MetRecht(Recht::BetaalrunStarten),
            "betaaldatum=x",
        ),
        r(
            get.clone(),
            "/rekeningen",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            get.clone(),
            "/rekeningen/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/rekeningen/{id}/beoordelen",
            MetRecht(Recht::UitkeringenBeheren),
            "versie=1&besluit=afwijzen&reden=x",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/voorschotten",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/voorschotten",
            MetRecht(Recht::UitkeringenBeheren),
            "besluit=verleend&volgnummer=1",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/voorschotten/berekenen",
            MetRecht(Recht::UitkeringenBeheren),
            "inkomen=1",
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}/voorschotten",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/voorschotten",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"besluit":"verleend","volgnummer":1}"#,
        ),
        r(
            post.clone(),
            "/dossiers/{id}/vermogen/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            "peildatum=",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/vermogen",
            MetRecht(Recht::UitkeringenBeheren),
            "peildatum=x",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/vermogen/nieuw",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/dossiers/{id}/vermogen/{opgave}/vervallen",
            MetRecht(Recht::UitkeringenBeheren),
            "reden=x",
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}/vermogen",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/vermogen",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"peildatum":"x"}"#,
        ),
        r(
            get.clone(),
            "/teams/{id}/werk",
            MetRecht(Recht::TakenToewijzen),
            "",
        ),
        r(
            get.clone(),
            "/teams/{id}/werk.csv",
            MetRecht(Recht::TakenToewijzen),
            "",
        ),
        r(
            post.clone(),
            "/teams/{id}/afwezigheid",
            MetRecht(Recht::AfwezigheidRegistreren),
            "gebruiker=&van=&tot_en_met=",
        ),
        r(
            post.clone(),
            "/teams/{id}/herverdelen",
            MetRecht(Recht::TakenToewijzen),
            "gebruiker=",
        ),
        r(
            get.clone(),
            "/werk/inrichting",
            MetRecht(Recht::WerkInrichten),
            "",
        ),
        r(
            post.clone(),
            "/werk/servicenormen",
            MetRecht(Recht::WerkInrichten),
            "soort=registratie&eenheid=werkdagen&aantal=x&waarschuwen=0",
        ),
        r(
            post.clone(),
            "/werk/gelijkgestelde-dagen",
            MetRecht(Recht::WerkInrichten),
            "datum=x&omschrijving=&bron=",
        ),
        r(
            post.clone(),
            "/werk/gelijkgestelde-dagen/{datum}/verwijderen",
            MetRecht(Recht::WerkInrichten),
            "",
        ),
        r(
            post.clone(),
            "/werk/vier-ogen",
            MetRecht(Recht::WerkInrichten),
            "drempel=x",
        ),
        r(
            post.clone(),
            "/werk/gewichten",
            MetRecht(Recht::WerkInrichten),
            "zaaktype=aanvraag_levensonderhoud&gewicht=x",
        ),
        r(
            post.clone(),
            "/werk/postcodegebieden",
            MetRecht(Recht::WerkInrichten),
            "gebieden=1000+1999+Noord",
        ),
        r(
            post.clone(),
            "/werk/contactonderwerpen",
            MetRecht(Recht::WerkInrichten),
            "onderwerpen=",
        ),
        r(
            post.clone(),
            "/normen",
            MetRecht(Recht::NormenBeheren),
            "inhoud=",
        ),
        r(
            post.clone(),
            "/normen/voorbeeld",
            MetRecht(Recht::NormenBeheren),
            "inhoud=",
        ),
        r(get.clone(), "/jobs", Ingelogd, ""),
        r(
            post.clone(),
            "/jobs/{id}/annuleren",
            EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/jobs/{id}/opnieuw",
            EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
            "",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/berekening",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}/uitkering",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/uitkeringen/{id}/mutaties",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"soort":"inkomen_start","ingangsdatum":"2026-01-01","reden":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/uitkeringen/{id}/mutaties/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"soort":"inkomen_start","ingangsdatum":"2026-01-01","reden":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/mutaties/{id}/beoordeling",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"versie":1,"goedkeuren":true}"#,
        ),
        r(
            get.clone(),
            "/api/v1/contactmomenten",
            MetRecht(Recht::ContactmomentenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/contactmomenten",
            MetRecht(Recht::ContactmomentenVastleggen),
            r#"{"tekst": ""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/contactmomenten/{id}",
            MetRecht(Recht::ContactmomentenInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/audit",
            MetRecht(Recht::AuditInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/toegangslog",
            MetRecht(Recht::ToegangslogInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/vermogen/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"peildatum":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/proefberekening",
            MetRecht(Recht::ClientenInzien),
            r#"{"maand":"x"}"#,
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}/berekening",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/vermogen/{opgave}/vervallen",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"reden":"x"}"#,
        ),
        r(
            get.clone(),
            "/api/v1/audit/controle",
            MetRecht(Recht::AuditInzien),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/werk/inrichting",
            MetRecht(Recht::WerkInrichten),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/werk/servicenormen",
            MetRecht(Recht::WerkInrichten),
            r#"{"soort":"registratie","eenheid":"werkdagen","aantal":"x","waarschuwen":"0"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/gewichten",
            MetRecht(Recht::WerkInrichten),
            r#"{"zaaktype":"aanvraag_levensonderhoud","gewicht":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/vier-ogen",
            MetRecht(Recht::WerkInrichten),
            r#"{"drempel":"x","soorten":[]}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/postcodegebieden",
            MetRecht(Recht::WerkInrichten),
            r#"{"regels":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/contactonderwerpen",
            MetRecht(Recht::WerkInrichten),
            r#"{"regels":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/gelijkgestelde-dagen",
            MetRecht(Recht::WerkInrichten),
            r#"{"datum":"x","omschrijving":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/werk/gelijkgestelde-dagen/{datum}/verwijdering",
            MetRecht(Recht::WerkInrichten),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/teams/{id}",
            MetRecht(Recht::TeamsInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/teams/{id}",
            MetRecht(Recht::TeamsBeheren),
            r#"{"versie":999,"naam":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/teams/{id}/leden",
            MetRecht(Recht::TeamsBeheren),
            r#"{"gebruikersnaam":"bestaat-niet","lid":true}"#,
        ),
        r(
            post.clone(),
            "/api/v1/gebruikers/{id}",
            MetRecht(Recht::GebruikersBeheren),
            r#"{"versie":999,"volledige_naam":"","rollen":[]}"#,
        ),
        r(
            post.clone(),
            "/api/v1/gebruikers/{id}/wachtwoord-reset",
            MetRecht(Recht::GebruikersBeheren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/beheerverzoeken/{id}/beoordeling",
            EenVan(Recht::GebruikersBeheren, Recht::WerkInrichten),
            r#"{"versie":1,"goedkeuren":true}"#,
        ),
        r(
            get.clone(),
            "/api/v1/rekeningen",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/rekeningen/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/rekeningen/{id}/beoordeling",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"versie":1,"goedkeuren":true}"#,
        ),
        r(
            get.clone(),
            "/api/v1/mutaties/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(post.clone(), "/api/v1/tokens/{id}/intrekking", Ingelogd, ""),
        r(post.clone(), "/api/v1/meldingen/{id}/gelezen", Ingelogd, ""),
        r(
            post.clone(),
            "/api/v1/uitsluitingen",
            MetRecht(Recht::AfwezigheidRegistreren),
            r#"{"consulent_id":999999,"persoon_id":999999,"reden":""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/betaalruns/{id}/regels",
            MetRecht(Recht::BetaalbestandDownloaden),
            "",
        ),
        r(get.clone(), "/api/v1/normen", Ingelogd, ""),
        r(
            post.clone(),
            "/api/v1/normen",
            MetRecht(Recht::NormenBeheren),
            r#"{"inhoud":"","vingerafdruk":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/normen/voorbeeld",
            MetRecht(Recht::NormenBeheren),
            r#"{"inhoud":""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/teams/{id}/werk",
            MetRecht(Recht::TakenToewijzen),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/teams/{id}/herverdeling",
            MetRecht(Recht::TakenToewijzen),
            r#"{"gebruiker_id":999999}"#,
        ),
        r(
            post.clone(),
            "/api/v1/afwezigheden",
            MetRecht(Recht::AfwezigheidRegistreren),
            r#"{"gebruiker":"","van":"","tot_en_met":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/toewijzing",
            MetRecht(Recht::TakenToewijzen),
            r#"{"versie":1,"consulent_id":999999}"#,
        ),
        r(
            post.clone(),
            "/api/v1/personen/{id}/wijziging",
            MetRecht(Recht::DossiersRegistreren),
            r#"{"versie":1,"voornamen":"","geslachtsnaam":"","geboortedatum":"","reden":""}"#,
        ),
        r(
            post.clone(),
            "/api/v1/contactmomenten/{id}/koppeling",
            MetRecht(Recht::ContactmomentenVastleggen),
            r#"{"versie":1,"bsn":"1"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/taken/{id}/terugbellen",
            MetRecht(Recht::ContactmomentenVastleggen),
            r#"{"versie":1,"bereikt":true}"#,
        ),
        r(
            get.clone(),
            "/api/v1/taken",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/taken",
            MetRecht(Recht::ClientenInzien),
            r#"{"omschrijving":""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/taken/{id}",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/taken/{id}/status",
            MetRecht(Recht::ClientenInzien),
            r#"{"versie":1,"status":"gereed"}"#,
        ),
        r(
            get.clone(),
            "/api/v1/contactonderwerpen",
            MetRecht(Recht::ContactmomentenInzien),
            "",
        ),
        r(get.clone(), "/api/v1/jobs", Ingelogd, ""),
        r(
            post.clone(),
            "/api/v1/jobs/{id}/annuleren",
            EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/jobs/{id}/opnieuw",
            EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/betaalruns",
            EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/betaalruns",
            MetRecht(Recht::BetaalrunStarten),
            r#"{"maand":"","betaaldatum":"x"}"#,
        ),
        r(
            get.clone(),
            "/api/v1/betaalruns/{id}",
            EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/betaalruns/{id}/berekenen",
            MetRecht(Recht::BetaalrunStarten),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/betaalruns/{id}/goedkeuring",
            MetRecht(Recht::BetaalrunGoedkeuren),
            r#"{"versie":1,"gecontroleerd":true}"#,
        ),
        r(
            post.clone(),
            "/api/v1/betaalruns/{id}/afbreken",
            MetRecht(Recht::BetaalrunStarten),
            r#"{"versie":1,"bevestigd":true}"#,
        ),
        r(
            get.clone(),
            "/api/v1/betaalruns/{id}/betaalbestand",
            MetRecht(Recht::BetaalbestandDownloaden),
            "",
        ),
        r(
            get.clone(),
            "/api/v1/dossiers/{id}/betalingen",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/uitkering",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"begindatum":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/uitkering/voorbeeld",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"begindatum":"x"}"#,
        ),
        r(
            post.clone(),
            "/api/v1/dossiers/{id}/afhandeling",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"uitkomst":"","grond":""}"#,
        ),
        r(
            get.clone(),
            "/api/v1/toekenningen/{id}",
            MetRecht(Recht::UitkeringenBeheren),
            "",
        ),
        r(
            post.clone(),
            "/api/v1/toekenningen/{id}/beoordeling",
            MetRecht(Recht::UitkeringenBeheren),
            r#"{"versie":1,"goedkeuren":true}"#,
        ),
        r(
            get.clone(),
            "/betaalruns",
            EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
            "",
        ),
        r(
            post.clone(),
            "/betaalruns",
            MetRecht(Recht::BetaalrunStarten),
            "maand=&betaaldatum=",
        ),
        r(
            get.clone(),
            "/betaalruns/{id}",
            EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
            "",
        ),
        r(
            post.clone(),
            "/betaalruns/{id}/berekenen",
            MetRecht(Recht::BetaalrunStarten),
            "",
        ),
        r(
            post.clone(),
            "/betaalruns/{id}/goedkeuren",
            MetRecht(Recht::BetaalrunGoedkeuren),
            "versie=1&gecontroleerd=ja",
        ),
        r(
            post.clone(),
            "/betaalruns/{id}/afbreken",
            MetRecht(Recht::BetaalrunStarten),
            "versie=1&afbreken_bevestigd=ja",
        ),
        r(
            get.clone(),
            "/betaalruns/{id}/pain.xml",
            MetRecht(Recht::BetaalbestandDownloaden),
            "",
        ),
        r(
            get.clone(),
            "/betaalruns/{id}/regels.csv",
            MetRecht(Recht::BetaalbestandDownloaden),
            "",
        ),
        r(
            get.clone(),
            "/dossiers/{id}/betalingen",
            MetRecht(Recht::ClientenInzien),
            "",
        ),
        r(
            get.clone(),
            "/telefoon",
            MetRecht(Recht::ContactmomentenVastleggen),
            "",
        ),
        r(
            post.clone(),
            "/telefoon",
            MetRecht(Recht::ContactmomentenVastleggen),
            "tekst=&kanaal=telefoon",
        ),
        r(
            get.clone(),
            "/contactmomenten",
            MetRecht(Recht::ContactmomentenInzien),
            "",
        ),
        r(
            post.clone(),
            "/contactmomenten/{id}/koppelen",
            MetRecht(Recht::ContactmomentenVastleggen),
            "bsn=&versie=1",
        ),
        r(
            get.clone(),
            "/taken/{id}/terugbellen",
            MetRecht(Recht::ContactmomentenVastleggen),
            "",
        ),
        r(
            post.clone(),
            "/taken/{id}/terugbellen",
            MetRecht(Recht::ContactmomentenVastleggen),
            "bereikt=ja&versie=1&tekst=x",
        ),
        r(get.clone(), "/health", Publiek, ""),
        r(get.clone(), "/metrics", Publiek, ""),
        r(get.clone(), "/assets/{bestand}", Publiek, ""),
        r(get.clone(), "/problemen/{soort}", Publiek, ""),
        // Als laatste: uitloggen beëindigt de sessie van de persona.
        r(post, "/uitloggen", Ingelogd, ""),
    ]
}

#[test]
fn de_matrix_dekt_elke_route() {
    let in_matrix: BTreeSet<(String, String)> = matrix()
        .iter()
        .map(|r| (r.methode.to_string(), r.patroon.to_owned()))
        .collect();
    let router = super::routes_in_router();
    assert!(router.len() > 30, "{router:?}");
    let ontbreekt: Vec<_> = router.difference(&in_matrix).collect();
    let overbodig: Vec<_> = in_matrix.difference(&router).collect();
    assert!(
        ontbreekt.is_empty(),
        "routes zonder regel in de autorisatiematrix: {ontbreekt:?}"
    );
    assert!(
        overbodig.is_empty(),
        "matrixregels zonder route: {overbodig:?}"
    );
}

fn mag(toegang: Toegang, rol: Option<Rol>) -> bool {
    match (toegang, rol) {
        (Toegang::Publiek, _) => true,
        (Toegang::Ingelogd, r) => r.is_some(),
        (Toegang::MetRecht(recht), Some(r)) => r.rechten().contains(&recht),
        (Toegang::MetRecht(_), None) => false,
        (Toegang::EenVan(a, b), Some(r)) => r.rechten().contains(&a) || r.rechten().contains(&b),
        (Toegang::EenVan(..), None) => false,
    }
}

#[tokio::test]
async fn elke_route_voor_elke_rol() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let team = t.app.team_aanmaken(&systeem, "Noord", "").await.unwrap();
    let (doel, _) = t
        .app
        .gebruiker_aanmaken(
            &systeem,
            &vangnet_app::beheer::NieuweGebruiker {
                gebruikersnaam: "doelwit".into(),
                volledige_naam: "Doel Wit".into(),
                rollen: vec!["auditor".into()],
            },
        )
        .await
        .unwrap();
    let (dossier, _) = t
        .app
        .aanvraag_registreren(
            &systeem,
            &vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani"),
        )
        .await
        .unwrap();
    let beeld = t.app.dossier(&systeem, dossier, None, None).await.unwrap();
    let (persoon, huishouden) = (beeld.dossier.client_id, beeld.dossier.huishouden_id);
    let mut rollen: Vec<Option<Rol>> = vec![None];
    for rol in Rol::ALLE {
        t.persona(rol).await;
        rollen.push(Some(rol));
    }
    let invullen = |p: &str| {
        // Tokens: een id dat niemand heeft (intrekken mag iedereen proberen; het eigen token blijft).
        let id = if p.starts_with("/teams") || p.starts_with("/api/v1/teams") {
            team
        } else if p.starts_with("/dossiers") || p.starts_with("/api/v1/dossiers") {
            dossier
        } else if p.starts_with("/personen") || p.starts_with("/api/v1/personen") {
            persoon
        } else if p.starts_with("/api/v1/huishoudens") {
            huishouden
        } else if p.starts_with("/account/tokens")
            || p.starts_with("/taken")
            || p.starts_with("/meldingen")
            || p.starts_with("/mutaties")
            || p.starts_with("/toekenningen")
            || p.starts_with("/api/v1/mutaties")
            || p.starts_with("/api/v1/uitkeringen")
            || p.starts_with("/api/v1/taken")
            || p.starts_with("/api/v1/contactmomenten")
            || p.starts_with("/api/v1/rekeningen")
            || p.starts_with("/api/v1/tokens")
            || p.starts_with("/api/v1/meldingen")
            || p.starts_with("/api/v1/toekenningen")
            || p.starts_with("/api/v1/betaalruns")
            || p.starts_with("/betaalruns")
        {
            999_999
        } else {
            doel
        };
        p.replace("{id}", &id.to_string())
            .replace("{bestand}", "vangnet.css")
            .replace("{datum}", "2031-05-30")
            .replace("{opgave}", "999999")
    };
    let mut fouten = Vec::new();
    for rol in rollen {
        let mut b = t.bezoeker();
        let mut token = None;
        if let Some(rol) = rol {
            let a = b.inloggen(persona(rol), PERSONA_WACHTWOORD).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "inloggen als {rol:?}");
            let tok = t
                .app
                .token_aanmaken(&systeem, persona(rol), "matrix")
                .await
                .unwrap();
            token = Some(tok.token);
        }
        for route in matrix() {
            let pad = invullen(route.patroon);
            let api = pad.starts_with("/api/");
            let a = match (api, route.methode.clone()) {
                (true, m) => {
                    let json = (m == Method::POST).then_some(route.invoer);
                    b.api(m, &pad, token.as_deref(), json).await
                }
                (false, Method::GET) => {
                    b.get("/").await; // een vers CSRF-token voor de volgende POST
                    b.get(&pad).await
                }
                (false, _) => {
                    b.get(if rol.is_some() {
                        "/account"
                    } else {
                        "/inloggen"
                    })
                    .await;
                    let velden: Vec<(String, String)> = route
                        .invoer
                        .split('&')
                        .filter(|s| !s.is_empty())
                        .map(|kv| {
                            let (k, v) = kv.split_once('=').unwrap();
                            (k.to_owned(), v.to_owned())
                        })
                        .collect();
                    let velden: Vec<(&str, &str)> = velden
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    b.post(&pad, &velden).await
                }
            };
            let verwacht_toegang = mag(route.toegang, rol);
            let s = a.status;
            let goed = match (verwacht_toegang, rol) {
                (true, _) => {
                    s != StatusCode::FORBIDDEN
                        && s != StatusCode::UNAUTHORIZED
                        && !s.is_server_error()
                        && !(s == StatusCode::SEE_OTHER
                            && a.locatie()
                                .is_some_and(|l| l.starts_with("/inloggen") && pad != "/uitloggen"))
                }
                (false, Some(_)) => s == StatusCode::FORBIDDEN,
                (false, None) if api => s == StatusCode::UNAUTHORIZED,
                (false, None) => {
                    s == StatusCode::SEE_OTHER
                        && a.locatie().is_some_and(|l| l.starts_with("/inloggen"))
                        || route.methode == Method::POST && s == StatusCode::FORBIDDEN
                }
            };
            if !goed {
                fouten.push(format!(
                    "{} {} als {:?}: status {} (locatie {:?}), verwacht {} — {}",
                    route.methode,
                    pad,
                    rol,
                    s,
                    a.locatie(),
                    if verwacht_toegang {
                        "toegang"
                    } else {
                        "geweigerd"
                    },
                    a.tekst.chars().take(300).collect::<String>()
                ));
            }
        }
    }
    assert!(
        fouten.is_empty(),
        "afwijkingen in de autorisatiematrix:\n{}",
        fouten.join("\n")
    );
    t.opruimen().await;
}

/// Issue 17 punt 14: het recht gaat vóór de invoer. Wie het recht niet heeft, krijgt 403, ook als
/// wat hij stuurt onleesbaar is (geen JSON, een pad zonder getal, een stuurteken); wie het wel
/// heeft, krijgt de melding over de invoer.
#[tokio::test]
async fn het_recht_gaat_voor_de_invoer() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let mut tokens = std::collections::BTreeMap::new();
    for rol in [
        Rol::Auditor,
        Rol::FunctioneelBeheerder,
        Rol::Inkomensconsulent,
    ] {
        t.persona(rol).await;
        let tok = t
            .app
            .token_aanmaken(&systeem, persona(rol), "t")
            .await
            .unwrap();
        tokens.insert(persona(rol), tok.token);
    }
    let mut b = t.bezoeker();
    // (methode, pad, body, wie niet mag, wie wel mag)
    let gevallen: &[(Method, &str, &str, Rol, Rol)] = &[
        (
            Method::POST,
            "/api/v1/gebruikers",
            "{dit is geen json",
            Rol::Auditor,
            Rol::FunctioneelBeheerder,
        ),
        (
            Method::POST,
            "/api/v1/dossiers",
            "[]",
            Rol::Auditor,
            Rol::Inkomensconsulent,
        ),
        (
            Method::GET,
            "/api/v1/dossiers/geen-getal",
            "",
            Rol::Auditor,
            Rol::Inkomensconsulent,
        ),
        (
            Method::GET,
            "/api/v1/zoeken?q=a%00",
            "",
            Rol::FunctioneelBeheerder,
            Rol::Inkomensconsulent,
        ),
        (
            Method::POST,
            "/api/v1/uitkeringen/1/mutaties",
            "{\"onbekend\":1}",
            Rol::Auditor,
            Rol::Inkomensconsulent,
        ),
    ];
    for (methode, pad, body, niet, wel) in gevallen {
        let body = (!body.is_empty()).then_some(*body);
        let a = b
            .api(methode.clone(), pad, Some(&tokens[persona(*niet)]), body)
            .await;
        assert_eq!(
            a.status,
            StatusCode::FORBIDDEN,
            "{niet:?} {pad}: {}",
            a.tekst
        );
        assert!(
            a.tekst.contains("\"type\":\"/problemen/geweigerd\""),
            "{niet:?} {pad}: {}",
            a.tekst
        );
        let a = b
            .api(methode.clone(), pad, Some(&tokens[persona(*wel)]), body)
            .await;
        // Een nummer in het pad dat geen nummer is, bestaat niet: 404 (zoals het document zegt).
        let verwacht = if pad.contains("geen-getal") {
            vec![StatusCode::NOT_FOUND]
        } else {
            vec![StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY]
        };
        assert!(
            verwacht.contains(&a.status),
            "{wel:?} {pad}: {} {}",
            a.status,
            a.tekst
        );
    }
    t.opruimen().await;
}
