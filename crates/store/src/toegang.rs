//! Het schrijven van het toegangslog (migratie 0013): de vaste gegevens van een verwerking één
//! keer in `toegangsverwerkingen`, per betrokkene een regel in `toegangsregels` die ernaar
//! verwijst. Lezen gaat over beide tabellen, nieuwste eerst langs de indexen, met een telling die ophoudt bij een grens (migratie 0030). Draagbare SQL voor
//! beide engines; de functies hieronder dragen de poort van de app voor dit aggregaat (`impl … for AnyTransactie` onderaan).
//!
//! Elke functie die regels schrijft, geeft de partij terug: de nieuwe regels van de verwerking
//! (na het hoogste id van vóór de invoer) in één JSON-tekst teruggelezen, niet rij voor rij (een
//! `RETURNING` van 1,4 miljoen rijen kostte de betaalrun ≈ 10 s); de transactie voegt bij haar
//! commit per partij een schakel aan de toegangsketen toe (migratie 0015,
//! [`crate::transactie`]).

use async_trait::async_trait;
use sqlx::AnyConnection;

use vangnet_app::opslag::{
    OpslagFout, ToegangFilter, ToegangRij, Toegangslog, ToegangslogLezen, Uitkomst, Verwerking,
};

use crate::sql::{
    getal, json_als, json_select, opgetal, optekst, tekst, vertaal, Rij, Voorwaarden,
};
use crate::transactie::AnyTransactie;

use vangnet_domain::toegangsketen::{self, Partij, Schakel, Toegangsregel};

use crate::betaalruns::BETALINGEN;

/// Het hoogste regel-id van een verwerking (0 zonder regels).
async fn hoogste_regel(c: &mut AnyConnection, verwerking_id: i64) -> Uitkomst<i64> {
    let r = sqlx::query(
        "SELECT COALESCE(MAX(id), 0) AS n FROM toegangsregels WHERE verwerking_id = $1",
    )
    .bind(verwerking_id)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "n")
}

/// De regels van een verwerking met een id na `na` en hoogstens `tot`, in één JSON-tekst gelezen:
/// (id, maand, betrokkene).
async fn regels_na(
    c: &mut AnyConnection,
    engine: crate::Engine,
    verwerking_id: i64,
    na: i64,
    tot: i64,
) -> Uitkomst<Vec<(i64, String, String)>> {
    let namen = ["id", "maand", "betrokkene_id"].map(str::to_owned);
    let sql = json_select(
        engine,
        &namen,
        "SELECT id, maand, betrokkene_id FROM toegangsregels \
         WHERE verwerking_id = $1 AND id > $2 AND id <= $3",
    );
    json_als(c, &sql, &[verwerking_id, na, tot]).await
}

/// De partij van de regels die net na `na` in verwerking `v` zijn ingevoegd.
async fn partij_na(
    c: &mut AnyConnection,
    engine: crate::Engine,
    v: &Verwerking,
    na: i64,
) -> Uitkomst<Option<Partij>> {
    let rijen = regels_na(c, engine, v.id, na, i64::MAX).await?;
    let (Some(van), Some(tot)) = (
        rijen.iter().map(|r| r.0).min(),
        rijen.iter().map(|r| r.0).max(),
    ) else {
        return Ok(None);
    };
    let mut regels: Vec<Toegangsregel> = rijen
        .into_iter()
        .map(|(_, maand, betrokkene_id)| Toegangsregel {
            maand,
            betrokkene_id,
        })
        .collect();
    Ok(Some(toegangsketen::partij(
        &vangnet_app::ketens::verwerkingsgegevens(&v.gegevens),
        van,
        tot,
        &mut regels,
    )))
}

