-- Eén keer indienen (issue 21 punt 3): elk formulier dat iets verandert, draagt een willekeurige
-- verzoeksleutel. De eerste keer wordt zij per gebruiker en adres (een formulier kan knoppen naar
-- verschillende adressen hebben) geclaimd (uniek: twee tegelijk kan niet), na een geslaagde
-- handeling met het adres van de uitkomst (leeg: geslaagd zonder doorverwijzing); een tweede keer
-- indienen toont die uitkomst in plaats van de handeling te herhalen. Een afgewezen poging (fout
-- in de invoer) geeft de sleutel weer vrij. Rijen ouder dan een dag worden opgeruimd.
CREATE TABLE verzoeksleutels (
    gebruiker_id INTEGER NOT NULL,
    sleutel TEXT NOT NULL,
    pad TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    resultaat TEXT,
    PRIMARY KEY (gebruiker_id, sleutel, pad)
);
CREATE INDEX verzoeksleutels_tijd ON verzoeksleutels (aangemaakt_op);
