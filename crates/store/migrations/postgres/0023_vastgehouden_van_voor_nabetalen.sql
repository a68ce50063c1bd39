-- Maanden die een goedgekeurde run vóór migratie 0020 vasthield, hadden geen onbetaalde
-- maandregel: de run zou ze niet terugvinden als de maand erna wel betaald is. Een onbetaalde
-- regel voor elke toen vastgehouden maand zonder regel (een regel die er al is, blijft staan).
INSERT INTO maandbedragen (uitkering_id, maand, berekend_centen, betaald_centen, berekend_op)
SELECT r.uitkering_id, r.maand, CAST(SUM(r.bedrag_centen) AS BIGINT), NULL, MAX(b.goedgekeurd_op)
FROM betaalregels r JOIN betaalruns b ON b.id = r.run_id
WHERE b.status IN ('goedgekeurd', 'geexporteerd') AND r.categorie = 'vastgehouden'
    AND r.correctie_id IS NULL AND r.anders IS NULL
GROUP BY r.uitkering_id, r.maand
ON CONFLICT (maand, uitkering_id) DO NOTHING;
