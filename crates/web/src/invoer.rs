//! Invoer lezen zonder dat een fout ooit een Engelse melding of een 500 wordt: formulieren
//! (ook met herhaalde velden, zoals aangevinkte rollen) en JSON met een Nederlandse melding die
//! zegt waar het misgaat.
//!
//! Elke tekst wordt hier, aan de rand, gecontroleerd en genormaliseerd (issue 17, punt 12): een
//! stuurteken (NUL en de andere onzichtbare tekens, behalve tab en regeleinden) wordt geweigerd
//! met de naam van het veld (PostgreSQL weigert NUL, en niemand typt het), en alles gaat verder in
//! Unicode-normaalvorm NFC (een "é" uit een PDF is vaak "e" met een los accentteken). Ook een
//! wachtwoord: zo geeft hetzelfde wachtwoord op elk toestel dezelfde hash (NIST SP 800-63B
//! §5.1.1.2 vraagt normalisatie).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use vangnet_app::AppFout;

use crate::fout::WebFout;

fn verboden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Een veld zoals het formulier het noemt, niet als pad (issue 21 punt 15):
/// `aanvrager.geslachtsnaam` → `achternaam van de aanvrager`, `leden[1].bsn` → `BSN van lid 2`.
fn veldnaam(pad: &str) -> String {
    let (wie, veld) = pad.rsplit_once('.').unwrap_or(("", pad));
    let naam = match veld {
        "geslachtsnaam" => "achternaam".to_owned(),
        "bsn" => "BSN".to_owned(),
        "iban" => "IBAN".to_owned(),
        "tekst" => "notitie".to_owned(),
        v => v.replace('_', " "),
    };
    let wie = if let Some(i) = wie
        .strip_prefix("leden[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|n| n.parse::<usize>().ok())
    {
        format!(" van lid {}", i + 1)
    } else if wie.is_empty() {
        String::new()
    } else {
        format!(" van de {}", wie.replace('_', " "))
    };
    format!("{naam}{wie}")
}

/// Een vingerafdruk van wat een medewerker typte (de delen zonder witruimte eromheen): bij een
/// voorbeeld in het formulier gezet, bij opslaan vergeleken, zodat alleen wordt opgeslagen wat in
/// het voorbeeld stond (issue 21 punt 1). Geen beveiliging: wie haar vervalst, slaat alleen zijn
/// eigen invoer op.
pub fn vingerafdruk<'a>(delen: impl IntoIterator<Item = &'a str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for d in delen {
        h.update(d.trim());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..16])
}

/// De tekst van veld `veld`, gecontroleerd en in NFC.
fn schoon(veld: &str, tekst: String) -> Result<String, WebFout> {
    if tekst.chars().any(verboden) {
        let wat = match veld {
            "q" => "De zoekvraag".to_owned(),
            v => format!("Het veld ‘{}’", veldnaam(v)),
        };
        return Err(AppFout::veld(
            veld,
            format!(
                "{wat} bevat een onzichtbaar stuurteken (zoals een NUL-teken), bijvoorbeeld uit \
                 een geplakte tekst. Haal het weg en probeer het opnieuw."
            ),
        )
        .into());
    }
    Ok(match is_nfc_quick(tekst.chars()) {
        IsNormalized::Yes => tekst,
        _ => tekst.nfc().collect(),
    })
}

/// Controleert en normaliseert elke tekst (ook sleutels) in een JSON-waarde; `pad` wordt de naam
/// van het veld in een melding (`aanvrager.voornamen`, `leden[0].bsn`).
fn schone_json(pad: &str, v: &mut serde_json::Value) -> Result<(), WebFout> {
    use serde_json::Value;
    match v {
        Value::String(s) => *s = schoon(pad, std::mem::take(s))?,
        Value::Array(lijst) => {
            for (i, w) in lijst.iter_mut().enumerate() {
                schone_json(&format!("{pad}[{i}]"), w)?;
            }
        }
        Value::Object(velden) => {
            let oud = std::mem::take(velden);
            for (k, mut w) in oud {
                let sleutel = schoon(
                    if pad.is_empty() {
                        "(naam van een veld)"
                    } else {
                        pad
                    },
                    k,
                )?;
                let sub = if pad.is_empty() {
                    sleutel.clone()
                } else {
                    format!("{pad}.{sleutel}")
                };
                schone_json(&sub, &mut w)?;
                velden.insert(sleutel, w);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

async fn body(req: Request) -> Result<Bytes, WebFout> {
    Bytes::from_request(req, &()).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebFout::TeGroot
        } else {
            WebFout::OngeldigeInvoer(
                "De gegevens van het verzoek konden niet worden gelezen.".into(),
            )
        }
    })
}

/// De parameters in de URL van een API-verzoek, gelezen naar `T`. Wat niet te lezen is (een
/// parameter die twee keer staat, een onbekende waarde) wordt 422 met de naam van de parameter,
/// zoals elke andere invoerfout; axum gaf 400 zonder te zeggen welke.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|q| ApiQuery(q.0))
            .map_err(|e| {
                let tekst = e.body_text();
                // serde noemt het veld tussen backticks: "duplicate field `op`".
                let naam = tekst
                    .split('`')
                    .nth(1)
                    .filter(|n| !n.is_empty())
                    .unwrap_or("(parameter)")
                    .to_owned();
                let melding = if tekst.contains("duplicate field") {
                    format!("De parameter {naam} staat meer dan één keer in het adres.")
                } else {
                    format!("De parameter {naam} in het adres is niet te lezen.")
                };
                let mut f = vangnet_domain::Veldfouten::default();
                f.voeg_toe(&naam, melding);
                WebFout::Ongeldig(f)
            })
    }
}

