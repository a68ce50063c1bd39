-- Personen, huishoudens en dossiers. SQLite-arm; zie ../postgres/0002_personen_dossiers.sql.
-- Feiten met historie hebben geldig_vanaf/geldig_tot (datums jjjj-mm-dd, tot niet meegerekend)
-- en geregistreerd_op/vervallen_op (tijdstippen), plus het operatie-id dat ze vastlegde.

CREATE TABLE personen (
    id INTEGER PRIMARY KEY,
    bsn INTEGER NOT NULL,
    versie INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL
);
CREATE UNIQUE INDEX personen_bsn_uniek ON personen (bsn);

CREATE TABLE persoonsgegevens (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    voornamen TEXT NOT NULL,
    voorvoegsel TEXT NOT NULL,
    geslachtsnaam TEXT NOT NULL,
    zoeknaam TEXT NOT NULL,
    zoeknaam_volledig TEXT NOT NULL,
    geboortedatum TEXT NOT NULL,
    geldig_vanaf TEXT NOT NULL,
    geldig_tot TEXT,
    geregistreerd_op TEXT NOT NULL,
    vervallen_op TEXT,
    operatie_id TEXT NOT NULL
);
CREATE INDEX persoonsgegevens_persoon ON persoonsgegevens (persoon_id);
CREATE INDEX persoonsgegevens_zoeknaam ON persoonsgegevens (zoeknaam, persoon_id);
CREATE INDEX persoonsgegevens_zoeknaam_volledig ON persoonsgegevens (zoeknaam_volledig, persoon_id);
CREATE INDEX persoonsgegevens_geboortedatum ON persoonsgegevens (geboortedatum);

CREATE TABLE adressen (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    straat TEXT NOT NULL,
    huisnummer INTEGER NOT NULL,
    huisletter TEXT,
    toevoeging TEXT,
    postcode TEXT NOT NULL,
    woonplaats TEXT NOT NULL,
    geldig_vanaf TEXT NOT NULL,
    geldig_tot TEXT,
    geregistreerd_op TEXT NOT NULL,
    vervallen_op TEXT,
    operatie_id TEXT NOT NULL
);
CREATE INDEX adressen_persoon ON adressen (persoon_id);
CREATE INDEX adressen_postcode ON adressen (postcode, huisnummer);

CREATE TABLE bankrekeningen (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    iban TEXT NOT NULL,
    tenaamstelling TEXT NOT NULL,
    geldig_vanaf TEXT NOT NULL,
    geldig_tot TEXT,
    geregistreerd_op TEXT NOT NULL,
    vervallen_op TEXT,
    operatie_id TEXT NOT NULL
);
CREATE INDEX bankrekeningen_persoon ON bankrekeningen (persoon_id);

CREATE TABLE huishoudens (
    id INTEGER PRIMARY KEY,
    aangemaakt_op TEXT NOT NULL
);

CREATE TABLE huishoudleden (
    id INTEGER PRIMARY KEY,
    huishouden_id INTEGER NOT NULL REFERENCES huishoudens (id),
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    rol TEXT NOT NULL,
    geldig_vanaf TEXT NOT NULL,
    geldig_tot TEXT,
    geregistreerd_op TEXT NOT NULL,
    vervallen_op TEXT,
    operatie_id TEXT NOT NULL
);
CREATE INDEX huishoudleden_huishouden ON huishoudleden (huishouden_id);
CREATE INDEX huishoudleden_persoon ON huishoudleden (persoon_id);

CREATE TABLE dossiernummers (
    jaar INTEGER PRIMARY KEY,
    laatste INTEGER NOT NULL
);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    nummer TEXT NOT NULL,
    huishouden_id INTEGER NOT NULL REFERENCES huishoudens (id),
    client_id INTEGER NOT NULL REFERENCES personen (id),
    zaaktype TEXT NOT NULL,
    status TEXT NOT NULL,
    ontvangen_op TEXT NOT NULL,
    team_id INTEGER REFERENCES teams (id),
    consulent_id INTEGER REFERENCES gebruikers (id),
    versie INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);
CREATE UNIQUE INDEX dossiers_nummer_uniek ON dossiers (nummer);
CREATE INDEX dossiers_client ON dossiers (client_id);
CREATE INDEX dossiers_huishouden ON dossiers (huishouden_id);
CREATE INDEX dossiers_team ON dossiers (team_id);
CREATE INDEX dossiers_consulent ON dossiers (consulent_id);

CREATE TABLE dossiergebeurtenissen (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    tijdstip TEXT NOT NULL,
    actor TEXT NOT NULL,
    soort TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    operatie_id TEXT NOT NULL
);
CREATE INDEX dossiergebeurtenissen_dossier ON dossiergebeurtenissen (dossier_id, tijdstip);
