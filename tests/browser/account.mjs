// Browser journey of a new user: register → open the verification link
// from the mail the local SMTP sink received → confirm → log in → follow a
// list with its star → switch the interface to French in the preferences →
// see another page in French → log out, which the page it lands on says.  Starts with no cookie at all;
// screenshots go to tests/browser/out/.
import { journey, mailTo } from './journey.mjs';

await journey('rms', async ({ page, base, ok, shot }) => {
  const email = `journey.${Date.now()}@accounts.test`, password = 'a journey passphrase';

  await page.goto(base + '/');
  await page.click('header >> text=Register');
  ok(new URL(page.url()).pathname === '/register', 'the header leads to the registration');
  await page.fill('#name', 'Journey Tester');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.fill('#password_confirm', password);
  await shot('account-register');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  ok(await page.locator('h1').innerText() === 'Check your email', 'the portal asks to check the mail');

  const mail = await mailTo(email, '/register/verify?token=');
  const link = (mail.match(/https?:\/\/\S+\/register\/verify\?token=[A-Za-z0-9_-]{43}/) || [''])[0];
  ok(link !== '', 'the SMTP sink received the verification mail with its link');
  await page.goto(base + new URL(link).pathname + new URL(link).search);
  ok(await page.locator('h1').innerText() === 'Confirm your email address', 'the link opens the confirmation');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  ok(await page.locator('h1').innerText() === 'Email address confirmed', 'the account is active');

  await page.click('main a.button[href="/login"]');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  ok(new URL(page.url()).pathname === '/account', 'logged in, on the account page');
  ok((await page.locator('.signed-in').innerText()).includes('Journey Tester'), 'the header says who is signed in');
  await shot('account-home');

  await page.goto(base + '/rms/lists');
  await page.click('table.data-table tbody tr:first-child a');
  await Promise.all([page.waitForNavigation(), page.click('form.favourite button')]);
  ok(await page.locator('form.favourite button').getAttribute('aria-pressed') === 'true', 'the star follows the list');

  await page.goto(base + '/account');
  await page.click('main a[href="/account/preferences"]');
  await page.selectOption('#ui_lang', 'fr');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  ok(await page.getAttribute('html', 'lang') === 'fr', 'the interface is French at once');
  ok(await page.locator('h1').innerText() === 'Préférences', 'the preferences page in French');
  await shot('account-preferences-fr');
  await page.click('nav.site-nav >> text=Organisations');
  ok((await page.locator('.signed-in').innerText()).startsWith('Connecté en tant que'),
     'other pages too (spor-public)');

  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
  ok(new URL(page.url()).pathname === '/login' &&
     (await page.locator('main .notice-success').innerText()).includes('You have logged out'),
     'logging out lands on the sign-in page, which says so');
  ok(await page.locator('.signed-in').count() === 0 && await page.locator('header >> text=Log in').count() === 1,
     'signed out: the header offers to log in again');
  await page.goto(base + '/account');
  ok(new URL(page.url()).pathname === '/login', 'the account page asks to log in');
  await shot('account-logged-out');
}, { signedOut: true });
