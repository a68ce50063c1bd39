//! De envelop van een handeling die iets vastlegt: het recht nagaan, de klok één keer lezen, de
//! schrijftransactie openen, het auditrecord schrijven en vastleggen, op één plek.
//!
//! Een use case begint met [`App::handeling`] en eindigt met [`Handeling::vastleggen`] (of, na
//! een of meer [`Handeling::audit`], met [`Handeling::commit`]). Wat ertussen misgaat (een `?`,
//! een paniek, een verzoek dat wordt afgebroken) laat de envelop vallen, en dan rolt de transactie
//! terug: er staat niets half. Het tijdstip [`Handeling::nu`] is hetzelfde in de rijen en in het
//! auditrecord.

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, Utc};
use vangnet_domain::Recht;

use crate::audit::{self, Wijziging};
use crate::opslag::Transactie;
use crate::{App, AppFout, Context};

/// Een lopende handeling: de schrijftransactie met wie handelt en wanneer.
pub(crate) struct Handeling<'a> {
    tx: Box<dyn Transactie>,
    pub ctx: &'a Context,
    /// Het moment van de handeling (één keer van de klok gelezen).
    pub nu: DateTime<Utc>,
}

impl App {
    /// Begint een handeling van `ctx` die `recht` vraagt. Zonder dat recht: [`AppFout::GeenToegang`],
    /// en er is geen transactie geopend.
    pub(crate) async fn handeling<'a>(
        &self,
        ctx: &'a Context,
        recht: Recht,
    ) -> Result<Handeling<'a>, AppFout> {
        ctx.actor.vereist(recht)?;
        let tx = self.opslag.schrijf().await?;
        Ok(Handeling {
            tx,
            ctx,
            nu: self.klok.nu(),
        })
    }

    /// Als [`App::handeling`], met een commit die ook een crash van het besturingssysteem of een
    /// stroomstoring overleeft (`Opslag::schrijf_duurzaam`): voor wat geld beweegt.
    pub(crate) async fn handeling_duurzaam<'a>(
        &self,
        ctx: &'a Context,
        recht: Recht,
    ) -> Result<Handeling<'a>, AppFout> {
        ctx.actor.vereist(recht)?;
        let tx = self.opslag.schrijf_duurzaam().await?;
        Ok(Handeling {
            tx,
            ctx,
            nu: self.klok.nu(),
        })
    }

    /// Als [`App::handeling`], voor een handeling waarvan de use case het recht zelf nagaat: het
    /// hangt af van wat zij leest (een beheerverzoek vraagt gebruikersbeheer of inrichting, naar
    /// zijn soort; een melding is alleen van haar ontvanger), het is een keuze uit rechten (runs
    /// zien: starten of goedkeuren), of zij is deel van een handeling die het al naging. De use
    /// case doet dat vóór zij iets schrijft.
    pub(crate) async fn handeling_recht_al_nagegaan<'a>(
        &self,
        ctx: &'a Context,
    ) -> Result<Handeling<'a>, AppFout> {
        let tx = self.opslag.schrijf().await?;
        Ok(Handeling {
            tx,
            ctx,
            nu: self.klok.nu(),
        })
    }
}

impl Handeling<'_> {
    /// Schrijft een auditrecord in de transactie (voor een handeling met meer dan één record).
    pub async fn audit(&mut self, w: Wijziging) -> Result<i64, AppFout> {
        audit::vastleggen(self.tx.as_mut(), self.ctx, self.nu, w).await
    }

    /// Schrijft het auditrecord en legt alles vast.
    pub async fn vastleggen(mut self, w: Wijziging) -> Result<(), AppFout> {
        self.audit(w).await?;
        self.commit().await
    }

    /// Legt vast wat er is geschreven (de auditrecords met [`Handeling::audit`]).
    pub async fn commit(self) -> Result<(), AppFout> {
        Ok(self.tx.commit().await?)
    }
}

impl Deref for Handeling<'_> {
    type Target = dyn Transactie;

    fn deref(&self) -> &Self::Target {
        self.tx.as_ref()
    }
}

impl DerefMut for Handeling<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.tx.as_mut()
    }
}
