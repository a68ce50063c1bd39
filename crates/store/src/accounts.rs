//! Beheerverzoeken (migratie 0016): wat een functioneel beheerder vraagt en een tweede beoordeelt.
//! Soort en status gaan als code de database in en komen er als domeinwaarde uit; een onbekende
//! code is een fout, geen standaardwaarde.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{any::AnyRow, AnyConnection};
use vangnet_domain::tijd::instant_tekst;
use vangnet_domain::Rol;

use vangnet_app::opslag::{
    Accounts, AccountsLezen, BeheerverzoekRij, GebruikerRij, OpslagFout, SessieRij, TeamRij,
    TokenRij, Uitkomst,
};

use crate::installatie::Waarde;
use crate::sql::{getal, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, vlag, Rij};
use crate::transactie::AnyTransactie;

use vangnet_domain::beheerverzoek::{Verzoeksoort, Verzoekstatus};

const KOLOMMEN: &str = "id, soort, gebruiker_id, inhoud, reden, aangevraagd_door, aangevraagd_op, \
                        status, beoordeeld_door, beoordeeld_op, afwijsreden, versie";

fn uit_rij(r: &AnyRow) -> Uitkomst<BeheerverzoekRij> {
    let soort = tekst(r, "soort")?;
    let status = tekst(r, "status")?;
    Ok(BeheerverzoekRij {
        id: getal(r, "id")?,
        soort: Verzoeksoort::uit_code(&soort)
            .ok_or_else(|| OpslagFout::Database(format!("onbekende verzoeksoort '{soort}'")))?,
        gebruiker_id: getal(r, "gebruiker_id")?,
        inhoud: tekst(r, "inhoud")?,
        reden: tekst(r, "reden")?,
        aangevraagd_door: getal(r, "aangevraagd_door")?,
        aangevraagd_op: tijdstip(r, "aangevraagd_op")?,
        status: Verzoekstatus::uit_code(&status)
            .ok_or_else(|| OpslagFout::Database(format!("onbekende verzoekstatus '{status}'")))?,
        beoordeeld_door: opgetal(r, "beoordeeld_door")?,
        beoordeeld_op: optijdstip(r, "beoordeeld_op")?,
        afwijsreden: optekst(r, "afwijsreden")?,
        versie: getal(r, "versie")?,
    })
}

pub(crate) async fn invoegen(c: &mut AnyConnection, r: &BeheerverzoekRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO beheerverzoeken (soort, gebruiker_id, inhoud, reden, aangevraagd_door, \
         aangevraagd_op, status, versie) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(r.soort.code())
    .bind(r.gebruiker_id)
    .bind(&r.inhoud)
    .bind(&r.reden)
    .bind(r.aangevraagd_door)
    .bind(instant_tekst(r.aangevraagd_op))
    .bind(r.status.code())
    .bind(r.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<BeheerverzoekRij>> {
    sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM beheerverzoeken WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?
    .as_ref()
    .map(uit_rij)
    .transpose()
}

pub(crate) async fn open(c: &mut AnyConnection) -> Uitkomst<Vec<BeheerverzoekRij>> {
    sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM beheerverzoeken WHERE status = 'open' ORDER BY id"
    ))
    .fetch_all(c)
    .await
    .map_err(vertaal)?
    .iter()
    .map(uit_rij)
    .collect()
}

