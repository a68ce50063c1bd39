-- De index op toegangslog (gebruiker) wordt door geen vraag gebruikt: zoeken op gebruiker is
-- "bevat" (LOWER(gebruiker) LIKE '%…%'), en dat kan geen index gebruiken. Een betaalrun schrijft
-- een regel per betrokkene (1,4 miljoen bij 1 000 000 huishoudens); zonder deze index is dat
-- een B-boom minder om bij te werken. sqlite-arm.
DROP INDEX toegangslog_gebruiker;
