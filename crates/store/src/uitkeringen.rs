//! De opslag van uitkeringen, mutaties, maandbedragen en correcties (issue 6). Draagbare SQL voor
//! beide engines; de functies hieronder dragen de poort van de app voor dit aggregaat (`impl … for AnyTransactie` onderaan).

use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::AnyConnection;

use vangnet_app::opslag::{
    CorrectieRij, MaandbedragRij, MutatieRij, OpslagFout, UitkeringRij, Uitkeringen,
    UitkeringenLezen, Uitkeringenpartij, Uitkomst,
};

use crate::installatie::{Bulkrij, Waarde};
use vangnet_domain::bedrag::Bedrag;

use crate::transactie::AnyTransactie;
use vangnet_domain::betaalrun::Correctiesoort;
use vangnet_domain::tijd;
use vangnet_domain::uitkering::{Mutatiesoort, Mutatiestatus};

use crate::sql::{
    binden, code, datum, datum_uit, getal, getallen, in_lijst, in_tabel, onleesbaar, opdatum,
    opgetal, optekst, optijdstip, tekst, tijdstip, tijdstip_uit, vertaal, Rij,
};

pub(crate) const UITKERING_KOLOMMEN: &str = "id, dossier_id, begindatum, einddatum, einde_reden, \
     besluit_datum, besluit_door, besluit_inhoud, grondslag, bezwaar_tot, versie, aangemaakt_op";

pub(crate) fn uitkering(r: &impl Rij) -> Uitkomst<UitkeringRij> {
    uitkering_velden(r).map_err(|e| in_tabel("uitkeringen", e))
}

fn uitkering_velden(r: &impl Rij) -> Uitkomst<UitkeringRij> {
    Ok(UitkeringRij {
        id: getal(r, "id")?,
        dossier_id: getal(r, "dossier_id")?,
        begindatum: datum(r, "begindatum")?,
        einddatum: opdatum(r, "einddatum")?,
        einde_reden: optekst(r, "einde_reden")?,
        besluit_datum: datum(r, "besluit_datum")?,
        besluit_door: tekst(r, "besluit_door")?,
        besluit_inhoud: tekst(r, "besluit_inhoud")?,
        grondslag: tekst(r, "grondslag")?,
        bezwaar_tot: datum(r, "bezwaar_tot")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
    })
}

pub(crate) async fn uitkering_invoegen(c: &mut AnyConnection, u: &UitkeringRij) -> Uitkomst<i64> {
    let r = sqlx::query(
        "INSERT INTO uitkeringen (dossier_id, begindatum, einddatum, einde_reden, besluit_datum, \
         besluit_door, besluit_inhoud, grondslag, bezwaar_tot, versie, aangemaakt_op) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(u.dossier_id)
    .bind(tijd::datum_tekst(u.begindatum))
    .bind(u.einddatum.map(tijd::datum_tekst))
    .bind(&u.einde_reden)
    .bind(tijd::datum_tekst(u.besluit_datum))
    .bind(&u.besluit_door)
    .bind(&u.besluit_inhoud)
    .bind(&u.grondslag)
    .bind(tijd::datum_tekst(u.bezwaar_tot))
    .bind(u.versie)
    .bind(tijd::instant_tekst(u.aangemaakt_op))
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "id")
}

pub(crate) async fn uitkering_waar(
    c: &mut AnyConnection,
    kolom: &str,
    waarde: i64,
) -> Uitkomst<Option<UitkeringRij>> {
    let r = sqlx::query(&format!(
        "SELECT {UITKERING_KOLOMMEN} FROM uitkeringen WHERE {kolom} = $1"
    ))
    .bind(waarde)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.as_ref().map(uitkering).transpose()
}

