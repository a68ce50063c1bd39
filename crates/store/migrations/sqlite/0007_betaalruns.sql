-- Betaalruns (issue 7): per betaalmaand één run met zijn toestand, de betaalregels met hun uitleg,
-- en de vorderingen die uit te veel betaalde maanden volgen. Een goedgekeurde run verandert niet
-- meer; per maand kan er één open en één definitieve run zijn. sqlite-arm.
CREATE TABLE betaalruns (
    id INTEGER PRIMARY KEY,
    maand TEXT NOT NULL,
    betaaldatum TEXT NOT NULL,
    status TEXT NOT NULL,
    gestart_door INTEGER NOT NULL REFERENCES gebruikers (id),
    gestart_op TEXT NOT NULL,
    berekend_op TEXT,
    goedgekeurd_door INTEGER REFERENCES gebruikers (id),
    goedgekeurd_op TEXT,
    geexporteerd_op TEXT,
    aantal_betalingen INTEGER NOT NULL,
    totaal_centen INTEGER NOT NULL,
    versie INTEGER NOT NULL
);
CREATE UNIQUE INDEX betaalruns_open_per_maand ON betaalruns (maand)
    WHERE status IN ('concept', 'berekend');
CREATE UNIQUE INDEX betaalruns_definitief_per_maand ON betaalruns (maand)
    WHERE status IN ('goedgekeurd', 'geexporteerd');

CREATE TABLE betaalregels (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES betaalruns (id),
    uitkering_id INTEGER NOT NULL REFERENCES uitkeringen (id),
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    dossiernummer TEXT NOT NULL,
    categorie TEXT NOT NULL,
    maand TEXT NOT NULL,
    bedrag_centen INTEGER NOT NULL,
    correctie_id INTEGER REFERENCES correcties (id),
    reden TEXT,
    iban TEXT,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    kenmerk TEXT NOT NULL,
    uitleg TEXT NOT NULL
);
CREATE INDEX betaalregels_run ON betaalregels (run_id, categorie, id);
CREATE INDEX betaalregels_volgorde ON betaalregels (run_id, id);
CREATE INDEX betaalregels_dossier ON betaalregels (dossier_id, run_id);
CREATE INDEX betaalregels_uitkering ON betaalregels (uitkering_id, run_id);

CREATE TABLE vorderingen (
    id INTEGER PRIMARY KEY,
    uitkering_id INTEGER NOT NULL REFERENCES uitkeringen (id),
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    correctie_id INTEGER NOT NULL REFERENCES correcties (id),
    run_id INTEGER NOT NULL REFERENCES betaalruns (id),
    maand TEXT NOT NULL,
    bedrag_centen INTEGER NOT NULL,
    status TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL
);
CREATE UNIQUE INDEX vorderingen_correctie ON vorderingen (correctie_id);
CREATE INDEX vorderingen_dossier ON vorderingen (dossier_id);
