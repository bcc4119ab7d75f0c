// End-to-end: raming serve in headless Chromium, used as a controller would. Started by
// tests/alle/serve_e2e.rs with a running server on a copy of the shipped data:
//   RAMING_URL  the address the server printed   RAMING_BIN  the raming binary
//   RAMING_MAP  the project folder it serves     E2E_UIT     where screenshots and downloads go
// Every figure is checked against `raming bereken` on the equivalent scenario file.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const url = process.env.RAMING_URL;
const bin = process.env.RAMING_BIN;
const map = process.env.RAMING_MAP;
const uit = process.env.E2E_UIT || 'target/e2e';
if (!url || !bin || !map) throw new Error('RAMING_URL, RAMING_BIN and RAMING_MAP are required');
fs.mkdirSync(uit, { recursive: true });

function fail(m) { console.error('FOUT: ' + m); process.exitCode = 1; throw new Error(m); }
function gelijk(a, b, wat) { if (a !== b) fail(`${wat}: ${a} ≠ ${b}`); console.log(`ok: ${wat} = ${a}`); }

// The displayed saldo of `raming bereken` (overzicht_<jaar>.csv, whole euros, sluitend).
function cliSaldo(scenario, naam, jaar) {
  const doel = fs.mkdtempSync(path.join(os.tmpdir(), 'raming-e2e-'));
  execFileSync(bin, ['bereken', scenario, '--uit', doel, '--geen-grafieken'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const regels = fs.readFileSync(path.join(doel, `overzicht_${jaar}.csv`), 'utf8').trim().split(/\r?\n/);
  const kop = regels[0].split(',');
  const rij = regels.find((r) => r.startsWith('saldo,')).split(',');
  fs.rmSync(doel, { recursive: true, force: true });
  return rij[kop.indexOf(naam)];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, locale: 'nl-NL' });
const page = await context.newPage();
const extern = [];
page.on('request', (r) => { if (!r.url().startsWith(url.replace(/\/$/, ''))) extern.push(r.url()); });
let stap = 0;
async function foto(naam) {
  stap += 1;
  const f = path.join(uit, `${String(stap).padStart(2, '0')}-${naam}.png`);
  await page.screenshot({ path: f, fullPage: false });
  console.log('schermafdruk: ' + f);
}
const cel = (naam, jaar) => page.locator(`#resultaat td[data-tabel="saldo"][data-rij="${naam}"][data-kolom="${jaar}"]`);

try {
  // 1. Start page.
  await page.goto(url);
  await page.getByRole('heading', { name: "Scenario's" }).waitFor();
  await foto('start');

  // 2. The default scenario: a saldo equals the CLI's.
  await page.getByRole('link', { name: 'basis', exact: true }).click();
  await page.getByRole('heading', { name: 'Scenario basis' }).waitFor();
  const basisSaldo = await cel('SDD', '2026').getAttribute('data-waarde');
  gelijk(basisSaldo, cliSaldo(path.join(map, 'scenarios/basis.toml'), 'SDD', 2026), 'saldo SDD 2026 basis (pagina = CLI)');
  await foto('scenario-basis');

  // 3. What if: route costs instead of passing the SPUK on, and 50 % more instroom in 2026.
  await page.locator('select[name="inburgeringsvoorzieningen"]').selectOption('routes');
  await page.locator('input[type=range][data-voor="instroom.2026"]').fill('1.5');
  await page.locator('#watals-status.goed').waitFor();
  await page.waitForFunction(() => document.querySelector('#watals-status').textContent.includes('instroom.factoren'));
  const watalsSaldo = await cel('SDD', '2026').getAttribute('data-waarde');
  if (watalsSaldo === basisSaldo) fail('the saldo did not move');
  const hand = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raming-e2e-')), 'hand.toml');
  fs.writeFileSync(hand, `basis = ${JSON.stringify(path.join(map, 'scenarios/basis.toml'))}\ninburgeringsvoorzieningen = "routes"\n\n[instroom]\nfactoren = [{ van = 2026, tot = 2026, factor = 1.5 }]\n`);
  gelijk(watalsSaldo, cliSaldo(hand, 'SDD', 2026), 'saldo SDD 2026 wat-als (pagina = CLI op het gelijkwaardige scenario)');
  const verschil = await cel('SDD', '2026').locator('.verschil').textContent();
  console.log('ok: verschil naast het bedrag: ' + verschil);
  await foto('wat-als');

  // Invalid input is shown at the field; the last valid result stays.
  await page.locator('input[name="fte.2026.procesregie"]').fill('-3');
  await page.locator('.veldfout').first().waitFor();
  const melding = await page.locator('.veldfout').first().textContent();
  if (!melding.includes('negatief')) fail('field error: ' + melding);
  gelijk(await cel('SDD', '2026').getAttribute('data-waarde'), watalsSaldo, 'laatste geldige resultaat blijft staan');
  await foto('ongeldige-invoer');
  await page.locator('input[name="fte.2026.procesregie"]').fill(await page.locator('input[name="fte.2026.procesregie"]').getAttribute('value'));
  await page.waitForFunction(() => document.querySelectorAll('.veldfout').length === 0);

  // 4. Save as a scenario.
  await page.locator('#opslaan-naam').fill('e2e_routes_instroom');
  await page.locator('#opslaan-omschrijving').fill('Routekosten en 50 % meer instroom in 2026 (e2e)');
  await page.getByRole('button', { name: 'Opslaan als scenario' }).click();
  await page.locator('#opgeslagen-link').waitFor();
  await foto('opgeslagen');
  const bestand = path.join(map, 'scenarios/e2e_routes_instroom.toml');
  if (!fs.existsSync(bestand)) fail('saved file missing');
  gelijk(cliSaldo(bestand, 'SDD', 2026), watalsSaldo, 'CLI op het opgeslagen scenario');

  // 5. Reload: the start page lists it, its page shows the same figure.
  await page.goto(url);
  await page.getByRole('link', { name: 'e2e_routes_instroom', exact: true }).waitFor();
  await page.getByRole('link', { name: 'e2e_routes_instroom', exact: true }).click();
  await page.getByRole('heading', { name: 'Scenario e2e_routes_instroom' }).waitFor();
  gelijk(await cel('SDD', '2026').getAttribute('data-waarde'), watalsSaldo, 'saldo na herladen');
  await foto('herladen');

  // Trace a figure to its bookings.
  await cel('Dordrecht', '2026').click();
  await page.locator('#spoor .spoortabel').waitFor();
  await foto('herkomst');
  await page.locator('#spoor-sluit').click();

  // 6. Compare.
  await page.goto(url);
  await page.locator('input[name=s][value="basis"]').check();
  await page.locator('input[name=s][value="e2e_routes_instroom"]').check();
  await page.getByRole('button', { name: "Vergelijk de aangevinkte scenario's" }).click();
  await page.getByText('Δ e2e_routes_instroom').first().waitFor();
  await foto('vergelijk');

  // 7. Download the workbook of the scenario on screen.
  await page.goto(url + 'scenario/e2e_routes_instroom');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Werkboek (xlsx)' }).click(),
  ]);
  const xlsx = path.join(uit, download.suggestedFilename());
  await download.saveAs(xlsx);
  const kop = fs.readFileSync(xlsx).subarray(0, 2).toString();
  gelijk(kop, 'PK', 'werkboek is een xlsx (zip)');
  console.log('download: ' + xlsx);
  await foto('download');

  if (extern.length) fail('requests left the machine: ' + extern.join(', '));
  console.log('e2e: alle stappen geslaagd');
} finally {
  await browser.close();
}
