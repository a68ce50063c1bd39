// Rooktest in een echte browser: een nieuwe installatie starten, inloggen als beheerder met het
// wachtwoord van de eerste start, een team en een gebruiker aanmaken, uitloggen, als die nieuwe
// gebruiker inloggen met het eenmalige wachtwoord, een eigen wachtwoord kiezen, de startpagina
// zien en uitloggen. Op elke pagina controleert axe-core de toegankelijkheid (WCAG 2.1 AA):
// geen ernstige of kritieke overtredingen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as wacht } from "node:timers/promises";
import { Browser, startChromedriver } from "./webdriver.mjs";

const POORT = Number(process.env.VANGNET_BROWSER_POORT ?? 18181);
const BASIS = `http://127.0.0.1:${POORT}`;
const BEHEERDER_WACHTWOORD = "rooktest-beheerder-1234";
const SCHERMAFDRUKKEN = process.env.VANGNET_SCHERMAFDRUKKEN;

let vangnet, driver, browser, map;
let dossierPad; // het dossier uit de tweede test, voor de derde

before(async () => {
  const bin = resolve(process.env.VANGNET_BIN ?? "../../target/debug/vangnet");
  map = mkdtempSync(join(tmpdir(), "vangnet-browser-"));
  const env = {
    ...process.env,
    VANGNET_ADMIN_PASSWORD: BEHEERDER_WACHTWOORD,
    VANGNET_LOG: "warn",
    VANGNET_DEBITEUR_IBAN: "NL91ABNA0417164300",
  };
  delete env.VANGNET_DATABASE_URL;
  vangnet = spawn(bin, ["serve", "--listen", `127.0.0.1:${POORT}`, "--data-dir", join(map, "data")], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${BASIS}/health`)).ok) break; } catch { /* start nog */ }
    if (i > 300) throw new Error(`Vangnet (${bin}) start niet op ${BASIS}`);
    await wacht(100);
  }
  driver = await startChromedriver(Number(process.env.CHROMEDRIVER_POORT ?? 9515));
  browser = await Browser.open(driver.basis);
});

after(async () => {
  try { await browser?.sluit(); } catch { /* al dicht */ }
  driver?.proces.kill();
  if (vangnet && vangnet.exitCode === null && vangnet.signalCode === null) {
    // Wachten tot de server zijn database dicht heeft: anders schrijft hij nog (WAL, logboek)
    // in de map die we weggooien.
    const gestopt = new Promise((klaar) => vangnet.once("exit", klaar));
    vangnet.kill("SIGTERM");
    await Promise.race([gestopt, wacht(10_000)]);
  }
  if (map) rmSync(map, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

let nummer = 0;
async function controleerPagina(naam) {
  const overtredingen = await browser.toegankelijkheid();
  if (SCHERMAFDRUKKEN) {
    mkdirSync(SCHERMAFDRUKKEN, { recursive: true });
    writeFileSync(join(SCHERMAFDRUKKEN, `${String(++nummer).padStart(2, "0")}-${naam}.png`), await browser.screenshot());
  }
  assert.deepEqual(overtredingen, [], `toegankelijkheid op ${naam}: ${JSON.stringify(overtredingen, null, 2)}`);
  // Issue 21 punt 14: op een laptop van 1366 px schuift geen pagina zijwaarts.
  const breedte = await browser.script("return [document.documentElement.scrollWidth, window.innerWidth, [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))]");
  assert.ok(breedte[0] <= breedte[1], `${naam} is ${breedte[0]} px breed bij een venster van ${breedte[1]} px: ${JSON.stringify(breedte[2])}`);
}

/// De tweede functioneel beheerder (uit de eerste test) keurt de open rolverzoeken goed.
async function rollenGoedkeuren(aantal) {
  await inloggen("beheerder2", "tweede-beheerder-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/gebruikers`);
  for (let i = 0; i < aantal; i++) {
    await browser.wachtOp("[data-testid^=verzoek-goedkeuren-]");
    const voor = (await browser.zoekAlle("[data-testid^=verzoek-goedkeuren-]")).length;
    await browser.klik("[data-testid^=verzoek-goedkeuren-]");
    // Wacht op de nieuwe pagina (één knop minder), niet op de melding van de vorige.
    for (let j = 0; ; j++) {
      const knoppen = await browser.script("return document.querySelectorAll('[data-testid^=verzoek-goedkeuren-]').length");
      const melding = await browser.script("return !!document.querySelector('[data-testid=melding]')");
      if (knoppen === voor - 1 && melding) break;
      if (j > 200) throw new Error(`het verzoek werd niet goedgekeurd (${knoppen} van ${voor} knoppen over)`);
      await wacht(50);
    }
  }
  await uitloggen();
}

async function inloggen(naam, wachtwoord) {
  await browser.naar(`${BASIS}/inloggen`);
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", naam);
  await browser.typ("#veld-wachtwoord", wachtwoord);
  await browser.klik("[data-testid=inloggen]");
}

async function uitloggen() {
  await browser.klik("[data-testid=uitloggen]");
  // Wacht op de inlogpagina zelf: ook andere pagina's hebben een veld 'gebruikersnaam'.
  for (let i = 0; !/\/inloggen\?uitgelogd=1$/.test(await browser.url()); i++) {
    if (i > 200) throw new Error(`uitloggen kwam niet op de inlogpagina: ${await browser.url()}`);
    await wacht(50);
  }
  await browser.wachtOp("#veld-gebruikersnaam");
}

test("inloggen, beheren, nieuwe gebruiker, eigen wachtwoord, audittrail, uitloggen", async () => {
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("#veld-gebruikersnaam");
  assert.match(await browser.url(), /\/inloggen$/, "zonder sessie naar het inlogscherm");
  await controleerPagina("inloggen");

  // Een verkeerd wachtwoord: één melding, het formulier houdt de gebruikersnaam.
  await inloggen("beheerder", "dit-is-het-niet");
  await browser.wachtOp("[data-testid=inlogfout]");
  assert.match(await browser.tekst("[data-testid=inlogfout]"), /combinatie van gebruikersnaam en wachtwoord is onjuist/);
  assert.equal(await browser.script("return document.querySelector('#veld-gebruikersnaam').value"), "beheerder");
  await controleerPagina("inloggen-mislukt");

  await inloggen("beheerder", BEHEERDER_WACHTWOORD);
  await browser.wachtOp("[data-testid=startpagina]");
  assert.match(await browser.tekst("[data-testid=ingelogd-als]"), /Functioneel beheerder/);
  await controleerPagina("start-beheerder");

  // Een team aanmaken.
  await browser.naar(`${BASIS}/teams`);
  await browser.wachtOp("#veld-naam");
  await controleerPagina("teams");
  await browser.typ("#veld-naam", "Noord");
  await browser.typ("#veld-omschrijving", "Wijken Noord en Oost");
  await browser.klik("[data-testid=team-aanmaken]");
  await browser.wachtOp("[data-testid=melding]");
  assert.match(await browser.tekst("h1"), /Team Noord/);

  // Postcodegebieden: nieuwe dossiers uit 3000–3099 gaan naar team Noord.
  await browser.naar(`${BASIS}/werk/inrichting`);
  await browser.wachtOp("[data-testid=postcodegebieden]");
  await controleerPagina("werkinrichting");
  await browser.typ("#veld-gebieden", "3000 3099 Noord");
  await browser.klik("[data-testid=postcodegebieden] button[type=submit]");
  await browser.wachtOp("[data-testid=melding]");
  assert.equal(await browser.script("return document.getElementById('veld-gebieden').value"), "3000 3099 Noord");

  // Normtabellen laden: het gekozen bestand wordt in de browser gelezen en als tekst verstuurd;
  // na de controle toont de pagina de gewijzigde bedragen.
  const normen = join(map, "normen-2026.toml");
  writeFileSync(normen, readFileSync(resolve("../../crates/domain/data/normen.toml"), "utf8")
    .replace("art21b_gehuwden_21_aow = 200213", "art21b_gehuwden_21_aow = 200214"));
  await browser.naar(`${BASIS}/normen`);
  await browser.wachtOp("[data-testid=normtabel]");
  await controleerPagina("normen");
  const kiezer = await browser.zoek("#veld-bestand-kiezen");
  await browser.opdracht("POST", `/element/${kiezer}/value`, { text: normen });
  for (let i = 0; !(await browser.script("return document.getElementById('veld-bestand').value.length > 1000")); i++) {
    if (i > 100) throw new Error("het gekozen normenbestand kwam niet in het tekstveld");
    await wacht(50);
  }
  // Eerst de bedragen zoals gelezen (issue 21 punt 1), dan pas laden.
  await browser.klik("[data-testid=normen-voorbeeld]");
  await browser.wachtOp("[data-testid=normverschillen]");
  assert.match(await browser.tekst("[data-testid=normverschillen]"), /2\.002,13\s+€ 2\.002,14/);
  await controleerPagina("normen-voorbeeld");
  await browser.klik("[data-testid=normen-laden-knop]");
  await browser.wachtOp("[data-testid=melding]");
  assert.match(await browser.tekst("[data-testid=ladingen]"), /normen-2026\.toml/);
  // De herberekening is een job: de werker van de server maakt haar af.
  await browser.wachtOp("[data-testid=herberekening-klaar]");
  await controleerPagina("normen-geladen");
  await browser.naar(`${BASIS}/jobs`);
  await browser.wachtOp("[data-testid=jobs]");
  assert.match(await browser.tekst("[data-testid=jobs]"), /Klaar: \d+ uitkeringen herberekend/);
  await controleerPagina("jobs");

  // Een gebruiker aanmaken; eerst met een fout, die de invoer bewaart.
  await browser.naar(`${BASIS}/gebruikers/nieuw`);
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", "jjansen");
  await browser.typ("#veld-volledige_naam", "Jan Jansen");
  await browser.klik("[data-testid=gebruiker-aanmaken]");
  await browser.wachtOp("[data-testid=foutsamenvatting]");
  assert.match(await browser.tekst("[data-testid=foutsamenvatting]"), /Kies ten minste één rol/);
  assert.equal(await browser.script("return document.querySelector('#veld-volledige_naam').value"), "Jan Jansen");
  await controleerPagina("gebruiker-nieuw-fout");
  await browser.klik("#rol-inkomensconsulent");
  await browser.klik("[data-testid=gebruiker-aanmaken]");
  await browser.wachtOp("[data-testid=eenmalig-wachtwoord]");
  const eenmalig = await browser.tekst("[data-testid=eenmalig-wachtwoord]");
  assert.equal(eenmalig.length, 20);
  await controleerPagina("gebruiker-aangemaakt");

  // Ook een auditor, voor het tweede deel.
  await browser.naar(`${BASIS}/gebruikers/nieuw`);
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", "apietersen");
  await browser.typ("#veld-volledige_naam", "Anna Pietersen");
  await browser.klik("#rol-auditor");
  await browser.klik("[data-testid=gebruiker-aanmaken]");
  await browser.wachtOp("[data-testid=eenmalig-wachtwoord]");
  const eenmaligAuditor = await browser.tekst("[data-testid=eenmalig-wachtwoord]");

  // De gebruikerspagina (persoonsgegevens van een medewerker: komt in het toegangslog).
  await browser.naar(`${BASIS}/gebruikers`);
  await browser.wachtOp("[data-testid=gebruikers]");
  await controleerPagina("gebruikers");
  await browser.klik("[data-testid=gebruikers] a[href^='/gebruikers/']");
  await browser.wachtOp("[data-testid=gebruiker-opslaan]");
  await controleerPagina("gebruiker");

  // In het team zetten.
  await browser.naar(`${BASIS}/teams`);
  await browser.wachtOp("[data-testid=teams]");
  await browser.klik("[data-testid=teams] a");
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", "jjansen");
  await browser.klik("[data-testid=lid-toevoegen]");
  await browser.wachtOp("[data-testid=leden]");
  assert.match(await browser.tekst("[data-testid=leden]"), /Jan Jansen/);
  await controleerPagina("team");
  // De rollen van de nieuwe gebruikers wachten op een tweede functioneel beheerder (vier ogen);
  // de aanvrager ziet geen knop om ze zelf goed te keuren.
  await browser.naar(`${BASIS}/gebruikers`);
  await browser.wachtOp("[data-testid=beheerverzoeken]");
  assert.match(await browser.tekst("[data-testid=beheerverzoeken]"), /Jan Jansen \(jjansen\) krijgt de rol Inkomensconsulent/);
  assert.equal((await browser.zoekAlle("[data-testid^=verzoek-goedkeuren-]")).length, 0);
  await uitloggen();

  // Een tweede beheerder komt, op een nieuwe installatie, van de opdrachtregel van de server (de
  // noodweg, in de audittrail); die keurt de rollen goed.
  const uitvoer = execFileSync(resolve(process.env.VANGNET_BIN ?? "../../target/debug/vangnet"), [
    "gebruiker", "aanmaken", "beheerder2", "--naam", "Tweede Beheerder",
    "--rol", "functioneel_beheerder", "--data-dir", join(map, "data"),
  ], { env: { ...process.env, VANGNET_LOG: "warn" } }).toString();
  const tweede = uitvoer.match(/Eenmalig wachtwoord[^:]*: (\S+)/)[1];
  await inloggen("beheerder2", tweede);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await browser.typ("#veld-huidig", tweede);
  await browser.typ("#veld-nieuw", "tweede-beheerder-2026");
  await browser.typ("#veld-herhaling", "tweede-beheerder-2026");
  await browser.klik("[data-testid=wachtwoord-opslaan]");
  await browser.wachtOp("[data-testid=melding]");
  await browser.naar(`${BASIS}/gebruikers`);
  await browser.wachtOp("[data-testid=beheerverzoeken]");
  await controleerPagina("beheerverzoeken");
  for (let i = 0; i < 2; i++) {
    const knoppen = "[data-testid^=verzoek-goedkeuren-]";
    const voor = (await browser.zoekAlle(knoppen)).length;
    await browser.klik(knoppen);
    // Wacht op de nieuwe pagina (één verzoek minder), niet op de melding van de vorige.
    for (let n = 0; n < 100 && (await browser.zoekAlle(knoppen)).length >= voor; n++) {
      await new Promise((klaar) => setTimeout(klaar, 100));
    }
    await browser.wachtOp("[data-testid=melding]");
    assert.match(await browser.tekst("[data-testid=melding]"), /goedgekeurd en uitgevoerd/);
  }
  assert.equal((await browser.zoekAlle("[data-testid=beheerverzoeken]")).length, 0);
  await uitloggen();

  // De nieuwe consulent logt in en moet eerst een eigen wachtwoord kiezen.
  await inloggen("jjansen", eenmalig);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await controleerPagina("wachtwoord-verplicht");
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await browser.typ("#veld-huidig", eenmalig);
  await browser.typ("#veld-nieuw", "consulent-wachtwoord-2026");
  await browser.typ("#veld-herhaling", "consulent-wachtwoord-2026");
  await browser.klik("[data-testid=wachtwoord-opslaan]");
  await browser.wachtOp("[data-testid=melding]");
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=startpagina]");
  assert.match(await browser.tekst("[data-testid=rol]"), /Inkomensconsulent/);
  assert.match(await browser.tekst("main"), /Noord/);
  const nav = await browser.script("return [...document.querySelectorAll('.nav__link')].map(a => a.textContent)");
  assert.deepEqual(nav, ["Start", "Nieuwe aanvraag", "Telefoon", "Contactmomenten", "Proefberekening", "Teams", "Normen", "Mijn account"], "een consulent ziet geen beheer of audit");
  await controleerPagina("start-consulent");

  // Beheerpagina's zijn voor een consulent afgesloten.
  await browser.naar(`${BASIS}/gebruikers`);
  await browser.wachtOp("[data-testid=foutmelding]");
  assert.match(await browser.titel(), /Geen toegang/);
  await controleerPagina("geen-toegang");
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=uitloggen]");
  await uitloggen();
  await controleerPagina("uitgelogd");

  // De auditor: audittrail filteren (htmx ververst alleen de tabel), keten controleren, toegangslog.
  await inloggen("apietersen", eenmaligAuditor);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await browser.typ("#veld-huidig", eenmaligAuditor);
  await browser.typ("#veld-nieuw", "auditor-wachtwoord-2026");
  await browser.typ("#veld-herhaling", "auditor-wachtwoord-2026");
  await browser.klik("[data-testid=wachtwoord-opslaan]");
  await browser.wachtOp("[data-testid=melding]");
  await browser.naar(`${BASIS}/audit`);
  await browser.wachtOp("[data-testid=auditrecords]");
  await controleerPagina("audittrail");
  const alle = (await browser.zoekAlle("[data-testid=auditrecords] tbody tr")).length;
  await browser.script("window.vangnetMarkering = 'zelfde pagina'");
  await browser.typ("#veld-actie", "team.");
  await browser.klik(".filter button[type=submit]");
  const einde = Date.now() + 10000;
  while (!/actie=team/.test(await browser.url())) {
    if (Date.now() > einde) throw new Error("htmx heeft het filter niet toegepast");
    await wacht(50);
  }
  await wacht(200);
  const acties = await browser.script("return [...document.querySelectorAll('[data-testid=auditrecords] tbody tr td:nth-child(4)')].map(td => td.textContent)");
  assert.ok(acties.length > 0 && acties.length < alle, `gefilterd: ${acties.length} van ${alle}`);
  assert.ok(acties.every((a) => a.startsWith("team.")), JSON.stringify(acties));
  assert.equal(await browser.script("return window.vangnetMarkering"), "zelfde pagina", "htmx verving alleen de tabel");
  await controleerPagina("audittrail-gefilterd");
  await browser.klik("[data-testid=keten-controleren]");
  await browser.wachtOp("[data-testid=keten-intact]");
  assert.match(await browser.tekst("[data-testid=keten-intact]"), /De keten is intact/);
  await controleerPagina("keten-controle");
  await browser.naar(`${BASIS}/toegangslog`);
  await browser.wachtOp("[data-testid=toegangsregels]");
  assert.match(await browser.tekst("[data-testid=toegangsregels]"), /Gebruiker ingezien/);
  await controleerPagina("toegangslog");
  await uitloggen();
});