pub(crate) async fn uitkering_ids(
    c: &mut AnyConnection,
    na_id: i64,
    limiet: i64,
) -> Uitkomst<Vec<i64>> {
    let rijen = sqlx::query("SELECT id FROM uitkeringen WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(na_id)
        .bind(limiet)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen.iter().map(|r| getal(r, "id")).collect()
}

/// Zie `Uitkeringen::uitkering_ids_voor_run`. Eén doorloop van `uitkeringen`; alleen voor wie
/// vóór de grens eindigde, kijken de drie `EXISTS` langs hun index (`correcties_uitkering`,
/// `maandbedragen_onbetaald`, `mutaties_uitkering`). Een uitkering zonder einde of met een
/// recent einde telt zonder die vragen. Een onbetaalde maandregel telt alleen vóór het einde:
/// de herberekening zet ook de maanden erna (met 0), en die geven niets.
pub(crate) async fn uitkering_ids_voor_run(
    c: &mut AnyConnection,
    na_id: i64,
    maand: NaiveDate,
    grens: &vangnet_domain::betaalrun::Leesgrens,
) -> Uitkomst<Vec<i64>> {
    let actief = tijd::instant_tekst(grens.actief_vanaf);
    let rijen = sqlx::query(
        "SELECT u.id FROM uitkeringen u WHERE u.id > $1 AND ( \
           u.einddatum IS NULL OR u.einddatum > $2 \
           OR EXISTS (SELECT 1 FROM correcties c \
                      WHERE c.uitkering_id = u.id AND c.verrekend_op IS NULL) \
           OR EXISTS (SELECT 1 FROM maandbedragen b \
                      WHERE b.uitkering_id = u.id AND b.betaald_centen IS NULL AND b.maand < $3 \
                        AND b.maand < u.einddatum) \
           OR EXISTS (SELECT 1 FROM mutaties m WHERE m.uitkering_id = u.id \
                      AND (m.geregistreerd_op >= $4 OR m.beoordeeld_op >= $4))) \
         ORDER BY u.id",
    )
    .bind(na_id)
    .bind(tijd::datum_tekst(grens.einde_na))
    .bind(tijd::datum_tekst(maand))
    .bind(actief)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(|r| getal(r, "id")).collect()
}

pub(crate) async fn uitkering_bijwerken(c: &mut AnyConnection, u: &UitkeringRij) -> Uitkomst<bool> {
    let r = sqlx::query(
        "UPDATE uitkeringen SET einddatum = $1, einde_reden = $2, versie = $3 \
         WHERE id = $4 AND versie = $5",
    )
    .bind(u.einddatum.map(tijd::datum_tekst))
    .bind(&u.einde_reden)
    .bind(u.versie)
    .bind(u.id)
    .bind(u.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(r.rows_affected() == 1)
}

pub(crate) const MUTATIE_KOLOMMEN: &str =
    "id, uitkering_id, soort, ingangsdatum, einddatum, gegevens, \
     reden, status, vier_ogen, impact_centen, geregistreerd_door, geregistreerd_op, \
     beoordeeld_door, beoordeeld_op, afwijsreden, corrigeert_id, operatie_id, versie";

pub(crate) fn mutatie(r: &impl Rij) -> Uitkomst<MutatieRij> {
    mutatie_velden(r).map_err(|e| in_tabel("mutaties", e))
}

fn mutatie_velden(r: &impl Rij) -> Uitkomst<MutatieRij> {
    Ok(MutatieRij {
        id: getal(r, "id")?,
        uitkering_id: getal(r, "uitkering_id")?,
        soort: code(r, "soort", Mutatiesoort::uit_code)?,
        ingangsdatum: datum(r, "ingangsdatum")?,
        einddatum: opdatum(r, "einddatum")?,
        gegevens: {
            let t = tekst(r, "gegevens")?;
            serde_json::from_str(&t).map_err(|e| onleesbaar("gegevens", &format!("{t} ({e})")))?
        },
        reden: tekst(r, "reden")?,
        status: code(r, "status", Mutatiestatus::uit_code)?,
        vier_ogen: getal(r, "vier_ogen")? != 0,
        impact_centen: getal(r, "impact_centen")?.into(),
        geregistreerd_door: opgetal(r, "geregistreerd_door")?,
        geregistreerd_op: tijdstip(r, "geregistreerd_op")?,
        beoordeeld_door: opgetal(r, "beoordeeld_door")?,
        beoordeeld_op: optijdstip(r, "beoordeeld_op")?,
        afwijsreden: optekst(r, "afwijsreden")?,
        corrigeert_id: opgetal(r, "corrigeert_id")?,
        operatie_id: tekst(r, "operatie_id")?,
        versie: getal(r, "versie")?,
    })
}

pub(crate) async fn mutatie_invoegen(c: &mut AnyConnection, m: &MutatieRij) -> Uitkomst<i64> {
    let r = sqlx::query(
        "INSERT INTO mutaties (uitkering_id, soort, ingangsdatum, einddatum, gegevens, reden, \
         status, vier_ogen, impact_centen, geregistreerd_door, geregistreerd_op, beoordeeld_door, \
         beoordeeld_op, afwijsreden, corrigeert_id, operatie_id, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(m.uitkering_id)
    .bind(m.soort.code())
    .bind(tijd::datum_tekst(m.ingangsdatum))
    .bind(m.einddatum.map(tijd::datum_tekst))
    .bind(
        serde_json::to_string(&m.gegevens)
            .map_err(|e| OpslagFout::Database(format!("mutaties.gegevens: {e}")))?,
    )
    .bind(&m.reden)
    .bind(m.status.code())
    .bind(i64::from(m.vier_ogen))
    .bind(m.impact_centen.centen())
    .bind(m.geregistreerd_door)
    .bind(tijd::instant_tekst(m.geregistreerd_op))
    .bind(m.beoordeeld_door)
    .bind(m.beoordeeld_op.map(tijd::instant_tekst))
    .bind(&m.afwijsreden)
    .bind(m.corrigeert_id)
    .bind(&m.operatie_id)
    .bind(m.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "id")
}

pub(crate) async fn mutatie_op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<MutatieRij>> {
    let r = sqlx::query(&format!(
        "SELECT {MUTATIE_KOLOMMEN} FROM mutaties WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.as_ref().map(mutatie).transpose()
}

pub(crate) async fn mutaties_van(
    c: &mut AnyConnection,
    uitkering_id: i64,
) -> Uitkomst<Vec<MutatieRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {MUTATIE_KOLOMMEN} FROM mutaties WHERE uitkering_id = $1 ORDER BY id"
    ))
    .bind(uitkering_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(mutatie).collect()
}

pub(crate) async fn mutatie_bijwerken(c: &mut AnyConnection, m: &MutatieRij) -> Uitkomst<bool> {
    let r = sqlx::query(
        "UPDATE mutaties SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, \
         afwijsreden = $4, versie = $5 WHERE id = $6 AND versie = $7",
    )
    .bind(m.status.code())
    .bind(m.beoordeeld_door)
    .bind(m.beoordeeld_op.map(tijd::instant_tekst))
    .bind(&m.afwijsreden)
    .bind(m.versie)
    .bind(m.id)
    .bind(m.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(r.rows_affected() == 1)
}

pub(crate) const MAANDBEDRAG_KOLOMMEN: &str =
    "uitkering_id, maand, berekend_centen, betaald_centen, berekend_op";

pub(crate) fn maandbedrag(r: &impl Rij) -> Uitkomst<MaandbedragRij> {
    Ok(MaandbedragRij {
        uitkering_id: getal(r, "uitkering_id")?,
        maand: datum(r, "maand")?,
        berekend_centen: getal(r, "berekend_centen")?.into(),
        betaald_centen: opgetal(r, "betaald_centen")?.map(Bedrag::from),
        berekend_op: tijdstip(r, "berekend_op")?,
    })
    .map_err(|e| in_tabel("maandbedragen", e))
}

pub(crate) async fn maandbedragen_van(
    c: &mut AnyConnection,
    uitkering_id: i64,
) -> Uitkomst<Vec<MaandbedragRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {MAANDBEDRAG_KOLOMMEN} FROM maandbedragen WHERE uitkering_id = $1 ORDER BY maand"
    ))
    .bind(uitkering_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(maandbedrag).collect()
}

/// De kolommen van een maandbedrag zoals `maandbedragen_zetten` ze schrijft.
const MAANDBEDRAG_INVOER: &[&str] = &[
    "uitkering_id",
    "maand",
    "berekend_centen",
    "betaald_centen",
    "berekend_op",
];

const CORRECTIE_INVOER: &[&str] = &[
    "uitkering_id",
    "maand",
    "bedrag_centen",
    "oorzaak",
    "mutatie_id",
    "aangemaakt_op",
    "verrekend_op",
    "soort",
];

impl AnyTransactie {
    /// Zet de berekende bedragen (een bestaande maand: alleen het berekende bedrag en wanneer).
    /// Als één JSON-parameter per stuk (`bulk_invoegen_met`): met een parameter per waarde
    /// zocht SQLite bij 2 500 parameters per statement elke naam lineair op, wat twee derde van
    /// de herberekening na nieuwe normen kostte.
    pub(crate) async fn maandbedragen_zetten(&mut self, rijen: &[MaandbedragRij]) -> Uitkomst<()> {
        let waarden: Vec<Vec<Waarde>> = rijen
            .iter()
            .map(|r| {
                vec![
                    Waarde::Getal(r.uitkering_id),
                    Waarde::datum(r.maand),
                    Waarde::Getal(r.berekend_centen.centen()),
                    Waarde::opgetal(r.betaald_centen.map(Bedrag::centen)),
                    Waarde::tijdstip(r.berekend_op),
                ]
            })
            .collect();
        self.bulk_invoegen_met(
            "maandbedragen",
            MAANDBEDRAG_INVOER,
            &waarden,
            "ON CONFLICT (maand, uitkering_id) DO UPDATE SET \
             berekend_centen = excluded.berekend_centen, berekend_op = excluded.berekend_op",
        )
        .await?;
        Ok(())
    }

    pub(crate) async fn correcties_invoegen(&mut self, rijen: &[CorrectieRij]) -> Uitkomst<()> {
        let waarden: Vec<Vec<Waarde>> = rijen
            .iter()
            .map(|r| {
                vec![
                    Waarde::Getal(r.uitkering_id),
                    Waarde::datum(r.maand),
                    Waarde::Getal(r.bedrag_centen.centen()),
                    Waarde::Tekst(r.oorzaak.clone()),
                    Waarde::opgetal(r.mutatie_id),
                    Waarde::tijdstip(r.aangemaakt_op),
                    Waarde::optijdstip(r.verrekend_op),
                    Waarde::Tekst(r.soort.code().into()),
                ]
            })
            .collect();
        self.bulk_invoegen_met("correcties", CORRECTIE_INVOER, &waarden, "")
            .await?;
        Ok(())
    }
}

pub(crate) const CORRECTIE_KOLOMMEN: &str =
    "id, uitkering_id, maand, bedrag_centen, oorzaak, mutatie_id, aangemaakt_op, verrekend_op, \
     soort";

pub(crate) fn correctie(r: &impl Rij) -> Uitkomst<CorrectieRij> {
    Ok(CorrectieRij {
        id: getal(r, "id")?,
        uitkering_id: getal(r, "uitkering_id")?,
        maand: datum(r, "maand")?,
        bedrag_centen: getal(r, "bedrag_centen")?.into(),
        oorzaak: tekst(r, "oorzaak")?,
        mutatie_id: opgetal(r, "mutatie_id")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        verrekend_op: optijdstip(r, "verrekend_op")?,
        soort: code(r, "soort", Correctiesoort::uit_code)?,
    })
    .map_err(|e| in_tabel("correcties", e))
}

pub(crate) async fn correcties_van(
    c: &mut AnyConnection,
    uitkering_id: i64,
) -> Uitkomst<Vec<CorrectieRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {CORRECTIE_KOLOMMEN} FROM correcties WHERE uitkering_id = $1 ORDER BY maand, id"
    ))
    .bind(uitkering_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(correctie).collect()
}

