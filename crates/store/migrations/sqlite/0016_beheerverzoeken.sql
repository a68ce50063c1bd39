-- Beheer met vier ogen (issue 17, punt 6): een rol erbij of een andere inrichting van vier ogen is
-- een verzoek dat een tweede functioneel beheerder goedkeurt of afwijst. De inhoud is JSON (de
-- rollen die erbij komen, of de nieuwe drempel en soorten). Eén open verzoek per soort en
-- gebruiker (0 voor een verzoek dat niet over een gebruiker gaat, zoals vier ogen).
-- sqlite-arm.
CREATE TABLE beheerverzoeken (
    id INTEGER PRIMARY KEY,
    soort TEXT NOT NULL,
    gebruiker_id BIGINT NOT NULL,
    inhoud TEXT NOT NULL,
    reden TEXT NOT NULL,
    aangevraagd_door BIGINT NOT NULL,
    aangevraagd_op TEXT NOT NULL,
    status TEXT NOT NULL,
    beoordeeld_door BIGINT,
    beoordeeld_op TEXT,
    afwijsreden TEXT,
    versie BIGINT NOT NULL
);
CREATE UNIQUE INDEX beheerverzoeken_een_open ON beheerverzoeken (soort, gebruiker_id)
    WHERE status = 'open';
