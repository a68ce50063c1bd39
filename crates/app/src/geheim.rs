//! Willekeurige geheimen en hun hashes: sessiesleutels, CSRF-tokens, API-tokens, eenmalige
//! wachtwoorden en operatie-id's, allemaal uit de cryptografische bron van het besturingssysteem.
//! Wachtwoorden worden met argon2id gehasht; sleutels en tokens (zelf al 256 bits toeval) met SHA-256.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::AppFout;

/// `n` willekeurige bytes als hexadecimale tekst.
pub fn willekeurig_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// Een operatie-id van 16 bytes, bruikbaar als W3C `trace_id`.
pub fn operatie_id() -> String {
    willekeurig_hex(16)
}

/// Een span-id van 8 bytes.
pub fn span_id() -> String {
    willekeurig_hex(8)
}

/// SHA-256 van een sleutel of token, zoals in de database bewaard.
pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Een eenmalig wachtwoord van 20 tekens uit een alfabet zonder verwarrende tekens (geen 0/O, 1/l).
pub fn eenmalig_wachtwoord() -> String {
    const ALFABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    (0..20)
        .map(|_| char::from(ALFABET[rng.gen_range(0..ALFABET.len())]))
        .collect()
}

/// Hasht een wachtwoord met argon2id (de standaardparameters van de crate: 19 MiB, 2 rondes).
pub fn hash_wachtwoord(wachtwoord: &str) -> Result<String, AppFout> {
    let zout = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(wachtwoord.as_bytes(), &zout)
        .map(|h| h.to_string())
        .map_err(|e| AppFout::Intern(format!("wachtwoord hashen: {e}")))
}

/// Klopt het wachtwoord bij de hash? Een onleesbare hash telt als "nee".
pub fn controleer_wachtwoord(wachtwoord: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(h) => Argon2::default()
            .verify_password(wachtwoord.as_bytes(), &h)
            .is_ok(),
        Err(_) => false,
    }
}

/// Een geldige hash van een wachtwoord dat niemand kent: wie een onbekende gebruikersnaam
/// probeert, wacht even lang als wie een bekende probeert.
pub fn schijnhash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c2NoaWpuaGFzaHpvdXQ$Kq1nNYXkFUbO7e3p2Yk0sQOQn7dE6X4m9BfK3q8cZ1E"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wachtwoord_hash_en_controle() {
        let h = hash_wachtwoord("correct paard batterij").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(controleer_wachtwoord("correct paard batterij", &h));
        assert!(!controleer_wachtwoord("correct paard batterij!", &h));
        assert!(!controleer_wachtwoord("x", "geen hash"));
        assert!(PasswordHash::new(schijnhash()).is_ok());
        assert!(!controleer_wachtwoord("", schijnhash()));
    }

    #[test]
    fn geheimen_zijn_vers_en_lang_genoeg() {
        assert_eq!(operatie_id().len(), 32);
        assert_eq!(span_id().len(), 16);
        assert_ne!(willekeurig_hex(32), willekeurig_hex(32));
        let w = eenmalig_wachtwoord();
        assert_eq!(w.chars().count(), 20);
        assert!(!w.contains(['0', 'O', '1', 'l']));
    }
}
