-- Het toegangslog als hashketen per partij (issue 17, punt 5): elke keer dat Vangnet regels in
-- het toegangslog schrijft, komt er een schakel bij met het bereik van de regel-ids, hun aantal,
-- een SHA-256 over de verwerking en de regels, en de hash van de vorige schakel (een HMAC met de
-- ketensleutel buiten de database). De kop wordt vergrendeld door de transactie die een schakel
-- toevoegt, vlak voor haar commit. Regels van vóór deze migratie staan in geen schakel.
-- Een partij wordt na de invoer teruggelezen als de regels van haar verwerking na het hoogste id
-- van daarvoor: daarvoor de index op (verwerking_id, id); die dient ook zoeken op verwerking.
-- sqlite-arm.
CREATE TABLE toegangsketen_kop (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    volgnummer BIGINT NOT NULL,
    laatste_hash TEXT NOT NULL
);
INSERT INTO toegangsketen_kop (id, volgnummer, laatste_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE toegangsketen (
    volgnummer BIGINT PRIMARY KEY,
    verwerking_id BIGINT NOT NULL,
    regel_van BIGINT NOT NULL,
    regel_tot BIGINT NOT NULL,
    aantal BIGINT NOT NULL,
    inhoud TEXT NOT NULL,
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER toegangsketen_niet_wijzigen BEFORE UPDATE ON toegangsketen
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangsketen'); END;
CREATE TRIGGER toegangsketen_niet_verwijderen BEFORE DELETE ON toegangsketen
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangsketen'); END;

DROP INDEX toegangsregels_verwerking;
CREATE INDEX toegangsregels_verwerking ON toegangsregels (verwerking_id, id);
