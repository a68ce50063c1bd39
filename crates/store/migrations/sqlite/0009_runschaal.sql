-- Een betaalrun die niet trager wordt naarmate er meer runs achter liggen (issue 7).
--
-- 1. De uitleg van betaalregels één keer per inhoud: de meeste regels van een run (en van
-- de ene maand op de andere) hebben precies dezelfde uitleg. Een regel wijst naar zijn uitleg;
-- geen uitleg (een vastgehouden regel) is NULL. De sleutel is de SHA-256 van de inhoud (hex); een
-- uitleg wordt nooit gewijzigd. Bestaande regels krijgen elk hun eigen uitleg met sleutel
-- 'regel-<id>'.
CREATE TABLE uitleggen (
    id INTEGER PRIMARY KEY,
    sleutel TEXT NOT NULL,
    inhoud TEXT NOT NULL
);
CREATE UNIQUE INDEX uitleggen_sleutel ON uitleggen (sleutel);

INSERT INTO uitleggen (sleutel, inhoud)
    SELECT 'regel-' || CAST(id AS TEXT), uitleg FROM betaalregels WHERE uitleg <> '[]' ORDER BY id;
ALTER TABLE betaalregels ADD COLUMN uitleg_id INTEGER REFERENCES uitleggen (id);
UPDATE betaalregels SET uitleg_id =
    (SELECT u.id FROM uitleggen u WHERE u.sleutel = 'regel-' || CAST(betaalregels.id AS TEXT));
ALTER TABLE betaalregels DROP COLUMN uitleg;

-- 2. Indexen waarin een nieuwe run achteraan komt in plaats van tussen alle eerdere: met
-- (uitkering_id, run_id) en (dossier_id, run_id) raakte elke run elke bladpagina van die indexen
-- (per uitkering staan de regels van alle runs bij elkaar), met het toegangslog per betrokkene
-- net zo; het werk van een run groeide zo met de hele geschiedenis. Nu staat de run (of de
-- maand van het tijdstip) vooraan; wie per uitkering, dossier of betrokkene zoekt, noemt de runs
-- of maanden (er zijn er weinig).
DROP INDEX betaalregels_dossier;
DROP INDEX betaalregels_uitkering;
CREATE INDEX betaalregels_run_dossier ON betaalregels (run_id, dossier_id);
CREATE INDEX betaalregels_run_uitkering ON betaalregels (run_id, uitkering_id);
DROP INDEX toegangslog_betrokkene;
CREATE INDEX toegangslog_maand_betrokkene
    ON toegangslog (substr(tijdstip, 1, 7), betrokkene_type, betrokkene_id);
-- sqlite-arm.
