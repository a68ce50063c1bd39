//! Het eigen account: de eerste start, inloggen met de drempel tegen raden, sessies met verloop
//! na inactiviteit, uitloggen, het wachtwoord wijzigen en persoonlijke API-tokens.

use chrono::Duration;
use serde_json::json;
use vangnet_domain::gebruiker::volledige_naam;
use vangnet_domain::{tijd, Gebruikersnaam, Rol, Veldfouten, Wachtwoord};

use crate::audit::Wijziging;
use crate::geheim;
use crate::opslag::{GebruikerRij, Leestransactie, SessieRij, TokenRij, Transactie};
use crate::{Actor, App, AppFout, Context, Tokenbereik};

/// Een nieuwe sessie: de sleutel gaat in het cookie, het CSRF-token in elk formulier.
#[derive(Debug, Clone)]
pub struct NieuweSessie {
    pub sleutel: String,
    pub csrf_token: String,
    pub moet_wachtwoord_wijzigen: bool,
}

/// Een geldige sessie bij een verzoek.
#[derive(Debug, Clone)]
pub struct GeldigeSessie {
    pub actor: Actor,
    pub csrf_token: String,
    pub moet_wachtwoord_wijzigen: bool,
}

/// De uitkomst van de eerste start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EersteStart {
    /// Er waren al gebruikers; niets gedaan.
    AlIngericht,
    /// Een beheerder is aangemaakt. `eenmalig_wachtwoord` is leeg als het wachtwoord uit de
    /// omgeving kwam (dat hoeft dan niet gewijzigd te worden en wordt niet getoond).
    BeheerderAangemaakt {
        gebruikersnaam: String,
        eenmalig_wachtwoord: Option<String>,
    },
}

/// Een nieuw API-token; `token` wordt één keer getoond en daarna nooit meer.
#[derive(Debug, Clone)]
pub struct NieuwToken {
    pub id: i64,
    pub token: String,
}

pub(crate) fn actor_van(g: &GebruikerRij) -> Actor {
    Actor::Gebruiker {
        id: g.id,
        gebruikersnaam: g.gebruikersnaam.clone(),
        volledige_naam: g.volledige_naam.clone(),
        rollen: g.rollen.clone(),
        bereik: None,
    }
}

/// Zo lang is een token geldig als niemand een dag kiest (en een token van vóór de vervaldag).
pub const STANDAARD_GELDIG_DAGEN: i64 = 90;
/// Langer dan een jaar geldig mag een token niet zijn.
pub const MAX_GELDIG_DAGEN: i64 = 366;

/// Wanneer een token verloopt: de gekozen dag, of `STANDAARD_GELDIG_DAGEN` na het aanmaken.
pub fn token_verloopt_op(t: &TokenRij) -> chrono::DateTime<chrono::Utc> {
    t.verloopt_op
        .unwrap_or(t.aangemaakt_op + Duration::days(STANDAARD_GELDIG_DAGEN))
}

/// Hoe een gebruiker in de audittrail staat (nooit de wachtwoordhash).
pub(crate) fn gebruiker_json(g: &GebruikerRij) -> serde_json::Value {
    json!({
        "gebruikersnaam": g.gebruikersnaam,
        "volledige_naam": g.volledige_naam,
        "rollen": g.rollen.iter().map(|r| r.code()).collect::<Vec<_>>(),
        "geblokkeerd": g.geblokkeerd,
        "moet_wachtwoord_wijzigen": g.moet_wachtwoord_wijzigen,
    })
}

impl App {
    /// De context van een benoemde gebruiker voor de opdrachtregel (`vangnet betaalrun
    /// --gestart-door …`): wie de database en de opdrachtregel heeft, handelt namens die
    /// gebruiker, met diens rechten — niet meer. Een geblokkeerde gebruiker handelt niet.
    pub async fn context_als(&self, gebruikersnaam: &str) -> Result<Context, AppFout> {
        let mut tx = self.opslag.lees().await?;
        let g = tx
            .gebruiker_op_naam(&gebruikersnaam.trim().to_lowercase())
            .await?
            .ok_or_else(|| AppFout::NietGevonden(format!("Gebruiker '{gebruikersnaam}'")))?;
        tx.afsluiten().await?;
        if g.geblokkeerd {
            return Err(AppFout::GeenToegang);
        }
        Ok(Context::nieuw(actor_van(&g), geheim::operatie_id()))
    }

