// Browser journey through the organisations, as a regulatory officer takes it:
// home → Organisations → a search typed from the keyboard → an organisation →
// one of its locations → back through the breadcrumb → filters → the CSV
// export.  Runs on the demonstration data, which it imports first;
// screenshots go to tests/browser/out/.
import { readFileSync } from 'node:fs';

import { journey } from './journey.mjs';

await journey('oms', async ({ page, base, ok, shot }) => {
  await page.goto(base + '/');
  await page.click('nav.site-nav >> text=Organisations');
  ok(new URL(page.url()).pathname === '/oms/organisations', 'the navigation leads to the organisations');
  ok(await page.locator('h1').innerText() === 'Organisations', 'the organisations page');
  ok(await page.locator('nav.site-nav a[aria-current="page"]').innerText() === 'Organisations',
     'the navigation marks where we are');
  ok(await page.locator('table.data-table tbody tr').count() >= 39, 'the organisations are listed');

  // The search box from the keyboard: Tab until it has the focus, type, Enter.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'q');
  }
  ok(reached, 'the search box is reached with Tab');
  await page.keyboard.type('exemple pharma');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  ok(url.pathname === '/oms/organisations' && url.searchParams.get('q') === 'exemple pharma',
     'Enter submits the search');
  const rows = page.locator('table.data-table tbody tr');
  ok(await rows.count() === 2, 'two organisations have both words');
  ok(await page.locator('table.data-table >> text=Exemple Pharma SA').count() === 1, 'Exemple Pharma SA is one');
  ok(await page.locator('#q').inputValue() === 'exemple pharma', 'the search box keeps the words');
  await shot('oms-search');

  await page.click('table.data-table >> text=Exemple Pharma SA');
  ok(/\/oms\/organisations\/ORG-100000001$/.test(page.url()), 'an organisation opens');
  ok(await page.locator('h1').innerText() === 'Exemple Pharma SA', 'the organisation page');
  ok(await page.locator('#locations ~ div table tbody tr').count() === 2, 'its two locations are listed');
  ok(await page.locator('text=ORG-100000099').count() === 1, 'the ID merged into it is shown');
  await shot('oms-organisation');

  await page.click('a[href="/oms/locations/LOC-100001001"]');
  ok(/\/oms\/locations\/LOC-100001001$/.test(page.url()), 'a location opens');
  ok(await page.locator('h1').innerText() === 'Exemple Pharma SA, Paris', 'the location page');
  const address = await page.locator('address').innerText();
  ok(address.includes("12 rue de l'Exemple") && address.includes('Bâtiment B') && address.includes('75012 Paris') &&
     address.includes('France'), 'the address, laid out as one');
  await shot('oms-location');

  await page.click('nav.breadcrumb >> text=Exemple Pharma SA');
  ok(/\/oms\/organisations\/ORG-100000001$/.test(page.url()), 'the breadcrumb leads back to the organisation');
  await page.click('nav.breadcrumb >> text=Organisations');
  ok(new URL(page.url()).pathname === '/oms/organisations', 'and from there to the search');

  // Filters, then the export of what they select, as a download.
  await page.selectOption('#country', 'FR');
  await page.selectOption('#status', 'ACTIVE');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  const filtered = new URL(page.url());
  ok(filtered.searchParams.get('country') === 'FR' && filtered.searchParams.get('status') === 'ACTIVE',
     'the filters are submitted');
  ok(await page.locator('table.data-table >> text=Exemple Pharma SA').count() === 1 &&
     await page.locator('table.data-table >> text=Laboratoires Français').count() === 0,
     'the filters select the active French organisations');
  const csvHref = await page.locator('p.exports >> text=CSV').getAttribute('href');
  ok(/^\/oms\/export\.csv\?/.test(csvHref) && /country=FR/.test(csvHref) && /status=ACTIVE/.test(csvHref),
     'the export link carries the filters');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.exports >> text=CSV')]);
  const csv = readFileSync(await download.path(), 'utf8');
  ok(download.suggestedFilename() === 'organisations.csv', 'the export downloads as organisations.csv');
  ok(/^\ufeff"?Organisation ID"?,"?Organisation Name"?,/.test(csv), 'with the BOM and the column names');
  ok(csv.includes('ORG-100000001') && csv.includes('LOC-100001002') && !csv.includes('ORG-100000003') &&
     !csv.includes('ORG-100000004'), 'holding the filtered organisations, one row per location');
  const res = await page.request.get(base + csvHref, { headers: { Cookie: 'spor_session=tests' } });
  ok(res.status() === 200 && /^text\/csv/.test(res.headers()['content-type'] || '') &&
     /attachment/.test(res.headers()['content-disposition'] || ''), 'its response headers');
});
