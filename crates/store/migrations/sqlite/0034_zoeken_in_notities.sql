-- Zoeken in notities met een full-text-index (issue 23 punt 4). SQLite: FTS5 over de notitie
-- en de naam van een derde, zonder hoofdletters en accenten (unicode61, remove_diacritics 2).
-- Geen stamvormen: SQLite heeft geen Nederlandse stemmer; er wordt gezocht op het begin van
-- woorden. De index volgt de tabel met triggers; de bestaande notities gaan er nu in.
CREATE VIRTUAL TABLE contactmomenten_fts USING fts5(
    tekst, derde_naam,
    content = 'contactmomenten', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO contactmomenten_fts (contactmomenten_fts) VALUES ('rebuild');
CREATE TRIGGER contactmomenten_fts_invoegen AFTER INSERT ON contactmomenten
BEGIN
    INSERT INTO contactmomenten_fts (rowid, tekst, derde_naam)
    VALUES (new.id, new.tekst, new.derde_naam);
END;
CREATE TRIGGER contactmomenten_fts_verwijderen AFTER DELETE ON contactmomenten
BEGIN
    INSERT INTO contactmomenten_fts (contactmomenten_fts, rowid, tekst, derde_naam)
    VALUES ('delete', old.id, old.tekst, old.derde_naam);
END;
CREATE TRIGGER contactmomenten_fts_wijzigen AFTER UPDATE OF tekst, derde_naam ON contactmomenten
BEGIN
    INSERT INTO contactmomenten_fts (contactmomenten_fts, rowid, tekst, derde_naam)
    VALUES ('delete', old.id, old.tekst, old.derde_naam);
    INSERT INTO contactmomenten_fts (rowid, tekst, derde_naam)
    VALUES (new.id, new.tekst, new.derde_naam);
END;
