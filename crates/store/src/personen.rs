//! Personen en hun feiten met historie (persoonsgegevens, adressen, bankrekeningen), huishoudens
//! en het zoeken van personen. Draagbare SQL voor beide engines.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use vangnet_domain::huishouden::Rol;
use vangnet_domain::persoon::naam::zoeknaam_deel;
use vangnet_domain::tijd::{datum_tekst, instant_tekst};

use vangnet_app::opslag::{
    AdresRij, BankrekeningRij, Historie, Historietabel, HuishoudenRij, HuishoudlidRij, Personen,
    PersonenLezen, Personenpartij, PersoonRij, PersoonsgegevensRij, Uitkomst, Zoeksleutel,
};

use crate::installatie::{Bulkrij, Waarde};

use crate::sql::{
    code, datum, datum_uit, getal, in_tabel, opdatum, optekst, optijdstip, tekst, tijdstip,
    tijdstip_uit, vertaal, JsonRij, Rij,
};
use crate::transactie::AnyTransactie;

pub(crate) const HISTORIE: &str =
    "geldig_vanaf, geldig_tot, geregistreerd_op, vervallen_op, operatie_id";

/// De kolommen van [`HISTORIE`] zoals ze achteraan in een tuple staan (het massale pad).
type Historiekolommen = (String, Option<String>, String, Option<String>, String);

/// Leest de kolommen van [`HISTORIE`] uit een tuple; een onleesbare waarde is een fout met de
/// kolom.
fn historie_uit(
    (vanaf, tot, geregistreerd, vervallen, operatie_id): Historiekolommen,
) -> Uitkomst<Historie> {
    Ok(Historie {
        geldig_vanaf: datum_uit("geldig_vanaf", &vanaf)?,
        geldig_tot: tot.map(|t| datum_uit("geldig_tot", &t)).transpose()?,
        geregistreerd_op: tijdstip_uit("geregistreerd_op", &geregistreerd)?,
        vervallen_op: vervallen
            .map(|t| tijdstip_uit("vervallen_op", &t))
            .transpose()?,
        operatie_id,
    })
}

pub(crate) fn historie(r: &impl Rij) -> Uitkomst<Historie> {
    Ok(Historie {
        geldig_vanaf: datum(r, "geldig_vanaf")?,
        geldig_tot: opdatum(r, "geldig_tot")?,
        geregistreerd_op: tijdstip(r, "geregistreerd_op")?,
        vervallen_op: optijdstip(r, "vervallen_op")?,
        operatie_id: tekst(r, "operatie_id")?,
    })
}

/// De waarden van [`HISTORIE`] om te binden, in die volgorde.
fn historie_waarden(h: &Historie) -> [Option<String>; 5] {
    [
        Some(datum_tekst(h.geldig_vanaf)),
        h.geldig_tot.map(datum_tekst),
        Some(instant_tekst(h.geregistreerd_op)),
        h.vervallen_op.map(instant_tekst),
        Some(h.operatie_id.clone()),
    ]
}

/// De waarden van [`HISTORIE`] voor een bulkinvoer, in die volgorde.
fn historie_bulk(h: Historie) -> [Waarde; 5] {
    [
        Waarde::datum(h.geldig_vanaf),
        Waarde::opdatum(h.geldig_tot),
        Waarde::tijdstip(h.geregistreerd_op),
        Waarde::optijdstip(h.vervallen_op),
        Waarde::Tekst(h.operatie_id),
    ]
}

impl Bulkrij for HuishoudenRij {
    const TABEL: &'static str = "huishoudens";
    const KOLOMMEN: &'static [&'static str] = &["id", "aangemaakt_op"];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::tijdstip(self.aangemaakt_op),
        ])
    }
}

impl Bulkrij for PersoonRij {
    const TABEL: &'static str = "personen";
    const KOLOMMEN: &'static [&'static str] = &["id", "bsn", "versie", "aangemaakt_op"];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::Getal(self.bsn),
            Waarde::Getal(self.versie),
            Waarde::tijdstip(self.aangemaakt_op),
        ])
    }
}

impl Bulkrij for PersoonsgegevensRij {
    const TABEL: &'static str = "persoonsgegevens";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "persoon_id", "voornamen", "voorvoegsel", "geslachtsnaam", "zoeknaam",
        "zoeknaam_volledig", "zoeknaam_deel", "geboortedatum",
        "geldig_vanaf", "geldig_tot", "geregistreerd_op", "vervallen_op", "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        let deel = zoeknaam_deel(&self.zoeknaam);
        let mut w = vec![
            Waarde::Getal(self.id),
            Waarde::Getal(self.persoon_id),
            Waarde::Tekst(self.voornamen),
            Waarde::Tekst(self.voorvoegsel),
            Waarde::Tekst(self.geslachtsnaam),
            Waarde::Tekst(self.zoeknaam),
            Waarde::Tekst(self.zoeknaam_volledig),
            Waarde::Tekst(deel),
            Waarde::datum(self.geboortedatum),
        ];
        w.extend(historie_bulk(self.historie));
        Ok(w)
    }
}

