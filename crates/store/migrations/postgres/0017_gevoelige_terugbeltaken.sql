-- Een terugbeltaak uit een gevoelige notitie noemt geen telefoonnummer en geen onderwerp meer
-- (issue 17, punt 10): taken staan in lijsten die het hele team ziet. De taken die al bestaan
-- krijgen dezelfde algemene omschrijving als nieuwe (app::contact::GEVOELIG_TERUGBELLEN); wie
-- terugbelt, leest nummer en onderwerp in de notitie als hij die mag lezen.
UPDATE taken
SET omschrijving = 'Terugbellen (gevoelige notitie: nummer en onderwerp staan in de notitie)',
    versie = versie + 1
WHERE soort = 'terugbellen'
  AND id IN (SELECT taak_id FROM contactmomenten WHERE gevoelig = 1 AND taak_id IS NOT NULL);