    /// Het CSRF-token van het inlogformulier bij deze voorsessie (de willekeurige waarde in het
    /// cookie van het inlogformulier): een HMAC met een geheim dat alleen de servers kennen (in de
    /// database, gedeeld door alle servers). Wie een cookie kan planten (bv. vanaf een ander
    /// subdomein), kan er zonder dat geheim geen passend token bij maken (issue 17, punt 11).
    pub async fn inlog_csrf(&self, voorsessie: &str) -> Result<String, AppFout> {
        use hmac::{Hmac, Mac};
        const SLEUTEL: &str = "inlog_csrf_geheim";
        let geheim = self
            .inlog_geheim
            .get_or_try_init(|| async {
                let mut tx = self
                    .systeemhandeling("inlogformulier", &geheim::operatie_id())
                    .await?;
                let geheim = match tx.installatie_lezen(SLEUTEL).await? {
                    Some(g) => g,
                    None => {
                        let g = geheim::willekeurig_hex(32);
                        tx.installatie_zetten(SLEUTEL, &g).await?;
                        g
                    }
                };
                tx.commit().await?;
                hex::decode(geheim).map_err(|e| AppFout::Intern(format!("inloggeheim: {e}")))
            })
            .await?;
        let mut m = <Hmac<sha2::Sha256> as Mac>::new_from_slice(geheim)
            .map_err(|e| AppFout::Intern(e.to_string()))?;
        m.update(b"vangnet-inlog-csrf");
        m.update(voorsessie.as_bytes());
        Ok(hex::encode(m.finalize().into_bytes()))
    }

    /// Bij de eerste start (nog geen gebruikers): maak de gebruiker `beheerder` aan met de rol
    /// functioneel beheerder. Het wachtwoord komt uit `wachtwoord_uit_omgeving` of wordt
    /// gegenereerd en moet dan bij de eerste keer inloggen gewijzigd worden.
    pub async fn eerste_start(
        &self,
        wachtwoord_uit_omgeving: Option<&str>,
    ) -> Result<EersteStart, AppFout> {
        let mut tx = self
            .systeemhandeling("eerste start", &geheim::operatie_id())
            .await?;
        if tx.aantal_gebruikers().await? > 0 {
            return Ok(EersteStart::AlIngericht);
        }
        let naam = "beheerder";
        let (wachtwoord, eenmalig) = match wachtwoord_uit_omgeving {
            Some(w) => {
                let w = Wachtwoord::nieuw(w, naam)
                    .map_err(|m| AppFout::veld("VANGNET_ADMIN_PASSWORD", m))?;
                (w.geheim().to_owned(), None)
            }
            None => {
                let w = geheim::eenmalig_wachtwoord();
                (w.clone(), Some(w))
            }
        };
        let nu = tx.nu;
        let mut g = GebruikerRij {
            id: 0,
            gebruikersnaam: naam.into(),
            volledige_naam: "Functioneel beheerder".into(),
            wachtwoord_hash: geheim::hash_wachtwoord(&wachtwoord)?,
            moet_wachtwoord_wijzigen: eenmalig.is_some(),
            geblokkeerd: false,
            rollen: vec![Rol::FunctioneelBeheerder],
            versie: 1,
            aangemaakt_op: nu,
            gewijzigd_op: nu,
        };
        g.id = tx.gebruiker_invoegen(&g).await?;
        tx.vastleggen(Wijziging {
            actie: "gebruiker.aangemaakt",
            onderwerp_type: "gebruiker",
            onderwerp_id: g.id.to_string(),
            samenvatting: "Eerste beheerder aangemaakt bij de eerste start".into(),
            na: Some(gebruiker_json(&g)),
            ..Default::default()
        })
        .await?;
        Ok(EersteStart::BeheerderAangemaakt {
            gebruikersnaam: naam.into(),
            eenmalig_wachtwoord: eenmalig,
        })
    }

