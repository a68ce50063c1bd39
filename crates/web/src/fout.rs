//! Fouten aan de rand: één vertaling van elke fout naar een statuscode en een Nederlandse
//! melding, als HTML-pagina of als `application/problem+json` (RFC 9457) onder `/api/`.
//!
//! Handlers geven een [`WebFout`]; die wordt een leeg antwoord met een [`FoutWeergave`] erin. De
//! middleware [`crate::foutpagina::weergeven`] kent het pad en het operatie-id en maakt er de
//! pagina of het problem-document van. Ook antwoorden van axum zelf (een onleesbaar pad-id, een te grote body)
//! krijgen zo een Nederlandse melding.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use vangnet_app::opslag::OpslagFout;
use vangnet_app::AppFout;
use vangnet_domain::{Veldfout, Veldfouten};

#[derive(Debug)]
pub enum WebFout {
    NietIngelogd,
    SessieVerlopen,
    GeenToegang,
    /// Een verlopen API-token (401, met de dag).
    TokenVerlopen(String),
    /// Het bereik van het API-token staat dit niet toe (403, met het bereik).
    BuitenBereik(String),
    NietGevonden,
    MethodeNietToegestaan,
    Csrf,
    Ongeldig(Veldfouten),
    OngeldigeInvoer(String),
    TeGroot,
    Conflict(String),
    /// `If-Match` noemde een versie die niet meer de huidige is (412).
    VoorwaardeMislukt(String),
    /// Een wijziging via de API zonder versie: geen `If-Match` en geen `versie` (428).
    VoorwaardeVereist,
    InloggenMislukt,
    TeVeelPogingen(i64),
    Onbeschikbaar,
    /// Het antwoord kwam niet binnen `verzoek_max` (de handeling loopt mogelijk nog af).
    TeLang,
    Intern(String),
}

/// De soort van een fout. Elke soort is één problem-type in de API (`type` is
/// `/problemen/<code>`, met daar een uitleg) en een eigen tekst op de foutpagina; een
/// programmafout heet nooit "niet beschikbaar" (docs/ARCHITECTURE.md, "Fouten").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foutsoort {
    NietIngelogd,
    Geweigerd,
    NietGevonden,
    MethodeNietToegestaan,
    OngeldigeInvoer,
    Conflict,
    VoorwaardeMislukt,
    VoorwaardeVereist,
    TeVeelPogingen,
    Onbereikbaar,
    /// Geen antwoord binnen de tijdslimiet; de handeling kan wel zijn uitgevoerd.
    TeLang,
    InterneFout,
}

