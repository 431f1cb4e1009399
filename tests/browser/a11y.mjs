// Every main page (pages.mjs), signed out, as a user with a role and as an
// administrator, checked in Debian's Chromium:
// - accessibility: axe-core's WCAG 2.0/2.1 A and AA rules on the page as
//   shown; it passes with no violation of impact serious or critical, and a
//   failure names the rule, its impact, the elements and the rule's help
//   page (lesser findings are printed as comments); a form answered with
//   errors says so in its title;
// - reflow: at 320 CSS pixels nothing scrolls sideways but a table, in a
//   frame the keyboard reaches;
// - HTML validity: the HTML as served (the response's bytes, not the DOM)
//   and nginx's own error pages, through the Nu HTML Checker, one JVM for
//   all; no error allowed, each one named with its line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { journey } from './journey.mjs';
import { mainPages, setUp, visit } from './pages.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const htmlDir = join(dirname(fileURLToPath(import.meta.url)), 'out', 'html');

await journey('oms', async ({ page, base, ok }) => {
  // Found here, not on loading: with no portal to test (make distcheck's
  // copy, without node_modules) the test skips before.
  const require = createRequire(import.meta.url);
  // Evaluated through the DevTools protocol, which the pages' Content
  // Security Policy (no inline script) does not apply to.
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const vnuJar = String(require('vnu-jar'));
  const start = Date.now(), took = (what) => console.log(`# ${what}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  const { pages, ids } = await setUp(page, base);
  took('accounts and records made');
  rmSync(htmlDir, { recursive: true, force: true });
  mkdirSync(htmlDir, { recursive: true });

  // One page: its HTML kept for the checker, axe's findings, and whether a
  // form answered with errors says so first, in the title a screen reader
  // reads out.
  const check = async (tab, p, i) => {
    const response = await visit(tab, base, p);
    const file = join(htmlDir, `${String(i).padStart(2, '0')}-${p.as}.html`);
    writeFileSync(file, await response.body());
    await tab.evaluate(axeSource);
    const { passes, violations } = await tab.evaluate(
      (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }), TAGS);
    const errorTitle = await tab.locator('#form-errors').count() ? (await tab.title()).startsWith('Error: ') : null;
    // Reflow (WCAG 1.4.10): at 320 CSS pixels (1280 at 400 % zoom) the page
    // does not scroll sideways; what scrolls inside it (a wide table) can
    // be reached from the keyboard.
    const viewport = tab.viewportSize();
    await tab.setViewportSize({ width: 320, height: 640 });
    const narrow = await tab.evaluate(async () => ({
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      violations: (await window.axe.run(document, { runOnly: { type: 'rule', values: ['scrollable-region-focusable'] },
                                                     resultTypes: ['violations'] })).violations,
    }));
    await tab.setViewportSize(viewport);
    return { name: `${p.as}: ${p.name} (${p.path})`, file, status: response.status(), expected: p.status || 200,
             passes: passes.length, violations, errorTitle, narrow };
  };
  // The three visitors walk their pages side by side; the results are
  // reported in the pages' order.
  const list = mainPages(ids), results = [];
  await Promise.all(Object.entries(pages).map(async ([as, tab]) => {
    for (const [i, p] of list.entries()) if (p.as === as) results[i] = await check(tab, p, i);
  }));
  for (const r of results) {
    const grave = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    // Rules that passed show that axe did look at the page.
    ok(r.status === r.expected && r.passes > 0 && grave.length === 0,
       `axe: ${r.name}: ${r.status === r.expected ? '' : `status ${r.status}, `}` +
       `${r.passes} rules pass, ${grave.length} serious or critical violation(s)`);
    for (const v of r.violations) {
      console.log(`# ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>`);
      for (const n of v.nodes.slice(0, 5)) console.log(`#   ${n.target.join(' ')}`);
      if (v.nodes.length > 5) console.log(`#   and ${v.nodes.length - 5} more`);
    }
    if (r.errorTitle !== null) ok(r.errorTitle, `${r.name}: the title begins with "Error:"`);
    ok(r.narrow.sideways <= 0 && r.narrow.violations.length === 0,
       `reflow: ${r.name}: ${r.narrow.sideways > 0 ? `${r.narrow.sideways} px sideways` : 'no sideways scrolling'} ` +
       `at 320 px, ${r.narrow.violations.length ? 'a scrolling region the keyboard cannot reach' : 'every scrolling region reachable'}`);
    for (const n of r.narrow.violations.flatMap((v) => v.nodes)) console.log(`#   ${n.target.join(' ')}`);
  }
  const served = results.map(({ name, file }) => ({ name, file }));

  took('pages checked with axe');
  const errors = join(process.env.SPOR_TEST_BUILD, 'nginx', 'errors');
  for (const f of readdirSync(errors).filter((f) => f.endsWith('.html')).sort())
    served.push({ name: `nginx's error page ${f}`, file: join(errors, f) });
  // A short-lived JVM starts faster with the client compiler alone, whose
  // deeper stack the checker's schema needs room for.
  const vnu = spawnSync('java', ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', vnuJar,
                                 '--format', 'json', '--errors-only', ...served.map((s) => s.file)],
                        { encoding: 'utf8' });
  took('the Nu HTML Checker done');
  let messages = null;
  try { messages = JSON.parse(vnu.stderr).messages; } catch { /* reported below */ }
  // Every message must be about one of the files (not, say, a file it could not read).
  const fileOf = (m) => (m.url ? new URL(m.url).pathname : '');
  const stray = (messages || []).filter((m) => !served.some((s) => s.file === fileOf(m)));
  ok(Array.isArray(messages) && stray.length === 0,
     `the Nu HTML Checker ran${messages ? '' : `: ${vnu.error || vnu.stdout + vnu.stderr}`}`);
  for (const m of stray) console.log(`# ${m.type}: ${m.url || ''} ${m.message}`);
  for (const s of served) {
    const found = (messages || []).filter((m) => fileOf(m) === s.file);
    ok(messages && found.length === 0, `html: ${s.name}: ${found.length} error(s)`);
    for (const m of found) console.log(`# line ${m.lastLine}: ${m.message}`);
  }
}, { signedOut: true });