/// Legt de vaste gegevens van `t` vast als nieuwe verwerking (de betrokkene van `t` telt niet).
pub(crate) async fn verwerking_vastleggen(
    c: &mut AnyConnection,
    t: &ToegangRij,
) -> Uitkomst<Verwerking> {
    let r = sqlx::query(
        "INSERT INTO toegangsverwerkingen (trace_id, span_id, tijdstip, gebruiker_id, gebruiker, \
         verwerkingsactiviteit, betrokkene_type, omschrijving) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&t.trace_id)
    .bind(&t.span_id)
    .bind(&t.tijdstip)
    .bind(t.gebruiker_id)
    .bind(&t.gebruiker)
    .bind(&t.verwerkingsactiviteit)
    .bind(&t.betrokkene_type)
    .bind(&t.omschrijving)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let maand = t
        .tijdstip
        .get(0..7)
        .ok_or_else(|| OpslagFout::Database("toegangslog: tijdstip zonder maand".into()))?;
    let id = getal(&r, "id")?;
    Ok(Verwerking {
        id,
        maand: maand.to_owned(),
        gegevens: ToegangRij {
            id,
            betrokkene_id: String::new(),
            ..t.clone()
        },
    })
}

/// Eén verwerking zoals `t` met één regel voor de betrokkene van `t`.
pub(crate) async fn toegang_toevoegen(
    c: &mut AnyConnection,
    t: &ToegangRij,
) -> Uitkomst<Option<Partij>> {
    let v = verwerking_vastleggen(&mut *c, t).await?;
    let r = sqlx::query(
        "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) VALUES ($1, $2, $3) \
         RETURNING id",
    )
    .bind(v.id)
    .bind(&v.maand)
    .bind(&t.betrokkene_id)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    let id = getal(&r, "id")?;
    Ok(Some(toegangsketen::partij(
        &vangnet_app::ketens::verwerkingsgegevens(&v.gegevens),
        id,
        id,
        &mut [Toegangsregel {
            maand: v.maand.clone(),
            betrokkene_id: t.betrokkene_id.clone(),
        }],
    )))
}

/// Eén regel per persoon in `ids` bij verwerking `v`, in één statement.
pub(crate) async fn toegang_voor_personen(
    c: &mut AnyConnection,
    engine: crate::Engine,
    v: &Verwerking,
    ids: &[i64],
) -> Uitkomst<Option<Partij>> {
    if ids.is_empty() {
        return Ok(None);
    }
    // De ids als één JSON-array; de database pakt ze zelf uit.
    let lijst = serde_json::to_string(ids).map_err(|e| OpslagFout::Database(e.to_string()))?;
    let personen = match engine {
        crate::Engine::Sqlite => "SELECT CAST(value AS TEXT) AS persoon FROM json_each($3)",
        crate::Engine::Postgres => {
            "SELECT value AS persoon FROM json_array_elements_text(CAST($3 AS json))"
        }
    };
    let na = hoogste_regel(&mut *c, v.id).await?;
    sqlx::query(&format!(
        "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) \
         SELECT $1, $2, persoon FROM ({personen}) AS p"
    ))
    .bind(v.id)
    .bind(&v.maand)
    .bind(lijst)
    .execute(&mut *c)
    .await
    .map_err(vertaal)?;
    // De regels zijn precies deze personen in deze maand: alleen het bereik van de ids en het
    // aantal komen terug (de run schrijft 1,4 miljoen regels; ze teruglezen kostte 1,5 s).
    let r = sqlx::query(
        "SELECT MIN(id) AS van, MAX(id) AS tot, COUNT(*) AS n FROM toegangsregels \
         WHERE verwerking_id = $1 AND id > $2",
    )
    .bind(v.id)
    .bind(na)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let n = getal(&r, "n")?;
    if n != ids.len() as i64 {
        return Err(OpslagFout::Database(format!(
            "toegangslog: {n} regels ingevoegd, {} verwacht",
            ids.len()
        )));
    }
    let mut regels: Vec<Toegangsregel> = ids
        .iter()
        .map(|id| Toegangsregel {
            maand: v.maand.clone(),
            betrokkene_id: id.to_string(),
        })
        .collect();
    Ok(Some(toegangsketen::partij(
        &vangnet_app::ketens::verwerkingsgegevens(&v.gegevens),
        getal(&r, "van")?,
        getal(&r, "tot")?,
        &mut regels,
    )))
}

/// Eén verwerking (zoals `t`) met een regel per dossier in run `run_id`; `alleen_betalingen`:
/// alleen de dossiers in het betaalbestand; `regels`: alleen de regels met een id in dit bereik
/// (grenzen inbegrepen).
pub(crate) async fn toegang_voor_run(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
    alleen_betalingen: bool,
    regels: Option<(i64, i64)>,
    t: &ToegangRij,
) -> Uitkomst<Option<Partij>> {
    let v = verwerking_vastleggen(&mut *c, t).await?;
    let mut filter = if alleen_betalingen {
        format!(" AND {BETALINGEN}")
    } else {
        String::new()
    };
    if regels.is_some() {
        filter.push_str(" AND id BETWEEN $4 AND $5");
    }
    let sql = format!(
        "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) \
         SELECT $1, $2, CAST(dossier_id AS TEXT) \
         FROM (SELECT DISTINCT dossier_id FROM betaalregels WHERE run_id = $3{filter}) AS d"
    );
    let mut q = sqlx::query(&sql).bind(v.id).bind(&v.maand).bind(run_id);
    if let Some((van, tot)) = regels {
        q = q.bind(van).bind(tot);
    }
    q.execute(&mut *c).await.map_err(vertaal)?;
    // Een nieuwe verwerking: al haar regels zijn van deze partij.
    partij_na(c, engine, &v, 0).await
}

pub(crate) async fn reeks(
    c: &mut AnyConnection,
    vanaf: i64,
    limiet: i64,
) -> Uitkomst<Vec<Schakel>> {
    let rijen = sqlx::query(
        "SELECT volgnummer, verwerking_id, regel_van, regel_tot, aantal, inhoud, vorige_hash, \
         hash FROM toegangsketen WHERE volgnummer >= $1 ORDER BY volgnummer LIMIT $2",
    )
    .bind(vanaf)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(Schakel {
                volgnummer: getal(r, "volgnummer")?,
                partij: Partij {
                    verwerking_id: getal(r, "verwerking_id")?,
                    regel_van: getal(r, "regel_van")?,
                    regel_tot: getal(r, "regel_tot")?,
                    aantal: getal(r, "aantal")?,
                    inhoud: tekst(r, "inhoud")?,
                },
                vorige_hash: tekst(r, "vorige_hash")?,
                hash: tekst(r, "hash")?,
            })
        })
        .collect()
}

