-- Contactmomenten (issue 8): telefoonnotities en ander contact, op een persoon en eventueel een
-- dossier (of nog zonder persoon: een onbekende beller, later te koppelen), met de taak die
-- eruit volgde (terugbellen, doorverwijzing, signaal) en het vervolg op een terugbelverzoek.
-- De onderwerpen zijn een lijst die de functioneel beheerder inricht. SQLite-arm.
CREATE TABLE contactonderwerpen (
    code TEXT PRIMARY KEY,
    omschrijving TEXT NOT NULL,
    volgorde INTEGER NOT NULL,
    actief INTEGER NOT NULL
);
INSERT INTO contactonderwerpen (code, omschrijving, volgorde, actief) VALUES
    ('betaling', 'Betaling en betaaldatum', 1, 1),
    ('aanvraag', 'Stand van de aanvraag', 2, 1),
    ('wijziging', 'Wijziging doorgeven', 3, 1),
    ('inkomen', 'Inkomen en loonstroken', 4, 1),
    ('documenten', 'Ontbrekende stukken', 5, 1),
    ('vordering', 'Terugvordering en aflossing', 6, 1),
    ('klacht', 'Klacht of bezwaar', 7, 1),
    ('overig', 'Overig', 8, 1);

CREATE TABLE contactmomenten (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER REFERENCES personen (id),
    dossier_id INTEGER REFERENCES dossiers (id),
    kanaal TEXT NOT NULL,
    richting TEXT NOT NULL,
    beller TEXT NOT NULL,
    derde_naam TEXT,
    onderwerp TEXT NOT NULL REFERENCES contactonderwerpen (code),
    tekst TEXT NOT NULL,
    uitkomst TEXT NOT NULL,
    telefoonnummer TEXT,
    tijdstip TEXT NOT NULL,
    duur_minuten INTEGER,
    gevoelig INTEGER NOT NULL,
    geregistreerd_door INTEGER NOT NULL REFERENCES gebruikers (id),
    taak_id INTEGER REFERENCES taken (id),
    vervolg_op INTEGER REFERENCES contactmomenten (id),
    gekoppeld_op TEXT,
    versie INTEGER NOT NULL
);
CREATE INDEX contactmomenten_persoon ON contactmomenten (persoon_id, tijdstip);
CREATE INDEX contactmomenten_dossier ON contactmomenten (dossier_id, tijdstip);
CREATE INDEX contactmomenten_taak ON contactmomenten (taak_id);
CREATE INDEX contactmomenten_onbekend ON contactmomenten (tijdstip) WHERE persoon_id IS NULL;