impl Bulkrij for UitkeringRij {
    const TABEL: &'static str = "uitkeringen";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "dossier_id", "begindatum", "einddatum", "einde_reden", "besluit_datum",
        "besluit_door", "besluit_inhoud", "grondslag", "bezwaar_tot", "versie", "aangemaakt_op",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::Getal(self.dossier_id),
            Waarde::datum(self.begindatum),
            Waarde::opdatum(self.einddatum),
            Waarde::optekst(self.einde_reden),
            Waarde::datum(self.besluit_datum),
            Waarde::Tekst(self.besluit_door),
            Waarde::Tekst(self.besluit_inhoud),
            Waarde::Tekst(self.grondslag),
            Waarde::datum(self.bezwaar_tot),
            Waarde::Getal(self.versie),
            Waarde::tijdstip(self.aangemaakt_op),
        ])
    }
}

impl Bulkrij for MutatieRij {
    const TABEL: &'static str = "mutaties";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "uitkering_id", "soort", "ingangsdatum", "einddatum", "gegevens", "reden", "status",
        "vier_ogen", "impact_centen", "geregistreerd_door", "geregistreerd_op", "beoordeeld_door",
        "beoordeeld_op", "afwijsreden", "corrigeert_id", "operatie_id", "versie",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        let gegevens = serde_json::to_string(&self.gegevens)
            .map_err(|e| OpslagFout::Database(format!("mutaties.gegevens: {e}")))?;
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::Getal(self.uitkering_id),
            Waarde::Tekst(self.soort.code().into()),
            Waarde::datum(self.ingangsdatum),
            Waarde::opdatum(self.einddatum),
            Waarde::Tekst(gegevens),
            Waarde::Tekst(self.reden),
            Waarde::Tekst(self.status.code().into()),
            Waarde::vlag(self.vier_ogen),
            Waarde::Getal(self.impact_centen.centen()),
            Waarde::opgetal(self.geregistreerd_door),
            Waarde::tijdstip(self.geregistreerd_op),
            Waarde::opgetal(self.beoordeeld_door),
            Waarde::optijdstip(self.beoordeeld_op),
            Waarde::optekst(self.afwijsreden),
            Waarde::opgetal(self.corrigeert_id),
            Waarde::Tekst(self.operatie_id),
            Waarde::Getal(self.versie),
        ])
    }
}