pub(crate) async fn kop(c: &mut AnyConnection) -> Uitkomst<(i64, String)> {
    let r = sqlx::query("SELECT volgnummer, laatste_hash FROM toegangsketen_kop WHERE id = 1")
        .fetch_one(c)
        .await
        .map_err(vertaal)?;
    Ok((getal(&r, "volgnummer")?, tekst(&r, "laatste_hash")?))
}

/// Het aantal regels met een id vanaf `vanaf`.
pub(crate) async fn regels_vanaf(c: &mut AnyConnection, vanaf: i64) -> Uitkomst<i64> {
    let r = sqlx::query("SELECT COUNT(*) AS n FROM toegangsregels WHERE id >= $1")
        .bind(vanaf)
        .fetch_one(c)
        .await
        .map_err(vertaal)?;
    getal(&r, "n")
}

pub(crate) async fn verwerking(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<ToegangRij>> {
    let r = sqlx::query(
        "SELECT id, trace_id, span_id, tijdstip, gebruiker_id, gebruiker, verwerkingsactiviteit, \
         betrokkene_type, omschrijving FROM toegangsverwerkingen WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.map(|r| {
        Ok(ToegangRij {
            id: getal(&r, "id")?,
            trace_id: tekst(&r, "trace_id")?,
            span_id: tekst(&r, "span_id")?,
            tijdstip: tekst(&r, "tijdstip")?,
            gebruiker_id: opgetal(&r, "gebruiker_id")?,
            gebruiker: tekst(&r, "gebruiker")?,
            verwerkingsactiviteit: tekst(&r, "verwerkingsactiviteit")?,
            betrokkene_type: tekst(&r, "betrokkene_type")?,
            betrokkene_id: String::new(),
            omschrijving: tekst(&r, "omschrijving")?,
        })
    })
    .transpose()
}

