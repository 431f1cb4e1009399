// What the browser journeys share: TAP output, the demonstration data of a
// service imported first, Debian's Chromium driven by playwright-core with a
// signed-in visitor's cookie (so that nginx's page cache never answers with
// a page from before the import), and every console error or failed
// request collected and reported at the end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// The demonstration data of a service ('rms' or 'oms'), imported through
// sporctl (an import of the same data again changes nothing).
export function importDemo(service) {
  execFileSync(join(process.env.SPOR_TEST_BUILD, 'cgi', 'sporctl'),
    ['-c', process.env.SPOR_CONFIG, 'import', service, join(here, '..', '..', 'db', 'demo', `${service}.json`)]);
}

// journey('rms', async ({ page, base, ok, shot }) => { ... }): runs the
// steps, prints the plan and exits (1 when a check failed).  With
// { signedOut: true } the visitor starts with no cookie at all.
export async function journey(service, steps, { signedOut = false } = {}) {
  let n = 0, failed = 0;
  const ok = (cond, name) => { n++; if (!cond) failed++; console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`); };

  const base = process.env.SPOR_TEST_URL;
  if (!base || !process.env.SPOR_TEST_BUILD) { console.log('1..0 # SKIP no running portal'); process.exit(0); }

  const out = join(here, 'out');
  mkdirSync(out, { recursive: true });
  importDemo(service);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.SPOR_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    if (!signedOut) await context.addCookies([{ name: 'spor_session', value: 'tests', url: base }]);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
    const shot = (name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });

    await steps({ page, base, ok, shot });

    ok(problems.length === 0, 'no console errors or failed requests');
    for (const p of problems) console.log(`# ${p}`);
  } catch (e) {
    ok(false, `journey: ${e.message}`);
  } finally {
    await browser.close();
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

// The newest message to `to` holding `needle` in the SMTP sink's folder,
// waiting up to 10 s for it ('' if none came).
export async function mailTo(to, needle) {
  const dir = process.env.SPOR_MAIL;
  for (let i = 0; i < 100; i++) {
    // The sink writes a message under a dot-name, then renames it: skip
    // those, and a file that went away between listing and reading.
    const read = (f) => { try { return readFileSync(join(dir, f), 'utf8'); } catch { return ''; } };
    const found = readdirSync(dir).filter((f) => !f.startsWith('.')).sort().reverse()
      .map(read)
      .find((m) => m.includes(`To: <${to}>`) && m.includes(needle));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return '';
}

// Register through the form and follow the link of the verification mail.
export async function register(page, base, name, email, password) {
  await page.goto(base + '/register');
  await page.fill('#name', name);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.fill('#password_confirm', password);
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  const mail = await mailTo(email, '/register/verify?token=');
  const link = (mail.match(/https?:\/\/\S+\/register\/verify\?token=[A-Za-z0-9_-]{43}/) || [''])[0];
  if (!link) return false;
  await page.goto(base + new URL(link).pathname + new URL(link).search);
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  return (await page.locator('h1').innerText()) === 'Email address confirmed';
}

export async function logIn(page, base, email, password) {
  await page.goto(base + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
}

export async function logOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
}
