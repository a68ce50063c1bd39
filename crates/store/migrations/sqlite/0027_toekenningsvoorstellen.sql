-- Een toekenning die vóór de melding ingaat of een nabetaling boven de drempel van vier ogen
-- geeft, is werk voor vier ogen (issue 21 punt 2): de consulent legt haar voor, een tweede
-- consulent (niet wie voorlegde) kent toe of wijst af. Pas bij goedkeuring ontstaat de
-- uitkering. Hoogstens één open voorstel per dossier.
CREATE TABLE toekenningsvoorstellen (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    begindatum TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    bijzondere_reden TEXT NOT NULL,
    nabetaling_centen INTEGER NOT NULL,
    voorgesteld_door INTEGER NOT NULL REFERENCES gebruikers (id),
    voorgesteld_op TEXT NOT NULL,
    status TEXT NOT NULL,
    beoordeeld_door INTEGER REFERENCES gebruikers (id),
    beoordeeld_op TEXT,
    afwijsreden TEXT,
    versie INTEGER NOT NULL
);
CREATE INDEX toekenningsvoorstellen_dossier ON toekenningsvoorstellen (dossier_id, id);
CREATE UNIQUE INDEX toekenningsvoorstellen_open ON toekenningsvoorstellen (dossier_id)
    WHERE status = 'open';
