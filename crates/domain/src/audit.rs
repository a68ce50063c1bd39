//! De audittrail als hashketen: elke wijziging krijgt een record met een volgnummer, en de hash van
//! elk record dekt zijn inhoud én de hash van het vorige. Wie een record wijzigt, weghaalt of
//! tussenvoegt, breekt de keten; `controleer_keten` vindt de eerste breuk.
//!
//! Tegen iemand die de database kan schrijven én de keten opnieuw kan uitrekenen, helpt alleen iets
//! wat buiten de database ligt: de [`Ketensleutel`]. Vanaf het record waarop de sleutel in gebruik
//! kwam, is elke hash een HMAC-SHA-256 met die sleutel; zonder de sleutel is geen geldige hash te
//! maken. Records van vóór de sleutel houden hun gewone SHA-256.
//!
//! De canonieke vorm is een reeks velden met elk hun lengte ervoor, zodat geen twee verschillende
//! records dezelfde bytes opleveren.

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// De geheime sleutel van de audittrail en het toegangslog, buiten de database bewaard (een
/// bestand, zie `docs/SECURITY.md`), met het eerste volgnummer van elke keten dat ermee getekend
/// is. Wie de database kan schrijven maar de sleutel niet heeft, kan geen record wijzigen,
/// tussenvoegen of de keten herschrijven zonder dat `vangnet audit verify` het ziet.
#[derive(Clone, PartialEq, Eq)]
pub struct Ketensleutel {
    sleutel: [u8; 32],
    /// Het eerste auditrecord met een HMAC.
    pub audit_vanaf: i64,
    /// De eerste schakel van de toegangsketen met een HMAC.
    pub toegang_vanaf: i64,
}

impl std::fmt::Debug for Ketensleutel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ketensleutel")
            .field("vingerafdruk", &self.vingerafdruk())
            .field("audit_vanaf", &self.audit_vanaf)
            .field("toegang_vanaf", &self.toegang_vanaf)
            .finish()
    }
}

const SLEUTEL_KOP: &str = "vangnet-ketensleutel-v1";

impl Ketensleutel {
    pub fn nieuw(sleutel: [u8; 32], audit_vanaf: i64, toegang_vanaf: i64) -> Self {
        Self {
            sleutel,
            audit_vanaf,
            toegang_vanaf,
        }
    }

    /// Een korte, openbare aanduiding van de sleutel (de sleutel zelf is er niet uit af te
    /// leiden): 16 hextekens van een SHA-256 over de sleutel.
    pub fn vingerafdruk(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"vangnet-ketensleutel-vingerafdruk");
        h.update(self.sleutel);
        hex::encode(&h.finalize()[..8])
    }

    /// Het sleutelbestand: een kopregel en drie regels `naam = waarde`.
    pub fn als_tekst(&self) -> String {
        format!(
            "{SLEUTEL_KOP}\nsleutel = {}\naudit_vanaf = {}\ntoegang_vanaf = {}\n",
            hex::encode(self.sleutel),
            self.audit_vanaf,
            self.toegang_vanaf
        )
    }

    pub fn uit_tekst(tekst: &str) -> Result<Self, String> {
        let mut regels = tekst.lines().map(str::trim).filter(|r| !r.is_empty());
        if regels.next() != Some(SLEUTEL_KOP) {
            return Err(format!("het bestand begint niet met '{SLEUTEL_KOP}'"));
        }
        let (mut sleutel, mut audit, mut toegang) = (None, None, None);
        for r in regels {
            let (naam, waarde) = r
                .split_once('=')
                .map(|(n, w)| (n.trim(), w.trim()))
                .ok_or_else(|| format!("regel zonder '=': {r}"))?;
            match naam {
                "sleutel" => {
                    let b = hex::decode(waarde).map_err(|_| "sleutel is geen hex".to_owned())?;
                    sleutel = Some(
                        <[u8; 32]>::try_from(b.as_slice())
                            .map_err(|_| "sleutel is geen 32 bytes".to_owned())?,
                    );
                }
                "audit_vanaf" => audit = waarde.parse::<i64>().ok(),
                "toegang_vanaf" => toegang = waarde.parse::<i64>().ok(),
                _ => return Err(format!("onbekende regel '{naam}'")),
            }
        }
        match (sleutel, audit, toegang) {
            (Some(s), Some(a), Some(t)) if a >= 1 && t >= 1 => Ok(Self::nieuw(s, a, t)),
            _ => Err("sleutel, audit_vanaf en toegang_vanaf (vanaf 1) zijn verplicht".into()),
        }
    }

    /// HMAC-SHA-256 over `bytes`.
    pub fn mac(&self, bytes: &[u8]) -> String {
        // Een HMAC neemt elke sleutellengte; dit faalt nooit.
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.sleutel)
            .unwrap_or_else(|_| unreachable!("HMAC neemt elke sleutellengte"));
        m.update(bytes);
        hex::encode(m.finalize().into_bytes())
    }
}

