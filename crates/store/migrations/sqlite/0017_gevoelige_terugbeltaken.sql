-- Een taak uit een gevoelige notitie noemt geen telefoonnummer en geen onderwerp meer (issue 17,
-- punt 10): taken staan in lijsten die het hele team ziet. De taken die al bestaan krijgen
-- dezelfde omschrijving als nieuwe (app::contact): een terugbeltaak GEVOELIG_TERUGBELLEN, een
-- signaal of doorverwijzing "…: gevoelige notitie (dossier N)". Wie de notitie mag lezen, leest
-- nummer en onderwerp daar.
UPDATE taken
SET omschrijving = 'Terugbellen (gevoelige notitie: nummer en onderwerp staan in de notitie)',
    versie = versie + 1
WHERE soort = 'terugbellen'
  AND id IN (SELECT taak_id FROM contactmomenten WHERE gevoelig = 1 AND taak_id IS NOT NULL);

UPDATE taken
SET omschrijving = (CASE soort WHEN 'signaal' THEN 'Signaal uit een contact' ELSE 'Doorverwezen contact' END)
        || ': gevoelige notitie (dossier '
        || (SELECT d.nummer FROM dossiers d WHERE d.id = taken.dossier_id) || ')',
    versie = versie + 1
WHERE soort IN ('signaal', 'doorverwijzing')
  AND dossier_id IS NOT NULL
  AND id IN (SELECT taak_id FROM contactmomenten WHERE gevoelig = 1 AND taak_id IS NOT NULL);
