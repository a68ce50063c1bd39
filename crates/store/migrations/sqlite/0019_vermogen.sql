-- Vermogen van een huishouden (art. 34 Pw, issue 19 punt 11): een opgave op een peildatum met
-- haar bestanddelen (JSON: soort, omschrijving, waarde, hypotheek, vrijstelling). Een opgave
-- wordt niet gewijzigd: een nieuwe opgave (bv. bij heronderzoek) komt ernaast, en een onjuiste
-- vervalt met reden (formele historie).
CREATE TABLE vermogensopgaven (
    id INTEGER PRIMARY KEY,
    huishouden_id INTEGER NOT NULL REFERENCES huishoudens (id),
    peildatum TEXT NOT NULL,
    bestanddelen TEXT NOT NULL,
    toelichting TEXT NOT NULL,
    geregistreerd_door INTEGER REFERENCES gebruikers (id),
    geregistreerd_op TEXT NOT NULL,
    vervallen_op TEXT,
    vervallen_reden TEXT,
    operatie_id TEXT NOT NULL
);
CREATE INDEX vermogensopgaven_huishouden ON vermogensopgaven (huishouden_id, peildatum);
