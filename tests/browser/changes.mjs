// Browser journey of a change request: Ivy (an industry user) proposes a new
// term → Sam (a data steward) returns it with a question → Ivy answers and
// resubmits → Sam validates and approves → the term appears as provisional
// on the public list page, with its history naming the request.  Then a
// second term, which Sam approves with changes: the correction fields hold
// Ivy's proposal, a correction sent without a comment comes back with what
// Sam typed (a redirect: reloading it sends nothing), and once approved the
// requester's page, the console and the public history show the proposal
// beside Sam's version.  Roles are given through the console by an
// administrator made with sporctl; screenshots go to tests/browser/out/.
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
  await page.selectOption('#domain', { index: 1 });
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

  // Ivy proposes a second term, with a name in French.
  const gel = `Journey gel ${run}`;
  await logIn(page, base, ivy, password);
  await page.goto(listUrl);
  await submit('main >> text=Propose a new term');
  await page.fill('#term_name', gel);
  await page.fill('#short_name', 'JG');
  await page.selectOption('#domain', { index: 1 });
  await page.fill('#other_names', 'fr: Gel du parcours');
  await page.fill('#justification', 'A gel for our new products.');
  await submit('button[value=submit]');
  const gelId = (await page.locator('h1').innerText()).match(/RRQ-(\d+)/)[1];
  await logOut(page);

  // Sam validates it and opens the correction fields: they hold the proposal.
  await logIn(page, base, sam, password);
  await page.goto(base + `/admin/change-requests/${gelId}`);
  await submit('button[value=VALID]');
  await page.click('#with-changes summary');
  ok(await page.inputValue('#term_name') === gel && await page.inputValue('#short_name') === 'JG' &&
     await page.inputValue('#other_names') === 'fr: Gel du parcours',
     'approve with changes opens with the proposal filled in');
  // A correction without a comment: back to the page, everything as typed.
  await page.fill('#short_name', 'JGL');
  await submit('button[value=APPROVED_WC]');
  ok(new URL(page.url()).pathname === `/admin/change-requests/${gelId}` &&
     (await page.locator('#reason-error').innerText()).includes('Say why') &&
     await page.inputValue('#short_name') === 'JGL' && await page.locator('#with-changes[open]').count() === 1,
     'without a comment: the page again, saying why, with the correction as typed');
  await shot('changes-correction-refused');
  const again = await page.reload();
  ok(again.status() === 200 && await page.inputValue('#short_name') === 'JGL',
     'reloading it shows the same page (a redirect answered the form: nothing is sent again)');
  await page.fill('#reason', 'The EDQM short name is JGL.');
  await submit('button[value=APPROVED_WC]');
  ok((await page.locator('.notice-success').innerText()).includes('moved on') &&
     (await page.locator('.badge').first().innerText()).toLowerCase() === 'approved with changes',
     'Sam approves it with changes');
  const records = page.locator('table.records');
  ok(await records.locator('ins', { hasText: /^JG$/ }).count() === 1 &&
     await records.locator('ins', { hasText: /^JGL$/ }).count() === 1 &&
     (await records.textContent()).includes('changed by the data steward'),
     'the console shows the proposal beside the version approved');
  await shot('changes-approved-with-changes');
  await logOut(page);

  // Ivy sees both; so does the public history of the new term.
  await logIn(page, base, ivy, password);
  await page.goto(base + `/account/requests/${gelId}`);
  ok(await page.locator('table.records ins', { hasText: /^JG$/ }).count() === 1 &&
     await page.locator('table.records ins', { hasText: /^JGL$/ }).count() === 1,
     'Ivy reads her proposal beside the steward\'s version');
  const gelTerm = await page.locator('main a[href^="/rms/terms/"]').first().getAttribute('href');
  await logOut(page);
  await page.goto(base + gelTerm);
  await page.click('details.request-sides summary');
  ok(await page.locator('details.request-sides ins', { hasText: /^JGL$/ }).count() === 1 &&
     await page.locator('details.request-sides ins', { hasText: /^JG$/ }).count() === 1 &&
     (await page.locator('.record-id .badge').innerText()).toLowerCase() === 'provisional',
     'the public history of the term shows what was proposed and what was approved');
  await shot('changes-term-history');
}, { signedOut: true });
