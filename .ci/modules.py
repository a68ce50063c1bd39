#!/usr/bin/env python3
"""Twee bewakers over de bronbestanden (issue 18, punt 7):

1. geen kring van afhankelijkheden tussen de modules van één crate: module a noemt `crate::b`
   en b (via een of meer stappen) weer a. De crate-wortel (lib.rs, main.rs) telt niet mee.
2. geen bestand boven 1.500 regels, behalve wat op de lijst hieronder staat, met de reden; in de
   store (één module per aggregaat) geen bestand boven 800 regels.
3. een use case opent een schrijftransactie alleen via de envelop (`App::handeling`,
   crates/app/src/handeling.rs): recht, klok, audit en commit op één plek. De modules die nog
   niet zijn omgezet staan met hun reden op een lijst die alleen korter mag worden.
4. een status reist niet als tekst: buiten het bestand van zijn enum (in crates/domain) staat de
   code van een status of categorie (`"te_beoordelen"`, `"gereed"`, `"regulier"`) niet als
   letterlijke tekst in de broncode. SQL mag de code noemen (binnen een langere tekst); tests,
   sjablonen en formulieren (die de code als invoer sturen) vallen er buiten.
"""
import os
import re
import sys

GROOT = 1500
STORE_GROOT = 800
# Bestand: waarom het (nog) groter mag zijn.
UITZONDERINGEN: dict = {}

# Modules van de app die zelf een schrijftransactie openen, met de reden. De lijst mag alleen
# korter worden.
ZONDER_ENVELOP = {
    "crates/app/src/ketens.rs": "de installatiestap bij het starten, vóór er een App is (die "
    "heeft de database met de sleutel nodig): legt de vingerafdruk van de ketensleutel vast, "
    "zonder gebruiker en zonder auditrecord",
}

wortel = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.chdir(wortel)
fout = False


def zonder_commentaar(tekst):
    tekst = re.sub(r"//[^\n]*", "", tekst)
    return re.sub(r"/\*.*?\*/", "", tekst, flags=re.S)


for crate in sorted(os.listdir("crates")):
    src = os.path.join("crates", crate, "src")
    if not os.path.isdir(src):
        continue
    modules = {}
    for pad, _, bestanden in os.walk(src):
        for b in bestanden:
            if not b.endswith(".rs"):
                continue
            volledig = os.path.join(pad, b)
            rel = os.path.relpath(volledig, src)
            delen = rel.split(os.sep)
            top = delen[0][:-3] if len(delen) == 1 else delen[0]
            if top in ("lib", "main"):
                continue
            modules.setdefault(top, []).append(volledig)
    graaf = {m: set() for m in modules}
    for m, bestanden in modules.items():
        for b in bestanden:
            tekst = zonder_commentaar(open(b, encoding="utf-8").read())
            namen = set(re.findall(r"\bcrate::([a-z_][a-z0-9_]*)", tekst))
            for groep in re.findall(r"\bcrate::\{([^}]*)\}", tekst):
                namen |= set(re.findall(r"\b([a-z_][a-z0-9_]*)\b", groep))
            graaf[m] |= {n for n in namen if n in modules and n != m}
    # Kringen zoeken (diepte eerst, met kleuren).
    kleur = {m: 0 for m in graaf}
    stapel = []

    def bezoek(m):
        global fout
        kleur[m] = 1
        stapel.append(m)
        for n in sorted(graaf[m]):
            if kleur[n] == 1:
                kring = stapel[stapel.index(n):] + [n]
                print(f"FOUT: kring in {crate}: {' -> '.join(kring)}")
                fout = True
            elif kleur[n] == 0:
                bezoek(n)
        stapel.pop()
        kleur[m] = 2

    for m in sorted(graaf):
        if kleur[m] == 0:
            bezoek(m)

for pad, _, bestanden in os.walk("crates"):
    if "target" in pad:
        continue
    for b in bestanden:
        if b.endswith(".rs"):
            volledig = os.path.join(pad, b)
            n = sum(1 for _ in open(volledig, encoding="utf-8"))
            if n > GROOT and volledig not in UITZONDERINGEN:
                print(f"FOUT: {volledig} heeft {n} regels (grens {GROOT}); splits langs een naad van het domein")
                fout = True
            if volledig.startswith("crates/store/src/") and n > STORE_GROOT:
                print(f"FOUT: {volledig} heeft {n} regels (grens in de store {STORE_GROOT}); splits het aggregaat")
                fout = True
