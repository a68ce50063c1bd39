-- Dagen die bij koninklijk besluit met een feestdag zijn gelijkgesteld (ATW art. 3 lid 3), met
-- hun bron; de functioneel beheerder houdt ze bij (issue 19, punt 9). De standaardlijst komt er
-- bij het starten in (app::werk), niet hier: één lijst, in het domein.
CREATE TABLE gelijkgestelde_dagen (
    datum TEXT PRIMARY KEY,
    omschrijving TEXT NOT NULL,
    bron TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL,
    gewijzigd_door TEXT NOT NULL
);
