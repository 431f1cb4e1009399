// The main pages of the portal, in one place for the checks that walk them
// all (a11y.mjs: axe-core and the Nu HTML Checker), and the accounts
// that see them: a visitor who is not signed in, a user who holds an
// industry role and the translator role, and an administrator (who is also
// the stewards' console).  setUp() registers the user through the forms,
// makes the administrator with sporctl, has the user's role request
// approved, a change request submitted and validated and another approved
// with changes, so that every page shows real
// content.
import { execFileSync } from 'node:child_process';

import { importDemo, logIn, mailTo, register, totp } from './journey.mjs';

// Records of the demonstration data (db/demo/*.json).
const LIST = '200000000006', TERM = '100000073366', ORG = 'ORG-100000001', LOC = 'LOC-100001001';

// Each page once, by who sees it; `status` when it is not 200; `fill` and
// `press` for the answer to a form (the fields' values, or functions of the
// tab that give them, then the button).  `ids` are the records setUp()
// made.  The user's sessions come before two-step sign-in is turned on,
// which ends the user's other session.  'pending' is a visitor who gave the administrator's password and
// has the second step of signing in ahead.
export function mainPages(ids) {
  return [
    { as: 'visitor', name: 'home', path: '/' },
    { as: 'visitor', name: 'RMS: the term lists', path: '/rms/lists' },
    { as: 'visitor', name: 'RMS: a list', path: `/rms/lists/${LIST}` },
    { as: 'visitor', name: 'RMS: a term', path: `/rms/terms/${TERM}` },
    { as: 'visitor', name: 'RMS: the search form', path: '/rms/search' },
    { as: 'visitor', name: 'RMS: a search with results', path: '/rms/search?q=lyophilisat+emulsion' },
    { as: 'visitor', name: 'RMS: a search with none', path: '/rms/search?q=zzyzx+quux' },
    { as: 'visitor', name: 'RMS: a misspelt search, corrected', path: '/rms/search?q=lyophilisat+emulsoin' },
    { as: 'visitor', name: 'OMS: the organisations', path: '/oms/organisations' },
    { as: 'visitor', name: 'OMS: a search', path: '/oms/organisations?q=pharma&country=FR' },
    { as: 'visitor', name: 'OMS: a misspelt search, corrected', path: '/oms/organisations?q=exmple+pharma' },
    { as: 'visitor', name: 'OMS: an organisation', path: `/oms/organisations/${ORG}` },
    { as: 'visitor', name: 'OMS: a location', path: `/oms/locations/${LOC}` },
    { as: 'visitor', name: 'the API', path: '/api' },
    { as: 'visitor', name: 'check a list of IDs', path: '/tools/check' },
    { as: 'visitor', name: 'check a list of IDs, the results', path: '/tools/check',
      fill: { '#ids': `ORG-100000099 ${TERM} ${LOC} ${LIST} 999999999999 <b>hello</b>`,
              '#data_lang': 'fr' },
      press: 'form.check-form button[value=html]' },
    { as: 'visitor', name: 'check a list of IDs, nothing given', path: '/tools/check', status: 400,
      press: 'form.check-form button[value=html]' },
    { as: 'visitor', name: 'SMS, not yet activated', path: '/sms' },
    { as: 'visitor', name: 'PMS, not yet activated', path: '/pms' },
    { as: 'visitor', name: 'error 404, no such term', path: '/rms/terms/999999999990', status: 404 },
    { as: 'visitor', name: 'error 404, no such page', path: '/no/such/page', status: 404 },
    { as: 'visitor', name: 'error 400', path: '/rms/lists?page=first', status: 400 },
    { as: 'visitor', name: 'sign-in', path: '/login' },
    { as: 'visitor', name: 'sign-in, a wrong password: the summary', path: '/login', status: 401,
      fill: { '#email': 'nobody@a11y.test', '#password': 'not the password' }, press: 'form.form button[type=submit]' },
    { as: 'visitor', name: 'signed out', path: '/login?saved=signed_out' },
    { as: 'visitor', name: 'a verification link the portal never sent', path: `/register/verify?token=${'A'.repeat(43)}`,
      status: 400 },
    { as: 'visitor', name: 'registration', path: '/register' },
    { as: 'visitor', name: 'registration, with errors', path: '/register', status: 400,
      fill: { '#name': 'Ada', '#email': 'ada@a11y.test', '#password': 'short', '#password_confirm': 'other' },
      press: 'form.form button[type=submit]' },
    { as: 'visitor', name: 'forgotten password', path: '/password/forgot' },
    { as: 'visitor', name: 'password reset', path: `/password/reset?token=${ids.reset}` },
    { as: 'visitor', name: 'password reset, unknown link', path: `/password/reset?token=${'A'.repeat(43)}`, status: 400 },
    { as: 'visitor', name: 'sign-in, second step, none pending', path: '/login/two-factor' },
    { as: 'pending', name: 'sign-in, second step', path: '/login/two-factor' },
    { as: 'pending', name: 'sign-in, second step, a wrong code', path: '/login/two-factor', status: 401,
      fill: { '#code': '000000' }, press: 'form.form button[type=submit]' },

    { as: 'user', name: 'account', path: '/account' },
    { as: 'user', name: 'preferences', path: '/account/preferences' },
    { as: 'user', name: 'password change', path: '/account/password' },
    { as: 'user', name: 'where the account is logged in', path: '/account/sessions' },
    { as: 'user', name: 'where the account is logged in, a wrong password', path: '/account/sessions', status: 400,
      fill: { '#current_password': 'not the password' }, press: 'form[action="/account/sessions"] button[type=submit]' },
    { as: 'user', name: 'logging out another session', path: `/account/sessions/${ids.session}` },
    { as: 'user', name: 'logging out another session, a wrong password', path: `/account/sessions/${ids.session}`,
      status: 400, fill: { '#current_password': 'not the password' }, press: 'form.form button[type=submit]' },
    { as: 'user', name: 'roles', path: '/account/roles' },
    { as: 'user', name: 'roles: finding an organisation', path: '/account/roles?q=Farmaceutici' },
    { as: 'user', name: 'roles: a request for an organisation', path: `/account/roles?org=${ORG}` },
    { as: 'user', name: 'roles: a request with errors', path: `/account/roles?org=${ORG}`, status: 400,
      fill: { '#justification': 'short' }, press: 'form.form button[type=submit]' },
    { as: 'user', name: 'change requests', path: '/account/requests' },
    { as: 'user', name: 'a change request', path: `/account/requests/${ids.change}` },
    { as: 'user', name: 'form: a new term', path: `/rms/lists/${LIST}/requests/new` },
    { as: 'user', name: 'form: a new term, with errors', path: `/rms/lists/${LIST}/requests/new`, status: 400,
      fill: { '#short_name': 'AF' }, press: 'button[value=submit]' },
    { as: 'user', name: 'form: a new term, previewed', path: `/rms/lists/${LIST}/requests/new`,
      fill: { '#term_name': 'Accessible film', '#domain': '100000000014', '#justification': 'A preview.' },
      press: 'button[value=preview]' },
    { as: 'user', name: 'form: a change to a term', path: `/rms/terms/${TERM}/requests/new` },
    { as: 'user', name: 'form: a translation', path: `/rms/terms/${TERM}/requests/new?text_lang=fr` },
    { as: 'user', name: 'form: a new list', path: '/rms/requests/new' },
    { as: 'user', name: 'form: a change to an organisation', path: `/oms/organisations/${ORG}/requests/new` },
    { as: 'user', name: 'form: a change to a location', path: `/oms/organisations/${ORG}/requests/new?location=${LOC}` },
    { as: 'user', name: 'form: a new organisation', path: '/oms/requests/new' },
    { as: 'user', name: 'form: a new organisation, those of similar names first', path: '/oms/requests/new',
      fill: { '#org_name': 'Exemple Pharma SAS', '#address': '1 Rue Test', '#city': 'Paris', '#country': 'FR',
              '#justification': 'Mine is missing.' },
      press: 'button[value=submit]' },
    { as: 'user', name: 'account deletion', path: '/account/delete' },
    { as: 'user', name: 'RMS: a list, with its star', path: `/rms/lists/${LIST}` },
    { as: 'user', name: 'OMS: an organisation, with its star', path: `/oms/organisations/${ORG}` },
    { as: 'user', name: 'two-step sign-in: turning it on', path: '/account/two-factor' },
    { as: 'user', name: 'two-step sign-in: turning it on, a wrong code', path: '/account/two-factor', status: 400,
      fill: { '#code': 'wrong' }, press: 'form[action="/account/two-factor"] button[type=submit]' },
    { as: 'user', name: 'two-step sign-in: the recovery codes', path: '/account/two-factor',
      fill: { '#code': async (tab) => totp(await tab.locator('#totp-secret').textContent()) },
      press: 'form[action="/account/two-factor"] button[type=submit]' },
    { as: 'user', name: 'two-step sign-in: on', path: '/account/two-factor' },
    { as: 'user', name: 'two-step sign-in: turning it off, with errors', path: '/account/two-factor', status: 400,
      fill: { '#current_password': 'not the password', '#code': '000000' }, press: 'button.button-danger' },

    { as: 'admin', name: 'RMS: a list, to one whose roles do not propose (the roles it needs instead)',
      path: `/rms/lists/${LIST}` },
    { as: 'admin', name: 'OMS: an organisation, to one without a role for it', path: `/oms/organisations/${ORG}` },
    { as: 'admin', name: 'console', path: '/admin' },
    { as: 'admin', name: 'role-request queue', path: '/admin/role-requests' },
    { as: 'admin', name: 'a role request', path: `/admin/role-requests/${ids.roleRequest}` },
    { as: 'admin', name: 'users', path: '/admin/users' },
    { as: 'admin', name: 'a user', path: `/admin/users/${ids.account}` },
    { as: 'admin', name: 'audit log', path: '/admin/audit' },
    { as: 'admin', name: 'change-request queue', path: '/admin/change-requests' },
    { as: 'admin', name: 'a change request, valid: its decision and correction fields', path: `/admin/change-requests/${ids.change}` },
    { as: 'admin', name: 'a change request approved with changes, its records', path: `/admin/change-requests/${ids.approved}` },
    { as: 'user', name: 'a change request approved with changes, its records', path: `/account/requests/${ids.approved}` },
    { as: 'visitor', name: 'RMS: a term a request made, its history with the records', path: `/rms/terms/${ids.term}` },
  ];
}

