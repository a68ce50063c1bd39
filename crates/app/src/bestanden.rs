//! Bestanden met persoonsgegevens op schijf: de database, betaalbestanden en andere exports.
//!
//! Alles wat Vangnet zelf aanmaakt is alleen voor de eigenaar leesbaar (mappen 0700, bestanden
//! 0600), ongeacht de umask van het proces: een betaalbestand bevat van iedereen de naam, het IBAN
//! en het bedrag. Een bestand dat alleen dient om een antwoord te stromen, heeft geen naam: het
//! wordt direct na het aanmaken weer uit de map gehaald, zodat het na een afgebroken download of
//! een `kill -9` niet blijft liggen.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

/// Rechten van een map met persoonsgegevens: alleen de eigenaar.
#[cfg(unix)]
const MAP: u32 = 0o700;
/// Rechten van een bestand met persoonsgegevens: alleen de eigenaar leest en schrijft.
#[cfg(unix)]
const BESTAND: u32 = 0o600;

/// Maakt de map (en wat erboven ontbreekt) aan; een nieuwe map is alleen voor de eigenaar.
pub fn prive_map(pad: &Path) -> io::Result<()> {
    if pad.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(pad)?;
    #[cfg(unix)]
    std::fs::set_permissions(pad, std::fs::Permissions::from_mode(MAP))?;
    Ok(())
}

/// Zet de rechten van een bestaand bestand op 0600 als anderen er iets mee mochten. Geeft `true`
/// als ze strenger zijn gemaakt.
pub fn prive_maken(pad: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        let modus = std::fs::metadata(pad)?.permissions().mode();
        if modus & 0o077 != 0 {
            std::fs::set_permissions(pad, std::fs::Permissions::from_mode(BESTAND))?;
            return Ok(true);
        }
    }
    #[cfg(not(unix))]
    let _ = pad;
    Ok(false)
}

/// Opent een bestand om (opnieuw) te schrijven, alleen leesbaar voor de eigenaar; ook een
/// bestaand bestand met ruimere rechten wordt 0600.
pub fn prive_bestand(pad: &Path) -> io::Result<File> {
    let mut opties = OpenOptions::new();
    opties.write(true).create(true).truncate(true);
    #[cfg(unix)]
    opties.mode(BESTAND);
    let f = opties.open(pad)?;
    prive_maken(pad)?;
    Ok(f)
}

/// Maakt een nieuw bestand (faalt als het al bestaat), alleen voor de eigenaar.
pub fn prive_nieuw(pad: &Path) -> io::Result<File> {
    if let Some(map) = pad.parent().filter(|m| !m.as_os_str().is_empty()) {
        prive_map(map)?;
    }
    let mut opties = OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    opties.mode(BESTAND);
    opties.open(pad)
}

/// Opent een bestand om aan toe te voegen en te lezen (en maakt het zo nodig aan), alleen voor de
/// eigenaar.
pub fn prive_toevoegen(pad: &Path) -> io::Result<File> {
    if let Some(map) = pad.parent().filter(|m| !m.as_os_str().is_empty()) {
        prive_map(map)?;
    }
    let mut opties = OpenOptions::new();
    opties.read(true).append(true).create(true);
    #[cfg(unix)]
    opties.mode(BESTAND);
    let f = opties.open(pad)?;
    prive_maken(pad)?;
    Ok(f)
}

/// Een tijdelijk bestand zonder naam in `map` (0600, om te schrijven en daarna terug te lezen).
/// Het staat alleen de microseconden tussen aanmaken en weghalen in de map; daarna bestaat het
/// zolang iemand het open heeft en verdwijnt het vanzelf, ook als het proces wordt gedood.
pub fn naamloos(map: &Path) -> io::Result<File> {
    prive_map(map)?;
    let pad = map.join(format!(".vangnet-{}", crate::geheim::willekeurig_hex(8)));
    let mut opties = OpenOptions::new();
    opties.read(true).write(true).create_new(true);
    #[cfg(unix)]
    opties.mode(BESTAND);
    let f = opties.open(&pad)?;
    std::fs::remove_file(&pad)?;
    Ok(f)
}

/// Haalt achtergebleven tijdelijke bestanden van [`naamloos`] weg (alleen als een proces stierf
/// tussen aanmaken en weghalen, of op een systeem dat een open bestand niet kan weghalen).
pub fn tijdelijke_opruimen(map: &Path) -> io::Result<usize> {
    let mut n = 0;
    let Ok(lijst) = std::fs::read_dir(map) else {
        return Ok(0);
    };
    for e in lijst.flatten() {
        if e.file_name().to_string_lossy().starts_with(".vangnet-") && e.path().is_file() {
            std::fs::remove_file(e.path())?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::{Read, Seek, Write};

    fn modus(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn testmap() -> std::path::PathBuf {
        std::env::temp_dir().join(format!(
            "vangnet-bestanden-{}",
            crate::geheim::willekeurig_hex(6)
        ))
    }

    #[test]
    fn een_naamloos_bestand_staat_nooit_in_de_map() {
        let map = testmap().join("tijdelijk");
        let mut f = naamloos(&map).unwrap();
        assert_eq!(modus(&map), 0o700, "de map is alleen voor de eigenaar");
        assert_eq!(
            std::fs::read_dir(&map).unwrap().count(),
            0,
            "het bestand heeft geen naam meer terwijl het open is"
        );
        f.write_all(b"<Document/>").unwrap();
        f.rewind().unwrap();
        let mut terug = String::new();
        f.read_to_string(&mut terug).unwrap();
        assert_eq!(terug, "<Document/>");
        std::fs::remove_dir_all(map.parent().unwrap()).unwrap();
    }

    #[test]
    fn exports_zijn_0600_ook_als_het_bestand_al_bestond() {
        let map = testmap();
        prive_map(&map).unwrap();
        let nieuw = map.join("run.xml");
        prive_bestand(&nieuw).unwrap();
        assert_eq!(modus(&nieuw), 0o600);
        let oud = map.join("oud.xml");
        std::fs::write(&oud, "x").unwrap();
        std::fs::set_permissions(&oud, std::fs::Permissions::from_mode(0o644)).unwrap();
        prive_bestand(&oud).unwrap();
        assert_eq!(modus(&oud), 0o600);
        std::fs::remove_dir_all(&map).unwrap();
    }

    #[test]
    fn achtergebleven_tijdelijke_bestanden_worden_opgeruimd() {
        let map = testmap();
        prive_map(&map).unwrap();
        std::fs::write(map.join(".vangnet-dood"), "x").unwrap();
        std::fs::write(map.join("van-iemand-anders"), "x").unwrap();
        assert_eq!(tijdelijke_opruimen(&map).unwrap(), 1);
        assert!(map.join("van-iemand-anders").exists());
        std::fs::remove_dir_all(&map).unwrap();
    }
}