// Een consulent (aangemaakt in de test hierboven) registreert een aanvraag voor een gezin met
// een volwassen medebewoner, vindt het gezin terug via het zoekvak en bekijkt het huishouden.
test("aanvraag registreren, zoeken, dossier en huishouden", async () => {
  await inloggen("jjansen", "consulent-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/dossiers/nieuw`);
  await browser.wachtOp("[data-testid=aanvraagformulier]");
  await controleerPagina("aanvraag-leeg");

  // BSN eerst: htmx zegt of de persoon bekend is.
  await browser.typ("[id='veld-aanvrager.bsn']", "111222333");
  await browser.klik("[id='veld-aanvrager.voornamen']");
  await browser.wachtOp("[data-testid=bsn-onbekend]");
  await browser.typ("[id='veld-aanvrager.voornamen']", "Jan Pieter");
  await browser.typ("[id='veld-aanvrager.voorvoegsel']", "de");
  await browser.typ("[id='veld-aanvrager.geslachtsnaam']", "Vries");
  await browser.typ("[id='veld-aanvrager.geboortedatum']", "01-05-1985");
  for (const [veld, waarde] of [["straat", "Zwaanshals"], ["huisnummer", "12"], ["postcode", "3035ks"], ["woonplaats", "Rotterdam"], ["iban", "NL91ABNA0417164300"]]) {
    await browser.typ(`#veld-${veld}`, waarde);
  }
  const leden = [
    ["lid1", "partner:gehuwd", "123456782", "Elif", "", "Yılmaz", "20-07-1987"],
    ["lid2", "kind", "100000009", "Noor", "de", "Vries", "03-09-2015"],
    ["lid3", "medebewoner:familie", "100000010", "Henk", "", "Bakker", "31-02-1958"],
  ];
  for (const [lid, rol, bsn, voornamen, voorvoegsel, achternaam, geboren] of leden) {
    await browser.script(`document.getElementById('veld-${lid}.rol').value = '${rol}'`);
    await browser.typ(`[id='veld-${lid}.bsn']`, bsn);
    await browser.typ(`[id='veld-${lid}.voornamen']`, voornamen);
    if (voorvoegsel) await browser.typ(`[id='veld-${lid}.voorvoegsel']`, voorvoegsel);
    await browser.typ(`[id='veld-${lid}.geslachtsnaam']`, achternaam);
    await browser.typ(`[id='veld-${lid}.geboortedatum']`, geboren);
  }
  // Een ongeldige geboortedatum: de fout staat bij het veld, alles blijft staan.
  await browser.klik("[data-testid=aanvraag-registreren]");
  await browser.wachtOp("[data-testid=foutsamenvatting]");
  assert.match(await browser.tekst("[data-testid=foutsamenvatting]"), /geen bestaande datum/);
  assert.equal(await browser.script("return document.getElementById('veld-lid3.geslachtsnaam').value"), "Bakker");
  assert.equal(await browser.script("return document.getElementById('veld-lid1.rol').value"), "partner:gehuwd");
  await controleerPagina("aanvraag-fout");
  await browser.typ("[id='veld-lid3.geboortedatum']", "11-11-1958");
  await browser.klik("[data-testid=aanvraag-registreren]");
  await browser.wachtOp("[data-testid=huishouden]");
  assert.match(await browser.tekst("h1"), /Dossier \d{4}-\d{6}/);
  const rijen = await browser.script("return [...document.querySelectorAll('[data-testid=huishouden] tbody tr')].map(r => r.cells[0].textContent + ' / ' + r.cells[1].textContent)");
  assert.deepEqual(rijen, [
    "J.P. de Vries / Aanvrager",
    "E. Yılmaz / Partner — gehuwd",
    "N. de Vries / Kind",
    "H. Bakker / Medebewoner — familie of bekende",
  ]);
  assert.match(await browser.tekst("[data-testid=beslistermijn]"), /Awb 4:13/);
  await controleerPagina("dossier");
  const dossierUrl = await browser.url();
  dossierPad = new URL(dossierUrl).pathname;
  const kop = await browser.tekst("h1");
  const dossiernummer = kop.replace("Dossier ", "").split(" ")[0];
  // De kop noemt de cliënt, met alleen de laatste cijfers van het BSN (issue 21 punt 7).
  assert.match(kop, /J\.P\. de Vries \(BSN \*{5}\d{4}\)/);
  // Verdeeld naar team Noord (postcode 3035) en de enige consulent daar: jjansen zelf.
  assert.equal(await browser.tekst("[data-testid=team]"), "Noord");
  assert.equal(await browser.tekst("[data-testid=consulent]"), "Jan Jansen");
  assert.match(await browser.tekst("[data-testid=dossiertaken]"), /Beslissen op aanvraag/);

  // Op "Vandaag" staan de taken met hun deadline.
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=taken]");
  const taken = await browser.tekst("[data-testid=taken]");
  assert.match(taken, new RegExp(`Dossier ${dossiernummer} registreren en compleet maken`));
  // De cliënt staat bij de taak, met gemaskeerd BSN (punt 7).
  assert.match(taken, /\*{5}\d{4}/);
  // Eén regel per taak: ten minste twaalf taken passen op een laptopscherm (punt 14).
  const [rijhoogte, venster] = await browser.script("return [document.querySelector('[data-testid=taken] tbody tr').getBoundingClientRect().height, window.innerHeight]");
  assert.ok(12 * rijhoogte <= venster - 60, `een taak is ${rijhoogte} px hoog bij een venster van ${venster} px`);
  assert.match(taken, /\d{2}-\d{2}-\d{4}/);
  await controleerPagina("vandaag");
  // Toetsen: j gaat naar de volgende taak.
  await browser.script("document.querySelector('[data-testid=taken] tbody tr td:nth-child(3) a').focus()");
  await browser.opdracht("POST", "/actions", { actions: [{ type: "key", id: "toetsenbord", actions: [{ type: "keyDown", value: "j" }, { type: "keyUp", value: "j" }] }] });
  assert.equal(await browser.script("return [...document.querySelectorAll('[data-testid=taken] tbody tr td:nth-child(3) a')].indexOf(document.activeElement)"), 1);
  await browser.naar(dossierUrl);
  await browser.wachtOp("[data-testid=huishouden]");

  // Uitkering toekennen (issue 21 punt 2): eerst de bijstand per maand, dan toekennen.
  await browser.klik("[data-testid=toekennen-starten]");
  await browser.wachtOp("[data-testid=toekenning-maanden]");
  const beginUitkering = await browser.script("return document.getElementById('veld-begindatum').value");
  await controleerPagina("toekennen-voorbeeld");
  await browser.klik("[data-testid=toekennen-opslaan]");
  await browser.wachtOp("[data-testid=uitkering]");
  await controleerPagina("dossier-met-uitkering");
  // Een mutatie in stappen (punt 13): eerst wat er veranderde, dan alleen die velden, met
  // ernaast wat is gelezen en de impact per maand.
  await browser.klik("[data-testid=mutatie-nieuw]");
  await browser.wachtOp("[data-testid=mutatiesoort-kiezen]");
  await controleerPagina("mutatie-soort-kiezen");
  await browser.klik("#soort-inkomen_start");
  await browser.klik("[data-testid=verder]");
  await browser.wachtOp("[data-testid=mutatieformulier]");
  assert.equal((await browser.zoekAlle("#veld-iban")).length, 0, "alleen de velden van de soort");
  // Ingang: de start van de uitkering (de ontvangstdatum van de aanvraag, zoals voorgesteld).
  await browser.script("document.getElementById('veld-ingangsdatum').value = arguments[0]", beginUitkering);
  await browser.script("document.getElementById('veld-inkomenssoort').value = 'arbeid'");
  // Het numerieke toetsenblok typt een punt (punt 1): 400.50 is € 400,50, en zo teruggelezen.
  await browser.typ("#veld-bedrag", "400.50");
  await browser.typ("#veld-reden", "Loonstrook");
  await browser.klik("[data-testid=voorbeeld]");
  await browser.wachtOp("[data-testid=impact]");
  assert.match(await browser.tekst("[data-testid=impact]"), /nieuw bedrag/);
  assert.match(await browser.tekst("[data-testid=gelezen]"), /€ 400,50/);
  await controleerPagina("mutatie-impact");
  // Een bedrag dat twee dingen kan betekenen: het live voorbeeld toont de fout, niet meer de
  // berekening van daarnet.
  await browser.typ("#veld-bedrag", "1.234");
  await browser.script("document.getElementById('veld-bedrag').dispatchEvent(new Event('change', { bubbles: true }))");
  await browser.wachtOp("[data-testid=impact-fout]");
  assert.match(await browser.tekst("[data-testid=impact-fout]"), /1\.234/);
  assert.equal((await browser.zoekAlle("[data-testid=impact]")).length, 0);
  await browser.typ("#veld-bedrag", "400");
  await browser.klik("[data-testid=voorbeeld]");
  await browser.wachtOp("[data-testid=impact]");
  // Opslaan: onder de drempel direct verwerkt, zichtbaar in de lijst met mutaties.
  await browser.klik("[data-testid=mutatie-opslaan]");
  await browser.wachtOp("[data-testid=mutaties]");
  assert.match(await browser.tekst("[data-testid=mutaties]"), /Inkomen begint/);
  await controleerPagina("dossier-met-mutatie");
  await browser.naar(dossierUrl);
  await browser.wachtOp("[data-testid=huishouden]");

  // Het huishouden op een datum vóór de aanvraag: leeg.
  await browser.typ("#veld-op", "01-01-2020");
  await browser.script("document.getElementById('veld-op').value = '2020-01-01'");
  await browser.klik(".historiekeuze button[type=submit]");
  await browser.wachtOp("[data-testid=geen-huishouden]");

  // Zoeken vanuit het zoekvak in de kop: zonder treffer een melding (en de pagina voor axe).
  await browser.typ("[data-testid=zoekvak]", "qqqzzz");
  await browser.klik(".kop__zoeken button");
  await browser.wachtOp("main h1");
  await controleerPagina("zoeken");
  // Zonder accent, en één treffer opent meteen de persoon (issue 21 punt 9).
  await browser.naar(`${BASIS}/`);
  await browser.typ("[data-testid=zoekvak]", "yilmaz");
  await browser.klik(".kop__zoeken button");
  await browser.wachtOp("[data-testid=persoongegevens]");
  assert.match(await browser.tekst("[data-testid=persoongegevens]"), /123456782/);
  await controleerPagina("persoon");
  await browser.klik("main a[href^='/dossiers/']");
  await browser.wachtOp("[data-testid=huishouden]");
  assert.equal(await browser.url(), dossierUrl.split("?")[0]);

  // De berekening van het dossier, met uitleg per wetsartikel.
  await browser.klik("[data-testid=berekening]");
  await browser.wachtOp("[data-testid=uitleg]");
  assert.match(await browser.tekst("[data-testid=uitleg]"), /art\. 22a lid 1 en lid 2 Participatiewet/);
  await controleerPagina("dossier-berekening");

  // Proefberekening: de uitkomst verschijnt onder het formulier (htmx), niets opgeslagen.
  await browser.naar(`${BASIS}/proefberekening`);
  await browser.wachtOp("[data-testid=proefformulier]");
  await controleerPagina("proefberekening-leeg");
  await browser.script("document.getElementById('veld-maand').value = '2026-01'; document.getElementById('veld-aanvrager').value = '1988-04-12'; document.getElementById('veld-vrijlating_vanaf').value = '2026-01-01'");
  await browser.typ("#veld-arbeid", "600");
  await browser.klik("[data-testid=berekenen]");
  await browser.wachtOp("[data-testid=uitbetaling]");
  assert.equal(await browser.tekst("[data-testid=uitbetaling]"), "€ 903,92");
  await controleerPagina("proefberekening");
  await uitloggen();
});

