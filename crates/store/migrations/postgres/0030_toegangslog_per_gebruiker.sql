-- Zoeken in het toegangslog op medewerker bij honderd miljoen regels (issue 22 punt 6): een
-- index op de verwerkingen per gebruikersnaam en tijdstip. De zoekvraag vraagt nu de precieze
-- (klein geschreven) gebruikersnaam; nieuwste eerst volgt de index, en de regels van elke
-- verwerking komen via `toegangsregels (verwerking_id, id)`. Op PostgreSQL staat het id in beide
-- indexen op tijdstip (SQLite heeft het als rowid al): verwerkingen met hetzelfde tijdstip
-- hoeven dan niet gesorteerd te worden.
CREATE INDEX toegangsverwerkingen_gebruiker ON toegangsverwerkingen (gebruiker, tijdstip, id);
DROP INDEX toegangsverwerkingen_tijdstip;
CREATE INDEX toegangsverwerkingen_tijdstip ON toegangsverwerkingen (tijdstip, id);
