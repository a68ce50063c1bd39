-- De tabellen waarin een betaalrun honderdduizenden rijen schrijft, zonder de vreemde sleutels
-- naar grote tabellen (issue 7). Een run schrijft `betaalregels` (en goedkeuren `maandbedragen`)
-- alleen uit rijen die hij in dezelfde transactie las; uitkeringen, dossiers, correcties en
-- uitleggen worden nooit verwijderd. De controle per rij kostte bij 1 000 000 huishoudens 7 van
-- de 42 s (SQLite) en op PostgreSQL per rij een triggeraanroep (3,2 miljoen per run). De sleutel
-- naar de run zelf blijft. sqlite-arm: SQLite kan een vreemde sleutel alleen weghalen door de
-- tabel opnieuw op te bouwen (niets verwijst naar deze tabellen).
CREATE TABLE betaalregels_nieuw (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES betaalruns (id),
    uitkering_id INTEGER NOT NULL,
    dossier_id INTEGER NOT NULL,
    dossiernummer TEXT NOT NULL,
    categorie TEXT NOT NULL,
    maand TEXT NOT NULL,
    bedrag_centen INTEGER NOT NULL,
    correctie_id INTEGER,
    reden TEXT,
    iban TEXT,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    kenmerk TEXT NOT NULL,
    uitleg_id INTEGER
);
INSERT INTO betaalregels_nieuw (id, run_id, uitkering_id, dossier_id, dossiernummer, categorie,
    maand, bedrag_centen, correctie_id, reden, iban, naam, omschrijving, kenmerk, uitleg_id)
    SELECT id, run_id, uitkering_id, dossier_id, dossiernummer, categorie, maand, bedrag_centen,
        correctie_id, reden, iban, naam, omschrijving, kenmerk, uitleg_id
    FROM betaalregels ORDER BY id;
DROP TABLE betaalregels;
ALTER TABLE betaalregels_nieuw RENAME TO betaalregels;
CREATE INDEX betaalregels_run ON betaalregels (run_id, categorie, id);
CREATE INDEX betaalregels_volgorde ON betaalregels (run_id, id);
CREATE INDEX betaalregels_run_dossier ON betaalregels (run_id, dossier_id);
CREATE INDEX betaalregels_run_uitkering ON betaalregels (run_id, uitkering_id);

CREATE TABLE maandbedragen_nieuw (
    uitkering_id INTEGER NOT NULL,
    maand TEXT NOT NULL,
    berekend_centen INTEGER NOT NULL,
    betaald_centen INTEGER,
    berekend_op TEXT NOT NULL,
    PRIMARY KEY (uitkering_id, maand)
);
INSERT INTO maandbedragen_nieuw (uitkering_id, maand, berekend_centen, betaald_centen, berekend_op)
    SELECT uitkering_id, maand, berekend_centen, betaald_centen, berekend_op
    FROM maandbedragen ORDER BY uitkering_id, maand;
DROP TABLE maandbedragen;
ALTER TABLE maandbedragen_nieuw RENAME TO maandbedragen;