/// Bytes in de canonieke vorm: elk veld met zijn lengte ervoor.
#[derive(Default)]
pub struct Canoniek(Vec<u8>);

impl Canoniek {
    pub fn veld(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(&(b.len() as u64).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// SHA-256, of HMAC-SHA-256 met de sleutel als die er is.
    pub fn hash(&self, sleutel: Option<&Ketensleutel>) -> String {
        match sleutel {
            Some(s) => s.mac(&self.0),
            None => hex::encode(Sha256::digest(&self.0)),
        }
    }
}

/// Een hash in de keten: 64 hexadecimale tekens.
pub type AuditHash = String;

/// De hash vóór het eerste record.
pub const BEGIN_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// De inhoud van een auditrecord zoals die in de keten wordt vastgelegd.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditGegevens {
    pub volgnummer: i64,
    /// Tijdstip in UTC, in de vaste vorm van `tijd::instant_tekst`.
    pub tijdstip: String,
    pub operatie_id: String,
    /// De gebruiker die handelde; leeg voor het systeem zelf (opdrachtregel, eerste start).
    pub actor_id: Option<i64>,
    /// Wie handelde, leesbaar (gebruikersnaam of "systeem (opdrachtregel)").
    pub actor: String,
    /// Wat er gebeurde, bv. `gebruiker.aangemaakt`.
    pub actie: String,
    pub onderwerp_type: String,
    pub onderwerp_id: String,
    pub samenvatting: String,
    /// De toestand vóór de wijziging als JSON, als die er was.
    pub voor: Option<String>,
    /// De toestand na de wijziging als JSON.
    pub na: Option<String>,
    /// De reden die de gebruiker opgaf.
    pub reden: Option<String>,
}

impl AuditGegevens {
    /// De hash van dit record, gegeven de hash van het vorige: een HMAC met de sleutel als het
    /// record op of na `audit_vanaf` van de sleutel komt, anders SHA-256.
    pub fn hash(&self, vorige_hash: &str, sleutel: Option<&Ketensleutel>) -> AuditHash {
        let sleutel = sleutel.filter(|s| self.volgnummer >= s.audit_vanaf);
        let mut c = Canoniek::default();
        c.veld(if sleutel.is_some() {
            b"vangnet-audit-v2-hmac"
        } else {
            b"vangnet-audit-v1"
        });
        c.veld(vorige_hash.as_bytes());
        c.veld(&self.volgnummer.to_be_bytes());
        c.veld(self.tijdstip.as_bytes());
        c.veld(self.operatie_id.as_bytes());
        match self.actor_id {
            Some(id) => c.veld(&id.to_be_bytes()),
            None => c.veld(b""),
        };
        c.veld(self.actor.as_bytes());
        c.veld(self.actie.as_bytes());
        c.veld(self.onderwerp_type.as_bytes());
        c.veld(self.onderwerp_id.as_bytes());
        c.veld(self.samenvatting.as_bytes());
        for optioneel in [&self.voor, &self.na, &self.reden] {
            match optioneel {
                Some(s) => c.veld(b"1").veld(s.as_bytes()),
                None => c.veld(b"0"),
            };
        }
        c.hash(sleutel)
    }
}

/// Een anker: de koppen van de audittrail en de toegangsketen op een moment, buiten de database
/// vastgelegd (een bestand waar alleen aan wordt toegevoegd). Een sleutel maakt een keten niet
/// bestand tegen het weghalen van haar laatste records (de kop in de database gaat mee terug);
/// een anker wel: `audit verify` eist dat elk anker nog in de ketens staat. Elke ankerregel
/// draagt een HMAC over de vorige regel en haar eigen inhoud, zodat ook het ankerbestand niet
/// ongemerkt te wijzigen is door wie de sleutel niet heeft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anker {
    pub tijdstip: String,
    pub audit: (i64, String),
    pub toegang: (i64, String),
    pub mac: String,
}

