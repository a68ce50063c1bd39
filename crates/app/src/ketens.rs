//! De ketens tegen wie de database kan schrijven (issue 17, punt 5): de ketensleutel inrichten
//! (een bestand buiten de database; de database kent alleen haar vingerafdruk), ankers van de
//! koppen zetten in een bestand waar alleen aan wordt toegevoegd, en bij `audit verify` de
//! toegangsketen en de ankers controleren. De regels zelf staan in
//! [`vangnet_domain::audit`] en [`vangnet_domain::toegangsketen`]; zie ook `docs/SECURITY.md`.

use std::io::{BufRead, Write};
use std::path::Path;

use vangnet_domain::audit::{Anker, KetenControle, KetenFout, Ketensleutel, BEGIN_HASH};
use vangnet_domain::{tijd, toegangsketen};

use crate::opslag::{Leestransactie, Opslag, ToegangRij};
use crate::{bestanden, App, AppFout};

/// Waar de database de vingerafdruk van de sleutel bewaart.
const VINGERAFDRUK: &str = "ketensleutel_vingerafdruk";

/// Een nieuwe sleutel voor een database die er nog geen had: de ketens worden getekend vanaf het
/// eerstvolgende record en de eerstvolgende schakel. Weigert als de database al een sleutel
/// kent (dan is het sleutelbestand kwijt en moet het terug uit de back-up).
pub async fn nieuwe_sleutel(opslag: &dyn Opslag) -> Result<Ketensleutel, AppFout> {
    let mut tx = opslag.lees().await?;
    if let Some(v) = tx.installatie_lezen(VINGERAFDRUK).await? {
        return Err(AppFout::Conflict(format!(
            "De ketensleutel ontbreekt, maar deze database is ermee getekend (vingerafdruk {v}). \
             Zet het sleutelbestand terug uit de back-up; zonder de sleutel is de audittrail niet \
             te controleren."
        )));
    }
    let (audit, _) = tx.audit_kop().await?;
    let (toegang, _) = tx.toegangsketen_kop().await?;
    tx.afsluiten().await?;
    let mut sleutel = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut sleutel);
    Ok(Ketensleutel::nieuw(sleutel, audit + 1, toegang + 1))
}

/// Controleert dat de sleutel bij deze database hoort (en legt bij de eerste keer haar
/// vingerafdruk vast).
pub async fn sleutel_controleren(opslag: &dyn Opslag, s: &Ketensleutel) -> Result<(), AppFout> {
    let mut tx = opslag.schrijf().await?;
    match tx.installatie_lezen(VINGERAFDRUK).await? {
        Some(v) if v == s.vingerafdruk() => {}
        Some(v) => {
            return Err(AppFout::Conflict(format!(
            "De ketensleutel (vingerafdruk {}) hoort niet bij deze database (die verwacht {v}). \
                 Gebruik het sleutelbestand van deze installatie.",
            s.vingerafdruk()
        )))
        }
        None => {
            tx.installatie_zetten(VINGERAFDRUK, &s.vingerafdruk())
                .await?
        }
    }
    tx.commit().await?;
    Ok(())
}

/// De sleutel voor alleen controleren (`vangnet audit verify`): maakt niets aan en schrijft
/// niets. Heeft de database een vingerafdruk, dan moet `sleutel` er zijn en erbij passen. Is er
/// een sleutel maar geen vingerafdruk, dan wordt toch met de sleutel gecontroleerd: de
/// vingerafdruk staat in een gewone tabel, en wie haar weghaalt en de ketens zonder sleutel
/// opnieuw uitrekent, mag de controle niet zo naar "zonder sleutel" krijgen. Alleen zonder
/// sleutel én zonder vingerafdruk (nooit getekend) wordt zonder gecontroleerd.
pub async fn sleutel_voor_controle(
    opslag: &dyn Opslag,
    sleutel: Option<Ketensleutel>,
) -> Result<Option<Ketensleutel>, AppFout> {
    let mut tx = opslag.lees().await?;
    let vingerafdruk = tx.installatie_lezen(VINGERAFDRUK).await?;
    tx.afsluiten().await?;
    match (vingerafdruk, sleutel) {
        (None, s) => Ok(s),
        (Some(v), Some(s)) if v == s.vingerafdruk() => Ok(Some(s)),
        (Some(v), Some(s)) => Err(AppFout::Conflict(format!(
            "De ketensleutel (vingerafdruk {}) hoort niet bij deze database (die verwacht {v}).",
            s.vingerafdruk()
        ))),
        (Some(v), None) => Err(AppFout::Conflict(format!(
            "De ketensleutel ontbreekt, maar deze database is ermee getekend (vingerafdruk {v}). \
             Zonder de sleutel is de audittrail niet te controleren."
        ))),
    }
}