/// Het nummer in het pad van een API-verzoek (`/api/v1/dossiers/{id}`). Wat geen nummer is
/// (of buiten het bereik valt), bestaat niet: 404, zoals een nummer zonder dossier.
pub struct ApiId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ApiId {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<i64>::from_request_parts(parts, s)
            .await
            .map(|p| ApiId(p.0))
            .map_err(|_| WebFout::NietGevonden)
    }
}

/// Een HTML-formulier (`application/x-www-form-urlencoded`).
#[derive(Debug, Default)]
pub struct Formulier(Vec<(String, String)>);

impl Formulier {
    /// De (eerste) waarde van een veld; leeg als het ontbreekt.
    pub fn veld(&self, naam: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == naam)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Alle waarden van een herhaald veld.
    pub fn alle(&self, naam: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == naam)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn aangevinkt(&self, naam: &str) -> bool {
        self.0.iter().any(|(k, v)| k == naam && !v.is_empty())
    }
}

impl<S: Send + Sync> FromRequest<S> for Formulier {
    type Rejection = WebFout;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let bytes = body(req).await?;
        let mut velden = Vec::new();
        for (k, v) in form_urlencoded::parse(&bytes) {
            let k = schoon("(naam van een veld)", k.into_owned())?;
            let v = schoon(&k, v.into_owned())?;
            velden.push((k, v));
        }
        Ok(Formulier(velden))
    }
}

/// Dezelfde controle voor de zoekvraag in de URL (`?q=…`, filters): een stuurteken wordt
/// geweigerd met de naam van de parameter, en de zoekvraag gaat verder in NFC.
pub async fn zoekvraag_controleren(
    mut req: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(q) = req.uri().query() else {
        return next.run(req).await;
    };
    let mut schoon_paren = Vec::new();
    for (k, v) in form_urlencoded::parse(q.as_bytes()) {
        let k = match schoon("(naam van een parameter)", k.into_owned()) {
            Ok(k) => k,
            Err(f) => return f.into_response(),
        };
        match schoon(&k, v.into_owned()) {
            Ok(v) => schoon_paren.push((k, v)),
            Err(f) => return f.into_response(),
        }
    }
    let nieuw = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&schoon_paren)
        .finish();
    let oud: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if oud != schoon_paren {
        let pad = req.uri().path().to_owned();
        if let Ok(uri) = format!("{pad}?{nieuw}").parse() {
            *req.uri_mut() = uri;
        }
    }
    next.run(req).await
}

/// Een JSON-body, gelezen naar `T`.
pub struct JsonInvoer<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonInvoer<T> {
    type Rejection = WebFout;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.starts_with("application/json") || v.contains("+json")
            });
        if !is_json {
            return Err(WebFout::OngeldigeInvoer(
                "Stuur de gegevens als JSON, met de header Content-Type: application/json.".into(),
            ));
        }
        let bytes = body(req).await?;
        // Eerst de oorspronkelijke bytes naar T: die fout noemt regel en kolom, en een veld dat
        // twee keer voorkomt is een fout (een `Value` zou stil de laatste houden). Dan als waarde
        // controleren en normaliseren, en die naar T.
        serde_json::from_slice::<T>(&bytes).map_err(|e| json_fout(&e))?;
        let mut waarde: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| json_fout(&e))?;
        schone_json("", &mut waarde)?;
        T::deserialize(waarde)
            .map(JsonInvoer)
            .map_err(|e| json_fout(&e))
    }
}

