-- Zoeken in het toegangslog op medewerker bij honderd miljoen regels (issue 22 punt 6): een
-- index op de verwerkingen per gebruikersnaam en tijdstip. De zoekvraag vraagt nu de precieze
-- (klein geschreven) gebruikersnaam; nieuwste eerst volgt de index, en de regels van elke
-- verwerking komen via `toegangsregels (verwerking_id, id)`.
CREATE INDEX toegangsverwerkingen_gebruiker ON toegangsverwerkingen (gebruiker, tijdstip);