/// Leest een ankerbestand (regel voor regel; een ontbrekend bestand: geen ankers).
fn ankers_lezen(pad: &Path) -> Result<Vec<Result<Anker, usize>>, AppFout> {
    let f = match std::fs::File::open(pad) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AppFout::Intern(format!("ankerbestand lezen: {e}"))),
    };
    std::io::BufReader::new(f)
        .lines()
        .enumerate()
        .filter(|(_, r)| r.as_ref().map_or(true, |r| !r.trim().is_empty()))
        .map(|(i, r)| {
            let r = r.map_err(|e| AppFout::Intern(format!("ankerbestand lezen: {e}")))?;
            Ok(Anker::uit_regel(&r).ok_or(i + 1))
        })
        .collect()
}

/// Het laatste anker in het bestand: alleen het staartstuk wordt gelezen.
fn laatste_anker(f: &mut std::fs::File) -> std::io::Result<Option<Anker>> {
    use std::io::{Read, Seek, SeekFrom};
    let lengte = f.metadata()?.len();
    f.seek(SeekFrom::Start(lengte.saturating_sub(4096)))?;
    let mut staart = String::new();
    f.read_to_string(&mut staart)?;
    Ok(staart.lines().rev().find_map(Anker::uit_regel))
}

impl App {
    /// Zet een anker: de koppen van beide ketens als nieuwe regel in het ankerbestand, als ze
    /// veranderd zijn sinds het vorige anker. Zonder sleutel of ankerbestand: niets. Geeft of er
    /// een regel bij kwam. Het bestand is zolang exclusief vergrendeld, zodat twee processen (de
    /// server en de opdrachtregel) de MAC-keten van het bestand niet door elkaar schrijven.
    pub async fn ankeren(&self) -> Result<bool, AppFout> {
        let (Some(pad), Some(sleutel)) = (&self.instellingen.ankers, self.opslag.ketensleutel())
        else {
            return Ok(false);
        };
        let mut tx = self.opslag.lees().await?;
        let audit = tx.audit_kop().await?;
        let toegang = tx.toegangsketen_kop().await?;
        tx.afsluiten().await?;
        let (pad, sleutel, tijdstip) = (
            pad.clone(),
            sleutel.clone(),
            tijd::instant_tekst(self.klok.nu()),
        );
        // Het slot op het bestand blokkeert: op een eigen draad, niet op die van de runtime.
        tokio::task::spawn_blocking(move || {
            let io =
                |e: std::io::Error| AppFout::Intern(format!("ankerbestand {}: {e}", pad.display()));
            let mut f = bestanden::prive_toevoegen(&pad).map_err(io)?;
            f.lock().map_err(io)?;
            let vorige = laatste_anker(&mut f).map_err(io)?;
            if vorige
                .as_ref()
                .is_some_and(|a| a.audit == audit && a.toegang == toegang)
            {
                return Ok(false);
            }
            let vorige_mac = vorige.as_ref().map_or(BEGIN_HASH, |a| a.mac.as_str());
            let anker = Anker::nieuw(tijdstip, audit, toegang, vorige_mac, &sleutel);
            writeln!(f, "{}", anker.regel())
                .and_then(|()| f.sync_data())
                .map_err(io)?;
            Ok(true)
        })
        .await
        .map_err(|e| AppFout::Intern(format!("anker zetten: {e}")))?
    }
}

/// Controleert elk anker: de MAC-keten van het ankerbestand (met de sleutel), en dat elk anker nog
/// in beide ketens staat (zelfde hash op zelfde volgnummer). Geeft het aantal ankers.
pub(crate) async fn ankers_controleren(
    tx: &mut dyn Leestransactie,
    pad: Option<&Path>,
) -> Result<Result<usize, KetenFout>, AppFout> {
    let Some(pad) = pad else { return Ok(Ok(0)) };
    let ankers = ankers_lezen(pad)?;
    let fout = |regel: usize, waarom: &str| {
        Ok(Err(KetenFout::AnkerWijktAf {
            regel,
            waarom: waarom.to_owned(),
        }))
    };
    let (audit_kop, _) = tx.audit_kop().await?;
    let (toegang_kop, _) = tx.toegangsketen_kop().await?;
    let mut vorige_mac = BEGIN_HASH.to_owned();
    for (i, a) in ankers.iter().enumerate() {
        let regel = i + 1;
        let a = match a {
            Ok(a) => a,
            Err(r) => return fout(*r, "geen geldige ankerregel"),
        };
        if let Some(s) = tx.ketensleutel() {
            if a.bereken_mac(&vorige_mac, s) != a.mac {
                return fout(
                    regel,
                    "de MAC klopt niet (anker gewijzigd, weggehaald of vervalst)",
                );
            }
        }
        vorige_mac.clone_from(&a.mac);
        if a.audit.0 > audit_kop || a.toegang.0 > toegang_kop {
            return fout(
                regel,
                "de ketens zijn korter dan bij dit anker: er zijn records weggehaald",
            );
        }
        if a.audit.0 > 0 {
            let r = tx.audit_reeks(a.audit.0, 1).await?;
            if r.first().map(|r| r.hash.as_str()) != Some(a.audit.1.as_str()) {
                return fout(regel, "de audittrail heeft op dit punt een andere hash");
            }
        }
        if a.toegang.0 > 0 {
            let s = tx.toegangsketen_reeks(a.toegang.0, 1).await?;
            if s.first().map(|s| s.hash.as_str()) != Some(a.toegang.1.as_str()) {
                return fout(regel, "de toegangsketen heeft op dit punt een andere hash");
            }
        }
    }
    Ok(Ok(ankers.len()))
}