impl Bulkrij for MaandbedragRij {
    const TABEL: &'static str = "maandbedragen";
    const KOLOMMEN: &'static [&'static str] = &[
        "uitkering_id",
        "maand",
        "berekend_centen",
        "betaald_centen",
        "berekend_op",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.uitkering_id),
            Waarde::datum(self.maand),
            Waarde::Getal(self.berekend_centen.centen()),
            Waarde::opgetal(self.betaald_centen.map(Bedrag::centen)),
            Waarde::tijdstip(self.berekend_op),
        ])
    }
}

/// Zonder id: de database kent het toe.
impl Bulkrij for CorrectieRij {
    const TABEL: &'static str = "correcties";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "uitkering_id", "maand", "bedrag_centen", "oorzaak", "mutatie_id", "aangemaakt_op",
        "verrekend_op", "soort",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.uitkering_id),
            Waarde::datum(self.maand),
            Waarde::Getal(self.bedrag_centen.centen()),
            Waarde::Tekst(self.oorzaak),
            Waarde::opgetal(self.mutatie_id),
            Waarde::tijdstip(self.aangemaakt_op),
            Waarde::optijdstip(self.verrekend_op),
            Waarde::Tekst(self.soort.code().into()),
        ])
    }
}

#[async_trait]
impl UitkeringenLezen for AnyTransactie {
    async fn uitkering_op_id(&mut self, id: i64) -> Uitkomst<Option<UitkeringRij>> {
        uitkering_waar(self.conn(), "id", id).await
    }

