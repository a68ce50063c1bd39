-- Werkvoorraad (issue 5): taken met servicenorm en historie, servicenormen per taaksoort,
-- postcodegebieden per team, afwezigheid en uitsluiting van medewerkers, gewichten per
-- zaaktype voor de caseload, en meldingen (bv. een taak die te laat is) voor de teamleider. SQLite-arm.
CREATE TABLE taken (
    id INTEGER PRIMARY KEY,
    soort TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    dossier_id INTEGER REFERENCES dossiers (id),
    persoon_id INTEGER REFERENCES personen (id),
    aangemaakt_op TEXT NOT NULL,
    begindatum TEXT NOT NULL,
    deadline TEXT NOT NULL,
    risico_vanaf TEXT NOT NULL,
    wettelijk INTEGER NOT NULL,
    waarschuwen_werkdagen INTEGER NOT NULL,
    team_id INTEGER REFERENCES teams (id),
    gebruiker_id INTEGER REFERENCES gebruikers (id),
    status TEXT NOT NULL,
    prioriteit INTEGER NOT NULL,
    te_laat_gemeld INTEGER NOT NULL,
    gereed_op TEXT,
    versie INTEGER NOT NULL
);
-- Open taken per medewerker en per team zonder eigenaar: gedeeltelijke indexen op precies de
-- voorwaarden van "Vandaag", zodat lijst en telling uit de index komen (ook bij 10^6 taken).
CREATE INDEX taken_gebruiker ON taken
    (gebruiker_id, deadline, risico_vanaf, wettelijk, prioriteit, soort, id)
    WHERE status <> 'gereed' AND gebruiker_id IS NOT NULL;
CREATE INDEX taken_team_open ON taken
    (team_id, gebruiker_id, soort, deadline, risico_vanaf, wettelijk) WHERE status <> 'gereed';
CREATE INDEX taken_team_gereed ON taken (team_id, gereed_op) WHERE status = 'gereed';
CREATE INDEX taken_zonder_eigenaar ON taken (team_id, deadline, id)
    WHERE gebruiker_id IS NULL AND status <> 'gereed';
CREATE INDEX taken_dossier ON taken (dossier_id);
CREATE INDEX taken_escalatie ON taken (te_laat_gemeld, deadline);

CREATE TABLE taakgebeurtenissen (
    id INTEGER PRIMARY KEY,
    taak_id INTEGER NOT NULL REFERENCES taken (id),
    tijdstip TEXT NOT NULL,
    actor TEXT NOT NULL,
    soort TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    operatie_id TEXT NOT NULL
);
CREATE INDEX taakgebeurtenissen_taak ON taakgebeurtenissen (taak_id);

CREATE TABLE servicenormen (
    soort TEXT PRIMARY KEY,
    eenheid TEXT NOT NULL,
    aantal INTEGER NOT NULL,
    waarschuwen_werkdagen INTEGER NOT NULL,
    gewijzigd_op TEXT NOT NULL
);

CREATE TABLE postcodegebieden (
    id INTEGER PRIMARY KEY,
    van INTEGER NOT NULL,
    tot_en_met INTEGER NOT NULL,
    team_id INTEGER NOT NULL REFERENCES teams (id)
);

CREATE TABLE afwezigheden (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    van TEXT NOT NULL,
    tot_en_met TEXT NOT NULL,
    reden TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX afwezigheden_gebruiker ON afwezigheden (gebruiker_id, tot_en_met);

CREATE TABLE uitsluitingen (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    reden TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX uitsluitingen_persoon ON uitsluitingen (persoon_id);

CREATE TABLE zaaktypegewichten (
    zaaktype TEXT PRIMARY KEY,
    gewicht INTEGER NOT NULL
);

CREATE TABLE meldingen (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    tijdstip TEXT NOT NULL,
    tekst TEXT NOT NULL,
    taak_id INTEGER REFERENCES taken (id),
    gelezen_op TEXT
);
CREATE INDEX meldingen_gebruiker ON meldingen (gebruiker_id, gelezen_op);
