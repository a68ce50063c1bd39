-- Maandbedragen op volgorde van de maand (issue 7). Goedkeuren zet de bedragen van één maand
-- als betaald; met de sleutel (uitkering_id, maand) lagen die rijen over de hele tabel verspreid
-- (een uitkering krijgt al haar maanden tegelijk), en herschreef elke goedkeuring elke pagina
-- (6,7 s bij 9 miljoen rijen, groeiend met de geschiedenis). Nu is de tabel zelf de B-boom op
-- (maand, uitkering_id): de rijen van een maand liggen bij elkaar. Lezen per uitkering gaat via
-- de index (uitkering_id, maand); die verandert niet als alleen de bedragen veranderen.
-- sqlite-arm.
CREATE TABLE maandbedragen_nieuw (
    uitkering_id INTEGER NOT NULL,
    maand TEXT NOT NULL,
    berekend_centen INTEGER NOT NULL,
    betaald_centen INTEGER,
    berekend_op TEXT NOT NULL,
    PRIMARY KEY (maand, uitkering_id)
) WITHOUT ROWID;
INSERT INTO maandbedragen_nieuw (uitkering_id, maand, berekend_centen, betaald_centen, berekend_op)
    SELECT uitkering_id, maand, berekend_centen, betaald_centen, berekend_op
    FROM maandbedragen ORDER BY maand, uitkering_id;
DROP TABLE maandbedragen;
ALTER TABLE maandbedragen_nieuw RENAME TO maandbedragen;
CREATE INDEX maandbedragen_uitkering ON maandbedragen (uitkering_id, maand);
