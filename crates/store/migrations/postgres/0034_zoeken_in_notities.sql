-- Zoeken in notities met een full-text-index (issue 23 punt 4). PostgreSQL: een GIN-index op
-- de tsvector van notitie en naam van een derde, met de Nederlandse stemmer ('dutch'), zonder
-- hoofdletters en accenten. De accenten gaan eraf met translate() (onveranderlijk, dus bruikbaar
-- in een index, en zonder de extensie unaccent die niet op elke server staat); de lijst volgt
-- de letters die `zoekvorm` in de app omzet. De app zoekt met precies deze uitdrukking.
-- (De index wordt hier in de migratie gebouwd, dus niet CONCURRENTLY: bij een grote bestaande
-- tabel duurt de migratie daardoor even.)
CREATE FUNCTION vangnet_zoekvector(t TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch'::regconfig, translate(lower(t),
        'àÀáÁâÂãÃäÄåÅāĀăĂąĄçÇćĆĉĈċĊčČďĎđĐèÈéÉêÊëËēĒĕĔėĖęĘěĚĝĜğĞġĠģĢĥĤìÌíÍîÎïÏĩĨīĪĭĬįĮıĵĴķĶĺĹļĻľĽłŁñÑńŃņŅňŇòÒóÓôÔõÕöÖōŌŏŎőŐøØŕŔŗŖřŘśŚŝŜşŞšŠţŢťŤùÙúÚûÛüÜũŨūŪŭŬůŮűŰųŲŵŴýÝÿŸŷŶźŹżŻžŽ',
        'aaaaaaaaaaaaaaaaaaccccccccccddddeeeeeeeeeeeeeeeeeegggggggghhiiiiiiiiiiiiiiiiijjkkllllllllnnnnnnnnoooooooooooooooooorrrrrrssssssssttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzz')) $$;
CREATE INDEX contactmomenten_zoekindex ON contactmomenten
    USING GIN (vangnet_zoekvector(tekst || ' ' || COALESCE(derde_naam, '')));