    async fn uitkering_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Option<UitkeringRij>> {
        uitkering_waar(self.conn(), "dossier_id", dossier_id).await
    }

    async fn aantal_uitkeringen(&mut self) -> Uitkomst<i64> {
        let r = sqlx::query("SELECT COUNT(*) AS n FROM uitkeringen")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }

    async fn uitkeringen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitkeringRij>> {
        #[rustfmt::skip]
        type Rij = (i64, i64, String, Option<String>, Option<String>, String, String, String,
                    String, String, i64, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(UITKERING_KOLOMMEN, "uitkeringen", "id", ids, |r: &Rij| r.0)
            .await?;
        rijen
            .into_iter()
            .map(|r| {
                Ok(UitkeringRij {
                    id: r.0,
                    dossier_id: r.1,
                    begindatum: datum_uit("uitkeringen.begindatum", &r.2)?,
                    einddatum: r
                        .3
                        .as_deref()
                        .map(|d| datum_uit("uitkeringen.einddatum", d))
                        .transpose()?,
                    einde_reden: r.4,
                    besluit_datum: datum_uit("uitkeringen.besluit_datum", &r.5)?,
                    besluit_door: r.6,
                    besluit_inhoud: r.7,
                    grondslag: r.8,
                    bezwaar_tot: datum_uit("uitkeringen.bezwaar_tot", &r.9)?,
                    versie: r.10,
                    aangemaakt_op: tijdstip_uit("uitkeringen.aangemaakt_op", &r.11)?,
                })
            })
            .collect()
    }

    async fn mutaties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<MutatieRij>> {
        let rijen = self
            .waar_in(MUTATIE_KOLOMMEN, "mutaties", "uitkering_id", ids, "id")
            .await?;
        rijen.iter().map(mutatie).collect()
    }

    async fn maandbedragen_van_uitkeringen(
        &mut self,
        ids: &[i64],
    ) -> Uitkomst<Vec<MaandbedragRij>> {
        let rijen = self
            .waar_in(
                MAANDBEDRAG_KOLOMMEN,
                "maandbedragen",
                "uitkering_id",
                ids,
                "uitkering_id, maand",
            )
            .await?;
        rijen.iter().map(maandbedrag).collect()
    }

    async fn maandstand_voor_run(
        &mut self,
        maand: NaiveDate,
        ids: &[i64],
    ) -> Uitkomst<Vec<(i64, NaiveDate, bool)>> {
        let engine = self.engine;
        maandstand_voor_run(self.conn(), engine, maand, ids).await
    }

    async fn uitkering_ids(&mut self, na_id: i64, limiet: i64) -> Uitkomst<Vec<i64>> {
        uitkering_ids(self.conn(), na_id, limiet).await
    }

    async fn uitkering_ids_voor_run(
        &mut self,
        na_id: i64,
        maand: NaiveDate,
        grens: &vangnet_domain::betaalrun::Leesgrens,
    ) -> Uitkomst<Vec<i64>> {
        uitkering_ids_voor_run(self.conn(), na_id, maand, grens).await
    }

    async fn mutatie_op_id(&mut self, id: i64) -> Uitkomst<Option<MutatieRij>> {
        mutatie_op_id(self.conn(), id).await
    }

    async fn mutaties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MutatieRij>> {
        mutaties_van(self.conn(), uitkering_id).await
    }

    async fn maandbedragen_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MaandbedragRij>> {
        maandbedragen_van(self.conn(), uitkering_id).await
    }

    async fn correcties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<CorrectieRij>> {
        correcties_van(self.conn(), uitkering_id).await
    }

    async fn correcties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<CorrectieRij>> {
        let rijen = self
            .waar_in(
                CORRECTIE_KOLOMMEN,
                "correcties",
                "uitkering_id",
                ids,
                "uitkering_id, maand, id",
            )
            .await?;
        rijen.iter().map(correctie).collect()
    }

    async fn toekenningsvoorstel_op_id(
        &mut self,
        id: i64,
    ) -> Uitkomst<Option<vangnet_app::opslag::ToekenningsvoorstelRij>> {
        crate::toekenningsvoorstellen::op_id(self.conn(), id).await
    }

    async fn toekenningsvoorstellen_van(
        &mut self,
        dossier_id: i64,
    ) -> Uitkomst<Vec<vangnet_app::opslag::ToekenningsvoorstelRij>> {
        crate::toekenningsvoorstellen::van_dossier(self.conn(), dossier_id).await
    }
}

#[async_trait]
impl Uitkeringen for AnyTransactie {
    async fn toekenningsvoorstel_invoegen(
        &mut self,
        r: &vangnet_app::opslag::ToekenningsvoorstelRij,
    ) -> Uitkomst<i64> {
        crate::toekenningsvoorstellen::invoegen(self.conn(), r).await
    }

