-- Zoeken op een deel van een samengestelde achternaam (issue 21 punt 9): `amrani` vindt
-- "El Amrani". De zoeknaam vanaf het tweede woord (na een spatie of koppelteken), met een eigen
-- index; leeg als de naam één woord is (`vangnet_domain::persoon::naam::zoeknaam_deel`).
ALTER TABLE persoonsgegevens ADD COLUMN zoeknaam_deel TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE persoonsgegevens
SET zoeknaam_deel = ltrim(
    substr(
        zoeknaam,
        least(
            CASE WHEN strpos(zoeknaam, ' ') > 0 THEN strpos(zoeknaam, ' ') ELSE 100000 END,
            CASE WHEN strpos(zoeknaam, '-') > 0 THEN strpos(zoeknaam, '-') ELSE 100000 END
        ) + 1
    ),
    ' -'
)
WHERE strpos(zoeknaam, ' ') > 0 OR strpos(zoeknaam, '-') > 0;
CREATE INDEX persoonsgegevens_zoeknaam_deel ON persoonsgegevens (zoeknaam_deel, persoon_id);
