// Browser journey of the approval chain: Uma asks to be super user of an
// organisation → an administrator approves in the console → Viktor asks to
// be industry user of it → Uma, now its super user, approves in her console
// → both see their roles.  Accounts are registered through the forms, the
// administrator made with sporctl create-admin; screenshots go to
// tests/browser/out/.
import { execFileSync } from 'node:child_process';

import { journey, logIn, logOut, register } from './journey.mjs';

await journey('oms', async ({ page, base, ok, shot }) => {
  const run = Date.now(), password = 'a journey passphrase';
  const admin = `admin.${run}@roles.test`, uma = `uma.${run}@roles.test`, viktor = `viktor.${run}@roles.test`;
  execFileSync(`${process.env.SPOR_TEST_BUILD}/cgi/sporctl`, ['-c', process.env.SPOR_CONFIG, 'create-admin', admin],
               { input: `${password}\n` });
  ok(await register(page, base, 'Uma Journey', uma, password), 'Uma registers');
  ok(await register(page, base, 'Viktor Journey', viktor, password), 'Viktor registers');

  // Uma asks to be super user of Farmaceutici Esempio.
  await logIn(page, base, uma, password);
  await page.click('main a[href="/account/roles"]');
  ok(await page.locator('dl.role-catalogue >> text=SPOR Industry Super User').count() === 1,
     'the roles are described before choosing');
  await page.fill('#q', 'Farmaceutici');
  await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
  await Promise.all([page.waitForNavigation(), page.click('main >> text=Farmaceutici Esempio S.p.A.')]);
  await page.check('#role-INDUSTRY_SUPER_USER');
  await page.fill('#justification', 'I manage the regulatory data of Farmaceutici Esempio.');
  await shot('roles-request');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  ok((await page.locator('.notice-success').innerText()).includes('Your request is sent'), 'the request is sent');
  ok(await page.locator('#requests ~ div >> text=Waiting').count() >= 1, 'it waits');
  await logOut(page);

  // The administrator approves it.
  await logIn(page, base, admin, password);
  await page.goto(base + '/admin');
  await Promise.all([page.waitForNavigation(), page.click('main >> text=Open the queue')]);
  await Promise.all([page.waitForNavigation(),
                     page.click('table.data-table tr:has-text("Uma Journey") a')]);
  await shot('roles-decide');
  await Promise.all([page.waitForNavigation(), page.click('button[value=approve]')]);
  ok((await page.locator('.notice-success').innerText()).includes('decision is recorded'), 'the administrator approves');
  await logOut(page);

  // Viktor asks to be industry user of it.
  await logIn(page, base, viktor, password);
  await page.goto(base + '/oms/organisations/ORG-100000008');
  await Promise.all([page.waitForNavigation(), page.click('main >> text=Request a role for this organisation')]);
  ok(await page.locator('.panel >> text=Farmaceutici Esempio S.p.A.').count() === 1,
     "the organisation's page leads to the request form");
  await page.check('#role-INDUSTRY_USER');
  await page.fill('#justification', 'I prepare the submissions of Farmaceutici Esempio.');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  ok((await page.locator('.notice-success').innerText()).includes('Your request is sent'), "Viktor's request is sent");
  await logOut(page);

  // Uma, its super user now, approves Viktor.
  await logIn(page, base, uma, password);
  await page.goto(base + '/admin');
  ok(await page.locator('h1').innerText() === 'Console', 'Uma has a console now');
  await Promise.all([page.waitForNavigation(), page.click('main >> text=Open the queue')]);
  await Promise.all([page.waitForNavigation(),
                     page.click('table.data-table tr:has-text("Viktor Journey") a')]);
  await Promise.all([page.waitForNavigation(), page.click('button[value=approve]')]);
  ok((await page.locator('.notice-success').innerText()).includes('decision is recorded'), 'Uma approves Viktor');
  await page.goto(base + '/account/roles');
  ok(await page.locator('#held ~ div >> text=SPOR Industry Super User').count() === 1, 'Uma sees her role');
  await logOut(page);

  await logIn(page, base, viktor, password);
  await page.goto(base + '/account/roles');
  ok(await page.locator('#held ~ div >> text=SPOR Industry User').count() === 1, 'Viktor sees his');
  await shot('roles-held');
  await logOut(page);
}, { signedOut: true });
