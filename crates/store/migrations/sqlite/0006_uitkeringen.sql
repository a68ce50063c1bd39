-- Uitkeringen en mutaties (issue 6): een toegekende uitkering met haar besluit, mutaties met
-- ingangsdatum (ook met terugwerkende kracht) en vier-ogenbeoordeling, de berekende bedragen per
-- maand en de correcties die de betaalrun (issue 7) verrekent. SQLite-arm.
CREATE TABLE uitkeringen (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    begindatum TEXT NOT NULL,
    einddatum TEXT,
    einde_reden TEXT,
    besluit_datum TEXT NOT NULL,
    besluit_door TEXT NOT NULL,
    besluit_inhoud TEXT NOT NULL,
    grondslag TEXT NOT NULL,
    bezwaar_tot TEXT NOT NULL,
    versie INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL
);
CREATE UNIQUE INDEX uitkeringen_dossier ON uitkeringen (dossier_id);

CREATE TABLE mutaties (
    id INTEGER PRIMARY KEY,
    uitkering_id INTEGER NOT NULL REFERENCES uitkeringen (id),
    soort TEXT NOT NULL,
    ingangsdatum TEXT NOT NULL,
    einddatum TEXT,
    gegevens TEXT NOT NULL,
    reden TEXT NOT NULL,
    status TEXT NOT NULL,
    vier_ogen INTEGER NOT NULL,
    impact_centen INTEGER NOT NULL,
    geregistreerd_door INTEGER REFERENCES gebruikers (id),
    geregistreerd_op TEXT NOT NULL,
    beoordeeld_door INTEGER REFERENCES gebruikers (id),
    beoordeeld_op TEXT,
    afwijsreden TEXT,
    corrigeert_id INTEGER REFERENCES mutaties (id),
    operatie_id TEXT NOT NULL,
    versie INTEGER NOT NULL
);
CREATE INDEX mutaties_uitkering ON mutaties (uitkering_id, status);

CREATE TABLE maandbedragen (
    uitkering_id INTEGER NOT NULL REFERENCES uitkeringen (id),
    maand TEXT NOT NULL,
    berekend_centen INTEGER NOT NULL,
    betaald_centen INTEGER,
    berekend_op TEXT NOT NULL,
    PRIMARY KEY (uitkering_id, maand)
);

CREATE TABLE correcties (
    id INTEGER PRIMARY KEY,
    uitkering_id INTEGER NOT NULL REFERENCES uitkeringen (id),
    maand TEXT NOT NULL,
    bedrag_centen INTEGER NOT NULL,
    oorzaak TEXT NOT NULL,
    mutatie_id INTEGER REFERENCES mutaties (id),
    aangemaakt_op TEXT NOT NULL,
    verrekend_op TEXT
);
CREATE INDEX correcties_uitkering ON correcties (uitkering_id, verrekend_op);
