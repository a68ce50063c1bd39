//! De webschil van Vangnet: axum-router met server-gerenderde pagina's (askama, htmx) en de
//! JSON-API onder `/api/v1`.
//!
//! Hier horen: routes, het omzetten van verzoeken naar use-case-aanroepen en van uitkomsten naar
//! HTML of JSON, sessies en CSRF, beveiligingsheaders, het operatie-id per verzoek, `/health` en
//! `/metrics`. Geen SQL en geen bedrijfsregels: handlers zijn dun en roepen de app-laag aan, die
//! de rechten controleert.

mod aanmelding;
mod api;
mod assets;
mod eenmalig;
mod fout;
mod foutpagina;
mod herkomst;
mod invoer;
mod metingen;
mod paginas;
pub mod proxy;
mod rechten;
pub mod routetabel;
mod schil;
mod sessie;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use vangnet_app::App;

pub use metingen::Metingen;

/// De versie van Vangnet, in de voet van elke pagina.
pub const VERSIE: &str = env!("CARGO_PKG_VERSION");

/// De grootste aanvaarde body van een verzoek (formulieren en JSON).
pub const MAX_BODY: usize = 64 * 1024;

/// Instellingen van de webschil.
#[derive(Debug, Clone)]
pub struct WebInstellingen {
    /// De naam in de kop van elke pagina, bv. "Gemeente Voorbeeldstad".
    pub gemeente: String,
    /// Cookies alleen over HTTPS (`Secure`) en HSTS. Standaard aan.
    pub veilige_cookies: bool,
    /// De eigen reverse proxy's: alleen van hen wordt `X-Forwarded-For` geloofd (zie [`proxy`]).
    pub proxies: Vec<proxy::Netwerk>,
    /// Een demo-installatie: een banner op elke pagina.
    pub demo: bool,
    /// Waar een download (het betaalbestand) even wordt opgebouwd voor hij gestroomd wordt: een
    /// map onder de datamap, alleen voor de eigenaar. Het bestand heeft daar geen naam (zie
    /// [`vangnet_app::bestanden::naamloos`]).
    pub werkmap: std::path::PathBuf,
    /// Zo lang wacht een bezoeker ten hoogste op een antwoord (daarna 503).
    pub verzoek_max: std::time::Duration,
}

/// Standaard voor [`WebInstellingen::verzoek_max`]: ruim boven het langste verzoek dat gemeten
/// is (het betaalbestand van 1 000 000 betalingen opbouwen, enkele seconden).
pub const STANDAARD_VERZOEK_MAX: std::time::Duration = std::time::Duration::from_secs(60);

impl Default for WebInstellingen {
    fn default() -> Self {
        Self {
            gemeente: "Gemeente Voorbeeldstad".into(),
            veilige_cookies: true,
            proxies: Vec::new(),
            demo: false,
            werkmap: std::env::temp_dir(),
            verzoek_max: STANDAARD_VERZOEK_MAX,
        }
    }
}

/// De gedeelde staat van alle handlers.
#[derive(Clone)]
pub struct WebStaat {
    pub app: App,
    pub instellingen: Arc<WebInstellingen>,
    pub metingen: Arc<Metingen>,
}

impl WebStaat {
    pub fn nieuw(app: App, instellingen: WebInstellingen) -> Self {
        Self {
            metingen: Arc::new(Metingen::nieuw(&app)),
            app,
            instellingen: Arc::new(instellingen),
        }
    }
}

