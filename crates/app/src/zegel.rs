//! Het zegel van goedgekeurde betaalregels (issue 17, punt 4): uitrekenen over wat de opslag nu
//! heeft, het zegel van de goedkeuring terugvinden in de audittrail, en alle zegels controleren
//! (voor `vangnet audit verify`). De regel zelf staat in [`vangnet_domain::zegel`].

use vangnet_domain::audit::GeketendRecord;
use vangnet_domain::sepa::Overboeking;
use vangnet_domain::tijd;
use vangnet_domain::zegel::{Zegel, Zegelaar};

use crate::opslag::{AuditFilter, BetaalrunRij, BetalingRij, Leestransactie};
use crate::AppFout;

/// De actie van het auditrecord dat het zegel draagt.
pub const GOEDKEURING: &str = "betaalrun.goedgekeurd";

/// Een zegelaar voor deze run.
pub fn zegelaar(run: &BetaalrunRij) -> Zegelaar {
    // Het zegel telt de datums in hun opgeslagen vorm (`jjjj-mm-dd`), zoals vóór de getypte rijen.
    Zegelaar::nieuw(
        run.id,
        &tijd::datum_tekst(run.maand),
        &tijd::datum_tekst(run.betaaldatum),
    )
}

/// Voegt een betaalregel toe aan het zegel.
pub fn regel(z: &mut Zegelaar, r: &BetalingRij) {
    z.regel(
        r.id,
        &Overboeking {
            kenmerk: &r.kenmerk,
            bedrag: r.bedrag_centen.centen(),
            naam: &r.naam,
            iban: &r.iban,
            omschrijving: &r.omschrijving,
        },
    );
}

/// Het zegel over de betaalregels zoals ze nu in de opslag staan.
pub async fn berekenen(tx: &mut dyn Leestransactie, run: &BetaalrunRij) -> Result<Zegel, AppFout> {
    let mut z = zegelaar(run);
    let mut na_id = 0;
    loop {
        let (regels, laatste) = tx.betalingen(run.id, na_id, 10_000).await?;
        let Some(l) = laatste else { break };
        na_id = l;
        for r in &regels {
            regel(&mut z, r);
        }
    }
    Ok(z.zegel())
}

/// Het zegel in een auditrecord van een goedkeuring (`Ok(None)`: een run van vóór de zegels,
/// het record heeft geen `na`). Een `na` dat geen zegel is, is een fout: wie het zegel
/// onleesbaar maakt, mag er niet mee de controle uitzetten.
pub fn uit_record(r: &GeketendRecord) -> Result<Option<Zegel>, serde_json::Error> {
    r.gegevens
        .na
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
}

/// Het zegel uit het auditrecord van de goedkeuring van deze run, nadat de hash van dat record
/// is nagerekend (een gewijzigd record geeft een fout, geen ander zegel). `None`: de run werd
/// goedgekeurd voordat Vangnet zegels zette.
pub async fn van_goedkeuring(
    tx: &mut dyn Leestransactie,
    run_id: i64,
) -> Result<Option<Zegel>, AppFout> {
    let filter = AuditFilter {
        actie: Some(GOEDKEURING.into()),
        onderwerp_type: Some("betaalrun".into()),
        onderwerp_id: Some(run_id.to_string()),
        ..Default::default()
    };
    let records = tx.audit_zoeken(&filter, 10, 0).await?;
    let Some(r) = records.iter().find(|r| r.gegevens.actie == GOEDKEURING) else {
        return Err(gebroken(
            run_id,
            "er is geen auditrecord van de goedkeuring",
        ));
    };
    if r.gegevens.hash(&r.vorige_hash, tx.ketensleutel()) != r.hash {
        return Err(gebroken(
            run_id,
            "het auditrecord van de goedkeuring is gewijzigd",
        ));
    }
    uit_record(r).map_err(|_| gebroken(run_id, "het zegel in de goedkeuring is onleesbaar"))
}

/// De fout als regels of zegel niet kloppen: er gaat geen bestand naar de bank.
pub fn gebroken(run_id: i64, waarom: &str) -> AppFout {
    tracing::error!(run = run_id, waarom, "zegel van een betaalrun gebroken");
    AppFout::Conflict(format!(
        "Het betaalbestand van run {run_id} wordt niet gemaakt: {waarom}. De betaalregels zijn na \
         de goedkeuring mogelijk gewijzigd. Meld dit direct aan de functioneel beheerder en de \
         auditor (vangnet audit verify)."
    ))
}
