-- Vangnet basis: gebruikers, rollen, teams, sessies, API-tokens, inlogpogingen,
-- audittrail (hashketen, alleen toevoegen) en toegangslog. SQLite-arm; de PostgreSQL-arm in
-- ../postgres/0001_basis.sql moet dezelfde tabellen, kolommen en indexen geven (getest).
-- Tijdstippen: TEXT in de vaste UTC-vorm 2026-11-28T13:02:53.123456Z (sorteerbaar).

CREATE TABLE gebruikers (
    id INTEGER PRIMARY KEY,
    gebruikersnaam TEXT NOT NULL,
    volledige_naam TEXT NOT NULL,
    wachtwoord_hash TEXT NOT NULL,
    moet_wachtwoord_wijzigen INTEGER NOT NULL CHECK (moet_wachtwoord_wijzigen IN (0, 1)),
    geblokkeerd INTEGER NOT NULL CHECK (geblokkeerd IN (0, 1)),
    versie INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);
CREATE UNIQUE INDEX gebruikers_naam_uniek ON gebruikers (gebruikersnaam);

CREATE TABLE gebruiker_rollen (
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    rol TEXT NOT NULL,
    PRIMARY KEY (gebruiker_id, rol)
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    versie INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);
CREATE UNIQUE INDEX teams_naam_uniek ON teams (lower(naam));

CREATE TABLE teamleden (
    team_id INTEGER NOT NULL REFERENCES teams (id),
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    PRIMARY KEY (team_id, gebruiker_id)
);
CREATE INDEX teamleden_gebruiker ON teamleden (gebruiker_id);

CREATE TABLE sessies (
    sleutel_hash TEXT PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    csrf_token TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    laatst_actief_op TEXT NOT NULL,
    adres TEXT NOT NULL
);
CREATE INDEX sessies_gebruiker ON sessies (gebruiker_id);
CREATE INDEX sessies_laatst_actief ON sessies (laatst_actief_op);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruikers (id),
    omschrijving TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    voorvoegsel TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    laatst_gebruikt_op TEXT,
    ingetrokken_op TEXT
);
CREATE UNIQUE INDEX api_tokens_hash_uniek ON api_tokens (token_hash);
CREATE INDEX api_tokens_gebruiker ON api_tokens (gebruiker_id);

CREATE TABLE inlogpogingen (
    id INTEGER PRIMARY KEY,
    gebruikersnaam TEXT NOT NULL,
    adres TEXT NOT NULL,
    tijdstip TEXT NOT NULL,
    gelukt INTEGER NOT NULL CHECK (gelukt IN (0, 1))
);
CREATE INDEX inlogpogingen_naam ON inlogpogingen (gebruikersnaam, tijdstip);
CREATE INDEX inlogpogingen_adres ON inlogpogingen (adres, tijdstip);

-- De kop van de hashketen: één rij, vergrendeld door elke transactie die een record toevoegt.
CREATE TABLE audit_kop (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    volgnummer INTEGER NOT NULL,
    laatste_hash TEXT NOT NULL
);
INSERT INTO audit_kop (id, volgnummer, laatste_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE auditrecords (
    volgnummer INTEGER PRIMARY KEY,
    tijdstip TEXT NOT NULL,
    operatie_id TEXT NOT NULL,
    actor_id INTEGER,
    actor TEXT NOT NULL,
    actie TEXT NOT NULL,
    onderwerp_type TEXT NOT NULL,
    onderwerp_id TEXT NOT NULL,
    samenvatting TEXT NOT NULL,
    voor TEXT,
    na TEXT,
    reden TEXT,
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX auditrecords_tijdstip ON auditrecords (tijdstip);
CREATE INDEX auditrecords_onderwerp ON auditrecords (onderwerp_type, onderwerp_id);
CREATE INDEX auditrecords_actie ON auditrecords (actie);

CREATE TRIGGER auditrecords_niet_wijzigen BEFORE UPDATE ON auditrecords
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: auditrecords'); END;
CREATE TRIGGER auditrecords_niet_verwijderen BEFORE DELETE ON auditrecords
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: auditrecords'); END;

CREATE TABLE toegangslog (
    id INTEGER PRIMARY KEY,
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    tijdstip TEXT NOT NULL,
    gebruiker_id INTEGER,
    gebruiker TEXT NOT NULL,
    verwerkingsactiviteit TEXT NOT NULL,
    betrokkene_type TEXT NOT NULL,
    betrokkene_id TEXT NOT NULL,
    omschrijving TEXT NOT NULL
);
CREATE INDEX toegangslog_tijdstip ON toegangslog (tijdstip);
CREATE INDEX toegangslog_betrokkene ON toegangslog (betrokkene_type, betrokkene_id);
CREATE INDEX toegangslog_gebruiker ON toegangslog (gebruiker);

CREATE TRIGGER toegangslog_niet_wijzigen BEFORE UPDATE ON toegangslog
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
CREATE TRIGGER toegangslog_niet_verwijderen BEFORE DELETE ON toegangslog
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
