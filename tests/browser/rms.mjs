// Browser journey through the referentials, as a regulatory officer takes it:
// home → Referentials → a list → a term → its translations → search → export.
// Runs on the demonstration data, which it imports first.  Keyboard use is
// checked on the search form; screenshots go to tests/browser/out/.
import { readFileSync } from 'node:fs';

import { journey } from './journey.mjs';

await journey('rms', async ({ page, base, ok, shot }) => {
  await page.goto(base + '/');
  await page.click('nav.site-nav >> text=Referentials');
  ok(new URL(page.url()).pathname === '/rms/lists', 'the navigation leads to the term lists');
  ok(await page.locator('h1').innerText() === 'Term lists', 'the lists page');

  await page.click('text=Combined pharmaceutical dose form');
  ok(/\/rms\/lists\/200000000006$/.test(page.url()), 'a list opens');
  ok(await page.locator('table.data-table tbody tr').count() >= 6, 'its terms are listed');
  await page.fill('#q', 'poudre buvable');
  await page.selectOption('#data_lang', 'fr');
  await page.click('form.filters button[type=submit]');
  ok(await page.locator('text=Poudre et solvant pour solution buvable').count() === 1,
     'searching the list, with names in French');
  await shot('rms-list');

  await page.click('text=Poudre et solvant pour solution buvable');
  ok(/\/rms\/terms\/100000073366$/.test(page.url()), 'a term opens');
  // The data language chosen on the list lasts: the term's name is French,
  // the interface still English; the switch to English makes both English.
  ok(await page.locator('h1').innerText() === 'Poudre et solvant pour solution buvable' &&
     await page.locator('html').getAttribute('lang') === 'en', 'the term page, its name still in French');
  await page.click('nav.lang-switch >> text=English');
  ok(await page.locator('h1').innerText() === 'Powder and solvent for oral solution', 'the switch makes it English');
  await page.click('nav.page-toc >> text=Translations');
  ok(page.url().endsWith('#translations'), 'the translations are one link away');
  ok(await page.locator('#translations ~ div tr[lang=de]').count() === 1, 'the German translation is there');
  await shot('rms-term');

  // Search from the keyboard only.
  await page.goto(base + '/rms/search');
  await page.focus('#q');
  await page.keyboard.type('lyophilisat emulsion');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  ok(await page.locator('.hit-list li').count() >= 1, 'the search finds the term from the keyboard');
  ok(await page.locator('.hit-list mark').count() >= 2, 'the matched words are highlighted');
  await shot('rms-search');
  await page.click('.hit-list a[href="/rms/terms/200000004820"]');
  ok(/\/rms\/terms\/200000004820$/.test(page.url()), 'a result opens its term');

  // The export of the list, as a download.
  await page.goto(base + '/rms/lists/200000000006?status=CURRENT');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.exports >> text=CSV')]);
  const csv = readFileSync(await download.path(), 'utf8');
  ok(download.suggestedFilename() === '200000000006.csv', 'the export downloads as 200000000006.csv');
  ok(csv.startsWith('\ufeff"List ID"') && !/NULLIFIED/.test(csv), 'the export holds the filtered terms, with the BOM');
});
