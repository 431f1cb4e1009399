// Browser test: every main page (pages.mjs) on a phone (375 by 667 CSS
// pixels), in English and French, signed out, as a user with a role and as
// an administrator: the header and its menu take at most a fifth of the
// first screen, nothing is wider than the screen (a wide table scrolls in
// its own frame), no table has a column empty on the whole page, and a
// listing's first row shows its ID, name and status within the screen's
// width.  Then the home page's example IDs each open their record in the
// demonstration data, the home page and the footer link the read API and
// the check of a list of IDs, whose results read on a phone too.
// Screenshots of each page are kept under tests/browser/out/small-*.png.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { journey } from './journey.mjs';
import { mainPages, setUp } from './pages.mjs';

const WIDTH = 375, HEIGHT = 667;

// The listings among the main pages (by name), whose first row must show
// an ID (.id), a name (a link) and a status (.badge), or the cells given.
const TABLE_ROW = 'main table.data-table tbody tr';
const LISTINGS = {
  'RMS: the term lists': { row: TABLE_ROW },
  'RMS: a list': { row: TABLE_ROW },
  'RMS: a search with results': { row: 'main .hit-list li' },
  'OMS: the organisations': { row: TABLE_ROW },
  'OMS: a search': { row: TABLE_ROW },
  // Its locations: an ID and a status (an address, no name).
  'OMS: an organisation': { row: '#locations ~ div table tbody tr', cells: { ID: '.id', status: '.badge' } },
  'change requests': { row: TABLE_ROW },
  // Accounts have no ID on the page: a name (the link) and a status (a word).
  users: { row: TABLE_ROW, cells: { name: 'a', status: 'td:nth-child(3)' } },
  'role-request queue, decided': { row: TABLE_ROW },
  'change-request queue, valid': { row: TABLE_ROW },
};

// Every main page that a visit shows (pages.mjs; not the answers to
// forms, which change what the next pages show), and the console's two
// queues with the requests setUp() decided.
const kinds = (ids) => [
  ...mainPages(ids).filter((p) => !p.press),
  { as: 'admin', name: 'role-request queue, decided', path: '/admin/role-requests?status=APPROVED' },
  { as: 'admin', name: 'change-request queue, valid', path: '/admin/change-requests?status=VALID' },
].map((p) => ({ ...p, ...LISTINGS[p.name] }));

// The header's links and buttons that overlap another, in the page.
const overlapping = () => {
  const boxes = [...document.querySelectorAll('header.site-header a, header.site-header button')]
    .map((e) => ({ e, r: e.getBoundingClientRect() })).filter(({ r }) => r.width > 1 && r.height > 1);
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => meet(a.r, b.r))
    .map((b) => `${a.e.textContent.trim()} / ${b.e.textContent.trim()}`));
};