    async fn toekenningsvoorstel_bijwerken(
        &mut self,
        r: &vangnet_app::opslag::ToekenningsvoorstelRij,
    ) -> Uitkomst<bool> {
        crate::toekenningsvoorstellen::bijwerken(self.conn(), r).await
    }

    async fn uitkering_invoegen(&mut self, u: &UitkeringRij) -> Uitkomst<i64> {
        uitkering_invoegen(self.conn(), u).await
    }

    async fn uitkering_bijwerken(&mut self, u: &UitkeringRij) -> Uitkomst<bool> {
        uitkering_bijwerken(self.conn(), u).await
    }

    async fn mutatie_invoegen(&mut self, m: &MutatieRij) -> Uitkomst<i64> {
        mutatie_invoegen(self.conn(), m).await
    }

    async fn mutatie_bijwerken(&mut self, m: &MutatieRij) -> Uitkomst<bool> {
        mutatie_bijwerken(self.conn(), m).await
    }

    async fn maandbedragen_zetten(&mut self, rijen: &[MaandbedragRij]) -> Uitkomst<()> {
        AnyTransactie::maandbedragen_zetten(self, rijen).await
    }

    async fn correcties_invoegen(&mut self, rijen: &[CorrectieRij]) -> Uitkomst<()> {
        AnyTransactie::correcties_invoegen(self, rijen).await
    }

