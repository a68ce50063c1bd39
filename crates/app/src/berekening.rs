//! De bijstandsberekening in de applicatie: een proefberekening (niets opgeslagen, geen
//! persoonsgegevens) en de berekening van een dossier voor een maand, uit het huishouden zoals
//! het nu bekend is op de eerste dag van die maand. Beide rekenen met de geldende normtabellen
//! ([`crate::normen`]).

use chrono::NaiveDate;
use vangnet_domain::berekening::{
    self, Kind, Medebewoner, Partner, Persoon, Relatie, Situatie, Uitkomst,
};
use vangnet_domain::huishouden::{Medebewonerrelatie, Rol as HuishoudRol};
use vangnet_domain::{Recht, Veldfouten};

use crate::{App, AppFout, Context};

fn invoerfout(f: berekening::Invoerfout) -> AppFout {
    let mut v = Veldfouten::nieuw();
    v.voeg_toe(&f.veld, f.to_string());
    AppFout::Ongeldig(v)
}

impl App {
    /// Een berekening voor een situatie die de consulent zelf invult; er wordt niets opgeslagen.
    pub async fn proefberekening(&self, ctx: &Context, s: &Situatie) -> Result<Uitkomst, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let normen = self.geldende_normtabellen(tx.as_mut()).await?;
        tx.afsluiten().await?;
        berekening::bereken(s, &normen).map_err(invoerfout)
    }

    /// De berekening van een dossier voor `maand` (`jjjj-mm`). Is er een uitkering toegekend, dan
    /// met haar feiten ([`App::uitkering_maand`]); anders met het huishouden zoals nu bekend op de
    /// eerste dag van die maand. Begint het huishouden (de aanvraag) later in de maand, dan
    /// geldt het huishouden van die dag en gaat de bijstand naar rato van de resterende dagen.
    /// Inkomsten en verlagingen worden nog niet geregistreerd (mutaties volgen); de berekening gaat
    /// daarom uit van geen inkomsten.
    pub async fn dossier_berekening(
        &self,
        ctx: &Context,
        dossier_id: i64,
        maand: &str,
    ) -> Result<Uitkomst, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let eerste = NaiveDate::parse_from_str(&format!("{}-01", maand.trim()), "%Y-%m-%d")
            .map_err(|_| AppFout::veld("maand", "De maand is geen maand in de vorm jjjj-mm."))?;
        // Een schrijftransactie: wie de leden inziet, komt in het toegangslog.
        let mut h = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = h.nu;
        // Met een toegekende uitkering: haar feiten (inkomsten, verlagingen, einde).
        if h.uitkering_van_dossier(dossier_id).await?.is_some() {
            h.commit().await?;
            return self
                .uitkering_maand(ctx, dossier_id, eerste, None)
                .await?
                .ok_or_else(|| {
                    AppFout::veld(
                        "maand",
                        format!("In {} liep er geen uitkering.", eerste.format("%m-%Y")),
                    )
                });
        }
        let dossier = h
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let einde = eerste
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(eerste);
        // Begint het huishouden in deze maand, dan vanaf die dag.
        let begin = h
            .huishoudleden_van_huishouden(dossier.huishouden_id)
            .await?
            .iter()
            .filter(|l| l.rol == HuishoudRol::Aanvrager && l.historie.actueel())
            .map(|l| l.historie.geldig_vanaf)
            .find(|v| *v > eerste && *v <= einde);
        let peildatum = begin.unwrap_or(eerste);
        let leden = self
            .huishoudleden_op(
                &mut *h,
                ctx,
                dossier.huishouden_id,
                peildatum,
                nu,
                &format!("Berekening dossier {} voor {maand}", dossier.nummer),
            )
            .await?;
        let normen = self.geldende_normtabellen(&mut *h).await?;
        h.commit().await?;
        let datum = |l: &crate::clienten::Huisgenoot| {
            l.persoon
                .geboortedatum
                .map(|g| g.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let Some(aanvrager) = leden.iter().find(|l| l.rol == HuishoudRol::Aanvrager) else {
            return Err(AppFout::veld(
                "maand",
                format!(
                    "In {} hoorde (zoals nu bekend) niemand als aanvrager bij dit dossier.",
                    eerste.format("%m-%Y")
                ),
            ));
        };
        let mut s = Situatie {
            maand: eerste.format("%Y-%m").to_string(),
            aanvrager: Persoon {
                geboortedatum: datum(aanvrager),
                ..Default::default()
            },
            partner: None,
            kinderen: Vec::new(),
            medebewoners: Vec::new(),
            inkomsten: Vec::new(),
            vrijlatingen: Vec::new(),
            verlaging_procent: 0,
        };
        for l in &leden {
            match l.rol {
                HuishoudRol::Partner(_) => {
                    s.partner = Some(Partner {
                        geboortedatum: datum(l),
                        ..Default::default()
                    })
                }
                // Een kind van 18 of ouder telt als medebewoner uit de familie.
                HuishoudRol::Kind if l.leeftijd.is_some_and(|j| j >= 18) => {
                    s.medebewoners.push(Medebewoner {
                        geboortedatum: datum(l),
                        vanaf: None,
                        tot: None,
                        relatie: Relatie::Familie,
                    })
                }
                HuishoudRol::Kind => s.kinderen.push(Kind {
                    geboortedatum: datum(l),
                }),
                HuishoudRol::Medebewoner(r) => s.medebewoners.push(Medebewoner {
                    geboortedatum: datum(l),
                    vanaf: None,
                    tot: None,
                    relatie: match r {
                        Medebewonerrelatie::Familie => Relatie::Familie,
                        Medebewonerrelatie::Huurder | Medebewonerrelatie::Verhuurder => {
                            Relatie::Commercieel
                        }
                        Medebewonerrelatie::Student => Relatie::Student,
                        Medebewonerrelatie::Anders => Relatie::Overig,
                    },
                }),
                HuishoudRol::Aanvrager => {}
            }
        }
        match begin {
            Some(van) => berekening::bereken_deel(&s, &normen, van, einde),
            None => berekening::bereken(&s, &normen),
        }
        .map_err(invoerfout)
    }
}
