// Een kleine WebDriver-client (W3C-protocol) over fetch, voor Debian's chromedriver en chromium.
// Geen browser downloaden: we gebruiken /usr/bin/chromium en /usr/bin/chromedriver.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as wacht } from "node:timers/promises";
import { createRequire } from "node:module";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export async function startChromedriver(poort) {
  const pad = process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver";
  const proces = spawn(pad, [`--port=${poort}`], { stdio: "ignore" });
  const basis = `http://127.0.0.1:${poort}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${basis}/status`);
      if (r.ok && (await r.json()).value.ready) return { proces, basis };
    } catch { /* nog niet klaar */ }
    await wacht(100);
  }
  proces.kill();
  throw new Error(`chromedriver (${pad}) start niet`);
}

export class Browser {
  constructor(basis, sessie) { this.basis = basis; this.sessie = sessie; }

  static async open(driverBasis) {
    const r = await fetch(`${driverBasis}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: {
        browserName: "chrome",
        "goog:chromeOptions": {
          binary: process.env.CHROMIUM ?? "/usr/bin/chromium",
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1366,900"],
        },
      } } }),
    });
    const j = await r.json();
    if (!r.ok) throw new Error(`sessie maken mislukt: ${JSON.stringify(j)}`);
    return new Browser(driverBasis, j.value.sessionId);
  }

  async opdracht(methode, pad, body) {
    const r = await fetch(`${this.basis}/session/${this.sessie}${pad}`, {
      method: methode,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (!r.ok) throw new Error(`${methode} ${pad}: ${JSON.stringify(j.value)}`);
    return j.value;
  }

  naar(url) { return this.opdracht("POST", "/url", { url }); }
  url() { return this.opdracht("GET", "/url"); }
  titel() { return this.opdracht("GET", "/title"); }
  async zoek(css) {
    const v = await this.opdracht("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }
  async zoekAlle(css) {
    const v = await this.opdracht("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }
  async typ(css, tekst) {
    const el = await this.zoek(css);
    await this.opdracht("POST", `/element/${el}/clear`, {});
    await this.opdracht("POST", `/element/${el}/value`, { text: tekst });
  }
  /** Klikt op het element; was het net vervangen (een pagina of fragment dat nog laadde), dan
   *  wordt het opnieuw gezocht: een "stale element" is geen fout van de applicatie. */
  async klik(css) {
    for (let poging = 1; ; poging++) {
      try {
        return await this.opdracht("POST", `/element/${await this.zoek(css)}/click`, {});
      } catch (e) {
        if (poging >= 5 || !String(e.message ?? e).includes("stale element")) throw e;
        await new Promise((klaar) => setTimeout(klaar, 100 * poging));
      }
    }
  }
  async tekst(css) { return this.opdracht("GET", `/element/${await this.zoek(css)}/text`); }
  script(code, ...args) { return this.opdracht("POST", "/execute/sync", { script: code, args }); }
  scriptAsync(code, ...args) { return this.opdracht("POST", "/execute/async", { script: code, args }); }
  async screenshot() { return Buffer.from(await this.opdracht("GET", "/screenshot"), "base64"); }
  sluit() { return this.opdracht("DELETE", ""); }

  /** Wacht tot de pagina met deze selector er is (na een klik die navigeert). */
  async wachtOp(css, ms = 10000) {
    const einde = Date.now() + ms;
    for (;;) {
      try { return await this.zoek(css); } catch (e) {
        if (Date.now() > einde) throw e;
      }
      await wacht(50);
    }
  }

  /** Draait axe-core in de pagina en geeft de ernstige en kritieke overtredingen (WCAG 2.1 A/AA). */
  async toegankelijkheid() {
    const require = createRequire(import.meta.url);
    const bron = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
    await this.script(bron);
    await this.opdracht("POST", "/timeouts", { script: 30000 });
    const json = await this.scriptAsync(`
      const klaar = arguments[arguments.length - 1];
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
        .then((r) => klaar(JSON.stringify(r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, doelen: v.nodes.map((n) => n.target.join(" ")) })))))
        .catch((e) => klaar(JSON.stringify([{ id: "axe-fout", impact: "critical", help: String(e), doelen: [] }])));
    `);
    return JSON.parse(json).filter((v) => v.impact === "serious" || v.impact === "critical");
  }
}