    /// Inloggen. Eén melding voor elke mislukking; de drempel telt per naam én per adres, ook voor
    /// namen die niet bestaan, zodat de drempel niets verraadt.
    pub async fn inloggen(
        &self,
        operatie_id: &str,
        gebruikersnaam: &str,
        wachtwoord: &str,
        adres: &str,
    ) -> Result<NieuweSessie, AppFout> {
        let naam = gebruikersnaam.trim().to_lowercase();
        let naam: String = naam.chars().take(64).collect();
        let mut tx = self.systeemhandeling("inloggen", operatie_id).await?;
        let nu = tx.nu;
        let sinds = nu - Duration::minutes(self.instellingen.pogingen_venster_minuten);
        // Eerst de drempels: per adres (raden over veel namen), en per naam én adres met een
        // groeiende wachttijd (raden op één naam), zodat een ander adres de echte gebruiker niet
        // buitensluit.
        let venster = self.instellingen.pogingen_venster_minuten;
        let drempel = vangnet_domain::gebruiker::drempeladres(adres);
        if tx.mislukte_pogingen_adres(&drempel, sinds).await?
            >= self.instellingen.max_pogingen_per_adres
        {
            tracing::warn!(%adres, "inlogdrempel per adres bereikt");
            return Err(AppFout::TeVeelPogingen { minuten: venster });
        }
        let (mislukt, laatste) = tx.mislukte_pogingen_paar(&naam, &drempel, sinds).await?;
        let wacht = vangnet_domain::gebruiker::inlogwachttijd_minuten(
            mislukt,
            self.instellingen.vrije_pogingen,
            venster,
        );
        if let Some(tot) = laatste
            .map(|l| l + Duration::minutes(wacht))
            .filter(|tot| *tot > nu)
        {
            tracing::warn!(%adres, mislukt, "inlogdrempel per naam en adres bereikt");
            let seconden = (tot - nu).num_seconds();
            return Err(AppFout::TeVeelPogingen {
                minuten: (seconden + 59) / 60,
            });
        }
        let gebruiker = tx.gebruiker_op_naam(&naam).await?;
        let hash = gebruiker
            .as_ref()
            .map_or(geheim::schijnhash(), |g| g.wachtwoord_hash.as_str());
        let klopt = geheim::controleer_wachtwoord(wachtwoord, hash);
        let g = match gebruiker {
            Some(g) if klopt && !g.geblokkeerd => g,
            gebruiker => {
                tx.inlogpoging_vastleggen(&naam, &drempel, nu, false)
                    .await?;
                // Raden op één account vanaf veel adressen houdt de drempel per adres niet
                // tegen (en een slot op het account zou de echte gebruiker buitensluiten): het
                // log waarschuwt de beheerder.
                let op_naam = tx.mislukte_pogingen_naam(&naam, sinds).await?;
                let veel = (4 * self.instellingen.max_pogingen_per_adres).max(1);
                if op_naam >= veel && op_naam % veel == 0 {
                    tracing::warn!(
                        gebruikersnaam = %naam,
                        mislukt = op_naam,
                        "veel mislukte inlogpogingen op één account, vanaf verschillende adressen"
                    );
                }
                let (onderwerp_id, samenvatting) = match &gebruiker {
                    Some(g) if g.geblokkeerd => {
                        (g.id.to_string(), "Inlogpoging op geblokkeerd account")
                    }
                    Some(g) => (g.id.to_string(), "Mislukte inlogpoging: onjuist wachtwoord"),
                    None => (
                        String::new(),
                        "Mislukte inlogpoging op een onbekende gebruikersnaam",
                    ),
                };
                tx.vastleggen(Wijziging {
                    actie: "inloggen.mislukt",
                    onderwerp_type: "gebruiker",
                    onderwerp_id,
                    samenvatting: format!("{samenvatting} vanaf {adres}"),
                    ..Default::default()
                })
                .await?;
                return Err(AppFout::InloggenMislukt);
            }
        };
        tx.inlogpoging_vastleggen(&naam, &drempel, nu, true).await?;
        tx.oude_sporen_opruimen(
            nu - Duration::hours(self.instellingen.sessie_max_uren),
            nu - Duration::days(1),
        )
        .await?;
        let sleutel = geheim::willekeurig_hex(32);
        let sessie = SessieRij {
            sleutel_hash: geheim::sha256_hex(&sleutel),
            gebruiker_id: g.id,
            csrf_token: geheim::willekeurig_hex(32),
            aangemaakt_op: nu,
            laatst_actief_op: nu,
            adres: adres.to_owned(),
        };
        tx.sessie_invoegen(&sessie).await?;
        tx.namens(Context::nieuw(actor_van(&g), operatie_id));
        tx.vastleggen(Wijziging {
            actie: "sessie.gestart",
            onderwerp_type: "gebruiker",
            onderwerp_id: g.id.to_string(),
            samenvatting: format!("Ingelogd vanaf {adres}"),
            ..Default::default()
        })
        .await?;
        Ok(NieuweSessie {
            sleutel,
            csrf_token: sessie.csrf_token,
            moet_wachtwoord_wijzigen: g.moet_wachtwoord_wijzigen,
        })
    }

