-- Normtabellen die een functioneel beheerder heeft geladen (`vangnet normen laden`). Elke lading
-- is een nieuwe rij; de nieuwste geldt. Oudere rijen blijven: zo is na te gaan met welke tabellen
-- op een eerder moment is gerekend. SQLite-arm.
CREATE TABLE normensets (
    id INTEGER PRIMARY KEY,
    geladen_op TEXT NOT NULL,
    geladen_door TEXT NOT NULL,
    bestandsnaam TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    operatie_id TEXT NOT NULL
);

CREATE TRIGGER normensets_niet_wijzigen BEFORE UPDATE ON normensets
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: normensets'); END;
CREATE TRIGGER normensets_niet_verwijderen BEFORE DELETE ON normensets
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: normensets'); END;