impl Bulkrij for AdresRij {
    const TABEL: &'static str = "adressen";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "persoon_id", "straat", "huisnummer", "huisletter", "toevoeging", "postcode",
        "woonplaats",
        "geldig_vanaf", "geldig_tot", "geregistreerd_op", "vervallen_op", "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        let mut w = vec![
            Waarde::Getal(self.id),
            Waarde::Getal(self.persoon_id),
            Waarde::Tekst(self.straat),
            Waarde::Getal(self.huisnummer),
            Waarde::optekst(self.huisletter),
            Waarde::optekst(self.toevoeging),
            Waarde::Tekst(self.postcode),
            Waarde::Tekst(self.woonplaats),
        ];
        w.extend(historie_bulk(self.historie));
        Ok(w)
    }
}

/// Zonder id: de database kent het toe.
impl Bulkrij for HuishoudlidRij {
    const TABEL: &'static str = "huishoudleden";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "huishouden_id", "persoon_id", "rol",
        "geldig_vanaf", "geldig_tot", "geregistreerd_op", "vervallen_op", "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        let mut w = vec![
            Waarde::Getal(self.huishouden_id),
            Waarde::Getal(self.persoon_id),
            Waarde::Tekst(self.rol.code()),
        ];
        w.extend(historie_bulk(self.historie));
        Ok(w)
    }
}

/// Zonder id: de database kent het toe.
impl Bulkrij for BankrekeningRij {
    const TABEL: &'static str = "bankrekeningen";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "persoon_id", "iban", "tenaamstelling",
        "geldig_vanaf", "geldig_tot", "geregistreerd_op", "vervallen_op", "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        let mut w = vec![
            Waarde::Getal(self.persoon_id),
            Waarde::Tekst(self.iban),
            Waarde::Tekst(self.tenaamstelling),
        ];
        w.extend(historie_bulk(self.historie));
        Ok(w)
    }
}