impl Anker {
    /// Een nieuw anker na `vorige_mac` (de MAC van de vorige regel, of [`BEGIN_HASH`]).
    pub fn nieuw(
        tijdstip: String,
        audit: (i64, String),
        toegang: (i64, String),
        vorige_mac: &str,
        sleutel: &Ketensleutel,
    ) -> Self {
        let mut a = Self {
            tijdstip,
            audit,
            toegang,
            mac: String::new(),
        };
        a.mac = a.bereken_mac(vorige_mac, sleutel);
        a
    }

    pub fn bereken_mac(&self, vorige_mac: &str, sleutel: &Ketensleutel) -> String {
        let mut c = Canoniek::default();
        c.veld(b"vangnet-anker-v1")
            .veld(vorige_mac.as_bytes())
            .veld(self.tijdstip.as_bytes())
            .veld(&self.audit.0.to_be_bytes())
            .veld(self.audit.1.as_bytes())
            .veld(&self.toegang.0.to_be_bytes())
            .veld(self.toegang.1.as_bytes());
        sleutel.mac(c.bytes())
    }

    /// `tijdstip audit=nr:hash toegang=nr:hash mac=…`
    pub fn regel(&self) -> String {
        format!(
            "{} audit={}:{} toegang={}:{} mac={}",
            self.tijdstip, self.audit.0, self.audit.1, self.toegang.0, self.toegang.1, self.mac
        )
    }

    pub fn uit_regel(regel: &str) -> Option<Self> {
        let mut delen = regel.split_whitespace();
        let tijdstip = delen.next()?.to_owned();
        let mut kop = |naam: &str| -> Option<(i64, String)> {
            let (n, w) = delen.next()?.split_once('=')?;
            let (nr, hash) = w.split_once(':')?;
            (n == naam).then_some((nr.parse().ok()?, hash.to_owned()))
        };
        let audit = kop("audit")?;
        let toegang = kop("toegang")?;
        let mac = delen.next()?.strip_prefix("mac=")?.to_owned();
        delen.next().is_none().then_some(Self {
            tijdstip,
            audit,
            toegang,
            mac,
        })
    }
}

/// Een opgeslagen record: de gegevens plus de twee hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeketendRecord {
    pub gegevens: AuditGegevens,
    pub vorige_hash: AuditHash,
    pub hash: AuditHash,
}

/// Wat er mis is met de keten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KetenFout {
    #[error("record {verwacht} ontbreekt (gevonden: {gevonden})")]
    Gat { verwacht: i64, gevonden: i64 },
    #[error("record {volgnummer} is gewijzigd: de hash klopt niet met de inhoud")]
    Gewijzigd { volgnummer: i64 },
    #[error("record {volgnummer} verwijst niet naar de hash van het vorige record")]
    Verbroken { volgnummer: i64 },
    #[error("de kop van de keten ({kop_volgnummer}) past niet bij het laatste record ({laatste})")]
    KopWijktAf { kop_volgnummer: i64, laatste: i64 },
    /// De betaalregels van een goedgekeurde run zijn na de goedkeuring veranderd: ze kloppen niet
    /// meer met het zegel in het auditrecord van de goedkeuring (zie [`crate::zegel`]).
    #[error(
        "betaalrun {run}: de betaalregels kloppen niet meer met het zegel in record {volgnummer} \
         (na de goedkeuring gewijzigd)"
    )]
    ZegelGebroken { run: i64, volgnummer: i64 },
    /// Een goedgekeurde of geëxporteerde run zonder auditrecord van de goedkeuring: de status is
    /// buiten Vangnet om gezet, of het record is weg.
    #[error("betaalrun {run} is goedgekeurd, maar de keten heeft geen goedkeuring van die run")]
    GoedkeuringOntbreekt { run: i64 },
    /// Een anker buiten de database (zie [`Anker`]) klopt niet (meer) met de ketens.
    #[error("anker {regel} in het ankerbestand: {waarom}")]
    AnkerWijktAf { regel: usize, waarom: String },
    /// De toegangsketen (zie [`crate::toegangsketen`]) is gebroken bij deze schakel.
    #[error("toegangslog, schakel {schakel}: {waarom}")]
    ToegangslogGebroken { schakel: i64, waarom: String },
}