impl Foutsoort {
    pub const ALLE: [Foutsoort; 12] = [
        Foutsoort::NietIngelogd,
        Foutsoort::Geweigerd,
        Foutsoort::NietGevonden,
        Foutsoort::MethodeNietToegestaan,
        Foutsoort::OngeldigeInvoer,
        Foutsoort::Conflict,
        Foutsoort::VoorwaardeMislukt,
        Foutsoort::VoorwaardeVereist,
        Foutsoort::TeVeelPogingen,
        Foutsoort::Onbereikbaar,
        Foutsoort::TeLang,
        Foutsoort::InterneFout,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Foutsoort::NietIngelogd => "niet-ingelogd",
            Foutsoort::Geweigerd => "geweigerd",
            Foutsoort::NietGevonden => "niet-gevonden",
            Foutsoort::MethodeNietToegestaan => "methode-niet-toegestaan",
            Foutsoort::OngeldigeInvoer => "ongeldige-invoer",
            Foutsoort::Conflict => "conflict",
            Foutsoort::VoorwaardeMislukt => "voorwaarde-mislukt",
            Foutsoort::VoorwaardeVereist => "voorwaarde-vereist",
            Foutsoort::TeVeelPogingen => "te-veel-pogingen",
            Foutsoort::Onbereikbaar => "onbereikbaar",
            Foutsoort::TeLang => "te-lang",
            Foutsoort::InterneFout => "interne-fout",
        }
    }

    pub fn uit_code(code: &str) -> Option<Foutsoort> {
        Foutsoort::ALLE.into_iter().find(|s| s.code() == code)
    }

    /// Het `type` van het problem-document (een verwijzing naar de uitleg op deze server).
    pub fn uri(self) -> String {
        format!("/problemen/{}", self.code())
    }

    pub fn naam(self) -> &'static str {
        match self {
            Foutsoort::NietIngelogd => "Niet ingelogd",
            Foutsoort::Geweigerd => "Geweigerd",
            Foutsoort::NietGevonden => "Niet gevonden",
            Foutsoort::MethodeNietToegestaan => "Handeling niet mogelijk op dit adres",
            Foutsoort::OngeldigeInvoer => "Ongeldige invoer",
            Foutsoort::Conflict => "Conflict",
            Foutsoort::VoorwaardeMislukt => "Versie niet meer de huidige",
            Foutsoort::VoorwaardeVereist => "Versie ontbreekt",
            Foutsoort::TeVeelPogingen => "Te veel pogingen",
            Foutsoort::Onbereikbaar => "Database onbereikbaar",
            Foutsoort::TeLang => "Geen antwoord op tijd",
            Foutsoort::InterneFout => "Interne fout",
        }
    }

    /// Wat de fout betekent en wat de aanroeper kan doen.
    pub fn uitleg(self) -> &'static str {
        match self {
            Foutsoort::NietIngelogd => "Het verzoek had geen geldige sessie of geen geldig token (of het inloggen mislukte). Log (opnieuw) in of stuur een geldig token mee (Authorization: Bearer vgn_…).",
            Foutsoort::Geweigerd => "Wie het verzoek deed, heeft het recht op deze handeling niet, of het formulier kwam niet van Vangnet (CSRF-controle). Opnieuw proberen helpt niet; vraag zo nodig functioneel beheer om de rol.",
            Foutsoort::NietGevonden => "Het adres of het gevraagde gegeven (persoon, dossier, taak, …) bestaat niet (meer).",
            Foutsoort::MethodeNietToegestaan => "Dit adres bestaat, maar niet voor deze HTTP-methode.",
            Foutsoort::OngeldigeInvoer => "De invoer is niet geaccepteerd; `invalid-params` noemt per veld wat er mis is. Er is niets opgeslagen. Verbeter de invoer en verstuur opnieuw.",
            Foutsoort::Conflict => "Iemand anders wijzigde hetzelfde intussen, of de waarde bestaat al (bijvoorbeeld een BSN). Er is niets opgeslagen. Haal de nieuwe stand op en breng de wijziging opnieuw aan.",
            Foutsoort::VoorwaardeMislukt => "De versie in `If-Match` is niet meer de huidige: iemand anders wijzigde dit intussen. Er is niets opgeslagen. Haal de nieuwe stand op (de kopregel `ETag` geeft de versie) en breng de wijziging opnieuw aan.",
            Foutsoort::VoorwaardeVereist => "Deze wijziging vraagt de versie die u las: in de kopregel `If-Match` (de `ETag` van het opgehaalde gegeven, bv. `\"3\"`) of als `versie` in het verzoek. Er is niets opgeslagen.",
            Foutsoort::TeVeelPogingen => "Te veel mislukte pogingen in korte tijd. Wacht de genoemde tijd en probeer het dan opnieuw.",
            Foutsoort::Onbereikbaar => "Vangnet kon de database niet bereiken. Er is niets opgeslagen. Probeer het over enkele minuten opnieuw; blijft het, meld het dan bij beheer.",
            Foutsoort::TeLang => "Vangnet gaf niet binnen de tijdslimiet (verzoek_max_seconden) antwoord. De handeling loopt op de server wel af en kan dus toch zijn opgeslagen. Kijk dat eerst na (haal de stand op) voor u het opnieuw verstuurt; niet automatisch herhalen.",
            Foutsoort::InterneFout => "Een fout in Vangnet zelf (een programmafout of onleesbare gegevens), geen storing van de database. Er is niets opgeslagen. Opnieuw proberen helpt meestal niet: meld het met het operatie-id; de oorzaak staat onder dat id in het log.",
        }
    }
}