/// Een JSON-fout als Nederlandse melding met regel en kolom.
fn json_fout(e: &serde_json::Error) -> WebFout {
    let soort = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            "is geen geldige JSON"
        }
        _ => "past niet bij wat verwacht wordt",
    };
    WebFout::OngeldigeInvoer(format!(
        "De JSON {soort} (regel {}, kolom {}): {}.",
        e.line(),
        e.column(),
        vertaal_serde(&e.to_string())
    ))
}

/// Maakt de Engelse melding van serde leesbaar voor Nederlandse gebruikers; de veldnaam blijft.
fn vertaal_serde(m: &str) -> String {
    let m = m.split(" at line ").next().unwrap_or(m);
    if let Some(veld) = m.strip_prefix("missing field ") {
        return format!("het veld {veld} ontbreekt");
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let veld = rest.split(',').next().unwrap_or(rest);
        return format!("het veld {veld} is onbekend");
    }
    if let Some(veld) = m.strip_prefix("duplicate field ") {
        return format!("het veld {veld} staat er twee keer in");
    }
    if m.starts_with("invalid type") {
        return format!("een waarde heeft het verkeerde type ({m})");
    }
    if m.starts_with("EOF") {
        return "de JSON houdt te vroeg op".into();
    }
    m.to_owned()
}

/// `If-Match` bij een wijziging via de API (RFC 9110, 13.1.1): de versie die de koppeling las,
/// als de `ETag` die een GET gaf (`"3"`). Zonder kopregel geldt `versie` in het verzoek.
pub struct IfMatch(Option<i64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(waarde) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let versie = waarde
            .to_str()
            .ok()
            .map(str::trim)
            // Ook zonder aanhalingstekens (`3`): wat een koppeling bedoelt, is dan duidelijk.
            .map(|t| {
                t.strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .unwrap_or(t)
            })
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<i64>().ok())
            .filter(|v| *v >= 0);
        match versie {
            Some(v) => Ok(IfMatch(Some(v))),
            // Een zwakke ETag (W/"3"), `*` of een lijst kan nooit sterk overeenkomen.
            None => Err(WebFout::OngeldigeInvoer(
                "If-Match verwacht precies één ETag zoals een GET die gaf, bijvoorbeeld \"3\"."
                    .into(),
            )),
        }
    }
}

impl IfMatch {
    /// De versie voor de use case: uit `If-Match`, anders uit het verzoek. Geen van beide: 428;
    /// beide maar verschillend, of kleiner dan 1: 422.
    pub fn versie(&self, in_verzoek: Option<i64>) -> Result<i64, WebFout> {
        match (self.0, in_verzoek) {
            (Some(a), Some(b)) if a != b => Err(AppFout::veld(
                "versie",
                format!("De versie ({b}) verschilt van die in If-Match ({a})."),
            )
            .into()),
            (Some(v), _) if v < 1 => {
                Err(AppFout::veld("If-Match", "Een versie is 1 of meer.").into())
            }
            (None, Some(v)) if v < 1 => {
                Err(AppFout::veld("versie", "Een versie is 1 of meer.").into())
            }
            (Some(v), _) | (None, Some(v)) => Ok(v),
            (None, None) => Err(WebFout::VoorwaardeVereist),
        }
    }

    /// Een fout van de use case: was de versie verouderd en kwam zij uit `If-Match`, dan 412
    /// ("voorwaarde mislukt"), anders zoals elke fout (409 bij een verouderde `versie`).
    pub fn fout(&self, e: AppFout) -> WebFout {
        match e {
            AppFout::Verouderd(m) if self.0.is_some() => WebFout::VoorwaardeMislukt(m),
            e => e.into(),
        }
    }
}

/// Een antwoord met de versie van het gegeven als `ETag` (`"3"`), voor `If-Match` bij de
/// volgende wijziging.
pub fn met_etag<T: axum::response::IntoResponse>(
    versie: i64,
    antwoord: T,
) -> axum::response::Response {
    let mut a = antwoord.into_response();
    if let Ok(w) = header::HeaderValue::from_str(&format!("\"{versie}\"")) {
        a.headers_mut().insert(header::ETAG, w);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn velden_zoals_het_formulier_ze_noemt() {
        for (pad, naam) in [
            ("aanvrager.geslachtsnaam", "achternaam van de aanvrager"),
            ("leden[1].bsn", "BSN van lid 2"),
            ("periode_tot_en_met", "periode tot en met"),
            ("tekst", "notitie"),
        ] {
            assert_eq!(veldnaam(pad), naam);
        }
    }
}
