-- Het toegangslog per verwerking (issue 7). Een betaalrun leest 1,4 miljoen personen in één
-- verwerking; elke regel herhaalde de vaste gegevens (trace, span, tijdstip, gebruiker,
-- verwerkingsactiviteit, omschrijving: ≈ 190 bytes) en stond in drie B-bomen. Nu staan die
-- vaste gegevens één keer in `toegangsverwerkingen`, en per betrokkene alleen een regel met de
-- verwijzing (`toegangsregels`). De view `toegangslog` geeft de regels zoals voorheen (één
-- betrokkene per regel, Logboek Dataverwerkingen); bestaande regels houden hun id.
-- De maand staat in de regel zelf (uit het tijdstip van de verwerking) voor de index per
-- betrokkene: een nieuwe maand komt achteraan in plaats van tussen alle eerdere.
-- Geen vreemde sleutel van regel naar verwerking (zoals bij de betaalregels, migratie 0012): de
-- verwerking wordt in dezelfde transactie vóór haar regels geschreven en nooit verwijderd.
-- sqlite-arm.
CREATE TABLE toegangsverwerkingen (
    id INTEGER PRIMARY KEY,
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    tijdstip TEXT NOT NULL,
    gebruiker_id INTEGER,
    gebruiker TEXT NOT NULL,
    verwerkingsactiviteit TEXT NOT NULL,
    betrokkene_type TEXT NOT NULL,
    omschrijving TEXT NOT NULL
);
CREATE INDEX toegangsverwerkingen_tijdstip ON toegangsverwerkingen (tijdstip);

CREATE TABLE toegangsregels (
    id INTEGER PRIMARY KEY,
    verwerking_id INTEGER NOT NULL,
    maand TEXT NOT NULL,
    betrokkene_id TEXT NOT NULL
);
CREATE INDEX toegangsregels_maand_betrokkene ON toegangsregels (maand, betrokkene_id);
-- Zoeken op tijdstip (of tellen) gaat van de verwerkingen naar hun regels; de regels van een
-- verwerking komen achteraan in deze index, dus een run kost hij weinig.
CREATE INDEX toegangsregels_verwerking ON toegangsregels (verwerking_id);

-- Elke groep regels met dezelfde vaste gegevens wordt één verwerking, met het kleinste id.
INSERT INTO toegangsregels (id, verwerking_id, maand, betrokkene_id)
    SELECT id,
           MIN(id) OVER (PARTITION BY trace_id, span_id, tijdstip, gebruiker_id, gebruiker,
                                      verwerkingsactiviteit, betrokkene_type, omschrijving),
           substr(tijdstip, 1, 7), betrokkene_id
    FROM toegangslog;
INSERT INTO toegangsverwerkingen (id, trace_id, span_id, tijdstip, gebruiker_id, gebruiker,
                                  verwerkingsactiviteit, betrokkene_type, omschrijving)
    SELECT MIN(id), trace_id, span_id, tijdstip, gebruiker_id, gebruiker, verwerkingsactiviteit,
           betrokkene_type, omschrijving
    FROM toegangslog
    GROUP BY trace_id, span_id, tijdstip, gebruiker_id, gebruiker, verwerkingsactiviteit,
             betrokkene_type, omschrijving;

DROP TABLE toegangslog;

CREATE VIEW toegangslog AS
    SELECT r.id, v.trace_id, v.span_id, v.tijdstip, v.gebruiker_id, v.gebruiker,
           v.verwerkingsactiviteit, v.betrokkene_type, r.betrokkene_id, v.omschrijving, r.maand
    FROM toegangsregels r JOIN toegangsverwerkingen v ON v.id = r.verwerking_id;

CREATE TRIGGER toegangsverwerkingen_niet_wijzigen BEFORE UPDATE ON toegangsverwerkingen
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
CREATE TRIGGER toegangsverwerkingen_niet_verwijderen BEFORE DELETE ON toegangsverwerkingen
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
CREATE TRIGGER toegangsregels_niet_wijzigen BEFORE UPDATE ON toegangsregels
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
CREATE TRIGGER toegangsregels_niet_verwijderen BEFORE DELETE ON toegangsregels
BEGIN SELECT RAISE(ABORT, 'alleen toevoegen: toegangslog'); END;
