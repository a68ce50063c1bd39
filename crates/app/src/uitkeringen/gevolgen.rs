//! Wat een goedgekeurde mutatie verder doet dan de feiten: het einde van de uitkering bijwerken
//! uit de mutaties, en de hersteltermijn van een opschorting op een taak zetten.

use super::*;
use crate::werk::NieuweTaak;
use vangnet_domain::werk::Taaksoort;

/// Het einde volgt uit de goedgekeurde mutaties, zoals in de berekening (de vroegste beëindiging
/// die niet is gecorrigeerd): zo geven lijsten, schermen en de run hetzelfde einde, ook na een
/// correctie die een beëindiging laat vervallen of een tweede beëindiging (issue 20 punt 7).
pub(super) async fn einde_bijwerken(
    tx: &mut dyn Transactie,
    u: &mut UitkeringRij,
    m: &MutatieRij,
) -> Result<(), AppFout> {
    let mutaties = tx.mutaties_van(u.id).await?;
    let geldig = |x: &MutatieRij| x.id == m.id || x.status.geldt();
    let vervallen: Vec<i64> = mutaties
        .iter()
        .filter(|x| geldig(x))
        .filter_map(|x| match &x.gegevens {
            Gegevens::Correctie { corrigeert } => Some(*corrigeert),
            _ => None,
        })
        .collect();
    let einde = mutaties
        .iter()
        .filter(|x| geldig(x) && !vervallen.contains(&x.id))
        .filter_map(|x| match &x.gegevens {
            Gegevens::Beeindiging { reden } => Some((x.ingangsdatum, reden.clone())),
            _ => None,
        })
        .min_by_key(|(d, _)| *d);
    let (einddatum, reden) = einde.map_or((None, None), |(d, r)| (Some(d), Some(r)));
    if (u.einddatum, &u.einde_reden) != (einddatum, &reden) {
        u.einddatum = einddatum;
        u.einde_reden = reden;
        u.versie += 1;
        if !tx.uitkering_bijwerken(u).await? {
            return Err(AppFout::Conflict(
                "De uitkering werd tegelijk gewijzigd.".into(),
            ));
        }
    }
    Ok(())
}

/// Art. 54 lid 4: de hersteltermijn van een opschorting op een taak voor de consulent; loopt zij
/// af zonder herstel, dan beslist die over beëindigen of intrekken vanaf de dag van de
/// opschorting.
pub(super) async fn hersteltermijn_taak(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    u: &UitkeringRij,
    m: &MutatieRij,
    termijn: NaiveDate,
) -> Result<(), AppFout> {
    let dossier = tx
        .dossier_op_id(u.dossier_id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
    crate::werk::taak_maken(
        tx,
        ctx,
        nu,
        NieuweTaak {
            soort: Taaksoort::Hersteltermijn,
            omschrijving: format!(
                "Dossier {}: de hersteltermijn van de opschorting per {} loopt af op {}. \
                 Hersteld: hef de opschorting op (de vastgehouden maanden worden nabetaald). \
                 Niet hersteld: beslis over beëindigen of intrekken vanaf {} (art. 54 lid 4).",
                dossier.nummer,
                m.ingangsdatum.format("%d-%m-%Y"),
                termijn.format("%d-%m-%Y"),
                m.ingangsdatum.format("%d-%m-%Y")
            ),
            dossier_id: Some(dossier.id),
            persoon_id: Some(dossier.client_id),
            begindatum: m.ingangsdatum,
            deadline: Some(termijn),
            team_id: dossier.team_id,
            gebruiker_id: dossier.consulent_id,
            prioriteit: 1,
            reden: "Opschorting (art. 54 lid 1)",
        },
    )
    .await?;
    Ok(())
}