pub(crate) async fn regels_van(
    c: &mut AnyConnection,
    engine: crate::Engine,
    verwerking_id: i64,
    van: i64,
    tot: i64,
) -> Uitkomst<Vec<Toegangsregel>> {
    Ok(regels_na(c, engine, verwerking_id, van - 1, tot)
        .await?
        .into_iter()
        .map(|(_, maand, betrokkene_id)| Toegangsregel {
            maand,
            betrokkene_id,
        })
        .collect())
}

pub(crate) fn toegang_voorwaarden(f: &ToegangFilter) -> Voorwaarden {
    let mut v = Voorwaarden::default();
    // Precies de gebruikersnaam (klein geschreven, zoals bij het inloggen): zo volgt de zoekvraag
    // de index `toegangsverwerkingen (gebruiker, tijdstip)` (migratie 0030), ook bij 100 miljoen
    // regels; een deel van een naam zou elke verwerking moeten lezen.
    v.voeg_toe(
        "gebruiker = $?",
        f.gebruiker.as_deref().map(|g| g.trim().to_lowercase()),
    );
    v.voeg_toe("betrokkene_type = $?", f.betrokkene_type.clone());
    v.voeg_toe("betrokkene_id = $?", f.betrokkene_id.clone());
    v.voeg_toe(
        "verwerkingsactiviteit = $?",
        f.verwerkingsactiviteit.clone(),
    );
    v.voeg_toe(
        "tijdstip >= $?",
        f.van.map(vangnet_domain::tijd::instant_tekst),
    );
    v.voeg_toe(
        "tijdstip < $?",
        f.tot.map(vangnet_domain::tijd::instant_tekst),
    );
    v
}

/// De maanden `JJJJ-MM` van tijdstip `van` tot en met `tot` (tijdstippen in de vaste vorm
/// `2026-11-28T…`); leeg als een van beide die vorm niet heeft.
pub(crate) fn maanden_tussen(van: &str, tot: &str) -> Vec<String> {
    let lees = |t: &str| -> Option<(i32, u32)> {
        let j = t.get(0..4)?.parse().ok()?;
        let m = t.get(5..7)?.parse().ok()?;
        (t.get(4..5) == Some("-") && (1..=12).contains(&m)).then_some((j, m))
    };
    let (Some((mut j, mut m)), Some(eind)) = (lees(van), lees(tot)) else {
        return Vec::new();
    };
    let mut uit = Vec::new();
    while (j, m) <= eind {
        uit.push(format!("{j:04}-{m:02}"));
        (j, m) = if m == 12 { (j + 1, 1) } else { (j, m + 1) };
    }
    uit
}

/// De regels met hun verwerking (als de view `toegangslog`, maar met de kolommen van beide
/// tabellen bij naam, zodat de volgorde de indexen kan volgen).
const LOG_JOIN: &str = "toegangsregels r JOIN toegangsverwerkingen v ON v.id = r.verwerking_id";
const LOG_KOLOMMEN: &str = "r.id AS id, v.trace_id AS trace_id, v.span_id AS span_id, \
     v.tijdstip AS tijdstip, v.gebruiker_id AS gebruiker_id, v.gebruiker AS gebruiker, \
     v.verwerkingsactiviteit AS verwerkingsactiviteit, v.betrokkene_type AS betrokkene_type, \
     r.betrokkene_id AS betrokkene_id, v.omschrijving AS omschrijving";

