-- Het bereik en de vervaldag van een API-token (issue 23 punt 3). Een token van vóór deze
-- migratie houdt alles wat zijn gebruiker mag (`schrijven`) en verloopt 90 dagen na het aanmaken
-- (de app leest een lege vervaldag zo).
ALTER TABLE api_tokens ADD COLUMN bereik TEXT NOT NULL DEFAULT 'schrijven';
ALTER TABLE api_tokens ADD COLUMN verloopt_op TEXT;
