//! De feiten van een uitkering uit haar rijen (huishouden, persoonsgegevens, mutaties), zoals
//! bekend op een moment; ook voor een hele partij tegelijk (betaalrun, herberekening). Een waarde
//! die niet te lezen is, is een fout, nooit een standaardwaarde.

use super::*;

/// Eén uitkering uit een partij: haar rijen en haar feiten zoals bekend op het gevraagde moment.
pub(crate) struct Geladen {
    pub uitkering: UitkeringRij,
    pub dossier: crate::opslag::DossierRij,
    pub feiten: Feiten,
    pub maandbedragen: Vec<MaandbedragRij>,
    /// De aanvrager, aan wie betaald wordt.
    pub aanvrager: Option<i64>,
    /// De partners met de periode waarin ze bij het huishouden hoorden (voor verdeelde betaling).
    pub partners: Vec<(i64, Periode)>,
    /// Iedereen die ooit tot het huishouden hoorde: wie gelezen is, voor het toegangslog.
    pub personen: Vec<i64>,
}

/// De personen van een partij, elk één keer (voor `toegang_voor_personen`).
pub(crate) fn personen_van(partij: &[Geladen]) -> Vec<i64> {
    let mut uit: Vec<i64> = partij
        .iter()
        .flat_map(|g| g.personen.iter().copied())
        .collect();
    uit.sort_unstable();
    uit.dedup();
    uit
}

/// Laadt een partij uitkeringen met alles wat de berekening nodig heeft in een handvol queries
/// (herberekening na nieuwe normtabellen, betaalrun). Schrijft zelf geen toegangslog: de
/// aanroeper doet dat in bulk met `toegang_voor_personen` ([`personen_van`]).
pub(crate) async fn partij_laden(
    tx: &mut dyn Leestransactie,
    ids: &[i64],
    moment: DateTime<Utc>,
    met_maandbedragen: bool,
) -> Result<Vec<Geladen>, AppFout> {
    let uitkeringen = tx.uitkeringen_op_ids(ids).await?;
    let dossier_ids: Vec<i64> = uitkeringen.iter().map(|u| u.dossier_id).collect();
    let mut dossiers: BTreeMap<i64, crate::opslag::DossierRij> = tx
        .dossiers_op_ids(&dossier_ids)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let huishoudens: Vec<i64> = dossiers.values().map(|d| d.huishouden_id).collect();
    let mut leden: BTreeMap<i64, Vec<crate::opslag::HuishoudlidRij>> = BTreeMap::new();
    for l in tx.huishoudleden_van_huishoudens(&huishoudens).await? {
        leden.entry(l.huishouden_id).or_default().push(l);
    }
    let mut personen: Vec<i64> = leden.values().flatten().map(|l| l.persoon_id).collect();
    personen.sort_unstable();
    personen.dedup();
    let mut gegevens: BTreeMap<i64, Vec<crate::opslag::PersoonsgegevensRij>> = BTreeMap::new();
    for g in tx.persoonsgegevens_van(&personen).await? {
        gegevens.entry(g.persoon_id).or_default().push(g);
    }
    let mut mutaties: BTreeMap<i64, Vec<MutatieRij>> = BTreeMap::new();
    for m in tx.mutaties_van_uitkeringen(ids).await? {
        mutaties.entry(m.uitkering_id).or_default().push(m);
    }
    let mut bedragen: BTreeMap<i64, Vec<MaandbedragRij>> = BTreeMap::new();
    if met_maandbedragen {
        for b in tx.maandbedragen_van_uitkeringen(ids).await? {
            bedragen.entry(b.uitkering_id).or_default().push(b);
        }
    }
    let mut uit = Vec::with_capacity(uitkeringen.len());
    for u in uitkeringen {
        let Some(d) = dossiers.remove(&u.dossier_id) else {
            continue;
        };
        let huis = leden.get(&d.huishouden_id).map_or(&[][..], Vec::as_slice);
        let mut van_huis: Vec<crate::opslag::PersoonsgegevensRij> = Vec::new();
        let mut gezien = Vec::new();
        for l in huis {
            if gezien.contains(&l.persoon_id) {
                continue;
            }
            gezien.push(l.persoon_id);
            van_huis.extend(gegevens.get(&l.persoon_id).into_iter().flatten().cloned());
        }
        let aanvrager = huis
            .iter()
            .find(|l| l.rol == HuishoudRol::Aanvrager && l.historie.actueel())
            .map(|l| l.persoon_id);
        let partners = huis
            .iter()
            .filter(|l| l.historie.actueel() && matches!(l.rol, HuishoudRol::Partner(_)))
            .map(|l| (l.persoon_id, l.historie.geldig()))
            .collect();
        let feiten = feiten_uit(
            &u,
            huis,
            &van_huis,
            mutaties.get(&u.id).map_or(&[][..], Vec::as_slice),
            None,
            moment,
        )?;
        uit.push(Geladen {
            maandbedragen: bedragen.remove(&u.id).unwrap_or_default(),
            uitkering: u,
            dossier: d,
            feiten,
            aanvrager,
            partners,
            personen: gezien,
        });
    }
    Ok(uit)
}

