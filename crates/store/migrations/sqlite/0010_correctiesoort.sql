-- De soort van een correctie (issue 7): 'maand' (het verschil in de uitbetaling van een maand)
-- of 'vakantietoeslag' (het verschil in een al betaalde vakantietoeslag, bijvoorbeeld als het
-- einde van de bijstand naar voren schuift nadat de vakantietoeslag bij het einde is betaald).
-- Bestaande correcties zijn maandcorrecties. sqlite-arm.
ALTER TABLE correcties ADD COLUMN soort TEXT NOT NULL DEFAULT 'maand';