/// Wat de middleware nodig heeft om de fout te tonen.
#[derive(Debug, Clone)]
pub struct FoutWeergave {
    pub soort: Foutsoort,
    pub titel: String,
    pub melding: String,
    pub veldfouten: Vec<Veldfout>,
    pub verlopen: bool,
}

impl From<AppFout> for WebFout {
    fn from(f: AppFout) -> Self {
        match f {
            AppFout::NietIngelogd => WebFout::NietIngelogd,
            AppFout::SessieVerlopen => WebFout::SessieVerlopen,
            AppFout::GeenToegang => WebFout::GeenToegang,
            AppFout::TokenVerlopen(m) => WebFout::TokenVerlopen(m),
            AppFout::BuitenBereik(m) => WebFout::BuitenBereik(m),
            AppFout::InloggenMislukt => WebFout::InloggenMislukt,
            AppFout::TeVeelPogingen { minuten } => WebFout::TeVeelPogingen(minuten),
            AppFout::Ongeldig(v) => WebFout::Ongeldig(v),
            AppFout::NietGevonden(_) => WebFout::NietGevonden,
            AppFout::Conflict(m) | AppFout::Verouderd(m) => WebFout::Conflict(m),
            AppFout::Opslag(OpslagFout::Onbereikbaar(e)) => {
                tracing::error!(fout = %e, "opslag onbereikbaar");
                WebFout::Onbeschikbaar
            }
            // Een fout in Vangnet (of in de gegevens), geen storing: zo zeggen, met het
            // operatie-id, en met de oorzaak in het log (issue 20, punt 1).
            AppFout::Opslag(e) => WebFout::Intern(format!("opslag: {e}")),
            AppFout::Intern(m) => WebFout::Intern(m),
        }
    }
}

