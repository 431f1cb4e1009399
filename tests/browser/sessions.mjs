// Browser journey of where an account is logged in: Sam registers and logs
// in with this browser (Chromium), and again with another one that says it
// is Firefox on Windows → from the account page, the sessions page lists
// both by name, this one marked → at 375 px, in English, French and
// German, nothing scrolls sideways, not even inside the table → Sam logs
// the other one out with the password → the page confirms it, and the
// other browser is sent to log in.  Screenshots go to tests/browser/out/.
import { journey, logIn, register } from './journey.mjs';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0';

await journey('rms', async ({ page, base, ok, shot }) => {
  const email = `sam.${Date.now()}@sessions.test`, password = 'a journey passphrase';
  const submit = (selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);
  // At 375 px: the page does not scroll sideways, nor does the table's frame.
  const narrow = async (name) => {
    const { page: sideways, frame } = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
               frame: wrap ? wrap.scrollWidth - wrap.clientWidth : 0 };
    });
    ok(sideways <= 0 && frame <= 0, `${name}: fits 375 px (${sideways} px sideways, ${frame} px in the table)`);
    await shot(name);
  };

  ok(await register(page, base, 'Sam Sessions', email, password), 'Sam registers');
  await logIn(page, base, email, password);
  const other = await (await page.context().browser().newContext({ userAgent: FIREFOX })).newPage();
  await logIn(other, base, email, password);
  ok(new URL(other.url()).pathname === '/account', 'and logs in with another browser too');

  await page.goto(`${base}/account`);
  await submit('main a[href="/account/sessions"]');
  ok(await page.locator('h1').innerText() === 'Where you are logged in', 'the account page leads to the sessions');
  const rows = page.locator('table.data-table tbody tr');
  ok(await rows.count() === 2, 'two sessions are listed');
  ok(await rows.filter({ hasText: 'Chrome on Linux' }).locator('.badge', { hasText: 'This session' }).count() === 1,
     'this one, Chrome on Linux, is marked');
  const firefox = rows.filter({ hasText: 'Firefox on Windows' });
  ok(await firefox.count() === 1 && await firefox.locator('a[href^="/account/sessions/"]').count() === 1,
     'the other, Firefox on Windows, has a link to log it out');
  await shot('sessions');

  await page.setViewportSize({ width: 375, height: 800 });
  await narrow('sessions-375');
  await page.goto(`${base}/account/sessions?lang=fr`);
  ok(await page.locator('h1').innerText() === 'Où votre compte est connecté', 'in French');
  ok(await page.locator('table.data-table').innerText().then((t) => t.includes('Firefox sous Windows')),
     'Firefox sous Windows');
  await narrow('sessions-fr-375');
  await page.goto(`${base}/account/sessions?lang=de`);
  ok(await page.locator('h1').innerText() === 'Wo Sie angemeldet sind', 'in German');
  ok(await page.locator('table.data-table').innerText().then((t) => t.includes('Firefox unter Windows')),
     'Firefox unter Windows');
  await narrow('sessions-de-375');

  // A ?lang= lasts (it is Sam's preference now): back to English the same way.
  await page.goto(`${base}/account/sessions?lang=en`);
  await submit('table.data-table tr:has-text("Firefox on Windows") a');
  ok(await page.locator('h1').innerText() === 'Log out a session' &&
     (await page.locator('main dl').innerText()).includes('Firefox on Windows'), 'its page says which one');
  await narrow('session-end-375');
  await page.fill('#current_password', password);
  await submit('form.form button.button-danger');
  ok(await page.locator('.notice-success').innerText() === 'The session is logged out.', 'confirmed');
  ok(await rows.count() === 1 && await page.locator('main >> text=Your account is logged in nowhere else.').count() === 1,
     'only this one is left');
  await other.goto(`${base}/account`);
  ok(new URL(other.url()).pathname === '/login', 'the other browser is sent to log in');
  await other.context().close();
}, { signedOut: true });
