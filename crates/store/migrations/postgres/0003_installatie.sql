-- Eigenschappen van deze installatie (bv. 'demo' = 'ja'). PostgreSQL-arm.
CREATE TABLE installatie (
    sleutel TEXT PRIMARY KEY,
    waarde TEXT NOT NULL
);
