// Browser journey through the organisations, as a regulatory officer takes it:
// home → Organisations → a search typed from the keyboard → an organisation →
// one of its locations → back through the breadcrumb → filters → the CSV
// export.  Runs on the demonstration data, which it imports first;
// screenshots go to tests/browser/out/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let n = 0, failed = 0;
const ok = (cond, name) => { n++; if (!cond) failed++; console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`); };

const base = process.env.SPOR_TEST_URL;
if (!base || !process.env.SPOR_TEST_BUILD) { console.log('1..0 # SKIP no running portal'); process.exit(0); }

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
execFileSync(join(process.env.SPOR_TEST_BUILD, 'cgi', 'sporctl'),
  ['-c', process.env.SPOR_CONFIG, 'import', 'oms', join(root, 'db', 'demo', 'oms.json')]);

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.SPOR_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  // As the HTTP tests do: a signed-in visitor's cookie, so that nginx's page
  // cache never answers with a page from before this journey's import.
  await context.addCookies([{ name: 'spor_session', value: 'tests', url: base }]);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });

  await page.goto(base + '/');
  await page.click('nav.site-nav >> text=Organisations');
  ok(new URL(page.url()).pathname === '/oms/organisations', 'the navigation leads to the organisations');
  ok(await page.locator('h1').innerText() === 'Organisations', 'the organisations page');
  ok(await page.locator('nav.site-nav a[aria-current="page"]').innerText() === 'Organisations',
     'the navigation marks where we are');
  ok(await page.locator('table.data-table tbody tr').count() >= 39, 'the organisations are listed');

  // The search box from the keyboard: Tab until it has the focus, type, Enter.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'q');
  }
  ok(reached, 'the search box is reached with Tab');
  await page.keyboard.type('exemple pharma');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  ok(url.pathname === '/oms/organisations' && url.searchParams.get('q') === 'exemple pharma',
     'Enter submits the search');
  const rows = page.locator('table.data-table tbody tr');
  ok(await rows.count() === 2, 'two organisations have both words');
  ok(await page.locator('table.data-table >> text=Exemple Pharma SA').count() === 1, 'Exemple Pharma SA is one');
  ok(await page.locator('#q').inputValue() === 'exemple pharma', 'the search box keeps the words');
  await page.screenshot({ path: join(out, 'oms-search.png'), fullPage: true });

  await page.click('table.data-table >> text=Exemple Pharma SA');
  ok(/\/oms\/organisations\/ORG-100000001$/.test(page.url()), 'an organisation opens');
  ok(await page.locator('h1').innerText() === 'Exemple Pharma SA', 'the organisation page');
  ok(await page.locator('#locations ~ div table tbody tr').count() === 2, 'its two locations are listed');
  ok(await page.locator('text=ORG-100000099').count() === 1, 'the ID merged into it is shown');
  await page.screenshot({ path: join(out, 'oms-organisation.png'), fullPage: true });

  await page.click('a[href="/oms/locations/LOC-100001001"]');
  ok(/\/oms\/locations\/LOC-100001001$/.test(page.url()), 'a location opens');
  ok(await page.locator('h1').innerText() === 'Exemple Pharma SA, Paris', 'the location page');
  const address = await page.locator('address').innerText();
  ok(address.includes("12 rue de l'Exemple") && address.includes('Bâtiment B') && address.includes('75012 Paris') &&
     address.includes('France'), 'the address, laid out as one');
  await page.screenshot({ path: join(out, 'oms-location.png'), fullPage: true });

  await page.click('nav.breadcrumb >> text=Exemple Pharma SA');
  ok(/\/oms\/organisations\/ORG-100000001$/.test(page.url()), 'the breadcrumb leads back to the organisation');
  await page.click('nav.breadcrumb >> text=Organisations');
  ok(new URL(page.url()).pathname === '/oms/organisations', 'and from there to the search');

  // Filters, then the export of what they select, as a download.
  await page.selectOption('#country', 'FR');
  await page.selectOption('#status', 'ACTIVE');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  const filtered = new URL(page.url());
  ok(filtered.searchParams.get('country') === 'FR' && filtered.searchParams.get('status') === 'ACTIVE',
     'the filters are submitted');
  ok(await page.locator('table.data-table >> text=Exemple Pharma SA').count() === 1 &&
     await page.locator('table.data-table >> text=Laboratoires Français').count() === 0,
     'the filters select the active French organisations');
  const csvHref = await page.locator('p.exports >> text=CSV').getAttribute('href');
  ok(/^\/oms\/export\.csv\?/.test(csvHref) && /country=FR/.test(csvHref) && /status=ACTIVE/.test(csvHref),
     'the export link carries the filters');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.exports >> text=CSV')]);
  const csv = readFileSync(await download.path(), 'utf8');
  ok(download.suggestedFilename() === 'organisations.csv', 'the export downloads as organisations.csv');
  ok(/^\ufeff"?Organisation ID"?,"?Organisation Name"?,/.test(csv), 'with the BOM and the column names');
  ok(csv.includes('ORG-100000001') && csv.includes('LOC-100001002') && !csv.includes('ORG-100000003') &&
     !csv.includes('ORG-100000004'), 'holding the filtered organisations, one row per location');
  const res = await page.request.get(base + csvHref, { headers: { Cookie: 'spor_session=tests' } });
  ok(res.status() === 200 && /^text\/csv/.test(res.headers()['content-type'] || '') &&
     /attachment/.test(res.headers()['content-disposition'] || ''), 'its response headers');

  ok(problems.length === 0, 'no console errors or failed requests');
  for (const p of problems) console.log(`# ${p}`);
} catch (e) {
  ok(false, `journey: ${e.message}`);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