/// Alle routes. De volgorde van de lagen: operatie-id en headers buitenom, dan de foutweergave,
/// dan een eigen taak per verzoek (`afmaken`), dan aanmelding en CSRF, dan het recht van de
/// route (`rechten`), dan de controle van de zoekvraag in de URL, dan de handlers.
pub fn router(staat: WebStaat) -> Router {
    use paginas::{
        account, audit, beheerverzoeken, berekening, betaalruns, clienten, contact, gebruikers,
        jobs, mutatie, normen, rekeningen, start, teams, uitkering, vermogen, voorschotten, werk,
    };
    let paginas = Router::new()
        .route("/", get(start::start))
        .route(
            "/inloggen",
            get(start::inlogformulier).post(start::inloggen),
        )
        .route("/uitloggen", post(start::uitloggen))
        .route("/account", get(account::account))
        .route(
            "/account/wachtwoord",
            get(account::wachtwoordformulier).post(account::wachtwoord_wijzigen),
        )
        .route("/account/tokens", post(account::token_aanmaken))
        .route(
            "/account/tokens/{id}/intrekken",
            post(account::token_intrekken),
        )
        .route(
            "/gebruikers",
            get(gebruikers::lijst).post(gebruikers::aanmaken),
        )
        .route("/gebruikers/nieuw", get(gebruikers::nieuw))
        .route(
            "/gebruikers/{id}",
            get(gebruikers::detail).post(gebruikers::wijzigen),
        )
        .route(
            "/gebruikers/{id}/wachtwoord-reset",
            post(gebruikers::wachtwoord_resetten),
        )
        .route(
            "/beheerverzoeken/{id}/beoordelen",
            post(beheerverzoeken::beoordelen),
        )
        .route("/teams", get(teams::lijst).post(teams::aanmaken))
        .route("/teams/{id}", get(teams::detail).post(teams::wijzigen))
        .route("/teams/{id}/leden", post(teams::lid_toevoegen))
        .route(
            "/teams/{id}/leden/verwijderen",
            post(teams::lid_verwijderen),
        )
        .route("/zoeken", get(clienten::zoeken))
        .route(
            "/telefoon",
            get(contact::telefoon).post(contact::vastleggen),
        )
        .route("/contactmomenten", get(contact::contactmomenten))
        .route("/contactmomenten/{id}/koppelen", post(contact::koppelen))
        .route(
            "/taken/{id}/terugbellen",
            get(contact::terugbellen).post(contact::teruggebeld),
        )
        .route("/dossiers", post(clienten::registreren))
        .route("/dossiers/nieuw", get(clienten::nieuw))
        .route("/dossiers/{id}", get(clienten::dossier))
        .route(
            "/dossiers/{id}/berekening",
            get(berekening::dossier_berekening),
        )
        .route("/proefberekening", get(berekening::proefberekening))
        .route("/taken", post(werk::taak_aanmaken))
        .route("/taken/{id}", get(werk::taak))
        .route("/taken/{id}/status", post(werk::taak_status))
        .route("/dossiers/{id}/toewijzen", post(werk::dossier_toewijzen))
        .route("/dossiers/{id}/uitsluiten", post(werk::uitsluiten))
        .route("/dossiers/{id}/uitkering", post(uitkering::toekennen))
        .route("/dossiers/{id}/toekennen", get(uitkering::formulier))
        .route("/dossiers/{id}/afhandelen", post(uitkering::afhandelen))
        .route(
            "/dossiers/{id}/toekennen/voorbeeld",
            post(uitkering::voorbeeld),
        )
        .route("/toekenningen/{id}", get(uitkering::bekijken))
        .route("/toekenningen/{id}/beoordelen", post(uitkering::beoordelen))
        .route(
            "/dossiers/{id}/voorschotten",
            get(voorschotten::tonen).post(voorschotten::vastleggen),
        )
        .route("/rekeningen", get(rekeningen::lijst))
        .route("/rekeningen/{id}", get(rekeningen::tonen))
        .route("/rekeningen/{id}/beoordelen", post(rekeningen::beoordelen))
        .route(
            "/dossiers/{id}/voorschotten/berekenen",
            post(voorschotten::berekenen),
        )
        .route("/dossiers/{id}/vermogen", post(vermogen::vastleggen))
        .route("/dossiers/{id}/vermogen/nieuw", get(vermogen::formulier))
        .route(
            "/dossiers/{id}/vermogen/voorbeeld",
            post(vermogen::voorbeeld),
        )
        .route(
            "/dossiers/{id}/vermogen/{opgave}/vervallen",
            post(vermogen::vervallen),
        )
        .route("/dossiers/{id}/mutaties", post(mutatie::registreren))
        .route("/dossiers/{id}/mutaties/nieuw", get(mutatie::formulier))
        .route(
            "/dossiers/{id}/mutaties/voorbeeld",
            post(mutatie::voorbeeld),
        )
        .route("/mutaties/{id}", get(mutatie::bekijken))
        .route("/mutaties/{id}/beoordelen", post(mutatie::beoordelen))
        .route("/meldingen/{id}/gelezen", post(werk::melding_gelezen))
        .route(
            "/betaalruns",
            get(betaalruns::overzicht).post(betaalruns::starten),
        )
        .route(
            "/betaalruns/tussentijds",
            post(betaalruns::tussentijds_starten),
        )
        .route("/betaalruns/{id}", get(betaalruns::bekijken))
        .route("/betaalruns/{id}/berekenen", post(betaalruns::berekenen))
        .route("/betaalruns/{id}/goedkeuren", post(betaalruns::goedkeuren))
        .route("/betaalruns/{id}/afbreken", post(betaalruns::afbreken))
        .route("/betaalruns/{id}/pain.xml", get(betaalruns::pain))
        .route("/betaalruns/{id}/regels.csv", get(betaalruns::csv))
        .route("/dossiers/{id}/betalingen", get(betaalruns::specificatie))
        .route("/teams/{id}/werk", get(werk::dashboard))
        .route("/teams/{id}/werk.csv", get(werk::dashboard_csv))
        .route("/teams/{id}/afwezigheid", post(werk::afwezigheid))
        .route("/teams/{id}/herverdelen", post(werk::herverdelen))
        .route("/werk/inrichting", get(werk::inrichting))
        .route("/werk/servicenormen", post(werk::servicenorm))
        .route("/werk/gelijkgestelde-dagen", post(werk::gelijkgestelde_dag))
        .route(
            "/werk/gelijkgestelde-dagen/{datum}/verwijderen",
            post(werk::gelijkgestelde_dag_verwijderen),
        )
        .route("/werk/postcodegebieden", post(werk::postcodegebieden))
        .route("/werk/contactonderwerpen", post(werk::contactonderwerpen))
        .route("/werk/gewichten", post(werk::gewicht))
        .route("/werk/vier-ogen", post(werk::vier_ogen))
        .route(
            "/normen",
            get(normen::overzicht)
                .post(normen::laden)
                .layer(DefaultBodyLimit::max(4 * vangnet_app::normen::MAX_BESTAND)),
        )
        .route("/jobs", get(jobs::overzicht))
        .route("/jobs/{id}/annuleren", post(jobs::annuleren))
        .route("/jobs/{id}/opnieuw", post(jobs::opnieuw))
        .route(
            "/normen/voorbeeld",
            post(normen::voorbeeld)
                .layer(DefaultBodyLimit::max(4 * vangnet_app::normen::MAX_BESTAND)),
        )
        .route("/personen/bsn", get(clienten::bsn_opzoeken))
        .route(
            "/personen/{id}",
            get(clienten::persoon).post(clienten::wijzigen),
        )
        .route("/personen/{id}/wijzigen", get(clienten::wijzigformulier))
        .route("/audit", get(audit::audittrail))
        .route("/audit/controle", get(audit::controle))
        .route("/toegangslog", get(audit::toegangslog));
    let api = Router::new()
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/ik", get(api::ik))
        .route(
            "/api/v1/gebruikers",
            get(api::gebruikers).post(api::gebruiker_aanmaken),
        )
        .route(
            "/api/v1/gebruikers/{id}",
            get(api::gebruiker).post(api::beheer::gebruiker_wijzigen),
        )
        .route(
            "/api/v1/gebruikers/{id}/wachtwoord-reset",
            post(api::beheer::wachtwoord_resetten),
        )
        .route(
            "/api/v1/beheerverzoeken/{id}/beoordeling",
            post(api::beheer::beheerverzoek_beoordelen),
        )
        .route(
            "/api/v1/teams/{id}",
            get(api::beheer::team).post(api::beheer::team_wijzigen),
        )
        .route("/api/v1/teams/{id}/leden", post(api::beheer::leden))
        .route("/api/v1/teams", get(api::teams).post(api::team_aanmaken))
        .route("/api/v1/zoeken", get(api::zoeken))
        .route("/api/v1/personen/{id}", get(api::persoon))
        .route(
            "/api/v1/personen/{id}/wijziging",
            post(api::persoon_wijzigen),
        )
        .route(
            "/api/v1/contactmomenten/{id}/koppeling",
            post(api::contact::koppelen),
        )
        .route(
            "/api/v1/taken/{id}/terugbellen",
            post(api::contact::terugbellen),
        )
        .route("/api/v1/huishoudens/{id}", get(api::huishouden))
        .route("/api/v1/dossiers", post(api::aanvraag_registreren))
        .route("/api/v1/dossiers/{id}", get(api::dossier))
        .route(
            "/api/v1/dossiers/{id}/uitkering",
            get(api::uitkering_van_dossier).post(api::uitkering::toekennen),
        )
        .route(
            "/api/v1/dossiers/{id}/uitkering/voorbeeld",
            post(api::uitkering::voorbeeld),
        )
        .route(
            "/api/v1/dossiers/{id}/afhandeling",
            post(api::uitkering::afhandelen),
        )
        .route("/api/v1/toekenningen/{id}", get(api::uitkering::voorstel))
        .route(
            "/api/v1/toekenningen/{id}/beoordeling",
            post(api::uitkering::voorstel_beoordelen),
        )
        .route(
            "/api/v1/dossiers/{id}/vermogen",
            get(api::vermogen_van_dossier).post(api::vermogen_vastleggen),
        )
        .route(
            "/api/v1/dossiers/{id}/voorschotten",
            get(api::voorschotten_van_dossier).post(api::voorschot_vastleggen),
        )
        .route(
            "/api/v1/uitkeringen/{id}/mutaties",
            post(api::mutatie_registreren),
        )
        .route(
            "/api/v1/uitkeringen/{id}/mutaties/voorbeeld",
            post(api::mutatie_voorbeeld),
        )
        .route(
            "/api/v1/mutaties/{id}/beoordeling",
            post(api::mutatie_beoordelen),
        )
        .route(
            "/api/v1/contactmomenten",
            get(api::contactmomenten).post(api::contactmoment_vastleggen),
        )
        .route("/api/v1/contactmomenten/{id}", get(api::contactmoment))
        .route(
            "/api/v1/taken",
            get(api::werk::vandaag).post(api::werk::taak_aanmaken),
        )
        .route("/api/v1/taken/{id}", get(api::werk::taak))
        .route("/api/v1/taken/{id}/status", post(api::werk::taak_status))
        .route(
            "/api/v1/contactonderwerpen",
            get(api::werk::contactonderwerpen),
        )
        .route("/api/v1/teams/{id}/werk", get(api::werk::teamwerk))
        .route(
            "/api/v1/teams/{id}/herverdeling",
            post(api::werk::herverdelen),
        )
        .route("/api/v1/afwezigheden", post(api::werk::afwezigheid))
        .route(
            "/api/v1/dossiers/{id}/toewijzing",
            post(api::werk::dossier_toewijzen),
        )
        .route(
            "/api/v1/normen",
            get(api::normen::overzicht)
                .post(api::normen::laden)
                .layer(DefaultBodyLimit::max(4 * vangnet_app::normen::MAX_BESTAND)),
        )
        .route(
            "/api/v1/normen/voorbeeld",
            post(api::normen::voorbeeld)
                .layer(DefaultBodyLimit::max(4 * vangnet_app::normen::MAX_BESTAND)),
        )
        .route("/api/v1/rekeningen", get(api::rekeningen::open))
        .route("/api/v1/rekeningen/{id}", get(api::rekeningen::een))
        .route(
            "/api/v1/rekeningen/{id}/beoordeling",
            post(api::rekeningen::beoordelen),
        )
        .route("/api/v1/mutaties/{id}", get(api::mutatie))
        .route("/api/v1/tokens/{id}/intrekking", post(api::token_intrekken))
        .route(
            "/api/v1/meldingen/{id}/gelezen",
            post(api::werk::melding_gelezen),
        )
        .route("/api/v1/uitsluitingen", post(api::werk::uitsluiting))
        .route(
            "/api/v1/betaalruns/{id}/regels",
            get(api::betaalruns::regels),
        )
        .route("/api/v1/werk/inrichting", get(api::inrichting::inrichting))
        .route(
            "/api/v1/werk/servicenormen",
            post(api::inrichting::servicenorm),
        )
        .route("/api/v1/werk/gewichten", post(api::inrichting::gewicht))
        .route("/api/v1/werk/vier-ogen", post(api::inrichting::vier_ogen))
        .route(
            "/api/v1/werk/postcodegebieden",
            post(api::inrichting::postcodegebieden),
        )
        .route(
            "/api/v1/werk/contactonderwerpen",
            post(api::inrichting::contactonderwerpen),
        )
        .route(
            "/api/v1/werk/gelijkgestelde-dagen",
            post(api::inrichting::gelijkgestelde_dag),
        )
        .route(
            "/api/v1/werk/gelijkgestelde-dagen/{datum}/verwijdering",
            post(api::inrichting::gelijkgestelde_dag_verwijderen),
        )
        .route("/api/v1/jobs", get(api::werk::jobs))
        .route(
            "/api/v1/jobs/{id}/annuleren",
            post(api::werk::job_annuleren),
        )
        .route("/api/v1/jobs/{id}/opnieuw", post(api::werk::job_opnieuw))
        .route(
            "/api/v1/betaalruns",
            get(api::betaalruns::lijst).post(api::betaalruns::starten),
        )
        .route("/api/v1/betaalruns/{id}", get(api::betaalruns::overzicht))
        .route(
            "/api/v1/betaalruns/{id}/berekenen",
            post(api::betaalruns::berekenen),
        )
        .route(
            "/api/v1/betaalruns/{id}/goedkeuring",
            post(api::betaalruns::goedkeuren),
        )
        .route(
            "/api/v1/betaalruns/{id}/afbreken",
            post(api::betaalruns::afbreken),
        )
        .route(
            "/api/v1/betaalruns/{id}/betaalbestand",
            get(api::betaalruns::betaalbestand),
        )
        .route(
            "/api/v1/dossiers/{id}/betalingen",
            get(api::betaalruns::specificatie),
        )
        .route("/api/v1/audit", get(api::audit))
        .route("/api/v1/audit/controle", get(api::audit_controle))
        .route("/api/v1/proefberekening", post(api::proefberekening))
        .route(
            "/api/v1/dossiers/{id}/berekening",
            get(api::dossier_berekening),
        )
        .route(
            "/api/v1/dossiers/{id}/vermogen/voorbeeld",
            post(api::vermogen_voorbeeld),
        )
        .route(
            "/api/v1/dossiers/{id}/vermogen/{opgave}/vervallen",
            post(api::vermogen_vervallen),
        )
        .route("/api/v1/toegangslog", get(api::toegangslog));
    Router::new()
        .merge(paginas)
        .merge(api)
        .route("/health", get(metingen::health))
        .route("/problemen/{soort}", get(foutpagina::probleemsoort))
        .route("/metrics", get(metingen::metrics))
        // Alleen de vaste bestanden gecomprimeerd (htmx, css): een pagina met een CSRF-token en
        // iets wat de bezoeker zelf in de URL zette, gecomprimeerd over HTTPS, lekt dat token
        // bij stukjes (BREACH).
        .route(
            "/assets/{bestand}",
            get(assets::bestand).layer(tower_http::compression::CompressionLayer::new()),
        )
        .fallback(fout::niet_gevonden)
        .method_not_allowed_fallback(fout::methode_niet_toegestaan)
        .layer(axum::middleware::from_fn(invoer::zoekvraag_controleren))
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            eenmalig::bewaken,
        ))
        .layer(axum::middleware::from_fn(rechten::controleren))
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            aanmelding::aanmelden,
        ))
        .layer(axum::middleware::from_fn(afmaken))
        // Wie langer wacht dan `verzoek_max`, krijgt "tijdelijk niet beschikbaar"; de handeling
        // zelf loopt op haar eigen taak af (zie `afmaken`).
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            staat.instellingen.verzoek_max,
        ))
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            foutpagina::weergeven,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            metingen::operatie,
        ))
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            herkomst::VERZOEK_ID,
        ))
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            herkomst::VERZOEK_ID,
            herkomst::NieuwId,
        ))
        .layer(axum::middleware::from_fn_with_state(
            staat.clone(),
            herkomst::controleren,
        ))
        .with_state(staat)
}

/// Elk verzoek wordt (vanaf de aanmelding) op een eigen taak afgehandeld. Verbreekt de client de
/// verbinding, dan gooit hyper alleen het wachten op het antwoord weg; de handeling zelf (een
/// transactie, een regel in het toegangslog) maakt af of rolt terug, maar stopt nooit halverwege
/// op een willekeurig punt. Een paniek in een handler wordt een 500 (de foutweergave maakt er de
/// gewone foutpagina met operatie-id van) met een regel in het log.
async fn afmaken(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use tracing::Instrument;
    // De span van het verzoek (met het operatie-id) gaat mee naar de taak.
    match tokio::spawn(next.run(req).in_current_span()).await {
        Ok(antwoord) => antwoord,
        Err(e) => {
            tracing::error!(fout = %e, "de afhandeling van een verzoek brak af");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Bedient verzoeken op `listener` tot `stop` klaar is; lopende verzoeken mogen afmaken.
pub async fn dienen(
    listener: tokio::net::TcpListener,
    staat: WebStaat,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(staat).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
}