    /// Controleert de sessie bij een verzoek: bestaat ze, is ze niet verlopen (inactiviteit of
    /// maximale duur), is de gebruiker niet geblokkeerd. Houdt de laatste activiteit bij.
    pub async fn sessie_controleren(&self, sleutel: &str) -> Result<GeldigeSessie, AppFout> {
        let hash = geheim::sha256_hex(sleutel);
        let nu = self.klok.nu();
        let mut tx = self.opslag.lees().await?;
        let Some(sessie) = tx.sessie_op_hash(&hash).await? else {
            return Err(AppFout::NietIngelogd);
        };
        let gebruiker = tx.gebruiker_op_id(sessie.gebruiker_id).await?;
        tx.afsluiten().await?;
        let laatst = sessie.laatst_actief_op;
        let verlopen = nu - laatst > Duration::minutes(self.instellingen.sessie_inactief_minuten)
            || nu - sessie.aangemaakt_op > Duration::hours(self.instellingen.sessie_max_uren);
        let g = match gebruiker {
            Some(g) if !g.geblokkeerd && !verlopen => g,
            _ => {
                let mut tx = self
                    .systeemhandeling("sessie", &geheim::operatie_id())
                    .await?;
                tx.sessie_verwijderen(&hash).await?;
                tx.commit().await?;
                return Err(AppFout::SessieVerlopen);
            }
        };
        // Niet bij elk verzoek schrijven: een minuut nauwkeurig is genoeg voor het verloop.
        if nu - laatst > Duration::seconds(60) {
            let mut tx = self
                .systeemhandeling("sessie", &geheim::operatie_id())
                .await?;
            let nu = tx.nu;
            tx.sessie_aanraken(&hash, nu).await?;
            tx.commit().await?;
        }
        Ok(GeldigeSessie {
            actor: actor_van(&g),
            csrf_token: sessie.csrf_token,
            moet_wachtwoord_wijzigen: g.moet_wachtwoord_wijzigen,
        })
    }

