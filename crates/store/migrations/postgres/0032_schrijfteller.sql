-- Een teller van vastgelegde schrijftransacties (issue 22 punt 4). Op SQLite telt elke commit
-- van een schrijftransactie hem op, in elk proces (de server, de CLI). Wie in een momentopname
-- heeft gerekend, ziet daarmee bij het schrijven of er sindsdien iets anders is vastgelegd: de
-- herberekening na nieuwe normen leest en rekent de volgende partij naast het schrijven van de
-- vorige, en schrijft die uitkomst alleen als alleen haar eigen commit ertussen zat. Op
-- PostgreSQL (gelijktijdige schrijvers, rijvergrendeling) blijft hij staan: daar zou één rij
-- alle schrijvers op elkaar laten wachten, en de herberekening leest daar in haar transactie.
CREATE TABLE schrijfteller (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO schrijfteller (id, n) VALUES (1, 0);
