-- Een nieuwe bankrekening is werk voor vier ogen (issue 21 punt 4): wie een IBAN wijzigt, doet
-- een verzoek; een tweede medewerker (niet wie het vroeg) keurt het goed of wijst het af. Pas bij
-- goedkeuring gaat de rekening in; dan volgt een brief naar het adres dat bij het verzoek bekend
-- was (`brief_adres`: een adreswijziging vlak ervoor stuurt de brief niet mee).
CREATE TABLE rekeningwijzigingen (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER NOT NULL REFERENCES personen (id),
    iban TEXT NOT NULL,
    tenaamstelling TEXT NOT NULL,
    vanaf TEXT NOT NULL,
    reden TEXT NOT NULL,
    brief_adres TEXT NOT NULL,
    aangevraagd_door INTEGER NOT NULL REFERENCES gebruikers (id),
    aangevraagd_op TEXT NOT NULL,
    status TEXT NOT NULL,
    beoordeeld_door INTEGER REFERENCES gebruikers (id),
    beoordeeld_op TEXT,
    afwijsreden TEXT,
    versie INTEGER NOT NULL
);
CREATE INDEX rekeningwijzigingen_status ON rekeningwijzigingen (status, id);
CREATE INDEX rekeningwijzigingen_persoon ON rekeningwijzigingen (persoon_id);