/// De feiten van een uitkering uit haar rijen, zoals bekend op `moment`: de leden van haar
/// huishouden (`leden`, met `gegevens` van hun personen) en haar mutaties. Puur: ook de
/// herberekening van veel uitkeringen tegelijk gebruikt dit.
pub(super) fn feiten_uit(
    u: &UitkeringRij,
    leden: &[crate::opslag::HuishoudlidRij],
    gegevens: &[crate::opslag::PersoonsgegevensRij],
    mutaties: &[MutatieRij],
    extra: Option<(NaiveDate, Option<NaiveDate>, &Gegevens)>,
    moment: DateTime<Utc>,
) -> Result<Feiten, AppFout> {
    let geboren = |id: i64| {
        gegevens
            .iter()
            .filter(|g| g.persoon_id == id && g.historie.registratie().bekend_op(moment))
            .map(|g| g.geboortedatum)
            .next_back()
    };
    let relatie = |r: Medebewonerrelatie| match r {
        Medebewonerrelatie::Familie => Relatie::Familie,
        Medebewonerrelatie::Huurder | Medebewonerrelatie::Verhuurder => Relatie::Commercieel,
        Medebewonerrelatie::Student => Relatie::Student,
        Medebewonerrelatie::Anders => Relatie::Overig,
    };
    let mut f = Feiten {
        // Het einde volgt uit de beëindigingsmutatie (zo klopt ook een eerder moment).
        uitkering: Some(Periode {
            vanaf: u.begindatum,
            tot: None,
        }),
        ..Default::default()
    };
    let vertrekt = match extra {
        Some((ingang, _, Gegevens::LidUit { persoon_id })) => Some((*persoon_id, ingang)),
        _ => None,
    };
    let mut erbij = Vec::new();
    for l in leden
        .iter()
        .filter(|l| l.historie.registratie().bekend_op(moment))
    {
        let Some(g) = geboren(l.persoon_id) else {
            continue;
        };
        let mut periode = l.historie.geldig();
        if let Some((id, ingang)) = vertrekt {
            if id == l.persoon_id && periode.tot.is_none_or(|t| t > ingang) {
                periode.tot = Some(ingang);
            }
        }
        erbij.push((l.rol, periode, g));
    }
    if let Some((
        ingang,
        _,
        Gegevens::LidIn {
            rol, geboortedatum, ..
        },
    )) = extra
    {
        let rol = HuishoudRol::uit_code(rol)
            .ok_or_else(|| AppFout::Intern(format!("onbekende rol in de mutatie: {rol}")))?;
        erbij.push((rol, Periode::vanaf(ingang), *geboortedatum));
    }
    for (rol, periode, g) in erbij {
        match rol {
            HuishoudRol::Aanvrager => f.aanvrager = Some(g),
            HuishoudRol::Partner(_) => f.partners.push((periode, g)),
            HuishoudRol::Kind => f.kinderen.push((periode, g)),
            HuishoudRol::Medebewoner(r) => f.medebewoners.push((periode, g, relatie(r))),
        }
    }
    // Een mutatie telt vanaf haar goedkeuring (zonder vier ogen: vanaf de registratie).
    let geldig: Vec<(i64, NaiveDate, Option<NaiveDate>, Gegevens)> = mutaties
        .iter()
        .filter(|m| m.uitkering_id == u.id && m.status.geldt())
        .filter(|m| {
            let vanaf = if m.vier_ogen {
                m.beoordeeld_op
            } else {
                Some(m.geregistreerd_op)
            };
            vanaf.is_some_and(|v| v <= moment)
        })
        .map(|m| (m.id, m.ingangsdatum, m.einddatum, m.gegevens.clone()))
        .collect();
    // Een correctie (ook een nieuwe, in het voorbeeld) laat de gecorrigeerde mutatie weg.
    let vervallen: Vec<i64> = geldig
        .iter()
        .map(|(_, _, _, g)| g)
        .chain(extra.map(|(_, _, g)| g))
        .filter_map(|g| match g {
            Gegevens::Correctie { corrigeert } => Some(*corrigeert),
            _ => None,
        })
        .collect();
    let mut lijst: Vec<(NaiveDate, Option<NaiveDate>, &Gegevens)> = geldig
        .iter()
        .filter(|(id, _, _, _)| !vervallen.contains(id))
        .map(|(_, i, e, g)| (*i, *e, g))
        .collect();
    if let Some(x) = extra {
        lijst.push(x);
    }
    toepassen(&mut f, &lijst);
    // Art. 47a: vanaf de AOW-leeftijd is de SVB bevoegd; de gemeentelijke uitkering eindigt.
    f.einde_bij_overdracht_svb();
    Ok(f)
}
