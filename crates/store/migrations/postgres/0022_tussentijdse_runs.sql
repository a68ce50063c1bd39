-- Tussentijdse betaalruns (issue 20 punt 4): naast de maandelijkse run een run op elke dag die
-- alleen betaalt wat verschuldigd is en nog niet betaald (nabetalingen), zodat een besluit dat
-- geld verschuldigd maakt binnen zes weken wordt betaald (Awb 4:87). Per maand blijft er één
-- definitieve maandrun; per soort één open run.
ALTER TABLE betaalruns ADD COLUMN tussentijds BIGINT NOT NULL DEFAULT 0;
DROP INDEX betaalruns_open_per_maand;
DROP INDEX betaalruns_definitief_per_maand;
CREATE UNIQUE INDEX betaalruns_open_per_maand ON betaalruns (maand, tussentijds)
    WHERE status IN ('concept', 'berekend');
CREATE UNIQUE INDEX betaalruns_definitief_per_maand ON betaalruns (maand)
    WHERE status IN ('goedgekeurd', 'geexporteerd') AND tussentijds = 0;
