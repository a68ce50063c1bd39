//! De envelop van een handeling die iets vastlegt: het recht nagaan, de klok één keer lezen, de
//! schrijftransactie openen, het auditrecord schrijven en vastleggen, op één plek.
//!
//! Een use case begint met [`App::handeling`] en eindigt met [`Handeling::vastleggen`] (of, na
//! een of meer [`Handeling::audit`], met [`Handeling::commit`]). Wat ertussen misgaat (een `?`,
//! een paniek, een verzoek dat wordt afgebroken) laat de envelop vallen, en dan rolt de transactie
//! terug: er staat niets half. Het tijdstip [`Handeling::nu`] is hetzelfde in de rijen en in het
//! auditrecord.
//!
//! Ook wat nog geen gebruiker heeft, gaat hierdoor: inloggen, een sessie of token nagaan, de
//! eerste start en de demopopulatie zijn een [`App::systeemhandeling`] (de actor is het systeem,
//! met waarvoor). Alleen het vastleggen van de ketensleutel bij het starten, vóór er een `App`
//! is, opent zelf een transactie (`ketens.rs`).

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, Utc};
use vangnet_domain::Recht;

use crate::audit::{self, Wijziging};
use crate::opslag::Transactie;
use crate::{Actor, App, AppFout, Context};

/// Een lopende handeling: de schrijftransactie met wie handelt en wanneer.
pub(crate) struct Handeling {
    tx: Box<dyn Transactie>,
    /// Wie handelt (een kopie: de handeling mag naar een andere taak, bv. het toegangslog van
    /// een betaalbestand dat naast het bestand wordt geschreven).
    pub ctx: Context,
    /// Het moment van de handeling (één keer van de klok gelezen).
    pub nu: DateTime<Utc>,
}

impl App {
    /// Begint een handeling van `ctx` die `recht` vraagt. Zonder dat recht: [`AppFout::GeenToegang`],
    /// en er is geen transactie geopend.
    pub(crate) async fn handeling(
        &self,
        ctx: &Context,
        recht: Recht,
    ) -> Result<Handeling, AppFout> {
        ctx.actor.vereist(recht)?;
        self.beginnen(ctx, false).await
    }

    /// Als [`App::handeling`], met een commit die ook een crash van het besturingssysteem of een
    /// stroomstoring overleeft (`Opslag::schrijf_duurzaam`): voor wat geld beweegt.
    pub(crate) async fn handeling_duurzaam(
        &self,
        ctx: &Context,
        recht: Recht,
    ) -> Result<Handeling, AppFout> {
        ctx.actor.vereist(recht)?;
        self.beginnen(ctx, true).await
    }

    /// Als [`App::handeling`], voor een handeling waarvan de use case het recht zelf nagaat: het
    /// hangt af van wat zij leest (een beheerverzoek vraagt gebruikersbeheer of inrichting, naar
    /// zijn soort; een melding is alleen van haar ontvanger), het is een keuze uit rechten (runs
    /// zien: starten of goedkeuren), het is het eigen account (elke ingelogde gebruiker), of zij
    /// is deel van een handeling die het al naging. De use case doet dat vóór zij iets schrijft.
    pub(crate) async fn handeling_recht_al_nagegaan(
        &self,
        ctx: &Context,
    ) -> Result<Handeling, AppFout> {
        self.beginnen(ctx, false).await
    }

    /// Als [`App::handeling_recht_al_nagegaan`], duurzaam (zie [`App::handeling_duurzaam`]).
    pub(crate) async fn handeling_duurzaam_recht_al_nagegaan(
        &self,
        ctx: &Context,
    ) -> Result<Handeling, AppFout> {
        self.beginnen(ctx, true).await
    }

    /// Een handeling van het systeem zelf, vóór er een gebruiker is of zonder gebruiker:
    /// inloggen (`via` "inloggen"), een sessie of token bijhouden, de eerste start, de
    /// demopopulatie. Wie inlogt en blijkt te kloppen, wordt de actor met
    /// [`Handeling::namens`].
    pub(crate) async fn systeemhandeling(
        &self,
        via: &'static str,
        operatie_id: &str,
    ) -> Result<Handeling, AppFout> {
        self.beginnen(&Context::nieuw(Actor::Systeem { via }, operatie_id), false)
            .await
    }

    async fn beginnen(&self, ctx: &Context, duurzaam: bool) -> Result<Handeling, AppFout> {
        let tx = if duurzaam {
            self.opslag.schrijf_duurzaam().await?
        } else {
            self.opslag.schrijf().await?
        };
        Ok(Handeling {
            tx,
            ctx: ctx.clone(),
            nu: self.klok.nu(),
        })
    }
}

impl Handeling {
    /// Vanaf hier handelt `ctx` (wie zich bij het inloggen net bekend heeft gemaakt); de
    /// volgende auditrecords staan op diens naam.
    pub fn namens(&mut self, ctx: Context) {
        self.ctx = ctx;
    }

    /// Schrijft een auditrecord in de transactie (voor een handeling met meer dan één record).
    pub async fn audit(&mut self, w: Wijziging) -> Result<(), AppFout> {
        audit::vastleggen(self.tx.as_mut(), &self.ctx, self.nu, w).await
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

impl Deref for Handeling {
    type Target = dyn Transactie;

    fn deref(&self) -> &Self::Target {
        self.tx.as_ref()
    }
}

impl DerefMut for Handeling {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.tx.as_mut()
    }
}