// De teamleider wijst het dossier uit de tweede test toe aan een andere consulent; die ziet het op
// "Vandaag". Ook het teamdashboard wordt op toegankelijkheid gecontroleerd.
test("werk: teamleider wijst een dossier toe", async () => {
  assert.ok(dossierPad, "de tweede test registreerde een dossier");
  await inloggen("beheerder", BEHEERDER_WACHTWOORD);
  await browser.wachtOp("[data-testid=startpagina]");
  const eenmalig = {};
  for (const [naam, volledig, rol] of [["pbakker", "Petra Bakker", "inkomensconsulent"], ["tleider", "Tim Leider", "teamleider"]]) {
    await browser.naar(`${BASIS}/gebruikers/nieuw`);
    await browser.wachtOp("#veld-gebruikersnaam");
    await browser.typ("#veld-gebruikersnaam", naam);
    await browser.typ("#veld-volledige_naam", volledig);
    await browser.klik(`#rol-${rol}`);
    await browser.klik("[data-testid=gebruiker-aanmaken]");
    await browser.wachtOp("[data-testid=eenmalig-wachtwoord]");
    eenmalig[naam] = await browser.tekst("[data-testid=eenmalig-wachtwoord]");
    await browser.naar(`${BASIS}/teams`);
    await browser.wachtOp("[data-testid=teams]");
    await browser.klik("[data-testid=teams] a");
    await browser.wachtOp("#veld-gebruikersnaam");
    await browser.typ("#veld-gebruikersnaam", naam);
    await browser.klik("[data-testid=lid-toevoegen]");
    for (let i = 0; !(await browser.script("const l = document.querySelector('[data-testid=leden]'); return !!l && l.textContent.includes(arguments[0])", volledig)); i++) {
      if (i > 100) throw new Error(`${volledig} staat niet in het team`);
      await wacht(50);
    }
  }
  await uitloggen();
  await rollenGoedkeuren(2);

  const eersteKeer = async (naam) => {
    await inloggen(naam, eenmalig[naam]);
    await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
    await browser.typ("#veld-huidig", eenmalig[naam]);
    await browser.typ("#veld-nieuw", `${naam}-wachtwoord-2026`);
    await browser.typ("#veld-herhaling", `${naam}-wachtwoord-2026`);
    await browser.klik("[data-testid=wachtwoord-opslaan]");
    await browser.wachtOp("[data-testid=melding]");
    await browser.naar(`${BASIS}/`);
    await browser.wachtOp("[data-testid=startpagina]");
  };
  await eersteKeer("pbakker");
  await uitloggen();

  await eersteKeer("tleider");
  await browser.naar(`${BASIS}${dossierPad}`);
  await browser.wachtOp("[data-testid=toewijzen]");
  await controleerPagina("dossier-toewijzen");
  const keuze = await browser.script("return [...document.querySelectorAll('#veld-consulent option')].find(o => o.textContent.startsWith('Petra Bakker')).value");
  await browser.script(`document.getElementById('veld-consulent').value = '${keuze}'`);
  await browser.typ("#veld-reden", "Jan heeft verlof");
  await browser.klik("[data-testid=toewijzen-knop]");
  await browser.wachtOp("[data-testid=melding]");
  assert.equal(await browser.tekst("[data-testid=consulent]"), "Petra Bakker");
  assert.match(await browser.tekst("[data-testid=tijdlijn]"), /Toegewezen aan Petra Bakker door tleider: Jan heeft verlof/);

  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=teamwerk]");
  await browser.klik("[data-testid=teamwerk]");
  await browser.wachtOp("[data-testid=open-werk]");
  assert.match(await browser.tekst("[data-testid=open-werk]"), /Petra Bakker/);
  await controleerPagina("teamdashboard");
  await uitloggen();

  await inloggen("pbakker", "pbakker-wachtwoord-2026");
  await browser.wachtOp("[data-testid=taken]");
  // Beslissen en voorschot waren klaar (de uitkering is toegekend); registreren ging mee.
  assert.match(await browser.tekst("[data-testid=taken]"), /registreren en compleet maken/);
  await uitloggen();
});