impl WebFout {
    pub fn soort(&self) -> Foutsoort {
        match self {
            WebFout::NietIngelogd
            | WebFout::SessieVerlopen
            | WebFout::InloggenMislukt
            | WebFout::TokenVerlopen(_) => Foutsoort::NietIngelogd,
            WebFout::GeenToegang | WebFout::Csrf | WebFout::BuitenBereik(_) => Foutsoort::Geweigerd,
            WebFout::NietGevonden => Foutsoort::NietGevonden,
            WebFout::MethodeNietToegestaan => Foutsoort::MethodeNietToegestaan,
            WebFout::Ongeldig(_) | WebFout::OngeldigeInvoer(_) | WebFout::TeGroot => {
                Foutsoort::OngeldigeInvoer
            }
            WebFout::Conflict(_) => Foutsoort::Conflict,
            WebFout::VoorwaardeMislukt(_) => Foutsoort::VoorwaardeMislukt,
            WebFout::VoorwaardeVereist => Foutsoort::VoorwaardeVereist,
            WebFout::TeVeelPogingen(_) => Foutsoort::TeVeelPogingen,
            WebFout::Onbeschikbaar => Foutsoort::Onbereikbaar,
            WebFout::TeLang => Foutsoort::TeLang,
            WebFout::Intern(_) => Foutsoort::InterneFout,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebFout::NietIngelogd
            | WebFout::SessieVerlopen
            | WebFout::InloggenMislukt
            | WebFout::TokenVerlopen(_) => StatusCode::UNAUTHORIZED,
            WebFout::GeenToegang | WebFout::Csrf | WebFout::BuitenBereik(_) => {
                StatusCode::FORBIDDEN
            }
            WebFout::NietGevonden => StatusCode::NOT_FOUND,
            WebFout::MethodeNietToegestaan => StatusCode::METHOD_NOT_ALLOWED,
            WebFout::Ongeldig(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebFout::OngeldigeInvoer(_) => StatusCode::BAD_REQUEST,
            WebFout::TeGroot => StatusCode::PAYLOAD_TOO_LARGE,
            WebFout::Conflict(_) => StatusCode::CONFLICT,
            WebFout::VoorwaardeMislukt(_) => StatusCode::PRECONDITION_FAILED,
            WebFout::VoorwaardeVereist => StatusCode::PRECONDITION_REQUIRED,
            WebFout::TeVeelPogingen(_) => StatusCode::TOO_MANY_REQUESTS,
            WebFout::Onbeschikbaar | WebFout::TeLang => StatusCode::SERVICE_UNAVAILABLE,
            WebFout::Intern(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub(crate) fn weergave(&self) -> FoutWeergave {
        let (titel, melding): (&str, String) = match self {
            WebFout::NietIngelogd => ("Niet ingelogd", "U moet inloggen om dit te zien.".into()),
            WebFout::SessieVerlopen => (
                "Sessie verlopen",
                "Uw sessie is verlopen. Log opnieuw in.".into(),
            ),
            WebFout::GeenToegang => (
                "Geen toegang",
                "U heeft geen recht op deze pagina of handeling. Denkt u dat dit niet klopt, neem dan contact op met functioneel beheer.".into(),
            ),
            WebFout::TokenVerlopen(m) => ("Token verlopen", m.clone()),
            WebFout::BuitenBereik(m) => ("Buiten het bereik van het token", m.clone()),
            WebFout::NietGevonden => (
                "Pagina niet gevonden",
                "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina.".into(),
            ),
            WebFout::MethodeNietToegestaan => (
                "Handeling niet mogelijk",
                "Deze handeling is op dit adres niet mogelijk.".into(),
            ),
            WebFout::Csrf => (
                "Formulier verlopen",
                "Het formulier is verlopen of niet vanuit Vangnet verstuurd (CSRF-controle). Laad de pagina opnieuw en probeer het nog eens; er is niets opgeslagen.".into(),
            ),
            WebFout::Ongeldig(v) => ("Controleer de invoer", v.to_string()),
            WebFout::OngeldigeInvoer(m) => ("Ongeldige invoer", m.clone()),
            WebFout::TeGroot => (
                "Invoer te groot",
                format!(
                    "De verstuurde gegevens zijn groter dan {} kB; er is niets opgeslagen.",
                    crate::MAX_BODY / 1024
                ),
            ),
            WebFout::Conflict(m) => ("Gewijzigd door een ander", m.clone()),
            WebFout::VoorwaardeMislukt(m) => ("Gewijzigd door een ander", m.clone()),
            WebFout::VoorwaardeVereist => (
                "Versie ontbreekt",
                "Stuur de versie die u las mee: in de kopregel If-Match (de ETag, bv. \"3\") of als versie in het verzoek. Er is niets opgeslagen.".into(),
            ),
            WebFout::InloggenMislukt => (
                "Inloggen mislukt",
                AppFout::InloggenMislukt.to_string(),
            ),
            WebFout::TeVeelPogingen(min) => (
                "Te veel pogingen",
                AppFout::TeVeelPogingen { minuten: *min }.to_string(),
            ),
            WebFout::Onbeschikbaar => (
                "Tijdelijk niet beschikbaar",
                "Vangnet kan de database nu niet bereiken. Probeer het over enkele minuten opnieuw; er is niets opgeslagen.".into(),
            ),
            WebFout::TeLang => (
                "Tijdelijk niet beschikbaar",
                "Vangnet gaf niet op tijd antwoord. Wat u verstuurde, kan toch nog zijn opgeslagen: kijk dat eerst na voor u het opnieuw probeert.".into(),
            ),
            WebFout::Intern(m) => {
                tracing::error!(fout = %m, "interne fout");
                (
                    "Er ging iets mis",
                    "Er ging in Vangnet iets mis. Er is niets opgeslagen. Noem het operatie-id als u dit meldt.".into(),
                )
            }
        };
        FoutWeergave {
            soort: self.soort(),
            titel: titel.to_owned(),
            melding,
            veldfouten: match self {
                WebFout::Ongeldig(v) => v.0.clone(),
                _ => Vec::new(),
            },
            verlopen: matches!(self, WebFout::SessieVerlopen),
        }
    }
}

impl IntoResponse for WebFout {
    fn into_response(self) -> Response {
        let mut resp = self.status().into_response();
        resp.extensions_mut().insert(self.weergave());
        resp
    }
}

pub async fn niet_gevonden() -> WebFout {
    WebFout::NietGevonden
}

pub async fn methode_niet_toegestaan() -> WebFout {
    WebFout::MethodeNietToegestaan
}