    pub async fn uitloggen(&self, ctx: &Context, sleutel: &str) -> Result<(), AppFout> {
        // Uitloggen mag iedereen met een sessie: geen recht na te gaan.
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        tx.sessie_verwijderen(&geheim::sha256_hex(sleutel)).await?;
        if let Some(id) = ctx.actor.gebruiker_id() {
            tx.audit(Wijziging {
                actie: "sessie.beeindigd",
                onderwerp_type: "gebruiker",
                onderwerp_id: id.to_string(),
                samenvatting: "Uitgelogd".into(),
                ..Default::default()
            })
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Het eigen wachtwoord wijzigen. Alle sessies en API-tokens van deze gebruiker vervallen
    /// (issue 17, punt 11): wie het oude wachtwoord of een token buitmaakte, is eruit. De huidige
    /// sessie (als die er is) krijgt een nieuwe sleutel; die wordt teruggegeven voor het cookie.
    pub async fn wachtwoord_wijzigen(
        &self,
        ctx: &Context,
        huidige_sessie: Option<&str>,
        huidig: &str,
        nieuw: &str,
        herhaling: &str,
    ) -> Result<Option<String>, AppFout> {
        // Het eigen account: het recht is ingelogd zijn.
        let id = ctx.actor.gebruiker_id().ok_or(AppFout::NietIngelogd)?;
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let nu = tx.nu;
        let mut g = tx
            .gebruiker_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De gebruiker".into()))?;
        let mut fouten = Veldfouten::nieuw();
        if !geheim::controleer_wachtwoord(huidig, &g.wachtwoord_hash) {
            fouten.voeg_toe("huidig", "Het huidige wachtwoord is onjuist.");
        }
        let nieuw_ok = fouten.controleer("nieuw", Wachtwoord::nieuw(nieuw, &g.gebruikersnaam));
        if nieuw_ok.is_some() && nieuw != herhaling {
            fouten.voeg_toe(
                "herhaling",
                "De herhaling is niet gelijk aan het nieuwe wachtwoord.",
            );
        }
        if nieuw_ok.is_some() && nieuw == huidig {
            fouten.voeg_toe(
                "nieuw",
                "Het nieuwe wachtwoord moet anders zijn dan het huidige.",
            );
        }
        fouten.resultaat()?;
        g.wachtwoord_hash = geheim::hash_wachtwoord(nieuw)?;
        g.moet_wachtwoord_wijzigen = false;
        g.versie += 1;
        g.gewijzigd_op = nu;
        if !tx.gebruiker_bijwerken(&g).await? {
            return Err(AppFout::Conflict(
                "Uw account is intussen gewijzigd. Probeer het opnieuw.".into(),
            ));
        }
        let oud = match huidige_sessie {
            Some(s) => tx.sessie_op_hash(&geheim::sha256_hex(s)).await?,
            None => None,
        };
        tx.sessies_verwijderen_van(id, None).await?;
        let tokens = tokens_intrekken(&mut *tx, id, nu).await?;
        let nieuwe_sleutel = match oud {
            Some(oud) => {
                let sleutel = geheim::willekeurig_hex(32);
                tx.sessie_invoegen(&SessieRij {
                    sleutel_hash: geheim::sha256_hex(&sleutel),
                    csrf_token: geheim::willekeurig_hex(32),
                    laatst_actief_op: nu,
                    ..oud
                })
                .await?;
                Some(sleutel)
            }
            None => None,
        };
        tx.vastleggen(Wijziging {
            actie: "gebruiker.wachtwoord_gewijzigd",
            onderwerp_type: "gebruiker",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Eigen wachtwoord gewijzigd; andere sessies beëindigd, {tokens} API-tokens \
                 ingetrokken, sessiesleutel vernieuwd"
            ),
            ..Default::default()
        })
        .await?;
        Ok(nieuwe_sleutel)
    }

    /// Een persoonlijk API-token maken voor een gebruiker. Voor jezelf mag dat altijd; voor een
    /// ander alleen als systeem (`vangnet gebruiker token`).
    pub async fn token_aanmaken(
        &self,
        ctx: &Context,
        gebruikersnaam: &str,
        omschrijving: &str,
    ) -> Result<NieuwToken, AppFout> {
        self.token_aanmaken_met(ctx, gebruikersnaam, omschrijving, "schrijven", "")
            .await
    }

    /// Een token met een bereik (`lezen`, `schrijven:betalingen`; zie
    /// `vangnet_domain::tokenbereik`) en een laatste geldige dag (`jjjj-mm-dd`; leeg:
    /// `STANDAARD_GELDIG_DAGEN` dagen, ten hoogste `MAX_GELDIG_DAGEN`). Het token verloopt aan
    /// het eind van die dag (Nederlandse tijd).
    pub async fn token_aanmaken_met(
        &self,
        ctx: &Context,
        gebruikersnaam: &str,
        omschrijving: &str,
        bereik: &str,
        laatste_dag: &str,
    ) -> Result<NieuwToken, AppFout> {
        let mut f = Veldfouten::nieuw();
        let omschrijving = omschrijving.trim();
        if omschrijving.is_empty() || omschrijving.chars().count() > 100 {
            f.voeg_toe(
                "omschrijving",
                "Geef het token een omschrijving van 1 tot 100 tekens (waarvoor is het?).",
            );
        }
        let bereik = f.controleer("bereik", Tokenbereik::parse(bereik));
        let vandaag = tijd::nl_lokaal(self.klok.nu()).date();
        let laatste_dag = match laatste_dag.trim() {
            "" => Some(vandaag + Duration::days(STANDAARD_GELDIG_DAGEN)),
            t => f.controleer(
                "verloopt_op",
                vangnet_domain::persoon::datum::parse_datum(t, "laatste geldige dag").and_then(
                    |d| {
                        if d < vandaag {
                            Err("De laatste geldige dag ligt in het verleden.".to_owned())
                        } else if d > vandaag + Duration::days(MAX_GELDIG_DAGEN) {
                            Err(format!(
                                "Een token is ten hoogste {MAX_GELDIG_DAGEN} dagen geldig; kies een eerdere dag."
                            ))
                        } else {
                            Ok(d)
                        }
                    },
                ),
            ),
        };
        f.resultaat()?;
        let (Some(bereik), Some(laatste_dag)) = (bereik, laatste_dag) else {
            return Err(AppFout::Intern("token zonder bereik of dag".into()));
        };
        // Het recht hangt af van wie het token krijgt (hieronder, vóór er iets geschreven wordt).
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let g = tx
            .gebruiker_op_naam(&gebruikersnaam.trim().to_lowercase())
            .await?
            .ok_or_else(|| AppFout::NietGevonden(format!("Gebruiker '{gebruikersnaam}'")))?;
        match &ctx.actor {
            Actor::Gebruiker { id, .. } if *id == g.id => {}
            Actor::Systeem { .. } => {}
            Actor::Gebruiker { .. } => return Err(AppFout::GeenToegang),
        }
        let token = format!("vgn_{}", geheim::willekeurig_hex(24));
        let nu = tx.nu;
        let mut rij = TokenRij {
            id: 0,
            gebruiker_id: g.id,
            omschrijving: omschrijving.to_owned(),
            token_hash: geheim::sha256_hex(&token),
            voorvoegsel: token.chars().take(10).collect(),
            aangemaakt_op: nu,
            laatst_gebruikt_op: None,
            ingetrokken_op: None,
            bereik: bereik.to_string(),
            verloopt_op: Some(tijd::begin_nl_dag(laatste_dag + Duration::days(1))),
        };
        rij.id = tx.token_invoegen(&rij).await?;
        tx.vastleggen(Wijziging {
            actie: "token.aangemaakt",
            onderwerp_type: "gebruiker",
            onderwerp_id: g.id.to_string(),
            samenvatting: format!(
                "API-token {}… aangemaakt voor {}: {} (bereik {}, geldig tot en met {})",
                rij.voorvoegsel,
                g.gebruikersnaam,
                rij.omschrijving,
                rij.bereik,
                laatste_dag.format("%d-%m-%Y")
            ),
            ..Default::default()
        })
        .await?;
        Ok(NieuwToken { id: rij.id, token })
    }

    /// De eigen tokens (zonder het geheim).
    pub async fn eigen_tokens(&self, ctx: &Context) -> Result<Vec<TokenRij>, AppFout> {
        let id = ctx.actor.gebruiker_id().ok_or(AppFout::NietIngelogd)?;
        let mut tx = self.opslag.lees().await?;
        let tokens = tx.tokens_van(id).await?;
        tx.afsluiten().await?;
        Ok(tokens)
    }

    /// Een eigen token intrekken. Een token van een ander bestaat voor deze gebruiker niet.
    pub async fn token_intrekken(&self, ctx: &Context, token_id: i64) -> Result<(), AppFout> {
        let id = ctx.actor.gebruiker_id().ok_or(AppFout::NietIngelogd)?;
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let eigen = tx.tokens_van(id).await?;
        let Some(t) = eigen.iter().find(|t| t.id == token_id) else {
            return Err(AppFout::NietGevonden("Het token".into()));
        };
        let nu = tx.nu;
        if tx.token_intrekken(t.id, nu).await? {
            tx.audit(Wijziging {
                actie: "token.ingetrokken",
                onderwerp_type: "gebruiker",
                onderwerp_id: id.to_string(),
                samenvatting: format!("API-token {}… ingetrokken", t.voorvoegsel),
                ..Default::default()
            })
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Controleert een `Authorization: Bearer`-token en geeft de gebruiker erachter.
    pub async fn token_controleren(&self, token: &str) -> Result<Actor, AppFout> {
        let mut tx = self.opslag.lees().await?;
        let rij = tx.token_op_hash(&geheim::sha256_hex(token.trim())).await?;
        let gebruiker = match &rij {
            Some(t) if t.ingetrokken_op.is_none() => tx.gebruiker_op_id(t.gebruiker_id).await?,
            _ => None,
        };
        tx.afsluiten().await?;
        let (Some(t), Some(g)) = (rij, gebruiker) else {
            return Err(AppFout::NietIngelogd);
        };
        if g.geblokkeerd {
            return Err(AppFout::NietIngelogd);
        }
        let nu = self.klok.nu();
        let verloopt = token_verloopt_op(&t);
        if verloopt <= nu {
            return Err(AppFout::TokenVerlopen(format!(
                "Dit API-token ({}…) is verlopen op {}. Maak onder Mijn account een nieuw token.",
                t.voorvoegsel,
                tijd::nl_weergave(verloopt)
            )));
        }
        // Een bereik dat niet (meer) te lezen is, geeft niets: nooit meer dan bedoeld.
        let bereik = Tokenbereik::parse(&t.bereik)
            .map_err(|m| AppFout::Intern(format!("bereik van token {}: {m}", t.id)))?;
        let oud = t
            .laatst_gebruikt_op
            .is_none_or(|l| nu - l > Duration::seconds(60));
        if oud {
            let mut tx = self
                .systeemhandeling("token", &geheim::operatie_id())
                .await?;
            let nu = tx.nu;
            tx.token_gebruikt(t.id, nu).await?;
            tx.commit().await?;
        }
        let mut actor = actor_van(&g);
        if let Actor::Gebruiker { bereik: b, .. } = &mut actor {
            *b = Some(bereik);
        }
        Ok(actor)
    }
}

/// Trekt alle nog geldige API-tokens van een gebruiker in; geeft hoeveel.
pub(crate) async fn tokens_intrekken(
    tx: &mut dyn Transactie,
    gebruiker_id: i64,
    nu: chrono::DateTime<chrono::Utc>,
) -> Result<usize, AppFout> {
    let mut n = 0;
    for t in tx.tokens_van(gebruiker_id).await? {
        if t.ingetrokken_op.is_none() && tx.token_intrekken(t.id, nu).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Controleert de velden van een nieuwe gebruiker (gedeeld door UI, API en opdrachtregel).
pub(crate) fn controleer_gebruiker(
    gebruikersnaam: &str,
    naam: &str,
    rollen: &[String],
) -> Result<(Gebruikersnaam, String, Vec<Rol>), AppFout> {
    let mut fouten = Veldfouten::nieuw();
    let gnaam = fouten.controleer("gebruikersnaam", Gebruikersnaam::parse(gebruikersnaam));
    let vnaam = fouten.controleer("volledige_naam", volledige_naam(naam));
    let rollen = fouten.controleer("rollen", rollen_uit_codes(rollen));
    fouten.resultaat()?;
    match (gnaam, vnaam, rollen) {
        (Some(g), Some(v), Some(r)) => Ok((g, v, r)),
        _ => Err(AppFout::Intern("controle zonder uitkomst".into())),
    }
}

pub(crate) fn rollen_uit_codes(codes: &[String]) -> Result<Vec<Rol>, String> {
    let mut rollen = Vec::new();
    for c in codes {
        match Rol::uit_code(c.trim()) {
            Some(r) if !rollen.contains(&r) => rollen.push(r),
            Some(_) => {}
            None => return Err(format!("Onbekende rol '{c}'.")),
        }
    }
    if rollen.is_empty() {
        return Err("Kies ten minste één rol.".into());
    }
    rollen.sort();
    vangnet_domain::rol::verenigbaar(&rollen)?;
    Ok(rollen)
}

/// Geeft het transactietype door zodat beheer.rs dezelfde hulpfuncties kan gebruiken.
pub(crate) async fn gebruiker_of_fout(
    tx: &mut dyn Leestransactie,
    id: i64,
) -> Result<GebruikerRij, AppFout> {
    tx.gebruiker_op_id(id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De gebruiker".into()))
}