// Een betaalrun voor de vorige maand (starten, voortgang, goedkeuren door een tweede medewerker,
// bestand downloaden), daarna een inkomensmutatie met terugwerkende kracht: de impact toont het
// te veel betaalde bedrag, een tweede consulent keurt goed, het dossier toont het open verschil.
test("betaalrun en een mutatie met terugwerkende kracht", async () => {
  const nu = new Date();
  const vorige = new Date(nu.getFullYear(), nu.getMonth() - 1, 1);
  const maand = `${vorige.getFullYear()}-${String(vorige.getMonth() + 1).padStart(2, "0")}`;

  await inloggen("jjansen", "consulent-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/dossiers/nieuw`);
  await browser.wachtOp("[data-testid=aanvraagformulier]");
  await browser.script("document.getElementById('veld-ontvangen_op').value = arguments[0]", `${maand}-01`);
  await browser.typ("[id='veld-aanvrager.bsn']", "999993653");
  await browser.typ("[id='veld-aanvrager.voornamen']", "Fatima");
  await browser.typ("[id='veld-aanvrager.geslachtsnaam']", "El Amrani");
  await browser.typ("[id='veld-aanvrager.geboortedatum']", "14-03-1990");
  for (const [veld, waarde] of [["straat", "Bergweg"], ["huisnummer", "5"], ["postcode", "3036bc"], ["woonplaats", "Rotterdam"], ["iban", "NL91ABNA0417164300"]]) {
    await browser.typ(`#veld-${veld}`, waarde);
  }
  await browser.klik("[data-testid=aanvraag-registreren]");
  await browser.wachtOp("[data-testid=huishouden]");
  const dossierUrl = (await browser.url()).split("?")[0];
  // Het vermogen (art. 34 Pw) vóór het besluit: het formulier en het oordeel op het dossier.
  await browser.klik("[data-testid=vermogen-nieuw]");
  await browser.wachtOp("[data-testid=vermogenformulier]");
  await controleerPagina("vermogen-formulier");
  await browser.script("document.getElementById('veld-bestanddelen[0].soort').value = 'banktegoed'");
  await browser.typ("[id='veld-bestanddelen[0].waarde']", "1250.5");
  // Eerst de toets met het bedrag zoals gelezen (issue 21 punt 1), dan vastleggen.
  await browser.klik("[data-testid=vermogen-voorbeeld]");
  await browser.wachtOp("[data-testid=gelezen]");
  assert.match(await browser.tekst("[data-testid=gelezen]"), /€ 1\.250,50/);
  await controleerPagina("vermogen-toets");
  await browser.klik("[data-testid=vermogen-opslaan]");
  await browser.wachtOp("[data-testid=vermogen-oordeel]");
  assert.match(await browser.tekst("[data-testid=vermogen-oordeel]"), /staat het vermogen niet aan het recht in de weg/);
  await controleerPagina("dossier-vermogen");
  // Een voorschot (art. 52) zolang niet besloten is: de berekening, verlenen, de stand.
  await browser.klik("[data-testid=voorschotten-link]");
  await browser.wachtOp("[data-testid=voorschotformulier]");
  assert.match(await browser.tekst("[data-testid=voorschot-minimum]"), /^€ /);
  await controleerPagina("voorschotten");
  await browser.klik("[data-testid=voorschot-vastleggen]");
  await browser.wachtOp("[data-testid=voorschot-gedaan]");
  assert.equal(await browser.tekst("[data-testid=voorschot-stand]"), "Te betalen");
  await controleerPagina("voorschot-verleend");
  await browser.naar(dossierUrl);
  await browser.wachtOp("[data-testid=toekennen-starten]");
  await browser.klik("[data-testid=toekennen-starten]");
  await browser.wachtOp("[data-testid=toekennen-opslaan]");
  // De nabetaling over de vorige maand ligt boven de drempel: een tweede consulent beslist mee.
  assert.match(await browser.tekst("[data-testid=toekenning-vier-ogen]"), /boven de drempel/);
  await browser.klik("[data-testid=toekennen-opslaan]");
  await browser.wachtOp("[data-testid=toekenning-wacht]");
  await uitloggen();
  await inloggen("pbakker", "pbakker-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(dossierUrl);
  await browser.klik("[data-testid=toekenning-bekijken]");
  await browser.wachtOp("[data-testid=goedkeuren]");
  assert.match(await browser.tekst("[data-testid=toekenning-maanden]"), /nabetaling/);
  await controleerPagina("toekenning-beoordelen");
  await browser.klik("[data-testid=goedkeuren]");
  await browser.wachtOp("[data-testid=uitkering]");
  await uitloggen();

  // De beheerder start de run; de voortgang staat op de pagina van de run.
  await inloggen("beheerder", BEHEERDER_WACHTWOORD);
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/betaalruns`);
  await browser.wachtOp("[data-testid=run-starten]");
  await controleerPagina("betaalruns");
  await browser.typ("#veld-maand", maand);
  await browser.script("document.getElementById('veld-betaaldatum').value = arguments[0]", `${maand}-20`);
  await browser.klik("[data-testid=run-starten-knop]");
  await browser.wachtOp("[data-testid=voortgang]");
  await browser.wachtOp("[data-testid=berekening-klaar]");
  const runUrl = (await browser.url()).split("?")[0];
  assert.match(await browser.tekst("[data-testid=run-totaal]"), /^1 betaling,/);
  assert.equal(await browser.script("return !!document.querySelector('[data-testid=run-goedkeuren]')"), false, "wie startte, keurt niet goed");
  await controleerPagina("betaalrun-berekend");
  await uitloggen();

  // De teamleider keurt goed en downloadt het betaalbestand.
  await inloggen("tleider", "tleider-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(runUrl);
  await browser.wachtOp("[data-testid=run-goedkeuren]");
  await browser.klik("#veld-gecontroleerd");
  await browser.klik("[data-testid=run-goedkeuren]");
  await browser.wachtOp("[data-testid=run-bestand]");
  assert.equal(await browser.tekst("[data-testid=run-status]"), "Goedgekeurd");
  await controleerPagina("betaalrun-goedgekeurd");
  const xml = await browser.script(
    "return fetch(document.querySelector('[data-testid=run-bestand]').href).then(r => r.text())",
  );
  assert.match(xml, /<NbOfTxs>1<\/NbOfTxs>/);
  assert.match(xml, /<Nm>El Amrani<\/Nm>|<Nm>F\. El Amrani<\/Nm>/);
  await uitloggen();

  // Inkomen vanaf de eerste dag van de vorige maand: die maand is betaald, dus te veel betaald.
  await inloggen("jjansen", "consulent-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(dossierUrl);
  await browser.wachtOp("[data-testid=mutatie-nieuw]");
  await browser.klik("[data-testid=mutatie-nieuw]");
  await browser.wachtOp("[data-testid=mutatiesoort-kiezen]");
  await browser.klik("#soort-inkomen_start");
  await browser.klik("[data-testid=verder]");
  await browser.wachtOp("[data-testid=mutatieformulier]");
  await browser.script("document.getElementById('veld-ingangsdatum').value = arguments[0]", `${maand}-01`);
  await browser.script("document.getElementById('veld-inkomenssoort').value = 'arbeid'");
  await browser.typ("#veld-bedrag", "600");
  await browser.typ("#veld-reden", "Loonstrook met terugwerkende kracht");
  await browser.klik("[data-testid=voorbeeld]");
  await browser.wachtOp("[data-testid=impact]");
  assert.match(await browser.tekst("[data-testid=impact]"), /te veel betaald/);
  await controleerPagina("mutatie-te-veel-betaald");
  await browser.klik("[data-testid=mutatie-opslaan]");
  await browser.wachtOp("[data-testid=mutaties]");
  assert.match(await browser.tekst("[data-testid=mutaties]"), /vier ogen/);
  await uitloggen();

  await inloggen("pbakker", "pbakker-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(dossierUrl);
  await browser.wachtOp("[data-testid=beoordelen]");
  // Punt 6: wie beoordeelt, ziet op één scherm wie wat registreerde en de impact per maand.
  await browser.klik("[data-testid=beoordelen]");
  await browser.wachtOp("[data-testid=mutatiegegevens]");
  assert.match(await browser.tekst("[data-testid=impact]"), /te veel betaald/);
  await controleerPagina("mutatie-beoordelen");
  await browser.klik("[data-testid=goedkeuren]");
  await browser.wachtOp("[data-testid=melding]");
  assert.match(await browser.tekst("[data-testid=open-verschil]"), /-€|€ -|−/);
  assert.match(await browser.tekst("[data-testid=open-verschil]"), /te veel betaald/);
  await controleerPagina("dossier-open-verschil");
  await browser.klik("[data-testid=betalingen]");
  await browser.wachtOp("[data-testid=specificatie]");
  await controleerPagina("betalingen");
  // De tijdlijn (punt 8): nieuwste eerst, te filteren op soort.
  await browser.naar(`${dossierUrl}?tijdlijn=mutatie#tijdlijn`);
  await browser.wachtOp("[data-testid=tijdlijn]");
  assert.match(await browser.tekst("[data-testid=tijdlijn]"), /goedgekeurd en verwerkt/);
  await controleerPagina("tijdlijn-mutaties");
  await uitloggen();

  // De auditor zoekt op BSN (punt 12): de toekenning, de mutaties en de betaalrun van dit dossier.
  await inloggen("apietersen", "auditor-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/audit?bsn_of_dossier=999993653`);
  await browser.wachtOp("[data-testid=auditrecords]");
  const auditregels = await browser.tekst("[data-testid=auditrecords]");
  assert.match(auditregels, /toekenning\.goedgekeurd|uitkering\.toegekend/);
  assert.match(auditregels, /mutatie\.geregistreerd/);
  assert.match(auditregels, /betaalrun/);
  await controleerPagina("audit-op-bsn");
  await browser.naar(`${BASIS}/toegangslog?bsn_of_dossier=999993653`);
  await browser.wachtOp("[data-testid=toegangsregels]");
  assert.match(await browser.tekst("[data-testid=toegangsregels]"), /El Amrani/);
  await controleerPagina("toegangslog-op-bsn");
  await uitloggen();
});

// Telefoon (issue 8): een klantcontactmedewerker vindt de beller op postcode en huisnummer,
// schrijft de notitie met een terugbelverzoek; het verzoek staat op "Vandaag" van de consulent
// van het dossier, die terugbelt en het afrondt.
test("telefoonnotitie met terugbelverzoek naar de consulent", async () => {
  assert.ok(dossierPad, "de tweede test registreerde een dossier");
  await inloggen("beheerder", BEHEERDER_WACHTWOORD);
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(`${BASIS}/gebruikers/nieuw`);
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", "kklant");
  await browser.typ("#veld-volledige_naam", "Karin Klant");
  await browser.klik("#rol-administratief_ondersteuner");
  await browser.klik("[data-testid=gebruiker-aanmaken]");
  await browser.wachtOp("[data-testid=eenmalig-wachtwoord]");
  const eenmalig = await browser.tekst("[data-testid=eenmalig-wachtwoord]");
  // Ook een medewerker handhaving, voor het laatste deel.
  await browser.naar(`${BASIS}/gebruikers/nieuw`);
  await browser.wachtOp("#veld-gebruikersnaam");
  await browser.typ("#veld-gebruikersnaam", "hhaan");
  await browser.typ("#veld-volledige_naam", "Hendrik Haan");
  await browser.klik("#rol-handhaving");
  await browser.klik("[data-testid=gebruiker-aanmaken]");
  await browser.wachtOp("[data-testid=eenmalig-wachtwoord]");
  const eenmaligHandhaving = await browser.tekst("[data-testid=eenmalig-wachtwoord]");
  await uitloggen();
  await rollenGoedkeuren(2);

  await inloggen("kklant", eenmalig);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await browser.typ("#veld-huidig", eenmalig);
  await browser.typ("#veld-nieuw", "kklant-wachtwoord-2026");
  await browser.typ("#veld-herhaling", "kklant-wachtwoord-2026");
  await browser.klik("[data-testid=wachtwoord-opslaan]");
  await browser.wachtOp("[data-testid=melding]");

  await browser.naar(`${BASIS}/telefoon`);
  await browser.wachtOp("#veld-q");
  assert.equal(await browser.script("return document.activeElement.id"), "veld-q", "het zoekveld heeft de focus");
  await browser.typ("#veld-q", "3035 KS 12");
  await browser.klik("[data-testid=beller-zoeken]");
  await browser.wachtOp("[data-testid=bellers]");
  await controleerPagina("telefoon-zoeken");
  const bellers = await browser.script("return [...document.querySelectorAll('[data-testid=kies-beller]')].map(a => a.textContent)");
  const keuze = bellers.indexOf("Vries, J.P. de");
  assert.ok(keuze >= 0, `de aanvrager staat in de lijst: ${JSON.stringify(bellers)}`);
  await browser.script("document.querySelectorAll('[data-testid=kies-beller]')[arguments[0]].click()", keuze);
  await browser.wachtOp("[data-testid=contactformulier]");
  assert.match(await browser.tekst("[data-testid=bellerbeeld]"), /Petra Bakker/);
  assert.equal(await browser.script("return document.activeElement.id"), "veld-tekst", "de notitie heeft de focus");
  await controleerPagina("telefoon-beller");
  // De sessie verloopt terwijl de notitie wordt getypt (punt 14): na opnieuw inloggen staat zij
  // er weer.
  const bellerUrl = await browser.url();
  await browser.typ("#veld-tekst", "Vraagt of de loonstrook van oktober is ontvangen; wil de consulent spreken.");
  await browser.opdracht("DELETE", "/cookie");
  await inloggen("kklant", "kklant-wachtwoord-2026");
  await browser.wachtOp("[data-testid=startpagina]");
  await browser.naar(bellerUrl);
  await browser.wachtOp("[data-testid=concept-teruggezet]");
  assert.match(await browser.script("return document.getElementById('veld-tekst').value"), /loonstrook van oktober/);
  // Het onderwerp heeft geen voorgekozen waarde (issue 21 punt 14): de medewerker kiest het.
  assert.equal(await browser.script("return document.getElementById('veld-onderwerp').value"), "");
  await browser.script("document.getElementById('veld-onderwerp').selectedIndex = 1");
  await browser.script("document.getElementById('veld-uitkomst').value = 'terugbellen'");
  // Eerst zonder nummer: de fout staat bij het veld, de notitie blijft staan.
  await browser.klik("[data-testid=vastleggen]");
  await browser.wachtOp("[data-testid=foutsamenvatting]");
  assert.match(await browser.tekst("[data-testid=foutsamenvatting]"), /teruggebeld wil worden/);
  assert.match(await browser.script("return document.getElementById('veld-tekst').value"), /loonstrook van oktober/);
  await controleerPagina("telefoon-fout");
  await browser.typ("#veld-telefoonnummer", "06 12345678");
  await browser.klik("[data-testid=vastleggen]");
  await browser.wachtOp("[data-testid=vastgelegd]");
  await uitloggen();

  // De consulent ziet het terugbelverzoek op "Vandaag", belt terug en rondt het af.
  await inloggen("pbakker", "pbakker-wachtwoord-2026");
  await browser.wachtOp("[data-testid=taken]");
  assert.match(await browser.tekst("[data-testid=taken]"), /Terugbellen op 0612345678/);
  await browser.script("[...document.querySelectorAll('[data-testid=taken] a')].find(a => a.textContent.startsWith('Terugbellen op')).click()");
  await browser.wachtOp("[data-testid=terugbelformulier]");
  assert.equal(await browser.tekst("[data-testid=nummer]"), "0612345678");
  assert.match(await browser.tekst("[data-testid=contactmomenten]"), /loonstrook van oktober/);
  await controleerPagina("terugbellen");
  await browser.typ("#veld-tekst", "Gesproken: loonstrook is binnen, verwerkt.");
  await browser.klik("[data-testid=afronden]");
  await browser.wachtOp("[data-testid=melding]");
  assert.match(await browser.tekst("[data-testid=melding]"), /terugbelverzoek is afgerond/);
  assert.doesNotMatch(await browser.script("return document.body.textContent"), /Terugbellen op 0612345678/);
  // Op het dossier: het verzoek en het gesprek, nieuwste eerst.
  await browser.naar(`${BASIS}${dossierPad}`);
  await browser.wachtOp("[data-testid=contactmomenten]");
  const notities = await browser.script("return [...document.querySelectorAll('[data-testid=contactmoment]')].map(li => li.textContent)");
  assert.equal(notities.length, 2);
  assert.match(notities[0], /loonstrook is binnen/);
  assert.match(notities[1], /Terugbelverzoek/);
  await controleerPagina("dossier-contactmomenten");
  await uitloggen();

  // Handhaving (punt 12): de eigen startpagina, zoeken en het dossier lezen, zonder knoppen
  // voor werk dat niet bij de rol hoort.
  await inloggen("hhaan", eenmaligHandhaving);
  await browser.wachtOp("[data-testid=wachtwoord-verplicht]");
  await browser.typ("#veld-huidig", eenmaligHandhaving);
  await browser.typ("#veld-nieuw", "hhaan-wachtwoord-2026");
  await browser.typ("#veld-herhaling", "hhaan-wachtwoord-2026");
  await browser.klik("[data-testid=wachtwoord-opslaan]");
  await browser.wachtOp("[data-testid=melding]");
  await browser.naar(`${BASIS}/`);
  await browser.wachtOp("[data-testid=startpagina]");
  assert.match(await browser.script("return document.body.textContent"), /Handhaving/);
  await controleerPagina("handhaving-start");
  await browser.naar(`${BASIS}${dossierPad}`);
  await browser.wachtOp("[data-testid=huishouden]");
  for (const knop of ["mutatie-nieuw", "toekennen-starten", "vermogen-nieuw", "beoordelen"]) {
    assert.equal((await browser.zoekAlle(`[data-testid=${knop}]`)).length, 0, `geen ${knop} voor handhaving`);
  }
  await controleerPagina("handhaving-dossier");
  await uitloggen();
});