pub(crate) async fn bijwerken(c: &mut AnyConnection, r: &BeheerverzoekRij) -> Uitkomst<bool> {
    let n = sqlx::query(
        "UPDATE beheerverzoeken SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, \
         afwijsreden = $4, versie = $5 WHERE id = $6 AND versie = $7",
    )
    .bind(r.status.code())
    .bind(r.beoordeeld_door)
    .bind(r.beoordeeld_op.map(instant_tekst))
    .bind(&r.afwijsreden)
    .bind(r.versie)
    .bind(r.id)
    .bind(r.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?
    .rows_affected();
    Ok(n == 1)
}

pub(crate) const GEBRUIKER_KOLOMMEN: &str =
    "g.id, g.gebruikersnaam, g.volledige_naam, g.wachtwoord_hash, \
     g.moet_wachtwoord_wijzigen, g.geblokkeerd, g.versie, g.aangemaakt_op, g.gewijzigd_op";

pub(crate) const TEAM_KOLOMMEN: &str =
    "t.id, t.naam, t.omschrijving, t.versie, t.aangemaakt_op, t.gewijzigd_op";

pub(crate) fn team_uit_rij(r: &impl Rij) -> Uitkomst<TeamRij> {
    Ok(TeamRij {
        id: getal(r, "id")?,
        naam: tekst(r, "naam")?,
        omschrijving: tekst(r, "omschrijving")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
    })
}

pub(crate) const TOKEN_KOLOMMEN: &str = "id, gebruiker_id, omschrijving, token_hash, voorvoegsel, \
     aangemaakt_op, laatst_gebruikt_op, ingetrokken_op, bereik, verloopt_op";

pub(crate) fn token_uit_rij(r: &impl Rij) -> Uitkomst<TokenRij> {
    Ok(TokenRij {
        id: getal(r, "id")?,
        gebruiker_id: getal(r, "gebruiker_id")?,
        omschrijving: tekst(r, "omschrijving")?,
        token_hash: tekst(r, "token_hash")?,
        voorvoegsel: tekst(r, "voorvoegsel")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        laatst_gebruikt_op: optijdstip(r, "laatst_gebruikt_op")?,
        ingetrokken_op: optijdstip(r, "ingetrokken_op")?,
        bereik: tekst(r, "bereik")?,
        verloopt_op: optijdstip(r, "verloopt_op")?,
    })
}

pub(crate) const SESSIE_KOLOMMEN: &str =
    "sleutel_hash, gebruiker_id, csrf_token, aangemaakt_op, laatst_actief_op, adres";

impl AnyTransactie {
    /// Leest gebruikers met hun rollen (twee queries, geen N+1).
    pub(crate) async fn gebruikers_waar(
        &mut self,
        waar: &str,
        arg: Option<String>,
    ) -> Uitkomst<Vec<GebruikerRij>> {
        let sql = format!(
            "SELECT {GEBRUIKER_KOLOMMEN} FROM gebruikers g {waar} ORDER BY g.gebruikersnaam"
        );
        let mut q = sqlx::query(&sql);
        if let Some(a) = &arg {
            q = q.bind(a.as_str());
        }
        let rijen = q.fetch_all(self.conn()).await.map_err(vertaal)?;
        let mut gebruikers = Vec::with_capacity(rijen.len());
        for r in &rijen {
            gebruikers.push(GebruikerRij {
                id: getal(r, "id")?,
                gebruikersnaam: tekst(r, "gebruikersnaam")?,
                volledige_naam: tekst(r, "volledige_naam")?,
                wachtwoord_hash: tekst(r, "wachtwoord_hash")?,
                moet_wachtwoord_wijzigen: getal(r, "moet_wachtwoord_wijzigen")? == 1,
                geblokkeerd: getal(r, "geblokkeerd")? == 1,
                rollen: Vec::new(),
                versie: getal(r, "versie")?,
                aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
                gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
            });
        }
        if gebruikers.is_empty() {
            return Ok(gebruikers);
        }
        let sql = format!(
            "SELECT r.gebruiker_id, r.rol FROM gebruiker_rollen r \
             WHERE r.gebruiker_id IN (SELECT g.id FROM gebruikers g {waar}) ORDER BY r.rol"
        );
        let mut q = sqlx::query(&sql);
        if let Some(a) = &arg {
            q = q.bind(a.as_str());
        }
        for r in q.fetch_all(self.conn()).await.map_err(vertaal)? {
            let id = getal(&r, "gebruiker_id")?;
            let code = tekst(&r, "rol")?;
            if let (Some(g), Some(rol)) = (
                gebruikers.iter_mut().find(|g| g.id == id),
                Rol::uit_code(&code),
            ) {
                g.rollen.push(rol);
            }
        }
        for g in &mut gebruikers {
            g.rollen.sort();
        }
        Ok(gebruikers)
    }

    pub(crate) async fn rollen_schrijven(&mut self, id: i64, rollen: &[Rol]) -> Uitkomst<()> {
        sqlx::query("DELETE FROM gebruiker_rollen WHERE gebruiker_id = $1")
            .bind(id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        for rol in rollen {
            sqlx::query("INSERT INTO gebruiker_rollen (gebruiker_id, rol) VALUES ($1, $2)")
                .bind(id)
                .bind(rol.code())
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        }
        Ok(())
    }
}

#[async_trait]
impl AccountsLezen for AnyTransactie {
    async fn gebruiker_op_id(&mut self, id: i64) -> Uitkomst<Option<GebruikerRij>> {
        Ok(self
            .gebruikers_waar("WHERE g.id = CAST($1 AS BIGINT)", Some(id.to_string()))
            .await?
            .pop())
    }

    async fn gebruiker_op_naam(&mut self, naam: &str) -> Uitkomst<Option<GebruikerRij>> {
        Ok(self
            .gebruikers_waar("WHERE g.gebruikersnaam = $1", Some(naam.to_owned()))
            .await?
            .pop())
    }

    async fn gebruikers(&mut self) -> Uitkomst<Vec<GebruikerRij>> {
        self.gebruikers_waar("", None).await
    }

    async fn aantal_gebruikers(&mut self) -> Uitkomst<i64> {
        self.tel("SELECT COUNT(*) AS n FROM gebruikers", &[]).await
    }

    async fn team_op_id(&mut self, id: i64) -> Uitkomst<Option<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t WHERE t.id = $1");
        let r = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(team_uit_rij).transpose()
    }

    async fn teams(&mut self) -> Uitkomst<Vec<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t ORDER BY t.naam");
        let rijen = sqlx::query(&sql)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(team_uit_rij).collect()
    }

    async fn team_op_naam(&mut self, naam: &str) -> Uitkomst<Option<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t WHERE lower(t.naam) = lower($1)");
        let r = sqlx::query(&sql)
            .bind(naam)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(team_uit_rij).transpose()
    }

    async fn teamleden(&mut self, team_id: i64) -> Uitkomst<Vec<GebruikerRij>> {
        self.gebruikers_waar(
            "WHERE g.id IN (SELECT l.gebruiker_id FROM teamleden l WHERE l.team_id = CAST($1 AS BIGINT))",
            Some(team_id.to_string()),
        )
        .await
    }

    async fn teams_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TeamRij>> {
        let sql = format!(
            "SELECT {TEAM_KOLOMMEN} FROM teams t JOIN teamleden l ON l.team_id = t.id \
             WHERE l.gebruiker_id = $1 ORDER BY t.naam"
        );
        let rijen = sqlx::query(&sql)
            .bind(gebruiker_id)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(team_uit_rij).collect()
    }

    async fn sessie_op_hash(&mut self, sleutel_hash: &str) -> Uitkomst<Option<SessieRij>> {
        let r = sqlx::query(&format!(
            "SELECT {SESSIE_KOLOMMEN} FROM sessies WHERE sleutel_hash = $1"
        ))
        .bind(sleutel_hash)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.map(|r| {
            Ok(SessieRij {
                sleutel_hash: tekst(&r, "sleutel_hash")?,
                gebruiker_id: getal(&r, "gebruiker_id")?,
                csrf_token: tekst(&r, "csrf_token")?,
                aangemaakt_op: tijdstip(&r, "aangemaakt_op")?,
                laatst_actief_op: tijdstip(&r, "laatst_actief_op")?,
                adres: tekst(&r, "adres")?,
            })
        })
        .transpose()
    }

    async fn token_op_hash(&mut self, token_hash: &str) -> Uitkomst<Option<TokenRij>> {
        let r = sqlx::query(&format!(
            "SELECT {TOKEN_KOLOMMEN} FROM api_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(token_uit_rij).transpose()
    }

    async fn tokens_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TokenRij>> {
        let rijen = sqlx::query(&format!(
            "SELECT {TOKEN_KOLOMMEN} FROM api_tokens WHERE gebruiker_id = $1 ORDER BY id DESC"
        ))
        .bind(gebruiker_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(token_uit_rij).collect()
    }

    async fn mislukte_pogingen_paar(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<(i64, Option<DateTime<Utc>>)> {
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(tijdstip) AS laatste FROM inlogpogingen \
             WHERE gebruikersnaam = $1 AND adres = $2 AND tijdstip >= $3 AND gelukt = 0",
        )
        .bind(gebruikersnaam)
        .bind(adres)
        .bind(instant_tekst(sinds))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        Ok((getal(&r, "n")?, optijdstip(&r, "laatste")?))
    }

    async fn mislukte_pogingen_adres(
        &mut self,
        adres: &str,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<i64> {
        self.tel(
            "SELECT COUNT(*) AS n FROM inlogpogingen \
             WHERE adres = $1 AND tijdstip >= $2 AND gelukt = 0",
            &[adres, &instant_tekst(sinds)],
        )
        .await
    }

    async fn mislukte_pogingen_naam(
        &mut self,
        gebruikersnaam: &str,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<i64> {
        self.tel(
            "SELECT COUNT(*) AS n FROM inlogpogingen \
             WHERE gebruikersnaam = $1 AND tijdstip >= $2 AND gelukt = 0",
            &[gebruikersnaam, &instant_tekst(sinds)],
        )
        .await
    }

    async fn beheerverzoek_op_id(&mut self, id: i64) -> Uitkomst<Option<BeheerverzoekRij>> {
        op_id(self.conn(), id).await
    }

    async fn beheerverzoeken_open(&mut self) -> Uitkomst<Vec<BeheerverzoekRij>> {
        open(self.conn()).await
    }
}

#[async_trait]
impl Accounts for AnyTransactie {
    async fn verzoeksleutel_claimen(
        &mut self,
        gebruiker_id: i64,
        sleutel: &str,
        pad: &str,
        tijdstip: DateTime<Utc>,
        vast_voor: DateTime<Utc>,
        opruimen_voor: DateTime<Utc>,
    ) -> Uitkomst<Option<Option<String>>> {
        sqlx::query("DELETE FROM verzoeksleutels WHERE aangemaakt_op < $1")
            .bind(instant_tekst(opruimen_voor))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        // Een claim zonder uitkomst die al lang loopt, brak af (de handeling rolde terug): vrij.
        sqlx::query(
            "DELETE FROM verzoeksleutels WHERE gebruiker_id = $1 AND sleutel = $2 AND pad = $3 \
             AND resultaat IS NULL AND aangemaakt_op < $4",
        )
        .bind(gebruiker_id)
        .bind(sleutel)
        .bind(pad)
        .bind(instant_tekst(vast_voor))
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        let nieuw = sqlx::query(
            "INSERT INTO verzoeksleutels (gebruiker_id, sleutel, pad, aangemaakt_op) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (gebruiker_id, sleutel, pad) DO NOTHING",
        )
        .bind(gebruiker_id)
        .bind(sleutel)
        .bind(pad)
        .bind(instant_tekst(tijdstip))
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        if nieuw.rows_affected() == 1 {
            return Ok(None);
        }
        let r = sqlx::query(
            "SELECT resultaat FROM verzoeksleutels \
             WHERE gebruiker_id = $1 AND sleutel = $2 AND pad = $3",
        )
        .bind(gebruiker_id)
        .bind(sleutel)
        .bind(pad)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(Some(match r {
            Some(r) => optekst(&r, "resultaat")?,
            None => None,
        }))
    }

    async fn verzoeksleutel_afronden(
        &mut self,
        gebruiker_id: i64,
        sleutel: &str,
        pad: &str,
        resultaat: Option<&str>,
    ) -> Uitkomst<()> {
        let q = match resultaat {
            Some(r) => sqlx::query(
                "UPDATE verzoeksleutels SET resultaat = $1 \
                 WHERE gebruiker_id = $2 AND sleutel = $3 AND pad = $4",
            )
            .bind(r.to_owned()),
            None => sqlx::query(
                "DELETE FROM verzoeksleutels WHERE gebruiker_id = $1 AND sleutel = $2 AND pad = $3",
            ),
        };
        q.bind(gebruiker_id)
            .bind(sleutel)
            .bind(pad)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn gebruiker_invoegen(&mut self, g: &GebruikerRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO gebruikers (gebruikersnaam, volledige_naam, wachtwoord_hash, \
             moet_wachtwoord_wijzigen, geblokkeerd, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&g.gebruikersnaam)
        .bind(&g.volledige_naam)
        .bind(&g.wachtwoord_hash)
        .bind(vlag(g.moet_wachtwoord_wijzigen))
        .bind(vlag(g.geblokkeerd))
        .bind(g.versie)
        .bind(instant_tekst(g.aangemaakt_op))
        .bind(instant_tekst(g.gewijzigd_op))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        let id = getal(&r, "id")?;
        self.rollen_schrijven(id, &g.rollen).await?;
        Ok(id)
    }

    async fn gebruiker_bijwerken(&mut self, g: &GebruikerRij) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE gebruikers SET volledige_naam = $1, wachtwoord_hash = $2, \
             moet_wachtwoord_wijzigen = $3, geblokkeerd = $4, versie = $5, gewijzigd_op = $6 \
             WHERE id = $7 AND versie = $8",
        )
        .bind(&g.volledige_naam)
        .bind(&g.wachtwoord_hash)
        .bind(vlag(g.moet_wachtwoord_wijzigen))
        .bind(vlag(g.geblokkeerd))
        .bind(g.versie)
        .bind(instant_tekst(g.gewijzigd_op))
        .bind(g.id)
        .bind(g.versie - 1)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        if r.rows_affected() != 1 {
            return Ok(false);
        }
        self.rollen_schrijven(g.id, &g.rollen).await?;
        Ok(true)
    }

    async fn team_invoegen(&mut self, t: &TeamRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO teams (naam, omschrijving, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&t.naam)
        .bind(&t.omschrijving)
        .bind(t.versie)
        .bind(instant_tekst(t.aangemaakt_op))
        .bind(instant_tekst(t.gewijzigd_op))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn team_bijwerken(&mut self, t: &TeamRij) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE teams SET naam = $1, omschrijving = $2, versie = $3, gewijzigd_op = $4 \
             WHERE id = $5 AND versie = $6",
        )
        .bind(&t.naam)
        .bind(&t.omschrijving)
        .bind(t.versie)
        .bind(instant_tekst(t.gewijzigd_op))
        .bind(t.id)
        .bind(t.versie - 1)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn teamlid_toevoegen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool> {
        let r = sqlx::query(
            "INSERT INTO teamleden (team_id, gebruiker_id) VALUES ($1, $2) \
             ON CONFLICT (team_id, gebruiker_id) DO NOTHING",
        )
        .bind(team_id)
        .bind(gebruiker_id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn teamlid_verwijderen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool> {
        let r = sqlx::query("DELETE FROM teamleden WHERE team_id = $1 AND gebruiker_id = $2")
            .bind(team_id)
            .bind(gebruiker_id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn sessie_invoegen(&mut self, s: &SessieRij) -> Uitkomst<()> {
        sqlx::query(&format!(
            "INSERT INTO sessies ({SESSIE_KOLOMMEN}) VALUES ($1, $2, $3, $4, $5, $6)"
        ))
        .bind(&s.sleutel_hash)
        .bind(s.gebruiker_id)
        .bind(&s.csrf_token)
        .bind(instant_tekst(s.aangemaakt_op))
        .bind(instant_tekst(s.laatst_actief_op))
        .bind(&s.adres)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn sessie_aanraken(
        &mut self,
        sleutel_hash: &str,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<()> {
        sqlx::query("UPDATE sessies SET laatst_actief_op = $1 WHERE sleutel_hash = $2")
            .bind(instant_tekst(tijdstip))
            .bind(sleutel_hash)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn sessie_verwijderen(&mut self, sleutel_hash: &str) -> Uitkomst<()> {
        sqlx::query("DELETE FROM sessies WHERE sleutel_hash = $1")
            .bind(sleutel_hash)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn sessies_verwijderen_van(
        &mut self,
        gebruiker_id: i64,
        behalve: Option<&str>,
    ) -> Uitkomst<u64> {
        let r = sqlx::query("DELETE FROM sessies WHERE gebruiker_id = $1 AND sleutel_hash <> $2")
            .bind(gebruiker_id)
            .bind(behalve.unwrap_or(""))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(r.rows_affected())
    }

    async fn token_invoegen(&mut self, t: &TokenRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO api_tokens (gebruiker_id, omschrijving, token_hash, voorvoegsel, \
             aangemaakt_op, bereik, verloopt_op) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(t.gebruiker_id)
        .bind(&t.omschrijving)
        .bind(&t.token_hash)
        .bind(&t.voorvoegsel)
        .bind(instant_tekst(t.aangemaakt_op))
        .bind(&t.bereik)
        .bind(t.verloopt_op.map(instant_tekst))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn token_intrekken(&mut self, id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE api_tokens SET ingetrokken_op = $1 WHERE id = $2 AND ingetrokken_op IS NULL",
        )
        .bind(instant_tekst(tijdstip))
        .bind(id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn token_gebruikt(&mut self, id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<()> {
        sqlx::query("UPDATE api_tokens SET laatst_gebruikt_op = $1 WHERE id = $2")
            .bind(instant_tekst(tijdstip))
            .bind(id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn inlogpoging_vastleggen(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        tijdstip: DateTime<Utc>,
        gelukt: bool,
    ) -> Uitkomst<()> {
        sqlx::query(
            "INSERT INTO inlogpogingen (gebruikersnaam, adres, tijdstip, gelukt) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(gebruikersnaam)
        .bind(adres)
        .bind(instant_tekst(tijdstip))
        .bind(vlag(gelukt))
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn oude_sporen_opruimen(
        &mut self,
        sessies_voor: DateTime<Utc>,
        pogingen_voor: DateTime<Utc>,
    ) -> Uitkomst<()> {
        sqlx::query("DELETE FROM sessies WHERE laatst_actief_op < $1")
            .bind(instant_tekst(sessies_voor))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        sqlx::query("DELETE FROM inlogpogingen WHERE tijdstip < $1")
            .bind(instant_tekst(pogingen_voor))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn beheerverzoek_invoegen(&mut self, r: &BeheerverzoekRij) -> Uitkomst<i64> {
        invoegen(self.conn(), r).await
    }

    async fn beheerverzoek_bijwerken(&mut self, r: &BeheerverzoekRij) -> Uitkomst<bool> {
        bijwerken(self.conn(), r).await
    }

    async fn gebruikers_bulk_invoegen(
        &mut self,
        gebruikers: Vec<GebruikerRij>,
        teamleden: Vec<(i64, i64)>,
    ) -> Uitkomst<()> {
        let mut rollen = Vec::new();
        let mut rijen = Vec::with_capacity(gebruikers.len());
        for g in gebruikers {
            rollen.extend(
                g.rollen
                    .iter()
                    .map(|r| vec![Waarde::Getal(g.id), Waarde::Tekst(r.code().into())]),
            );
            rijen.push(vec![
                Waarde::Getal(g.id),
                Waarde::Tekst(g.gebruikersnaam),
                Waarde::Tekst(g.volledige_naam),
                Waarde::Tekst(g.wachtwoord_hash),
                Waarde::vlag(g.moet_wachtwoord_wijzigen),
                Waarde::vlag(g.geblokkeerd),
                Waarde::Getal(g.versie),
                Waarde::tijdstip(g.aangemaakt_op),
                Waarde::tijdstip(g.gewijzigd_op),
            ]);
        }
        #[rustfmt::skip]
        let kolommen = [
            "id", "gebruikersnaam", "volledige_naam", "wachtwoord_hash", "moet_wachtwoord_wijzigen",
            "geblokkeerd", "versie", "aangemaakt_op", "gewijzigd_op",
        ];
        self.bulk_invoegen("gebruikers", &kolommen, &rijen).await?;
        self.bulk_invoegen("gebruiker_rollen", &["gebruiker_id", "rol"], &rollen)
            .await?;
        let leden: Vec<Vec<Waarde>> = teamleden
            .into_iter()
            .map(|(t, g)| vec![Waarde::Getal(t), Waarde::Getal(g)])
            .collect();
        self.bulk_invoegen("teamleden", &["team_id", "gebruiker_id"], &leden)
            .await?;
        Ok(())
    }
}