// Opens page `p` in `tab` (and answers its form); resolves to the response
// of the page shown, whose body is the HTML as served.
export async function visit(tab, base, p) {
  const response = await tab.goto(base + p.path);
  if (!p.press) return response;
  for (const [selector, value] of Object.entries(p.fill || {})) {
    const v = typeof value === 'function' ? await value(tab) : value;
    if (await tab.locator(selector).evaluate((e) => e.tagName) === 'SELECT') await tab.selectOption(selector, v);
    else await tab.fill(selector, v);
  }
  const [answer] = await Promise.all([tab.waitForNavigation(), tab.click(p.press)]);
  return answer;
}

// setUp(page, base): `page` (a fresh context, no cookie) becomes the administrator's;
// answers { pages: { visitor, user, admin, pending }, user: { email, password }, ids }.
// With { records: false }, only the accounts and the user's industry role:
// no translator role, change request or reset link.
export async function setUp(page, base, { records = true } = {}) {
  importDemo('rms');
  importDemo('oms');
  const run = `${Date.now()}.${process.pid}`, password = 'an accessible passphrase';
  const user = { email: `ada.${run}@a11y.test`, password }, admin = { email: `admin.${run}@a11y.test`, password };
  execFileSync(`${process.env.SPOR_TEST_BUILD}/cgi/sporctl`, ['-c', process.env.SPOR_CONFIG, 'create-admin', admin.email],
               { input: `${password}\n` });
  const browser = page.context().browser();
  const open = async (cookie) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // As the HTTP tests do: a session cookie nobody holds bypasses nginx's page cache.
    if (cookie) await context.addCookies([{ name: 'spor_session', value: 'tests', url: base }]);
    return context.newPage();
  };
  const pages = { visitor: await open(true), user: await open(false), admin: page };
  const submit = (p, selector) => Promise.all([p.waitForNavigation(), p.click(selector)]);

  if (!await register(pages.user, base, 'Ada Access', user.email, password)) throw new Error('the registration failed');
  await logIn(pages.user, base, user.email, password);
  await pages.user.goto(`${base}/account/roles?org=${ORG}`);
  await pages.user.check('#role-INDUSTRY_USER');
  await pages.user.fill('#justification', 'I check that the portal is accessible.');
  await submit(pages.user, 'form.form button[type=submit]');

  const ids = {};
  await logIn(pages.admin, base, admin.email, password);
  await pages.admin.goto(`${base}/admin/role-requests`);
  await submit(pages.admin, 'table.data-table tr:has-text("Ada Access") a');
  ids.roleRequest = new URL(pages.admin.url()).pathname.split('/').pop();
  await submit(pages.admin, 'button[value=approve]');
  if (!records) return { pages, user, ids };
  await pages.admin.goto(`${base}/admin/users?q=${encodeURIComponent(user.email)}`);
  await submit(pages.admin, 'table.data-table a:has-text("Ada Access")');
  ids.account = new URL(pages.admin.url()).pathname.split('/').pop();
  await pages.admin.selectOption('#grant-role', 'TRANSLATOR');
  await submit(pages.admin, 'form.form button[type=submit]');

  await pages.user.goto(`${base}/rms/lists/${LIST}/requests/new`);
  await pages.user.fill('#term_name', `Accessible film ${run}`);
  await pages.user.selectOption('#domain', '100000000014');
  await pages.user.fill('#justification', 'Needed to check the pages of a change request.');
  await submit(pages.user, 'button[value=submit]');
  ids.change = ((await pages.user.locator('h1').innerText()).match(/RRQ-(\d+)/) || [])[1];
  // The administrator validates it (the console then shows the decision
  // and the correction fields), and approves another one with changes: a
  // request with its records, and a term whose history shows them.
  await pages.admin.goto(`${base}/admin/change-requests/${ids.change}`);
  await submit(pages.admin, 'button[value=VALID]');
  await pages.user.goto(`${base}/rms/lists/${LIST}/requests/new`);
  await pages.user.fill('#term_name', `Accessible gel ${run}`);
  await pages.user.fill('#short_name', 'AG');
  await pages.user.selectOption('#domain', '100000000014');
  await pages.user.fill('#justification', 'Needed to check the records of a change request.');
  await submit(pages.user, 'button[value=submit]');
  ids.approved = ((await pages.user.locator('h1').innerText()).match(/RRQ-(\d+)/) || [])[1];
  await pages.admin.goto(`${base}/admin/change-requests/${ids.approved}`);
  await submit(pages.admin, 'button[value=VALID]');
  await pages.admin.click('#with-changes summary');
  await pages.admin.fill('#short_name', 'AGL');
  await pages.admin.fill('#reason', 'The short name as the EDQM has it.');
  await submit(pages.admin, 'button[value=APPROVED_WC]');
  await pages.user.goto(`${base}/account/requests/${ids.approved}`);
  ids.term = ((await pages.user.locator('main a[href^="/rms/terms/"]').first().getAttribute('href')) || '').split('/').pop();
  // A reset link, asked for by the visitor (opening it uses nothing up).
  await pages.visitor.goto(`${base}/password/forgot`);
  await pages.visitor.fill('#email', user.email);
  await submit(pages.visitor, 'form.form button[type=submit]');
  ids.reset = ((await mailTo(user.email, '/password/reset?token=')).match(/token=([A-Za-z0-9_-]{43})/) || [])[1];
  // The user logged in on a second browser too: a session to list and to log out.
  const phone = await browser.newContext({ userAgent: 'Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0' });
  await logIn(await phone.newPage(), base, user.email, password);
  await phone.close();
  await pages.user.goto(`${base}/account/sessions`);
  ids.session = ((await pages.user.locator('table.data-table a[href^="/account/sessions/"]').first().getAttribute('href'))
    || '').split('/').pop();
  // The administrator's password given in another browser: the second step waits there.
  pages.pending = await open(false);
  await pages.pending.goto(`${base}/login`);
  await pages.pending.fill('#email', admin.email);
  await pages.pending.fill('#password', password);
  await submit(pages.pending, 'form.form button[type=submit]');
  if (!ids.roleRequest || !ids.account || !ids.change || !ids.approved || !ids.term || !ids.reset || !ids.session ||
      !pages.pending.url().endsWith('/login/two-factor'))
    throw new Error(`set-up incomplete: ${JSON.stringify(ids)}`);
  return { pages, user, ids };
}
