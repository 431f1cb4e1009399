// Browser journey of a change request: Ivy (an industry user) proposes a new
// term → Sam (a data steward) returns it with a question → Ivy answers and
// resubmits → Sam validates and approves → the term appears as provisional
// on the public list page, with its history naming the request.  Roles are
// given through the console by an administrator made with sporctl;
// screenshots go to tests/browser/out/.
import { execFileSync } from 'node:child_process';

import { journey, logIn, logOut, register } from './journey.mjs';

await journey('rms', async ({ page, base, ok, shot }) => {
  const run = Date.now(), password = 'a journey passphrase', term = `Journey film ${run}`;
  const admin = `admin.${run}@changes.test`, ivy = `ivy.${run}@changes.test`, sam = `sam.${run}@changes.test`;
  execFileSync(`${process.env.SPOR_TEST_BUILD}/cgi/sporctl`, ['-c', process.env.SPOR_CONFIG, 'create-admin', admin],
               { input: `${password}\n` });
  ok(await register(page, base, 'Ivy Journey', ivy, password) && await register(page, base, 'Sam Journey', sam, password),
     'Ivy and Sam register');
  const submit = (selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

  // Ivy asks for a role; the administrator approves it and makes Sam a steward.
  await logIn(page, base, ivy, password);
  await page.goto(base + '/account/roles?org=ORG-100000011');
  await page.check('#role-INDUSTRY_USER');
  await page.fill('#justification', 'I prepare the submissions of my company.');
  await submit('form.form button[type=submit]');
  await logOut(page);
  await logIn(page, base, admin, password);
  await page.goto(base + '/admin/role-requests');
  await submit('table.data-table tr:has-text("Ivy Journey") a');
  await submit('button[value=approve]');
  await page.goto(base + `/admin/users?q=${encodeURIComponent(sam)}`);
  await submit('table.data-table a:has-text("Sam Journey")');
  await page.selectOption('#grant-role', 'DATA_STEWARD');
  await submit('form.form button[type=submit]');
  ok((await page.locator('.notice-success').innerText()).includes('role is granted'), 'Sam becomes a data steward');
  await logOut(page);

  // Ivy proposes a term.
  await logIn(page, base, ivy, password);
  await page.goto(base + '/rms/lists');
  await submit('table.data-table tbody tr:first-child a');
  const listUrl = page.url();
  await submit('main >> text=Propose a new term');
  await page.fill('#term_name', term);
  await page.fill('#short_name', 'JF');
  await page.fill('#justification', 'Needed for our new products.');
  await submit('button[value=preview]');
  ok(await page.locator('table.diff ins', { hasText: term }).count() === 1, 'the preview shows the proposed term');
  await shot('changes-preview');
  await submit('button[value=submit]');
  ok((await page.locator('.notice-success').innerText()).includes('submitted'), 'Ivy submits it');
  const requestId = (await page.locator('h1').innerText()).match(/RRQ-(\d+)/)[1];
  await logOut(page);

  // Sam returns it with a question.
  await logIn(page, base, sam, password);
  await page.goto(base + '/admin');
  await submit('main a[href="/admin/change-requests"]');
  await submit(`table.data-table a:has-text("RRQ-${requestId}")`);
  await page.fill('#reason', 'Which source defines this term?');
  await submit('button[value=RETURNED]');
  ok((await page.locator('.notice-success').innerText()).includes('moved on'), 'Sam returns it with a question');
  await logOut(page);

  // Ivy answers and resubmits.
  await logIn(page, base, ivy, password);
  await page.goto(base + '/account/requests');
  await submit(`table.data-table a:has-text("RRQ-${requestId}")`);
  ok(await page.locator('.thread >> text=Which source defines this term?').count() === 1, 'Ivy reads the question');
  await page.fill('#comment', 'The EDQM standard terms.');
  await submit('form[action$="/comments"] button');
  await page.fill('#justification', 'Needed for our new products; see EDQM.');
  await submit('button[value=submit]');
  ok((await page.locator('.badge').first().innerText()).toLowerCase() === 'submitted', 'and resubmits it');
  await shot('changes-thread');
  await logOut(page);

  // Sam validates and approves.
  await logIn(page, base, sam, password);
  await page.goto(base + `/admin/change-requests/${requestId}`);
  await submit('button[value=VALID]');
  await submit('button[value=APPROVED]');
  ok((await page.locator('.badge').first().innerText()).toLowerCase() === 'approved', 'Sam approves it');
  await logOut(page);

  // The public list shows the term, provisional, with its history.
  await page.goto(listUrl + '?status=PROVISIONAL');
  await submit(`table.data-table a:has-text("${term}")`);
  ok(await page.locator('h1').innerText() === term, 'the new term has its page');
  ok((await page.locator('.record-id .badge').innerText()).toLowerCase() === 'provisional', 'provisional');
  ok(await page.locator(`#history ~ div >> text=RRQ-${requestId}`).count() === 1, 'its history names the request');
  await shot('changes-term');
}, { signedOut: true });