    async fn uitkeringen_bulk_invoegen(&mut self, p: Uitkeringenpartij) -> Uitkomst<()> {
        self.bulk(p.uitkeringen).await?;
        self.bulk(p.maandbedragen).await?;
        self.bulk(p.mutaties).await?;
        self.bulk(p.correcties).await?;
        Ok(())
    }
}

/// Zie `UitkeringenLezen::maandstand_voor_run`. Twee vragen, elk langs een eigen index: de
/// sleutel (maand, uitkering_id) voor de twee maanden, de gedeeltelijke index op de onbetaalde
/// regels voor de rest (een OR in één vraag laat beide engines de hele tabel lezen).
pub(crate) async fn maandstand_voor_run(
    c: &mut AnyConnection,
    engine: crate::Engine,
    maand: NaiveDate,
    ids: &[i64],
) -> Uitkomst<Vec<(i64, NaiveDate, bool)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let vorige = maand
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(maand);
    let (m, v) = (tijd::datum_tekst(maand), tijd::datum_tekst(vorige));
    // Op SQLite overal `?` (zie `sql::lijst`), op PostgreSQL genummerd.
    let plaats = |i: usize| match engine {
        crate::Engine::Sqlite => "?".to_owned(),
        crate::Engine::Postgres => format!("${i}"),
    };
    let (voorwaarde, binds) = in_lijst(engine, "uitkering_id", getallen(ids), 3, false)?;
    let sql = format!(
        "SELECT uitkering_id, maand, betaald_centen FROM maandbedragen \
         WHERE maand IN ({}, {}) AND {voorwaarde}",
        plaats(1),
        plaats(2)
    );
    let mut uit = Vec::new();
    let q = sqlx::query(&sql).bind(m.clone()).bind(v);
    for r in binden(q, binds).fetch_all(&mut *c).await.map_err(vertaal)? {
        uit.push((
            getal(&r, "uitkering_id")?,
            datum(&r, "maand")?,
            opgetal(&r, "betaald_centen")?.is_some(),
        ));
    }
    let (voorwaarde, binds) = in_lijst(engine, "uitkering_id", getallen(ids), 2, false)?;
    let sql = format!(
        "SELECT uitkering_id, maand FROM maandbedragen \
         WHERE betaald_centen IS NULL AND maand < {} AND {voorwaarde}",
        plaats(1)
    );
    for r in binden(sqlx::query(&sql).bind(m), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?
    {
        let rij = (getal(&r, "uitkering_id")?, datum(&r, "maand")?, false);
        if rij.1 != vorige {
            uit.push(rij);
        }
    }
    Ok(uit)
}

/// Zie `Betaalruns::betaalrun_mutaties_na`: een mutatie geldt vanaf haar goedkeuring, of zonder
/// vier ogen vanaf de registratie.
/// Zie `Betaalruns::betaalrun_uitkeringen_na`.
pub(crate) async fn uitkeringen_na(
    c: &mut AnyConnection,
    tijdstip: chrono::DateTime<chrono::Utc>,
) -> Uitkomst<i64> {
    let r = sqlx::query("SELECT COUNT(*) AS n FROM uitkeringen WHERE aangemaakt_op > $1")
        .bind(tijd::instant_tekst(tijdstip))
        .fetch_one(c)
        .await
        .map_err(vertaal)?;
    getal(&r, "n")
}

pub(crate) async fn mutaties_na(
    c: &mut AnyConnection,
    run_id: i64,
    tijdstip: chrono::DateTime<chrono::Utc>,
) -> Uitkomst<i64> {
    let r = sqlx::query(
        "SELECT COUNT(*) AS n FROM mutaties m WHERE m.status = $1 \
         AND COALESCE(m.beoordeeld_op, m.geregistreerd_op) > $2 \
         AND m.uitkering_id IN (SELECT uitkering_id FROM betaalregels WHERE run_id = $3)",
    )
    .bind(Mutatiestatus::Goedgekeurd.code())
    .bind(tijd::instant_tekst(tijdstip))
    .bind(run_id)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "n")
}
