// The FHIR test layer: runs every other .mjs file of this folder (but
// lib.mjs) in its own node process, one after the other, and reports their
// checks as one TAP stream, each named for its file, so that script/test
// counts every check.  A file that stops before its plan, or exits non-zero
// without a failed check, is one more failure.  A new file of this folder
// is run without naming it here (Makefile.am names it for the
// distribution: fhir_files).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!process.env.SPOR_TEST_URL) {
  console.log('1..0 # SKIP no running portal (SPOR_TEST_URL unset)');
  process.exit(0);
}
const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.SPOR_FHIR_TESTS; // "codesystem.mjs metadata.mjs": these alone
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f !== 'lib.mjs')
  .filter((f) => !only || only.split(/\s+/).includes(f))
  .sort();

let n = 0, failed = 0;
for (const file of files) {
  const child = spawnSync(process.execPath, [join(here, file)], {
    encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20, env: process.env,
  });
  let planned = false, fileFailed = 0;
  for (const line of (child.stdout || '').split('\n')) {
    const m = /^(not )?ok \d+\s*(?:- )?(.*)$/.exec(line);
    if (m) {
      n++;
      if (m[1]) { failed++; fileFailed++; }
      console.log(`${m[1] ? 'not ' : ''}ok ${n} - ${file}: ${m[2]}`);
    } else if (/^1\.\.\d+/.test(line)) {
      planned = true;
    } else if (line.trim()) {
      console.log(line.startsWith('#') ? line : `# ${line}`);
    }
  }
  for (const line of (child.stderr || '').split('\n').filter((l) => l.trim()).slice(0, 40))
    console.log(`# ${file} (stderr): ${line}`);
  const clean = planned && (child.status === 0 || fileFailed > 0);
  if (!clean) {
    n++; failed++;
    console.log(`not ok ${n} - ${file}: ran to its end (status ${child.status}, signal ${child.signal}${child.error ? ', ' + child.error.message : ''})`);
  }
}
if (!files.length) { n++; failed++; console.log(`not ok ${n} - the FHIR tests are there`); }
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
