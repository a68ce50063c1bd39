-- Wat nooit betaald is, wordt alsnog betaald (issue 20 punt 2): een vastgehouden regel weet wat
-- zij anders was geweest (`anders`: regulier, nabetaling, vakantietoeslag), zodat het goedkeuren
-- voor een vastgehouden maand een onbetaalde maandregel kan vastleggen; en de run vindt de
-- onbetaalde maanden van een partij snel via een gedeeltelijke index.
ALTER TABLE betaalregels ADD COLUMN anders TEXT;
CREATE INDEX maandbedragen_onbetaald ON maandbedragen (uitkering_id, maand)
    WHERE betaald_centen IS NULL;
