// Browser test: the language switch on a phone-sized screen (375 CSS
// pixels), as an anonymous visitor through nginx's page cache: every
// language is a link in the header that fits the screen, choosing French
// makes the next pages French without ?lang= (the cookie), the current
// language is marked, the list's names follow, the enumerations are French
// (types, countries, a count's noun), and English comes back the same way.
// Screenshots are kept under tests/browser/out/.
import { journey } from './journey.mjs';

await journey('rms', async ({ page, base, ok, shot }) => {
  const context = page.context();
  const lang = () => page.locator('html').getAttribute('lang');
  const link = (code) => page.locator(`nav.lang-switch a[hreflang="${code}"]`);

  await page.goto(base + '/rms/lists?size=10', { waitUntil: 'load' });
  ok(await lang() === 'en', 'the page is English for an English browser');
  ok(await page.locator('nav.lang-switch a').count() === 3, 'the switch offers the three interface languages');
  for (const code of ['de', 'en', 'fr']) {
    const box = await link(code).boundingBox();
    ok(box && box.x >= 0 && box.x + box.width <= 375 && box.y < 800,
       `${code}: its link is on the first screen, inside 375 px`);
    ok(await link(code).getAttribute('lang') === code, `${code}: the link says its language (lang)`);
  }
  ok(await link('en').getAttribute('aria-current') === 'true', 'English is marked as the current language');
  ok(!(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)),
     'no horizontal scrolling with the switch');
  await shot('language-en-mobile');

  await link('fr').click();
  ok(await lang() === 'fr', 'Français makes the page French');
  const cookies = await context.cookies();
  ok(cookies.some((c) => c.name === 'spor_lang' && c.value === 'fr'), 'and leaves a cookie that keeps the choice');
  await page.goto(base + '/oms/organisations', { waitUntil: 'load' });
  ok(await lang() === 'fr', 'the next page, without ?lang=, is French');
  ok(await link('fr').getAttribute('aria-current') === 'true' && !(await link('en').getAttribute('aria-current')),
     'and marks French as current');
  // No English enumeration on a French page: the filters' types and
  // countries, and a count's noun agreeing with its number.
  const english = ['Industry', 'Regulatory Authority', 'Educational Institution', 'Healthcare Institution',
                   'Germany', 'Austria', 'Belgium', 'Spain', 'Switzerland', 'Netherlands'];
  const options = [...await page.locator('#type option').allInnerTexts(),
                   ...await page.locator('#country option').allInnerTexts()].map((t) => t.trim());
  ok(options.length > 2 && !options.some((t) => english.includes(t)),
     `the types and countries to filter by are French (${options.slice(0, 6).join(', ')} ...)`);
  const count = (await page.locator('.results-count').innerText()).trim();
  const said = count.match(/(\d+) (\S+)$/);
  ok(said && said[2] === (Number(said[1]) < 2 ? 'organisation' : 'organisations'), `the count in French words (${count})`);
  // The fixture list of tests/http/test_language.c, when that test ran first.
  if ((await context.request.get(base + '/rms/lists/900000000019')).status() === 200) {
    await page.goto(base + '/rms/lists/900000000019', { waitUntil: 'load' });
    const first = await page.locator('table a[href^="/rms/terms/"]').first().innerText();
    ok(first === 'Cerise', `a list's names follow the interface language, in French order (first: ${first})`);
  } else {
    ok(true, "a list's names follow the interface language # SKIP no fixture list");
  }
  await page.goto(base + '/downloads', { waitUntil: 'load' });
  ok(await lang() === 'fr' && (await page.locator('h1').innerText()).trim() === 'Téléchargements complets' &&
     (await page.locator('.breadcrumb').innerText()).includes('Accueil'),
     'the bulk downloads page is French too, its breadcrumb as well');
  await shot('language-fr-mobile');

  await link('en').click();
  await page.goto(base + '/', { waitUntil: 'load' });
  ok(await lang() === 'en', 'English, chosen the same way, lasts too');
}, { signedOut: true, context: { viewport: { width: 375, height: 800 }, locale: 'en-GB', javaScriptEnabled: false } });