/// Houdt de stand bij terwijl records in volgorde langskomen, zodat een keten van elke lengte
/// in stukken gecontroleerd kan worden zonder alles in het geheugen te houden.
#[derive(Debug, Clone)]
pub struct KetenControle {
    volgende: i64,
    vorige_hash: AuditHash,
    sleutel: Option<Ketensleutel>,
}

impl Default for KetenControle {
    fn default() -> Self {
        Self::met_sleutel(None)
    }
}

impl KetenControle {
    pub fn met_sleutel(sleutel: Option<Ketensleutel>) -> Self {
        Self {
            volgende: 1,
            vorige_hash: BEGIN_HASH.to_owned(),
            sleutel,
        }
    }

    pub fn volgend(&mut self, r: &GeketendRecord) -> Result<(), KetenFout> {
        let herberekend = r.gegevens.hash(&r.vorige_hash, self.sleutel.as_ref());
        self.schakel(r.gegevens.volgnummer, &r.vorige_hash, &r.hash, &herberekend)
    }

    /// De sleutel van deze controle (voor een keten die haar hashes zelf uitrekent, zoals de
    /// toegangsketen).
    pub fn sleutel(&self) -> Option<&Ketensleutel> {
        self.sleutel.as_ref()
    }

    /// De volgende schakel van een keten: volgnummer aansluitend, verwijzing naar de vorige hash,
    /// en de opgeslagen hash gelijk aan de herberekende.
    pub fn schakel(
        &mut self,
        nr: i64,
        vorige_hash: &str,
        hash: &str,
        herberekend: &str,
    ) -> Result<(), KetenFout> {
        if nr != self.volgende {
            return Err(KetenFout::Gat {
                verwacht: self.volgende,
                gevonden: nr,
            });
        }
        if vorige_hash != self.vorige_hash {
            return Err(KetenFout::Verbroken { volgnummer: nr });
        }
        if herberekend != hash {
            return Err(KetenFout::Gewijzigd { volgnummer: nr });
        }
        self.volgende += 1;
        self.vorige_hash = hash.to_owned();
        Ok(())
    }

