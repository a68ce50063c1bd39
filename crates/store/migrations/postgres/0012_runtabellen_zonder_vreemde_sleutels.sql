-- De tabellen waarin een betaalrun honderdduizenden rijen schrijft, zonder de vreemde sleutels
-- naar grote tabellen (issue 7). Een run schrijft `betaalregels` (en goedkeuren `maandbedragen`)
-- alleen uit rijen die hij in dezelfde transactie las; uitkeringen, dossiers, correcties en
-- uitleggen worden nooit verwijderd. De controle per rij kostte bij 1 000 000 huishoudens 7 van
-- de 42 s (SQLite) en op PostgreSQL per rij een triggeraanroep (3,2 miljoen per run; bij
-- goedkeuren 8,9 van de 21,9 s). De sleutel naar de run zelf blijft. postgres-arm.
ALTER TABLE betaalregels
    DROP CONSTRAINT betaalregels_uitkering_id_fkey,
    DROP CONSTRAINT betaalregels_dossier_id_fkey,
    DROP CONSTRAINT betaalregels_correctie_id_fkey,
    DROP CONSTRAINT betaalregels_uitleg_id_fkey;
ALTER TABLE maandbedragen DROP CONSTRAINT maandbedragen_uitkering_id_fkey;
