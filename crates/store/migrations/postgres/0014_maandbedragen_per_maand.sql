-- Maandbedragen op volgorde van de maand (issue 7). Goedkeuren zet de bedragen van één maand
-- als betaald; met de sleutel (uitkering_id, maand) herschreef dat op SQLite elke pagina van de
-- tabel. De sleutel begint nu met de maand; lezen per uitkering gaat via de index
-- (uitkering_id, maand). Op PostgreSQL alleen de sleutel in dezelfde vorm (de tabel is een heap).
-- postgres-arm.
ALTER TABLE maandbedragen DROP CONSTRAINT maandbedragen_pkey;
ALTER TABLE maandbedragen ADD PRIMARY KEY (maand, uitkering_id);
CREATE INDEX maandbedragen_uitkering ON maandbedragen (uitkering_id, maand);
