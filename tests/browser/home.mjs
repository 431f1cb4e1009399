// Browser test: the home page in Debian's Chromium, driven by playwright-core.
// It renders, loads its stylesheet, has no console errors, works from the
// keyboard (skip link), and a screenshot is kept under tests/browser/out/.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let n = 0, failed = 0;
const ok = (cond, name) => { n++; if (!cond) failed++; console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`); };

const base = process.env.SPOR_TEST_URL;
if (!base) { console.log('1..0 # SKIP no running portal (SPOR_TEST_URL unset)'); process.exit(0); }

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import('playwright-core');
const out = join(here, 'out');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.SPOR_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // As the HTTP tests do: a signed-in visitor's cookie bypasses nginx's page cache.
  await context.addCookies([{ name: 'spor_session', value: 'tests', url: base }]);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });

  const resp = await page.goto(base + '/', { waitUntil: 'load' });
  ok(resp.status() === 200, 'home page loads');
  ok((await page.title()) === 'Home | SPOR portal', 'page title');
  ok((await page.locator('h1').innerText()).includes('SPOR master data'), 'main heading');
  ok(await page.locator('.card').count() === 4, 'four service cards');
  const headerBg = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
  ok(headerBg === 'rgb(0, 68, 148)', `stylesheet applied (header ${headerBg})`);

  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
  ok(focused === 'skip-link', 'the first Tab reaches the skip link');
  const top = await page.locator('.skip-link').evaluate((e) => e.getBoundingClientRect().top);
  ok(top >= 0, 'the focused skip link is visible');
  await page.keyboard.press('Enter');
  ok(page.url().endsWith('#main'), 'the skip link leads to the main content');

  await page.screenshot({ path: join(out, 'home.png'), fullPage: true });
  ok(true, 'screenshot saved to tests/browser/out/home.png');

  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  ok(!overflow, 'no horizontal scrolling on a phone-sized screen');
  await page.screenshot({ path: join(out, 'home-mobile.png'), fullPage: true });

  await page.goto(base + '/sms');
  await page.click('text=Browse the term lists');
  ok(new URL(page.url()).pathname === '/rms/lists', 'links lead into RMS');

  ok(problems.length === 0, 'no console errors, failed or 4xx/5xx requests');
  for (const p of problems) console.log(`# ${p}`);
} catch (e) {
  ok(false, `browser journey: ${e.message}`);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
