// A refused form, as a keyboard and screen-reader user meets it, in
// Debian's Chromium with no script of the portal's: the page opens with the
// focus on its error summary, which is the first thing in the main content
// the focus can reach; Tab leads to the summary's links, one per field in
// error, each naming its field; following one moves the focus to that
// field, whose own message names it too.  The sign-in opens with the focus
// on its email.  Starts with no cookie at all.
import { journey } from './journey.mjs';

// The focusable elements of the main content, in order (the summary's
// block counts: it is made focusable), as "tag#id".
function focusables() {
  const main = document.querySelector('main');
  return [...main.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]')]
    .filter((e) => !e.disabled && e.getClientRects().length > 0)
    .map((e) => `${e.tagName.toLowerCase()}#${e.id}`);
}

await journey('rms', async ({ page, base, ok }) => {
  // The refused answers (400) are this journey's point: another tab, whose
  // statuses the journey's watch for failed requests does not see.
  const tab = await (await page.context().browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const focused = () => tab.evaluate(() => document.activeElement && document.activeElement.id);

  await tab.goto(base + '/login');
  ok(await focused() === 'email', 'the sign-in opens with the focus on its email');

  // Spaces pass the browser's own check of a required field; the portal
  // trims them away.
  await tab.goto(base + '/register');
  await tab.fill('#name', '   ');
  await tab.fill('#email', `forms.${Date.now()}@forms.test`);
  await tab.fill('#password', 'short');
  await tab.fill('#password_confirm', 'short');
  const [answer] = await Promise.all([tab.waitForNavigation(), tab.click('form.form button[type=submit]')]);
  ok(answer.status() === 400, 'a registration without a name and with a short password: refused (400)');
  ok(await focused() === 'form-errors', 'the page opens with the focus on the error summary');
  ok((await tab.evaluate(focusables))[0] === 'div#form-errors',
     'the summary is the first thing in the main content the focus reaches');
  ok((await tab.title()).startsWith('Error: '), 'the title says the form was refused');

  const links = await tab.locator('#form-errors a').evaluateAll((as) => as.map((a) => ({
    target: a.getAttribute('href').slice(1), text: a.textContent })));
  const labels = { name: 'Full name', password: 'Password' };
  ok(links.length === 2 && links.every((l) => labels[l.target] && l.text.startsWith(`${labels[l.target]}: `)),
     `one link per field in error, each naming it: ${links.map((l) => l.text).join(' | ')}`);
  for (const [i, l] of links.entries()) {
    // From the summary, as the page opened: Tab to the link.
    await tab.evaluate(() => document.getElementById('form-errors').focus());
    for (let k = 0; k <= i; k++) await tab.keyboard.press('Tab');
    const on = await tab.evaluate(() => document.activeElement.getAttribute('href'));
    await tab.keyboard.press('Enter');
    await tab.waitForFunction((id) => document.activeElement && document.activeElement.id === id, l.target,
                              { timeout: 2000 }).catch(() => {});
    ok(on === `#${l.target}` && await focused() === l.target,
       `Tab reaches the summary's link to ${l.target}, and Enter moves the focus to the field`);
    const own = await tab.locator(`#${l.target}-error`).innerText();
    ok(own.startsWith(`${labels[l.target]}: `), `the field's own message names it: "${own}"`);
  }
}, { signedOut: true });