for b in UITZONDERINGEN:
    if not os.path.exists(b) or sum(1 for _ in open(b, encoding="utf-8")) <= GROOT:
        print(f"FOUT: {b} staat op de uitzonderingslijst maar is er niet of niet groot meer")
        fout = True

for pad, _, bestanden in os.walk("crates/app/src"):
    for b in bestanden:
        volledig = os.path.join(pad, b)
        if not b.endswith(".rs") or volledig == "crates/app/src/handeling.rs":
            continue
        tekst = zonder_commentaar(open(volledig, encoding="utf-8").read())
        opent = re.search(r"opslag\s*\.\s*schrijf(_duurzaam)?\s*\(", tekst)
        if opent and volledig not in ZONDER_ENVELOP:
            print(f"FOUT: {volledig} opent zelf een schrijftransactie; gebruik App::handeling")
            fout = True
        if not opent and volledig in ZONDER_ENVELOP:
            print(f"FOUT: {volledig} is omgezet: haal het van de lijst ZONDER_ENVELOP")
            fout = True

# 4. Statussen en categorieën: de enums waarvan de code niet als tekst mag reizen.
STATUSENUMS = {
    "Mutatiestatus",
    "Status",  # van een dossier
    "Runstatus",
    "Taakstatus",
    "Verzoekstatus",
    "Vorderingstatus",
    "Jobstatus",
    "Categorie",  # van een betaalregel
}
# (bestand, code): waarom de tekst daar iets anders is dan de status.
TEKST_TOEGESTAAN = {
    ("crates/web/src/paginas/mutatie.rs", "nabetaling"): "het gevolg van een verschil in "
    "gewone taal in de tabel van de impact, geen betaalregel",
    ("crates/app/src/demo.rs", "vordering"): "de code van een contactonderwerp (een lijst die de "
    "functioneel beheerder inricht), geen betaalregel",
    ("crates/web/src/fout.rs", "geweigerd"): "de code van een foutsoort in een probleemdocument "
    "(zijn eigen enum), geen voorschot",
}
codes = {}
for pad, _, bestanden in os.walk("crates/domain/src"):
    for b in bestanden:
        if not b.endswith(".rs"):
            continue
        volledig = os.path.join(pad, b)
        tekst = open(volledig, encoding="utf-8").read()
        for m in re.finditer(r"impl (\w+) \{(.*?)\n\}", tekst, re.S):
            if m.group(1) not in STATUSENUMS:
                continue
            f = re.search(
                r"fn code\(self\) -> &'static str \{\s*match self \{(.*?)\}\s*\}", m.group(2), re.S
            )
            if f:
                for c in re.findall(r'=> "([^"]+)"', f.group(1)):
                    codes.setdefault(c, set()).add(volledig)
if len(codes) < 15:
    print(f"FOUT: de bewaker vond maar {len(codes)} statuscodes in crates/domain; klopt het patroon nog?")
    fout = True
for crate in sorted(os.listdir("crates")):
    if crate == "domain":
        continue  # daar staan de enums zelf
    for pad, _, bestanden in os.walk(os.path.join("crates", crate, "src")):
        for b in bestanden:
            if not b.endswith(".rs") or b == "tests.rs":
                continue
            volledig = os.path.join(pad, b)
            tekst = zonder_commentaar(open(volledig, encoding="utf-8").read())
            eind = tekst.find("#[cfg(test)]")
            if eind >= 0:
                tekst = tekst[:eind]
            for m in re.finditer(r'"([a-z_]+)"', tekst):
                c = m.group(1)
                if c not in codes or volledig in codes[c] or (volledig, c) in TEKST_TOEGESTAAN:
                    continue
                regel = tekst[: m.start()].count("\n") + 1
                print(
                    f"FOUT: {volledig}:{regel}: de status \"{c}\" als tekst; gebruik het enum "
                    "(en .code() alleen waar het naar de database of de API gaat)"
                )
                fout = True

if not fout:
    print(
        f"modules in orde: geen kringen binnen een crate, geen bestand boven {GROOT} regels "
        "buiten de lijst, schrijftransacties via de envelop (buiten de lijst), geen status als "
        f"tekst buiten zijn enum ({len(codes)} codes)"
    )
sys.exit(1 if fout else 0)
