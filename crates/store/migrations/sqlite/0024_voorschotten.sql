-- Voorschotten (art. 52 Pw, issue 20 punt 11): zolang op een aanvraag niet is besloten, binnen
-- vier weken na de aanvraag en daarna telkens na vier weken een voorschot van ten minste 95 % van
-- de bijstand, of een weigering met grond (lid 1 onder a of b) en reden. Een voorschot gaat over
-- één maand bijstand; een run betaalt het (een regel zonder uitkering, met `voorschot_id`), en
-- bij het toekennen wordt het verrekend met de bijstand over die maand (lid 4): met de
-- uitbetaling, en wat daarboven ligt met de gereserveerde vakantietoeslag van die maand
-- (`vakantietoeslag_centen`, gaat later af van de vakantietoeslag).
CREATE TABLE voorschotten (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    volgnummer INTEGER NOT NULL,
    maand TEXT NOT NULL,
    uiterlijk TEXT NOT NULL,
    besluit TEXT NOT NULL,
    bijstand_centen INTEGER NOT NULL,
    bedrag_centen INTEGER NOT NULL,
    vakantietoeslag_centen INTEGER NOT NULL DEFAULT 0,
    reden TEXT NOT NULL,
    uitleg TEXT NOT NULL,
    status TEXT NOT NULL,
    betaald_run_id INTEGER REFERENCES betaalruns (id),
    uitkering_id INTEGER REFERENCES uitkeringen (id),
    vastgelegd_door INTEGER REFERENCES gebruikers (id),
    vastgelegd_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL,
    versie INTEGER NOT NULL
);
CREATE UNIQUE INDEX voorschotten_per_volgnummer ON voorschotten (dossier_id, volgnummer);
CREATE INDEX voorschotten_te_betalen ON voorschotten (status, id);
CREATE INDEX voorschotten_uitkering ON voorschotten (uitkering_id);

-- Een voorschotregel heeft geen uitkering. SQLite kan NOT NULL alleen weghalen door de tabel
-- opnieuw op te bouwen (zoals in 0012; niets verwijst naar betaalregels).
CREATE TABLE betaalregels_nieuw (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES betaalruns (id),
    uitkering_id INTEGER,
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
    uitleg_id INTEGER,
    anders TEXT,
    voorschot_id INTEGER
);
INSERT INTO betaalregels_nieuw (id, run_id, uitkering_id, dossier_id, dossiernummer, categorie,
    maand, bedrag_centen, correctie_id, reden, iban, naam, omschrijving, kenmerk, uitleg_id,
    anders)
    SELECT id, run_id, uitkering_id, dossier_id, dossiernummer, categorie, maand, bedrag_centen,
        correctie_id, reden, iban, naam, omschrijving, kenmerk, uitleg_id, anders
    FROM betaalregels ORDER BY id;
DROP TABLE betaalregels;
ALTER TABLE betaalregels_nieuw RENAME TO betaalregels;
CREATE INDEX betaalregels_run ON betaalregels (run_id, categorie, id);
CREATE INDEX betaalregels_volgorde ON betaalregels (run_id, id);
CREATE INDEX betaalregels_run_dossier ON betaalregels (run_id, dossier_id);
CREATE INDEX betaalregels_run_uitkering ON betaalregels (run_id, uitkering_id);