await journey('oms', async ({ page, base, ok }) => {
  const { pages, ids } = await setUp(page, base);
  for (const tab of Object.values(pages)) await tab.setViewportSize({ width: WIDTH, height: HEIGHT });
  const out = join(dirname(fileURLToPath(import.meta.url)), 'out');

  for (const lang of ['en', 'fr']) {
    // ?lang= sets the visitor's cookie and the signed-in users' preference.
    for (const tab of Object.values(pages)) await tab.goto(`${base}/?lang=${lang}`);
    for (const [i, p] of kinds(ids).entries()) {
      const tab = pages[p.as], name = `${lang}: ${p.as}: ${p.name} (${p.path})`;
      const response = await tab.goto(base + p.path);
      ok(response.status() === (p.status || 200) && (await tab.locator('html').getAttribute('lang')) === lang,
         `${name}: answered in ${lang}`);
      const header = await tab.locator('header.site-header').boundingBox();
      ok(header && header.height <= HEIGHT / 5,
         `${name}: the header takes ${header ? Math.round(header.height) : '?'} px, at most a fifth of ${HEIGHT}`);
      const overlaps = await tab.evaluate(overlapping);
      ok(overlaps.length === 0, `${name}: no two of the header's links overlap${overlaps.length ? ` (${overlaps.join('; ')})` : ''}`);
      const wide = await tab.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= WIDTH, `${name}: the page is ${wide} px wide, not wider than the screen`);
      // A column empty in every row of a table is left out (stacked rows
      // show no bare labels, a wide table no empty column).
      const empty = await tab.evaluate(() => [...document.querySelectorAll('main table.data-table')].flatMap((t) => {
        const rows = [...t.tBodies].flatMap((b) => [...b.rows]);
        const heads = t.tHead ? [...t.tHead.rows[0].cells] : [];
        return heads.filter((h, k) => rows.length && rows.every((r) => r.cells[k] && !r.cells[k].textContent.trim()))
          .map((h) => `${t.getAttribute('class')}: ${h.textContent.trim()}`);
      }));
      ok(empty.length === 0, `${name}: no column is empty on the whole page${empty.length ? ` (${empty.join('; ')})` : ''}`);
      if (p.row) {
        const row = tab.locator(p.row).first();
        const cells = Object.entries(p.cells || { ID: '.id', name: 'a', status: '.badge' });
        const inside = await Promise.all(cells.map(async ([, s]) => {
          const box = (await row.locator(s).count()) ? await row.locator(s).first().boundingBox() : null;
          return box !== null && box.x >= 0 && box.x + box.width <= WIDTH;
        }));
        ok(inside.every(Boolean), `${name}: the first row's ${cells.map(([c]) => c).join(', ')} are within the ` +
           `screen's width (${cells.map(([c], k) => `${c} ${inside[k] ? 'in' : 'out'}`).join(', ')})`);
      }
      await tab.screenshot({ path: join(out, `small-${lang}-${String(i).padStart(2, '0')}-${p.as}.png`), fullPage: true });
    }
  }
  for (const tab of Object.values(pages)) await tab.goto(`${base}/?lang=en`);

  // The narrowest screen the portal reflows to (WCAG 1.4.10): the header's
  // links still side by side, signed out and in.
  for (const tab of [pages.visitor, pages.admin]) {
    await tab.setViewportSize({ width: 320, height: 640 });
    await tab.goto(`${base}/`);
    const overlaps = await tab.evaluate(overlapping);
    ok(overlaps.length === 0, `at 320 px, no two of the header's links overlap${overlaps.length ? ` (${overlaps.join('; ')})` : ''}`);
    await tab.setViewportSize({ width: WIDTH, height: HEIGHT });
  }

  // The home page's example IDs: each a link to its record, which the
  // demonstration data holds.
  await pages.visitor.goto(`${base}/`);
  const examples = await pages.visitor.locator('main table.data-table a').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  ok(examples.length === 4, `the home page links its ${examples.length} example IDs (a list, a term, an organisation, a location)`);
  for (const href of examples) {
    const status = (await pages.visitor.request.get(base + href)).status();
    ok(status === 200, `the example ${href} answers ${status}`);
  }
  ok(await pages.visitor.locator('main a[href="/api"]').count() === 1, 'the home page links the read API');
  ok(await pages.visitor.locator('footer a[href="/api"]').count() === 1, 'the footer links the read API');
  ok(await pages.visitor.locator('main a[href="/tools/check"]').count() === 1 &&
     await pages.visitor.locator('footer a[href="/tools/check"]').count() === 1,
     'the home page and the footer link the check of a list of IDs');

  // The check's results (the answer to its form, which the loop above
  // does not post), in English and French: on a phone, nothing wider than
  // the screen, and each row's ID, result and status within its width.
  for (const lang of ['en', 'fr']) {
    const tab = pages.visitor;
    await tab.goto(`${base}/tools/check?lang=${lang}`);
    await tab.fill('#ids', 'ORG-100000099, 100000073366; LOC-100001001 999999999999 not-an-id');
    await Promise.all([tab.waitForNavigation(), tab.click('form.check-form button[value=html]')]);
    const wide = await tab.evaluate(() => document.documentElement.scrollWidth);
    ok(wide <= WIDTH && (await tab.locator('html').getAttribute('lang')) === lang,
       `${lang}: the check's results are ${wide} px wide, not wider than the screen`);
    const rows = await tab.locator(TABLE_ROW).count();
    const inside = await tab.locator(TABLE_ROW).evaluateAll((trs, width) => trs.every((tr) =>
      [tr.querySelector('.id'), tr.querySelector('.badge')].every((e) => {
        const r = e && e.getBoundingClientRect();
        return r && r.left >= 0 && r.right <= width;
      })), WIDTH);
    ok(rows === 5 && inside, `${lang}: its ${rows} rows show their ID and result within the screen's width`);
    await tab.screenshot({ path: join(out, `small-${lang}-check.png`), fullPage: true });
  }
}, { signedOut: true, context: { viewport: { width: WIDTH, height: HEIGHT } } });
