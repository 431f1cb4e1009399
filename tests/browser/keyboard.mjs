// Keyboard-only journey: no clicks, only Tab, Shift+Tab, Enter, Space and
// typing.  From the home page the skip link leads to the content, the term
// search finds a term, a result opens it; the visitor signs in from the
// header (its form focused on the email as it opens) and comes back to the
// term, opens the form that proposes a change
// to it, fills it and submits it, and sees the confirmation.  Every element
// the focus stops at on the way must be on screen and look different when
// focused (an outline, a shadow, a colour: a visible focus indicator).
import { journey } from './journey.mjs';
import { setUp } from './pages.mjs';

// What the focused element is and whether it shows: its look focused and,
// for a moment, unfocused (the focus comes back to it at once).
function focusState(selector) {
  const el = document.activeElement;
  if (!el || el === document.body) return { matches: false, visible: false, indicator: false, what: 'nothing' };
  const look = () => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
            s.borderColor, s.textDecorationLine].join(' ');
  };
  const focused = look();
  el.blur();
  const unfocused = look();
  el.focus();
  const r = el.getBoundingClientRect();
  const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight &&
    r.left < innerWidth && getComputedStyle(el).visibility !== 'hidden';
  return { matches: el.matches(selector), visible, indicator: focused !== unfocused,
           what: el.outerHTML.replace(/>[^]*$/, '>').slice(0, 100) };
}

await journey('rms', async ({ base, ok, shot, page }) => {
  const { pages, user } = await setUp(page, base, { records: false });
  const tab = pages.visitor, keys = tab.keyboard;

  // Tab (Shift+Tab with back) until the focus is on `selector`, checking
  // every element it stops at on the way.
  const tabTo = async (selector, name, { back = false } = {}) => {
    const bad = [];
    let reached = false, stops = 0;
    while (!reached && stops < 120) {
      await keys.press(back ? 'Shift+Tab' : 'Tab');
      const f = await tab.evaluate(focusState, selector);
      stops++;
      reached = f.matches;
      if (!f.visible || !f.indicator) bad.push(`${f.what}${f.visible ? '' : ' is off screen'}${f.indicator ? '' : ' has no focus indicator'}`);
    }
    ok(reached && bad.length === 0, `${name}: ${reached ? `reached in ${stops} stop(s)` : 'never reached'}, ` +
       `${bad.length} stop(s) without a visible focus`);
    for (const b of bad) console.log(`# ${b}`);
  };
  const go = (key) => Promise.all([tab.waitForNavigation(), keys.press(key)]);
  const path = () => new URL(tab.url()).pathname;

  await tab.goto(base + '/');
  await tabTo('a.skip-link', 'the first Tab reaches the skip link');
  await keys.press('Enter');
  // The browser moves the focus to the fragment's target after the key's
  // default action: wait for it (briefly) rather than race it.
  await tab.waitForFunction(() => document.activeElement && document.activeElement.id === 'main', null,
                            {timeout: 2000}).catch(() => {});
  ok(tab.url().endsWith('#main') && await tab.evaluate(() => document.activeElement.id === 'main'),
     'the skip link moves the focus to the main content');

  await tabTo('main input#q', "from the content, the home page's term search");
  await keys.type('lyophilisat emulsion');
  await go('Enter');
  ok(path() === '/rms/search' && await tab.locator('.hit-list li').count() >= 1, 'Enter searches and finds terms');
  await tabTo('.hit-list a[href^="/rms/terms/"]', 'the first result');
  const term = new URL(await tab.evaluate(() => document.activeElement.href)).pathname;
  await go('Enter');
  ok(path() === term, `Enter opens the term (${term})`);

  await tabTo('header a[href^="/login"]', 'the header\'s sign-in link');
  await go('Enter');
  ok(await tab.evaluate(() => document.activeElement.id === 'email'), 'the sign-in opens with the focus on its email');
  await keys.type(user.email);
  await tabTo('#password', 'the password field');
  await keys.type(user.password);
  await go('Enter');
  ok(path() === term && await tab.locator('.signed-in').count() === 1, 'signed in, back on the term');

  await tabTo(`main a[href="${term}/requests/new"]`, 'the link that proposes a change');
  await go('Enter');
  ok(path() === `${term}/requests/new`, 'Enter opens the change-request form');
  await tabTo('#short_name', 'the short name');
  await keys.type('Kbd');  // the Tab selected the current value: typing replaces it
  await tabTo('#justification', 'the justification');
  await keys.type('Proposed with the keyboard alone.');
  await tabTo('button[value=submit]', 'the submit button');
  await go('Space');
  await shot('keyboard-submitted');
  ok((await tab.locator('.notice-success').innerText()).includes('submitted') &&
     /RRQ-\d+/.test(await tab.locator('h1').innerText()), 'Space submits it; the confirmation names the request');
  await tabTo('a.skip-link', 'back up to the skip link, with Shift+Tab', { back: true });
});
