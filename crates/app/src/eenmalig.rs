//! Eén keer indienen (issue 21 punt 3): een formulier dat iets verandert, draagt een willekeurige
//! verzoeksleutel. De eerste keer wordt zij geclaimd; een tweede keer (dubbelklik, "opnieuw
//! verzenden", een tweede tabblad) herhaalt de handeling niet maar toont de uitkomst van de eerste.

use chrono::Duration;

use crate::{App, AppFout, Context};

/// Hoe lang een sleutel bewaard blijft.
const BEWAREN_UREN: i64 = 24;
/// Na zoveel minuten zonder uitkomst geldt een claim als afgebroken (de handeling rolde terug).
const VAST_MINUTEN: i64 = 2;

/// Wat er met een verzoeksleutel al gebeurd is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verzoekstand {
    /// Nieuw: de handeling mag; rond daarna af met [`App::verzoek_afronden`].
    Nieuw,
    /// Dezelfde sleutel wordt nog verwerkt (twee keer tegelijk verstuurd).
    Bezig,
    /// Al gedaan: het adres van de uitkomst van de eerste keer (leeg: er was geen adres, de
    /// eerste keer toonde haar uitkomst meteen).
    Klaar(String),
}

/// Een verzoeksleutel is 16 tot 64 tekens uit letters, cijfers, `-` en `_`.
pub fn geldige_sleutel(s: &str) -> bool {
    (16..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl App {
    /// Claimt `sleutel` voor de gebruiker van `ctx` en het adres `pad` van het formulier. Geen
    /// persoonsgegevens: geen toegangslog.
    pub async fn verzoek_claimen(
        &self,
        ctx: &Context,
        sleutel: &str,
        pad: &str,
    ) -> Result<Verzoekstand, AppFout> {
        let gebruiker = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
        if !geldige_sleutel(sleutel) {
            return Err(AppFout::veld(
                "verzoeksleutel",
                "Dit formulier is niet compleet geladen; ververs de pagina en probeer het opnieuw.",
            ));
        }
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let nu = tx.nu;
        let stand = tx
            .verzoeksleutel_claimen(
                gebruiker,
                sleutel,
                pad,
                nu,
                nu - Duration::minutes(VAST_MINUTEN),
                nu - Duration::hours(BEWAREN_UREN),
            )
            .await?;
        tx.commit().await?;
        Ok(match stand {
            None => Verzoekstand::Nieuw,
            Some(None) => Verzoekstand::Bezig,
            Some(Some(adres)) => Verzoekstand::Klaar(adres),
        })
    }

    /// Na de handeling: `Some(adres)` van de uitkomst (een tweede keer indienen gaat daarheen;
    /// leeg: gedaan zonder adres), of geen: de handeling gebeurde niet (fout in de invoer) en
    /// de sleutel is weer vrij.
    pub async fn verzoek_afronden(
        &self,
        ctx: &Context,
        sleutel: &str,
        pad: &str,
        uitkomst: Option<&str>,
    ) -> Result<(), AppFout> {
        let gebruiker = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        tx.verzoeksleutel_afronden(gebruiker, sleutel, pad, uitkomst)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleutels() {
        for (s, goed) in [
            ("0123456789abcdef", true),
            ("0123456789abcde", false),
            (&"a".repeat(64), true),
            (&"a".repeat(65), false),
            ("0123456789abcdef<script>", false),
            ("AbC_-0123456789xyz", true),
        ] {
            assert_eq!(geldige_sleutel(s), goed, "{s}");
        }
    }
}