pub(crate) fn toegang_uit_rij(r: &impl Rij) -> Uitkomst<ToegangRij> {
    Ok(ToegangRij {
        id: getal(r, "id")?,
        trace_id: tekst(r, "trace_id")?,
        span_id: tekst(r, "span_id")?,
        tijdstip: tekst(r, "tijdstip")?,
        gebruiker_id: opgetal(r, "gebruiker_id")?,
        gebruiker: tekst(r, "gebruiker")?,
        verwerkingsactiviteit: tekst(r, "verwerkingsactiviteit")?,
        betrokkene_type: tekst(r, "betrokkene_type")?,
        betrokkene_id: tekst(r, "betrokkene_id")?,
        omschrijving: tekst(r, "omschrijving")?,
    })
}

impl AnyTransactie {
    /// De regels met hun verwerking (`r` en `v`). Zoekt de vraag op betrokkene, dan vanuit de
    /// regels (`toegangsregels (maand, betrokkene_id)`, weinig rijen). Anders gaat het vanuit de
    /// verwerkingen in volgorde; op PostgreSQL dan met per verwerking hoogstens de regels die een
    /// bladzijde kan tonen (`per_verwerking`, een `LIMIT`): de planner schat het aantal regels per
    /// verwerking op het gemiddelde (een run heeft er miljoenen), koos anders een hash-join over
    /// alle regels, en sorteerde een hele run voor één bladzijde. SQLite volgt de indexen ook
    /// zonder hulp (en kent geen `LATERAL`).
    fn log_bron(&self, f: &ToegangFilter, per_verwerking: &str) -> String {
        let op_betrokkene = f
            .betrokkene_id
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty());
        if self.engine == crate::Engine::Sqlite || op_betrokkene {
            return LOG_JOIN.to_owned();
        }
        format!(
            "toegangsverwerkingen v CROSS JOIN LATERAL \
             (SELECT r0.id, r0.betrokkene_id FROM toegangsregels r0 \
              WHERE r0.verwerking_id = v.id {per_verwerking}) r"
        )
    }

    /// De voorwaarden van een zoekvraag in het toegangslog. Wie op betrokkene zoekt, krijgt er
    /// de maanden van het log bij: de index begint met de maand van het tijdstip (zodat een
    /// betaalrun zijn regels achteraan toevoegt), dus de zoekvraag noemt ze.
    pub(crate) async fn toegang_voorwaarden(&mut self, f: &ToegangFilter) -> Uitkomst<Voorwaarden> {
        let mut v = toegang_voorwaarden(f);
        if f.betrokkene_id
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty())
        {
            let r = sqlx::query(
                // Twee losse deelvragen: SQLite haalt een MIN of MAX alleen uit de index als
                // hij alleen staat; samen las het alle verwerkingen (0,7 s bij vijf miljoen).
                "SELECT (SELECT MIN(tijdstip) FROM toegangsverwerkingen) AS eerste, \
                        (SELECT MAX(tijdstip) FROM toegangsverwerkingen) AS laatste",
            )
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
            let maanden = match (optekst(&r, "eerste")?, optekst(&r, "laatste")?) {
                (Some(a), Some(b)) => maanden_tussen(&a, &b),
                _ => Vec::new(),
            };
            v.delen.push(format!(
                "maand IN ({})",
                if maanden.is_empty() {
                    "''".to_owned()
                } else {
                    maanden
                        .iter()
                        .map(|m| format!("'{m}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ));
        }
        Ok(v)
    }
}

#[async_trait]
impl ToegangslogLezen for AnyTransactie {
    async fn toegang_zoeken(
        &mut self,
        f: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<ToegangRij>> {
        let v = self.toegang_voorwaarden(f).await?;
        let n = v.volgende();
        // Nieuwste eerst, in de volgorde van de indexen: de verwerkingen op tijdstip (of op
        // gebruiker en tijdstip), en binnen een verwerking haar regels (`verwerking_id, id`). Zo
        // leest een bladzijde alleen haar eigen regels, hoe groot het log ook is.
        let sql = format!(
            "SELECT {LOG_KOLOMMEN} FROM {}{} \
             ORDER BY v.tijdstip DESC, v.id DESC, r.id DESC LIMIT ${n} OFFSET ${}",
            self.log_bron(f, &format!("ORDER BY r0.id DESC LIMIT ${n} + ${}", n + 1)),
            v.sql(),
            n + 1
        );
        let rijen = v
            .bind(sqlx::query(&sql))
            .bind(limiet)
            .bind(overslaan)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(toegang_uit_rij).collect()
    }

    async fn toegang_tellen(&mut self, f: &ToegangFilter, hoogstens: i64) -> Uitkomst<i64> {
        let v = self.toegang_voorwaarden(f).await?;
        let n = v.volgende();
        let sql = format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 AS een FROM {}{} LIMIT ${n}) t",
            self.log_bron(f, &format!("LIMIT ${n}")),
            v.sql()
        );
        let r = v
            .bind(sqlx::query(&sql))
            .bind(hoogstens.max(0))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }

    async fn toegangsketen_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<Schakel>> {
        reeks(self.conn(), vanaf, limiet).await
    }

    async fn toegangsketen_kop(&mut self) -> Uitkomst<(i64, String)> {
        kop(self.conn()).await
    }

    async fn toegangsregels_vanaf(&mut self, vanaf: i64) -> Uitkomst<i64> {
        regels_vanaf(self.conn(), vanaf).await
    }

    async fn toegangsverwerking(&mut self, id: i64) -> Uitkomst<Option<ToegangRij>> {
        verwerking(self.conn(), id).await
    }

    async fn toegangsregels_van(
        &mut self,
        verwerking_id: i64,
        van: i64,
        tot: i64,
    ) -> Uitkomst<Vec<Toegangsregel>> {
        let engine = self.engine;
        regels_van(self.conn(), engine, verwerking_id, van, tot).await
    }
}

#[async_trait]
impl Toegangslog for AnyTransactie {
    async fn toegang_voor_personen(&mut self, v: &Verwerking, ids: &[i64]) -> Uitkomst<()> {
        let p = toegang_voor_personen(&mut self.tx, self.engine, v, ids).await?;
        self.partij(p);
        Ok(())
    }

    async fn toegang_voor_run(
        &mut self,
        run_id: i64,
        alleen_betalingen: bool,
        regels: Option<(i64, i64)>,
        sjabloon: &ToegangRij,
    ) -> Uitkomst<()> {
        let engine = self.engine;
        let p = toegang_voor_run(
            self.conn(),
            engine,
            run_id,
            alleen_betalingen,
            regels,
            sjabloon,
        )
        .await?;
        self.partij(p);
        Ok(())
    }

    async fn toegang_toevoegen(&mut self, r: &ToegangRij) -> Uitkomst<()> {
        let p = toegang_toevoegen(self.conn(), r).await?;
        self.partij(p);
        Ok(())
    }

    async fn verwerking_vastleggen(&mut self, sjabloon: &ToegangRij) -> Uitkomst<Verwerking> {
        verwerking_vastleggen(self.conn(), sjabloon).await
    }
}

#[cfg(test)]
mod tests {
    use super::maanden_tussen;

    /// De maanden die een zoekvraag per betrokkene noemt (index toegangslog_maand_betrokkene).
    #[test]
    fn maanden_van_het_toegangslog() {
        let t = |s: &str| format!("{s}-15T10:00:00.000000Z");
        let tabel: &[(&str, &str, &[&str])] = &[
            ("2026-11", "2026-11", &["2026-11"]),
            (
                "2026-11",
                "2027-02",
                &["2026-11", "2026-12", "2027-01", "2027-02"],
            ),
            ("2027-02", "2026-11", &[]),
        ];
        for (van, tot, verwacht) in tabel {
            assert_eq!(maanden_tussen(&t(van), &t(tot)), *verwacht, "{van} … {tot}");
        }
        assert!(maanden_tussen("onzin", &t("2026-11")).is_empty());
        assert!(maanden_tussen("2026-13-01T00:00:00Z", &t("2026-11")).is_empty());
    }
}
