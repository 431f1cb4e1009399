// What the browser journeys share: TAP output, the demonstration data of a
// service imported first, Debian's Chromium driven by playwright-core with a
// signed-in visitor's cookie (so that nginx's page cache never answers with
// a page from before the import), and every console error or failed
// request collected and reported at the end.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
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
export async function journey(service, steps, { signedOut = false, context: contextOptions = {} } = {}) {
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
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 },
                                               ...contextOptions });
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

// The tests' authenticator app.  Two-step sign-in's codes (RFC 6238:
// HMAC-SHA1 of the 30-second step since 1970, 6 digits), computed with
// node's crypto from the base32 secret the enrolment page shows.
export function totp(secret, step = Math.floor(Date.now() / 30000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', bytes = [];
  let bits = 0, value = 0;
  for (const c of secret.trim().replace(/=+$/, '')) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', Buffer.from(bytes)).update(counter).digest(), o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The secrets of the accounts it turned two-step sign-in on for, by email,
// with the last step each used: the portal refuses a code of a step at or
// before it, so a fresh code is now's or the next step's, after a wait
// when both are used.
const secrets = new Map();
export async function codeFor(email) {
  const a = secrets.get(email);
  for (;;) {
    const now = Math.floor(Date.now() / 30000), step = Math.max(now, a.lastStep + 1);
    if (step <= now + 1) { a.lastStep = step; return totp(a.secret, step); }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// Turn two-step sign-in on for the page's signed-in account through the
// enrolment page (its secret and account read from it); the page then shows
// the recovery codes, which it answers with.
export async function enrol(page, base) {
  await page.goto(base + '/account/two-factor');
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  const uri = await page.locator('#totp-uri').innerText();
  const email = decodeURIComponent(uri.match(/^otpauth:\/\/totp\/[^:]*:([^?]*)/)[1]);
  secrets.set(email, { secret, lastStep: 0 });
  await page.fill('#code', await codeFor(email));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/account/two-factor"] button[type=submit]')]);
  return page.locator('.recovery-codes code').allInnerTexts();
}

// Forget an account's secret (two-step sign-in turned off).
export function forget(email) { secrets.delete(email); }

// Log in through the form; an account whose secret the authenticator holds
// gets the second step too.  Administrators and data stewards need two-step
// sign-in for the console: when it sends the account to turn it on, that
// is done once, through the page, and the visitor is back where the log-in
// left it.
export async function logIn(page, base, email, password) {
  await page.goto(base + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  if (new URL(page.url()).pathname === '/login/two-factor' && secrets.has(email)) {
    await page.fill('#code', await codeFor(email));
    await Promise.all([page.waitForNavigation(), page.press('#code', 'Enter')]);
  }
  if (secrets.has(email)) return;
  // Asked aside (not a page of the journey): a console role without two-step sign-in.
  const probe = await page.context().request.get(base + '/admin', { maxRedirects: 0 });
  if (probe.status() === 303 && probe.headers().location === '/account/two-factor') {
    const back = page.url();
    await enrol(page, base);
    await page.goto(back);
  }
}

export async function logOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
}
