-- Lang werk op de achtergrond (issue 22 punt 1): de betaalrun berekenen, herberekenen na nieuwe
-- normtabellen, de geplande escalatie. Een job wordt aangemeld in de transactie van de handeling
-- die erom vraagt; een werker (in elke `vangnet serve`) neemt haar en houdt een hartslag bij.
-- Stopt de hartslag (het proces viel weg), dan neemt een andere werker haar over en gaat verder
-- vanaf `positie`, de laatst vastgelegde partij. `sleutel` maakt een job uniek per soort: een
-- geplande ronde draait zo één keer in het hele cluster.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    soort TEXT NOT NULL,
    sleutel TEXT,
    onderwerp TEXT NOT NULL,
    parameters TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    status TEXT NOT NULL,
    gebruiker_id INTEGER REFERENCES gebruikers (id),
    aangevraagd_door TEXT NOT NULL,
    operatie_id TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gestart_op TEXT,
    hartslag_op TEXT,
    werker TEXT,
    pogingen INTEGER NOT NULL,
    positie INTEGER NOT NULL,
    verwerkt INTEGER NOT NULL,
    totaal INTEGER NOT NULL,
    annuleren_door TEXT,
    geeindigd_op TEXT,
    tussenstand TEXT,
    uitkomst TEXT,
    fout TEXT
);
CREATE UNIQUE INDEX jobs_sleutel ON jobs (soort, sleutel);
CREATE INDEX jobs_open ON jobs (status, id);
CREATE INDEX jobs_onderwerp ON jobs (onderwerp, id);
-- Hoogstens één open job per onderwerp: nooit twee berekeningen van dezelfde run, nooit twee
-- herberekeningen na nieuwe normen tegelijk (die zouden dezelfde correcties twee keer maken).
CREATE UNIQUE INDEX jobs_open_per_onderwerp ON jobs (onderwerp)
    WHERE status IN ('wachtend', 'lopend');
