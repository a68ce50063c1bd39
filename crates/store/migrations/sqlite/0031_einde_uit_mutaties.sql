-- Het einde van een uitkering opnieuw afgeleid uit haar goedgekeurde mutaties (issue 22 punt 4).
-- Sinds issue 20 punt 7 is `uitkeringen.einddatum` de vroegste goedgekeurde beëindiging die niet
-- door een goedgekeurde correctie is vervallen, zoals de berekening het einde ziet. Daarvóór
-- schreef het goedkeuren van een beëindiging haar datum, en haalde een correctie hem niet weg.
-- De betaalrun slaat uitkeringen over die lang geleden eindigden; daarvoor moet deze kolom
-- precies het einde van de berekening zijn. Een afgeleide waarde, geen besluit: daarom een
-- migratie en geen mutatie. De versie gaat omhoog waar iets verandert (een open formulier met
-- de oude versie wordt dan geweigerd, niet stil overschreven).
WITH einde AS (
    SELECT m.uitkering_id, m.ingangsdatum, json_extract(m.gegevens, '$.reden') AS reden,
           ROW_NUMBER() OVER (PARTITION BY m.uitkering_id ORDER BY m.ingangsdatum, m.id) AS nr
    FROM mutaties m
    WHERE m.soort = 'beeindiging' AND m.status = 'goedgekeurd'
      AND NOT EXISTS (
          SELECT 1 FROM mutaties c
          WHERE c.uitkering_id = m.uitkering_id AND c.corrigeert_id = m.id
            AND c.status = 'goedgekeurd')
)
UPDATE uitkeringen
SET einddatum = einde.ingangsdatum, einde_reden = einde.reden, versie = uitkeringen.versie + 1
FROM einde
WHERE einde.uitkering_id = uitkeringen.id AND einde.nr = 1
  AND (uitkeringen.einddatum IS NOT einde.ingangsdatum OR uitkeringen.einde_reden IS NOT einde.reden);

UPDATE uitkeringen
SET einddatum = NULL, einde_reden = NULL, versie = versie + 1
WHERE einddatum IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM mutaties m
      WHERE m.uitkering_id = uitkeringen.id AND m.soort = 'beeindiging' AND m.status = 'goedgekeurd'
        AND NOT EXISTS (
            SELECT 1 FROM mutaties c
            WHERE c.uitkering_id = m.uitkering_id AND c.corrigeert_id = m.id
              AND c.status = 'goedgekeurd'));