/// Loopt de toegangsketen door: per schakel de hash (HMAC met de sleutel) en de verwijzing naar
/// de vorige, en de inhoud opnieuw uitgerekend over de verwerking en haar regels zoals ze nu in de
/// opslag staan. Een weggehaalde of gewijzigde regel, of een gewijzigde verwerking, valt op.
pub(crate) async fn toegangsketen_controleren(
    tx: &mut dyn Leestransactie,
) -> Result<Result<(), KetenFout>, AppFout> {
    let (kop_nr, kop_hash) = tx.toegangsketen_kop().await?;
    let mut controle = KetenControle::met_sleutel(tx.ketensleutel().cloned());
    let gebroken =
        |schakel: i64, waarom: String| Ok(Err(KetenFout::ToegangslogGebroken { schakel, waarom }));
    let mut verwerking: Option<ToegangRij> = None;
    // Elke regel vanaf de eerste geketende hoort bij een schakel: de som van de aantallen van de
    // schakels is het aantal regels vanaf daar (een regel buiten elke schakel is erbij gezet).
    let (mut eerste_regel, mut in_schakels) = (None::<i64>, 0_i64);
    let mut vanaf = 1;
    loop {
        let stuk = tx.toegangsketen_reeks(vanaf, 1000).await?;
        for s in &stuk {
            let herberekend = s.herberekend(controle.sleutel());
            if let Err(f) = controle.schakel(s.volgnummer, &s.vorige_hash, &s.hash, &herberekend) {
                return gebroken(s.volgnummer, f.to_string());
            }
            let p = &s.partij;
            eerste_regel = Some(eerste_regel.map_or(p.regel_van, |e| e.min(p.regel_van)));
            in_schakels += p.aantal;
            if verwerking.as_ref().map(|v| v.id) != Some(p.verwerking_id) {
                verwerking = tx.toegangsverwerking(p.verwerking_id).await?;
            }
            let Some(v) = &verwerking else {
                return gebroken(
                    s.volgnummer,
                    format!("verwerking {} ontbreekt", p.verwerking_id),
                );
            };
            let mut regels = tx
                .toegangsregels_van(p.verwerking_id, p.regel_van, p.regel_tot)
                .await?;
            let nu = toegangsketen::partij(
                &verwerkingsgegevens(v),
                p.regel_van,
                p.regel_tot,
                &mut regels,
            );
            if &nu != p {
                return gebroken(
                    s.volgnummer,
                    format!(
                        "verwerking {} of haar regels {}–{} kloppen niet meer met de schakel \
                         (gewijzigd of weggehaald)",
                        p.verwerking_id, p.regel_van, p.regel_tot
                    ),
                );
            }
        }
        match stuk.last() {
            Some(laatste) if stuk.len() == 1000 => vanaf = laatste.volgnummer + 1,
            _ => break,
        }
    }
    if let Err(f) = controle.sluit_af(kop_nr, &kop_hash) {
        return gebroken(kop_nr, f.to_string());
    }
    if let Some(eerste) = eerste_regel {
        let regels = tx.toegangsregels_vanaf(eerste).await?;
        if regels != in_schakels {
            return gebroken(
                kop_nr,
                format!(
                    "vanaf regel {eerste} staan {regels} regels in het toegangslog, maar de \
                     schakels dekken er {in_schakels} (regels buiten de keten toegevoegd)"
                ),
            );
        }
    }
    Ok(Ok(()))
}

/// De vaste gegevens van een verwerking zoals de toegangsketen ze dekt.
pub fn verwerkingsgegevens(v: &ToegangRij) -> toegangsketen::Verwerkingsgegevens<'_> {
    toegangsketen::Verwerkingsgegevens {
        id: v.id,
        trace_id: &v.trace_id,
        span_id: &v.span_id,
        tijdstip: &v.tijdstip,
        gebruiker_id: v.gebruiker_id,
        gebruiker: &v.gebruiker,
        verwerkingsactiviteit: &v.verwerkingsactiviteit,
        betrokkene_type: &v.betrokkene_type,
        omschrijving: &v.omschrijving,
    }
}
