// Browser journey of two-step sign-in: Tess registers and opens the page of
// two-step sign-in from her account → the page shows the QR code and the
// key; the journey reads the base32 key from the page, computes the code as
// an authenticator app would (node's crypto) and turns it on → ten recovery
// codes, and a mail → she logs out and in again: after the password the
// second step asks for the code, which signs her in → a recovery code
// signs her in once → she turns it off with her password and a code, and
// on again in German; the pages in French and German at 375 px wide.
// Screenshots go to tests/browser/out/.
import { journey, logOut, mailTo, register, totp } from './journey.mjs';

await journey('rms', async ({ page, base, ok, shot }) => {
  const email = `tess.${Date.now()}@twofactor.test`, password = 'a journey passphrase';
  const submit = (selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);
  const step = () => Math.floor(Date.now() / 30000);
  // Codes of steps not used yet: the portal refuses a step it has seen.
  let lastStep = 0;
  const fresh = async (secret) => {
    while (Math.max(step(), lastStep + 1) > step() + 1) await new Promise((r) => setTimeout(r, 1000));
    lastStep = Math.max(step(), lastStep + 1);
    return totp(secret, lastStep);
  };
  // A screenshot at 375 px, checking that nothing scrolls sideways there.
  const narrow = async (name) => {
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(sideways <= 0, `${name}: fits 375 px (${sideways} px sideways)`);
    await shot(name);
  };
  const passwordStep = async () => {
    await page.goto(`${base}/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await submit('form.form button[type=submit]');
  };

  ok(await register(page, base, 'Tess Journey', email, password), 'Tess registers');
  await passwordStep();
  ok(new URL(page.url()).pathname === '/account', 'without two-step sign-in, the password signs her in');
  await submit('main a[href="/account/two-factor"]');
  ok(await page.locator('svg.qr path').count() === 1, 'the page shows the QR code');
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  const uri = await page.locator('#totp-uri').innerText();
  ok(/^[A-Z2-7]{32}$/.test(secret), `and the key as upper-case base32 (${secret})`);
  ok(uri.startsWith(`otpauth://totp/SPOR%20portal:${email}?secret=${secret}&issuer=SPOR%20portal`),
     'and the address an app reads');
  await shot('two-factor-enrol');
  await page.fill('#code', await fresh(secret));
  await submit('form[action="/account/two-factor"] button[type=submit]');
  const codes = await page.locator('.recovery-codes code').allInnerTexts();
  ok(codes.length === 10 && codes.every((c) => /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/.test(c)),
     'the app\'s code turns it on; ten recovery codes are shown');
  await shot('two-factor-codes');
  ok((await mailTo(email, 'Two-step sign-in has just been turned on')) !== '', 'Tess is told by email');
  await submit('main a.button');
  ok(await page.locator('main >> text=Two-step sign-in').first().count() === 1, 'back on her account');
  await logOut(page);

  // The password, then the code.
  await passwordStep();
  ok(new URL(page.url()).pathname === '/login/two-factor', 'after the password, the second step');
  ok(!(await page.context().cookies()).some((c) => c.name === 'spor_session' && c.value !== 'tests'),
     'and no session yet');
  await shot('two-factor-step');
  await page.fill('#code', await fresh(secret));
  await submit('form.form button[type=submit]');
  ok(new URL(page.url()).pathname === '/account', 'the code signs her in');
  ok((await page.locator('.signed-in').innerText()).includes('Tess Journey'), 'the header says so');
  await logOut(page);

  // A recovery code, once (the refusal in a tab of its own: its 401 is expected).
  await passwordStep();
  await page.fill('#code', codes[0].toUpperCase());
  await submit('form.form button[type=submit]');
  ok(new URL(page.url()).pathname === '/account', 'a recovery code signs her in');
  const side = await (await page.context().browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await side.goto(`${base}/login`);
  await side.fill('#email', email);
  await side.fill('#password', password);
  await Promise.all([side.waitForNavigation(), side.click('form.form button[type=submit]')]);
  await side.fill('#code', codes[0]);
  const [refused] = await Promise.all([side.waitForNavigation(), side.click('form.form button[type=submit]')]);
  ok(refused.status() === 401 && await side.locator('#code-error').count() === 1, 'but only once');
  await side.screenshot({ path: new URL('out/two-factor-step-error.png', import.meta.url).pathname, fullPage: true });
  await side.context().close();

  // Narrow, in French: the page of two-step sign-in when on; off with the password and a code.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr' });
  await page.goto(`${base}/account/two-factor`);
  ok(await page.locator('h1').innerText() === 'Connexion en deux étapes', 'in French');
  await narrow('two-factor-on-fr-375');
  await page.fill('#current_password', password);
  await page.fill('#code', await fresh(secret));
  await submit('button.button-danger');
  ok(new URL(page.url()).pathname === '/account' && await page.locator('.notice-success').count() === 1,
     'her password and a code turn it off');
  ok((await mailTo(email, 'Two-step sign-in has just been turned off')) !== '',
     'and she is told by email in her own language, whatever the page\'s (she chose none: English)');

  // On again, in German, at 375 px.
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'de' });
  await page.goto(`${base}/account/two-factor`);
  ok(await page.locator('h1').innerText() === 'Zweistufige Anmeldung', 'in German');
  await narrow('two-factor-enrol-de-375');
  await page.goto(`${base}/account/two-factor?lang=fr`);
  await narrow('two-factor-enrol-fr-375');
  await page.goto(`${base}/account/two-factor`);
  const again = (await page.locator('#totp-secret').textContent()).trim();
  ok(again !== secret, 'turned off, the next enrolment has a new key');
  lastStep = 0;
  await page.fill('#code', await fresh(again));
  await submit('form[action="/account/two-factor"] button[type=submit]');
  ok(await page.locator('.recovery-codes code').count() === 10, 'on again');
  await narrow('two-factor-codes-de-375');
  await logOut(page);
  await passwordStep();
  ok(await page.locator('h1').innerText() === 'Code eingeben', 'the second step in German');
  await narrow('two-factor-step-de-375');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr' });
  await passwordStep();
  ok(await page.locator('h1').innerText() === 'Saisissez votre code', 'and in French');
  await narrow('two-factor-step-fr-375');
  await page.fill('#code', await fresh(again));
  await submit('form.form button[type=submit]');
  ok(new URL(page.url()).pathname === '/account', 'and she signs in');
}, { signedOut: true });
