// Browser journey through the referentials, as a regulatory officer takes it:
// home → Referentials → a list → a term → its translations → search → export.
// Runs on the demonstration data, which it imports first.  Keyboard use is
// checked on the search form; screenshots go to tests/browser/out/.
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
  ['-c', process.env.SPOR_CONFIG, 'import', 'rms', join(root, 'db', 'demo', 'rms.json')]);

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
  await page.click('nav.site-nav >> text=Referentials');
  ok(new URL(page.url()).pathname === '/rms/lists', 'the navigation leads to the term lists');
  ok(await page.locator('h1').innerText() === 'Term lists', 'the lists page');

  await page.click('text=Combined pharmaceutical dose form');
  ok(/\/rms\/lists\/200000000006$/.test(page.url()), 'a list opens');
  ok(await page.locator('table.data-table tbody tr').count() >= 6, 'its terms are listed');
  await page.fill('#q', 'poudre buvable');
  await page.selectOption('#lang', 'fr');
  await page.click('form.filters button[type=submit]');
  ok(await page.locator('text=Poudre et solvant pour solution buvable').count() === 1,
     'searching the list, with names in French');
  await page.screenshot({ path: join(out, 'rms-list.png'), fullPage: true });

  await page.click('text=Poudre et solvant pour solution buvable');
  ok(/\/rms\/terms\/100000073366$/.test(page.url()), 'a term opens');
  ok(await page.locator('h1').innerText() === 'Powder and solvent for oral solution', 'the term page');
  await page.click('nav.page-toc >> text=Translations');
  ok(page.url().endsWith('#translations'), 'the translations are one link away');
  ok(await page.locator('#translations ~ div tr[lang=de]').count() === 1, 'the German translation is there');
  await page.screenshot({ path: join(out, 'rms-term.png'), fullPage: true });

  // Search from the keyboard only.
  await page.goto(base + '/rms/search');
  await page.focus('#q');
  await page.keyboard.type('lyophilisat emulsion');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  ok(await page.locator('.hit-list li').count() >= 1, 'the search finds the term from the keyboard');
  ok(await page.locator('.hit-list mark').count() >= 2, 'the matched words are highlighted');
  await page.screenshot({ path: join(out, 'rms-search.png'), fullPage: true });
  await page.click('.hit-list a[href="/rms/terms/200000004820"]');
  ok(/\/rms\/terms\/200000004820$/.test(page.url()), 'a result opens its term');

  // The export of the list, as a download.
  await page.goto(base + '/rms/lists/200000000006?status=CURRENT');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.exports >> text=CSV')]);
  const csv = readFileSync(await download.path(), 'utf8');
  ok(download.suggestedFilename() === '200000000006.csv', 'the export downloads as 200000000006.csv');
  ok(csv.startsWith('\ufeff"List ID"') && !/NULLIFIED/.test(csv), 'the export holds the filtered terms, with the BOM');

  ok(problems.length === 0, 'no console errors or failed requests');
  for (const p of problems) console.log(`# ${p}`);
} catch (e) {
  ok(false, `journey: ${e.message}`);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