/// Het hoogste teken: `x` tot `x\u{10FFFF}` omvat alles dat met `x` begint (bytegewijs).
pub(crate) fn prefix_einde(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

pub(crate) fn persoon_uit_rij(r: &impl Rij) -> Uitkomst<PersoonRij> {
    Ok(PersoonRij {
        id: getal(r, "id")?,
        bsn: getal(r, "bsn")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
    })
    .map_err(|e| in_tabel("personen", e))
}

pub(crate) fn adres_uit_rij(r: &impl Rij) -> Uitkomst<AdresRij> {
    Ok(AdresRij {
        id: getal(r, "id")?,
        persoon_id: getal(r, "persoon_id")?,
        straat: tekst(r, "straat")?,
        huisnummer: getal(r, "huisnummer")?,
        huisletter: optekst(r, "huisletter")?,
        toevoeging: optekst(r, "toevoeging")?,
        postcode: tekst(r, "postcode")?,
        woonplaats: tekst(r, "woonplaats")?,
        historie: historie(r)?,
    })
    .map_err(|e| in_tabel("adressen", e))
}

pub(crate) fn huishoudlid_uit_rij(r: &impl Rij) -> Uitkomst<HuishoudlidRij> {
    Ok(HuishoudlidRij {
        id: getal(r, "id")?,
        huishouden_id: getal(r, "huishouden_id")?,
        persoon_id: getal(r, "persoon_id")?,
        rol: code(r, "rol", Rol::uit_code)?,
        historie: historie(r)?,
    })
    .map_err(|e| in_tabel("huishoudleden", e))
}

fn rol_uit(t: &str) -> Uitkomst<Rol> {
    Rol::uit_code(t).ok_or_else(|| crate::sql::onleesbaar("rol", t))
}

impl AnyTransactie {
    /// Alle rijen van een historietabel voor deze personen, oplopend op id.
    pub(crate) async fn van_personen(
        &mut self,
        kolommen: &str,
        tabel: &str,
        ids: &[i64],
    ) -> Uitkomst<Vec<JsonRij>> {
        self.waar_in(kolommen, tabel, "persoon_id", ids, "id").await
    }
}

#[async_trait]
impl PersonenLezen for AnyTransactie {
    async fn rekeningwijziging_op_id(
        &mut self,
        id: i64,
    ) -> Uitkomst<Option<vangnet_app::opslag::RekeningwijzigingRij>> {
        crate::rekeningwijzigingen::op_id(self.conn(), id).await
    }

    async fn rekeningwijzigingen(
        &mut self,
        persoon_id: Option<i64>,
    ) -> Uitkomst<Vec<vangnet_app::opslag::RekeningwijzigingRij>> {
        crate::rekeningwijzigingen::lijst(self.conn(), persoon_id).await
    }

    async fn persoon_op_bsn(&mut self, bsn: i64) -> Uitkomst<Option<PersoonRij>> {
        let r = sqlx::query("SELECT id, bsn, versie, aangemaakt_op FROM personen WHERE bsn = $1")
            .bind(bsn)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(persoon_uit_rij).transpose()
    }

    async fn personen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonRij>> {
        let rijen = self
            .waar_in(
                "id, bsn, versie, aangemaakt_op",
                "personen",
                "id",
                ids,
                "id",
            )
            .await?;
        rijen.iter().map(persoon_uit_rij).collect()
    }

    async fn persoon_op_id(&mut self, id: i64) -> Uitkomst<Option<PersoonRij>> {
        Ok(self.personen_op_ids(&[id]).await?.pop())
    }

    async fn persoonsgegevens_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonsgegevensRij>> {
        let k = format!(
            "id, persoon_id, voornamen, voorvoegsel, geslachtsnaam, zoeknaam, zoeknaam_volledig, \
             geboortedatum, {HISTORIE}"
        );
        #[rustfmt::skip]
        type Rij = (i64, i64, String, String, String, String, String, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(&k, "persoonsgegevens", "persoon_id", ids, |r: &Rij| r.0)
            .await?;
        rijen
            .into_iter()
            .map(|r| {
                Ok(PersoonsgegevensRij {
                    id: r.0,
                    persoon_id: r.1,
                    voornamen: r.2,
                    voorvoegsel: r.3,
                    geslachtsnaam: r.4,
                    zoeknaam: r.5,
                    zoeknaam_volledig: r.6,
                    geboortedatum: datum_uit("geboortedatum", &r.7)?,
                    historie: historie_uit((r.8, r.9, r.10, r.11, r.12))?,
                })
            })
            .collect::<Uitkomst<_>>()
            .map_err(|e| in_tabel("persoonsgegevens", e))
    }

    async fn adressen_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<AdresRij>> {
        let k = format!(
            "id, persoon_id, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats, {HISTORIE}"
        );
        let rijen = self.van_personen(&k, "adressen", ids).await?;
        rijen.iter().map(adres_uit_rij).collect()
    }

    async fn bankrekeningen_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<BankrekeningRij>> {
        let k = format!("id, persoon_id, iban, tenaamstelling, {HISTORIE}");
        #[rustfmt::skip]
        type Rij = (i64, i64, String, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(&k, "bankrekeningen", "persoon_id", ids, |r: &Rij| r.0)
            .await?;
        rijen
            .into_iter()
            .map(|r| {
                Ok(BankrekeningRij {
                    id: r.0,
                    persoon_id: r.1,
                    iban: r.2,
                    tenaamstelling: r.3,
                    historie: historie_uit((r.4, r.5, r.6, r.7, r.8))?,
                })
            })
            .collect::<Uitkomst<_>>()
            .map_err(|e| in_tabel("bankrekeningen", e))
    }

    async fn huishoudleden_van_huishouden(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<HuishoudlidRij>> {
        let rijen = sqlx::query(&format!(
            "SELECT id, huishouden_id, persoon_id, rol, {HISTORIE} FROM huishoudleden \
             WHERE huishouden_id = $1 ORDER BY id"
        ))
        .bind(huishouden_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(huishoudlid_uit_rij).collect()
    }

    async fn huishoudleden_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<HuishoudlidRij>> {
        let k = format!("id, huishouden_id, persoon_id, rol, {HISTORIE}");
        let rijen = self.van_personen(&k, "huishoudleden", ids).await?;
        rijen.iter().map(huishoudlid_uit_rij).collect()
    }

    async fn personen_zoeken(&mut self, sleutel: &Zoeksleutel, limiet: i64) -> Uitkomst<Vec<i64>> {
        match sleutel {
            Zoeksleutel::Bsn(bsn) => {
                let r = sqlx::query("SELECT id AS persoon_id FROM personen WHERE bsn = $1 LIMIT $2")
                    .bind(*bsn)
                    .bind(limiet)
                    .fetch_all(self.conn())
                    .await
                    .map_err(vertaal)?;
                r.iter().map(|r| getal(r, "persoon_id")).collect()
            }
            Zoeksleutel::Dossiernummer(n) => {
                self.ids(
                    "SELECT DISTINCT l.persoon_id FROM dossiers d \
                     JOIN huishoudleden l ON l.huishouden_id = d.huishouden_id \
                     WHERE d.nummer = $1 AND l.vervallen_op IS NULL ORDER BY l.persoon_id LIMIT $2",
                    std::slice::from_ref(n),
                    limiet,
                )
                .await
            }
            Zoeksleutel::Geboortedatum(d) => {
                self.ids(
                    "SELECT DISTINCT persoon_id FROM persoonsgegevens \
                     WHERE geboortedatum = $1 AND vervallen_op IS NULL ORDER BY persoon_id LIMIT $2",
                    &[datum_tekst(*d)],
                    limiet,
                )
                .await
            }
            Zoeksleutel::Adres(postcode, nummer) => {
                let mut q = sqlx::query(
                    "SELECT DISTINCT persoon_id FROM adressen WHERE postcode = $1 \
                     AND ($2 = 0 OR huisnummer = $2) AND vervallen_op IS NULL AND geldig_tot IS NULL \
                     ORDER BY persoon_id LIMIT $3",
                );
                q = q.bind(postcode.as_str()).bind(nummer.unwrap_or(0)).bind(limiet);
                let r = q.fetch_all(self.conn()).await.map_err(vertaal)?;
                r.iter().map(|r| getal(r, "persoon_id")).collect()
            }
            Zoeksleutel::Naam(begin) => {
                // Drie bereiken (de achternaam, met voorvoegsel, en vanaf het tweede woord: issue
                // 21 punt 9) die elk hun index in volgorde aflopen en na `limiet` stoppen;
                // daarna samenvoegen. Een OR in één query zou alle treffers moeten sorteren.
                let einde = prefix_einde(begin);
                let mut ids = Vec::new();
                for kolom in ["zoeknaam", "zoeknaam_volledig", "zoeknaam_deel"] {
                    let sql = format!(
                        "SELECT persoon_id, {kolom} AS sleutel FROM persoonsgegevens \
                         WHERE {kolom} >= $1 AND {kolom} < $2 AND vervallen_op IS NULL \
                         ORDER BY {kolom}, persoon_id LIMIT $3"
                    );
                    let rijen = sqlx::query(&sql)
                        .bind(begin.as_str())
                        .bind(einde.as_str())
                        .bind(limiet)
                        .fetch_all(self.conn())
                        .await
                        .map_err(vertaal)?;
                    for r in &rijen {
                        ids.push((tekst(r, "sleutel")?, getal(r, "persoon_id")?));
                    }
                }
                ids.sort();
                let mut uit: Vec<i64> = Vec::new();
                for (_, id) in ids {
                    if !uit.contains(&id) {
                        uit.push(id);
                    }
                }
                uit.truncate(usize::try_from(limiet).unwrap_or(0));
                Ok(uit)
            }
        }
    }

    async fn huishoudleden_van_huishoudens(
        &mut self,
        ids: &[i64],
    ) -> Uitkomst<Vec<HuishoudlidRij>> {
        let kolommen = format!("id, huishouden_id, persoon_id, rol, {HISTORIE}");
        #[rustfmt::skip]
        type Rij = (i64, i64, i64, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(
                &kolommen,
                "huishoudleden",
                "huishouden_id",
                ids,
                |r: &Rij| r.0,
            )
            .await?;
        rijen
            .into_iter()
            .map(|r| {
                Ok(HuishoudlidRij {
                    id: r.0,
                    huishouden_id: r.1,
                    persoon_id: r.2,
                    rol: rol_uit(&r.3)?,
                    historie: historie_uit((r.4, r.5, r.6, r.7, r.8))?,
                })
            })
            .collect::<Uitkomst<_>>()
            .map_err(|e| in_tabel("huishoudleden", e))
    }
}

#[async_trait]
impl Personen for AnyTransactie {
    async fn rekeningwijziging_invoegen(
        &mut self,
        r: &vangnet_app::opslag::RekeningwijzigingRij,
    ) -> Uitkomst<i64> {
        crate::rekeningwijzigingen::invoegen(self.conn(), r).await
    }

    async fn rekeningwijziging_bijwerken(
        &mut self,
        r: &vangnet_app::opslag::RekeningwijzigingRij,
    ) -> Uitkomst<bool> {
        crate::rekeningwijzigingen::bijwerken(self.conn(), r).await
    }

    async fn persoon_invoegen(&mut self, bsn: i64, tijdstip: DateTime<Utc>) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO personen (bsn, versie, aangemaakt_op) VALUES ($1, 1, $2) RETURNING id",
        )
        .bind(bsn)
        .bind(instant_tekst(tijdstip))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn persoonsgegevens_invoegen(&mut self, r: &PersoonsgegevensRij) -> Uitkomst<i64> {
        let [h1, h2, h3, h4, h5] = historie_waarden(&r.historie);
        let rij = sqlx::query(&format!(
            "INSERT INTO persoonsgegevens (persoon_id, voornamen, voorvoegsel, geslachtsnaam, \
             zoeknaam, zoeknaam_volledig, geboortedatum, {HISTORIE}, zoeknaam_deel) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.voornamen)
        .bind(&r.voorvoegsel)
        .bind(&r.geslachtsnaam)
        .bind(&r.zoeknaam)
        .bind(&r.zoeknaam_volledig)
        .bind(datum_tekst(r.geboortedatum))
        .bind(h1)
        .bind(h2)
        .bind(h3)
        .bind(h4)
        .bind(h5)
        .bind(zoeknaam_deel(&r.zoeknaam))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn adres_invoegen(&mut self, r: &AdresRij) -> Uitkomst<i64> {
        let [h1, h2, h3, h4, h5] = historie_waarden(&r.historie);
        let rij = sqlx::query(&format!(
            "INSERT INTO adressen (persoon_id, straat, huisnummer, huisletter, toevoeging, postcode, \
             woonplaats, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.straat)
        .bind(r.huisnummer)
        .bind(r.huisletter.as_deref())
        .bind(r.toevoeging.as_deref())
        .bind(&r.postcode)
        .bind(&r.woonplaats)
        .bind(h1)
        .bind(h2)
        .bind(h3)
        .bind(h4)
        .bind(h5)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn bankrekening_invoegen(&mut self, r: &BankrekeningRij) -> Uitkomst<i64> {
        let [h1, h2, h3, h4, h5] = historie_waarden(&r.historie);
        let rij = sqlx::query(&format!(
            "INSERT INTO bankrekeningen (persoon_id, iban, tenaamstelling, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.iban)
        .bind(&r.tenaamstelling)
        .bind(h1)
        .bind(h2)
        .bind(h3)
        .bind(h4)
        .bind(h5)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn persoon_versie_ophogen(&mut self, id: i64, verwacht: i64) -> Uitkomst<bool> {
        let r =
            sqlx::query("UPDATE personen SET versie = versie + 1 WHERE id = $1 AND versie = $2")
                .bind(id)
                .bind(verwacht)
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn versie_laten_vervallen(
        &mut self,
        tabel: Historietabel,
        id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<bool> {
        let tabel = match tabel {
            Historietabel::Persoonsgegevens => "persoonsgegevens",
            Historietabel::Adressen => "adressen",
            Historietabel::Bankrekeningen => "bankrekeningen",
            Historietabel::Huishoudleden => "huishoudleden",
        };
        let r = sqlx::query(&format!(
            "UPDATE {tabel} SET vervallen_op = $1 WHERE id = $2 AND vervallen_op IS NULL"
        ))
        .bind(instant_tekst(tijdstip))
        .bind(id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn huishouden_invoegen(&mut self, tijdstip: DateTime<Utc>) -> Uitkomst<i64> {
        let r = sqlx::query("INSERT INTO huishoudens (aangemaakt_op) VALUES ($1) RETURNING id")
            .bind(instant_tekst(tijdstip))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn huishoudlid_invoegen(&mut self, r: &HuishoudlidRij) -> Uitkomst<i64> {
        let [h1, h2, h3, h4, h5] = historie_waarden(&r.historie);
        let rij = sqlx::query(&format!(
            "INSERT INTO huishoudleden (huishouden_id, persoon_id, rol, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        ))
        .bind(r.huishouden_id)
        .bind(r.persoon_id)
        .bind(r.rol.code())
        .bind(h1)
        .bind(h2)
        .bind(h3)
        .bind(h4)
        .bind(h5)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn personen_bulk_invoegen(&mut self, p: Personenpartij) -> Uitkomst<()> {
        self.bulk(p.huishoudens).await?;
        self.bulk(p.personen).await?;
        self.bulk(p.gegevens).await?;
        self.bulk(p.adressen).await?;
        self.bulk(p.leden).await?;
        self.bulk(p.rekeningen).await?;
        Ok(())
    }
}