    /// Sluit af tegen de kop (het laatste volgnummer en de laatste hash die de opslag bijhoudt):
    /// zo valt ook het weghalen van de laatste records op.
    pub fn sluit_af(&self, kop_volgnummer: i64, kop_hash: &str) -> Result<i64, KetenFout> {
        let laatste = self.volgende - 1;
        if kop_volgnummer != laatste || kop_hash != self.vorige_hash {
            return Err(KetenFout::KopWijktAf {
                kop_volgnummer,
                laatste,
            });
        }
        Ok(laatste)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keten(n: i64) -> Vec<GeketendRecord> {
        let mut vorige = BEGIN_HASH.to_owned();
        (1..=n)
            .map(|i| {
                let g = AuditGegevens {
                    volgnummer: i,
                    tijdstip: format!("2026-11-28T10:00:0{i}.000000Z"),
                    operatie_id: format!("op{i}"),
                    actor_id: Some(1),
                    actor: "beheerder".into(),
                    actie: "team.aangemaakt".into(),
                    onderwerp_type: "team".into(),
                    onderwerp_id: i.to_string(),
                    samenvatting: format!("Team {i} aangemaakt"),
                    voor: None,
                    na: Some("{}".into()),
                    reden: None,
                };
                let hash = g.hash(&vorige, None);
                let r = GeketendRecord {
                    gegevens: g,
                    vorige_hash: vorige.clone(),
                    hash: hash.clone(),
                };
                vorige = hash;
                r
            })
            .collect()
    }

    fn controleer(records: &[GeketendRecord], kop: (i64, &str)) -> Result<i64, KetenFout> {
        let mut c = KetenControle::default();
        for r in records {
            c.volgend(r)?;
        }
        c.sluit_af(kop.0, kop.1)
    }

    #[test]
    fn intacte_keten_klopt() {
        let k = keten(4);
        assert_eq!(controleer(&k, (4, &k[3].hash)), Ok(4));
        assert_eq!(controleer(&[], (0, BEGIN_HASH)), Ok(0));
    }

    #[test]
    fn elke_manipulatie_valt_op() {
        let k = keten(4);
        let kop = (4, k[3].hash.clone());

        let mut gewijzigd = k.clone();
        gewijzigd[1].gegevens.samenvatting = "iets anders".into();
        assert_eq!(
            controleer(&gewijzigd, (kop.0, &kop.1)),
            Err(KetenFout::Gewijzigd { volgnummer: 2 })
        );

        let mut reden_erbij = k.clone();
        reden_erbij[2].gegevens.reden = Some(String::new());
        assert_eq!(
            controleer(&reden_erbij, (kop.0, &kop.1)),
            Err(KetenFout::Gewijzigd { volgnummer: 3 })
        );

        let mut weg = k.clone();
        weg.remove(1);
        assert_eq!(
            controleer(&weg, (kop.0, &kop.1)),
            Err(KetenFout::Gat {
                verwacht: 2,
                gevonden: 3
            })
        );

        // Herberekend met eigen hash, maar de volgende verwijst nog naar de oude.
        let mut herberekend = k.clone();
        herberekend[1].gegevens.actor = "iemand".into();
        herberekend[1].hash = herberekend[1]
            .gegevens
            .hash(&herberekend[1].vorige_hash, None);
        assert_eq!(
            controleer(&herberekend, (kop.0, &kop.1)),
            Err(KetenFout::Verbroken { volgnummer: 3 })
        );

        // De staart weghalen valt op tegen de kop.
        assert_eq!(
            controleer(&k[..3], (kop.0, &kop.1)),
            Err(KetenFout::KopWijktAf {
                kop_volgnummer: 4,
                laatste: 3
            })
        );
    }

    fn sleutel(audit_vanaf: i64) -> Ketensleutel {
        Ketensleutel::nieuw([7; 32], audit_vanaf, 1)
    }

    /// Een keten waarvan de records vanaf `audit_vanaf` met de sleutel getekend zijn.
    fn getekende_keten(n: i64, s: &Ketensleutel) -> Vec<GeketendRecord> {
        let mut k = keten(n);
        let mut vorige = BEGIN_HASH.to_owned();
        for r in &mut k {
            r.vorige_hash = vorige.clone();
            r.hash = r.gegevens.hash(&vorige, Some(s));
            vorige = r.hash.clone();
        }
        k
    }

    fn controleer_met(
        records: &[GeketendRecord],
        s: Option<&Ketensleutel>,
    ) -> Result<i64, KetenFout> {
        let mut c = KetenControle::met_sleutel(s.cloned());
        for r in records {
            c.volgend(r)?;
        }
        let laatste = records.last().map_or((0, BEGIN_HASH.to_owned()), |r| {
            (r.gegevens.volgnummer, r.hash.clone())
        });
        c.sluit_af(laatste.0, &laatste.1)
    }

    /// Issue 17 punt 5: wie de database kan schrijven maar de sleutel niet heeft, kan de keten
    /// niet herschrijven. Een volledig opnieuw uitgerekende keten (gewone SHA-256) valt op vanaf
    /// het eerste record met sleutel; records van vóór de sleutel blijven gewone SHA-256.
    #[test]
    fn een_herschreven_keten_valt_op_met_de_sleutel() {
        let s = sleutel(3);
        let k = getekende_keten(5, &s);
        assert_eq!(controleer_met(&k, Some(&s)), Ok(5));
        assert_eq!(
            k[0].hash,
            k[0].gegevens.hash(BEGIN_HASH, None),
            "vóór de sleutel"
        );
        assert_ne!(
            k[2].hash,
            k[2].gegevens.hash(&k[1].hash, None),
            "met de sleutel"
        );
        // Record 4 gewijzigd en de hele keten opnieuw uitgerekend zonder sleutel.
        let mut vervalst = keten(5);
        vervalst[3].gegevens.actor = "iemand".into();
        let mut vorige = BEGIN_HASH.to_owned();
        for r in &mut vervalst {
            r.vorige_hash = vorige.clone();
            r.hash = r.gegevens.hash(&vorige, None);
            vorige = r.hash.clone();
        }
        assert_eq!(
            controleer_met(&vervalst, None),
            Ok(5),
            "zonder sleutel niet te zien"
        );
        assert_eq!(
            controleer_met(&vervalst, Some(&s)),
            Err(KetenFout::Gewijzigd { volgnummer: 3 })
        );
        // Met een andere sleutel getekend: ook fout.
        let ander = Ketensleutel::nieuw([8; 32], 3, 1);
        assert_eq!(
            controleer_met(&getekende_keten(5, &ander), Some(&s)),
            Err(KetenFout::Gewijzigd { volgnummer: 3 })
        );
    }

    #[test]
    fn het_sleutelbestand_heen_en_terug_en_niet_in_logs() {
        let s = Ketensleutel::nieuw([0xab; 32], 12, 4);
        let tekst = s.als_tekst();
        assert_eq!(Ketensleutel::uit_tekst(&tekst), Ok(s.clone()));
        assert!(
            !format!("{s:?}").contains("abab"),
            "Debug toont de sleutel niet"
        );
        assert_eq!(s.vingerafdruk().len(), 16);
        for fout in [
            "",
            "iets anders\nsleutel = 00",
            "vangnet-ketensleutel-v1\nsleutel = 0011\naudit_vanaf = 1\ntoegang_vanaf = 1",
            "vangnet-ketensleutel-v1\naudit_vanaf = 1\ntoegang_vanaf = 1",
            &tekst.replace("audit_vanaf = 12", "audit_vanaf = 0"),
            &format!("{tekst}extra = 1\n"),
        ] {
            assert!(Ketensleutel::uit_tekst(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn ankers_heen_en_terug_en_een_gewijzigd_anker_valt_op() {
        let s = sleutel(1);
        let a = Anker::nieuw(
            "2026-12-06T10:00:00Z".into(),
            (12, "ab".repeat(32)),
            (3, "cd".repeat(32)),
            BEGIN_HASH,
            &s,
        );
        let terug = Anker::uit_regel(&a.regel()).unwrap();
        assert_eq!(terug, a);
        assert_eq!(terug.bereken_mac(BEGIN_HASH, &s), a.mac);
        let mut terug_gezet = a.clone();
        terug_gezet.audit.0 = 11;
        assert_ne!(
            terug_gezet.bereken_mac(BEGIN_HASH, &s),
            a.mac,
            "kop teruggezet"
        );
        assert_ne!(a.bereken_mac("ander", &s), a.mac, "vorige regel weg");
        for fout in [
            "",
            "x audit=1:aa",
            "x audit=1:aa toegang=2:bb mac=cc extra",
            "x toegang=1:aa audit=2:bb mac=cc",
        ] {
            assert!(Anker::uit_regel(fout).is_none(), "{fout}");
        }
    }

    #[test]
    fn velden_lopen_niet_in_elkaar_over() {
        let mut a = keten(1).remove(0).gegevens;
        let mut b = a.clone();
        a.actie = "ab".into();
        a.onderwerp_type = "c".into();
        b.actie = "a".into();
        b.onderwerp_type = "bc".into();
        assert_ne!(a.hash(BEGIN_HASH, None), b.hash(BEGIN_HASH, None));
    }
}
