-- De dag van de melding (het eerste contact waarin iemand om bijstand vraagt, art. 44 lid 1):
-- het recht gaat niet eerder in, behalve om bijzondere redenen (issue 20 punt 10). Bestaande
-- dossiers: de dag van ontvangst.
ALTER TABLE dossiers ADD COLUMN gemeld_op TEXT;
UPDATE dossiers SET gemeld_op = ontvangen_op;
