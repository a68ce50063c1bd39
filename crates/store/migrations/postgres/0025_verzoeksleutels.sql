-- Eén keer indienen (issue 21 punt 3): elk formulier dat iets verandert, draagt een willekeurige
-- verzoeksleutel. De eerste keer wordt zij hier geclaimd (uniek: twee tegelijk kan niet), na een
-- geslaagde handeling met het adres van de uitkomst; een tweede keer indienen toont die uitkomst
-- in plaats van de handeling te herhalen. Een mislukte poging (fout in de invoer) geeft de
-- sleutel weer vrij. Rijen ouder dan een dag worden opgeruimd.
CREATE TABLE verzoeksleutels (
    sleutel TEXT PRIMARY KEY,
    gebruiker_id BIGINT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    resultaat TEXT
);
CREATE INDEX verzoeksleutels_tijd ON verzoeksleutels (aangemaakt_op);
