// The CodeSystem side of the FHIR terminology service as a terminology
// client uses it (fhir-kit-client: it reads the CapabilityStatement, then
// calls $lookup, $validate-code and $subsumes by GET and POST, at type and
// instance level), everything the server answers held to the official FHIR
// R4 JSON schema: the lists as CodeSystems, the term search's Bundle, the
// operations' Parameters, and errors as OperationOutcomes with FHIR's
// statuses.
import { CapabilityTool } from 'fhir-kit-client';
import { call, client, done, importFixture, ok, param, raw, system, valid } from './lib.mjs';

importFixture('db/demo/rms.json');
importFixture('tests/fixtures/rms/hierarchy.json');
const tree = '900000000100', treeUrl = system(tree);

// What a client does first: ask what the server can do.
const meta = await call(() => client.capabilityStatement());
ok(meta.status === 200, 'the CapabilityStatement');
const tool = new CapabilityTool(meta.body);
for (const op of ['lookup', 'validate-code', 'subsumes'])
  ok(tool.supportFor({ resourceType: 'CodeSystem', capabilityType: 'operation', where: { name: op } }), `it offers CodeSystem $${op}`);

const cs = await call(() => client.read({ resourceType: 'CodeSystem', id: '100000000002' }));
ok(cs.status === 200 && cs.body.url === system('100000000002'), 'a list read as a CodeSystem');
valid(cs.body, 'the CodeSystem', 'CodeSystem');

const found = await call(() => client.search({ resourceType: 'CodeSystem', searchParams: { q: 'france' } }));
ok(found.status === 200 && found.body.total >= 1, 'the term search as a Bundle');
valid(found.body, 'the search Bundle', 'Bundle');

// $lookup: GET and POST, type and instance level, code or coding.
const parameters = (...pairs) => ({ resourceType: 'Parameters', parameter: pairs.map(([name, type, value]) => ({ name, [type]: value })) });
const lookups = [
  ['GET, type level', { name: '$lookup', resourceType: 'CodeSystem', method: 'GET', input: { system: treeUrl, code: '900000000102' } }],
  ['GET, instance level', { name: '$lookup', resourceType: 'CodeSystem', id: tree, method: 'GET', input: { code: '900000000102', property: ['parent', 'child', 'designation'] } }],
  ['POST, type level', { name: '$lookup', resourceType: 'CodeSystem', input: parameters(['system', 'valueUri', treeUrl], ['code', 'valueCode', '900000000102']) }],
  ['POST of a coding', { name: '$lookup', resourceType: 'CodeSystem', input: parameters(['coding', 'valueCoding', { system: treeUrl, code: '900000000102' }], ['displayLanguage', 'valueCode', 'en']) }],
  ['POST, instance level', { name: '$lookup', resourceType: 'CodeSystem', id: tree, input: parameters(['code', 'valueCode', '900000000102']) }],
];
for (const [name, args] of lookups) {
  const got = await call(() => client.operation(args));
  ok(got.status === 200 && param(got.body, 'display') === 'Tablet' && param(got.body, 'name') === 'FHIR test hierarchy',
    `$lookup, ${name}: the term`);
  valid(got.body, `$lookup, ${name}`, 'Parameters');
}
const french = await call(() => client.operation({ name: '$lookup', resourceType: 'CodeSystem', id: tree, method: 'GET', input: { code: '900000000103', displayLanguage: 'de' } }));
ok(param(french.body, 'display') === 'Filmtablette', '$lookup in displayLanguage');
const retired = await call(() => client.operation({ name: '$lookup', resourceType: 'CodeSystem', id: tree, method: 'GET', input: { code: '900000000104' } }));
const props = Object.fromEntries((retired.body?.parameter || []).filter((p) => p.name === 'property')
  .map((p) => [param(p, 'code'), p.part.find((x) => x.name === 'value')]));
ok(props.replacedBy?.valueCode === '900000000105' && props.inactive?.valueBoolean === true && props.status?.valueCode === 'NON_CURRENT',
  '$lookup of a replaced term: replacedBy, inactive, status');
valid(retired.body, '$lookup of a replaced term', 'Parameters');

// $validate-code
const validations = [
  ['a term', { url: treeUrl, code: '900000000103' }, true, false],
  ['a wrong display: valid, with an issue', { url: treeUrl, code: '900000000103', display: 'Pill' }, true, true],
  ['a non-current term: valid, with a warning', { url: treeUrl, code: '900000000104' }, true, true],
  ['an unknown code: not valid', { url: treeUrl, code: '999999999999' }, false, true],
];
for (const [name, input, result, message] of validations) {
  for (const method of ['GET', 'POST']) {
    const body = method === 'GET' ? input : parameters(...Object.entries(input).map(([k, v]) => [k, k === 'url' ? 'valueUri' : k === 'code' ? 'valueCode' : 'valueString', v]));
    const got = await call(() => client.operation({ name: '$validate-code', resourceType: 'CodeSystem', method, input: body }));
    ok(got.status === 200 && param(got.body, 'result') === result && (param(got.body, 'message') !== undefined) === message,
      `$validate-code by ${method}, ${name}`);
    valid(got.body, `$validate-code by ${method}, ${name}`, 'Parameters');
  }
}
const coded = await call(() => client.operation({ name: '$validate-code', resourceType: 'CodeSystem', id: tree,
  input: parameters(['coding', 'valueCoding', { system: treeUrl, code: '900000000105' }]) }));
ok(param(coded.body, 'result') === true && param(coded.body, 'display') === 'Capsule', '$validate-code of a coding, instance level');

// $subsumes
const subsumptions = [['900000000101', '900000000103', 'subsumes'], ['900000000103', '900000000101', 'subsumed-by'],
  ['900000000102', '900000000102', 'equivalent'], ['900000000102', '900000000105', 'not-subsumed']];
for (const [codeA, codeB, outcome] of subsumptions) {
  const get = await call(() => client.operation({ name: '$subsumes', resourceType: 'CodeSystem', method: 'GET', input: { system: treeUrl, codeA, codeB } }));
  const post = await call(() => client.operation({ name: '$subsumes', resourceType: 'CodeSystem', id: tree,
    input: parameters(['codingA', 'valueCoding', { system: treeUrl, code: codeA }], ['codingB', 'valueCoding', { system: treeUrl, code: codeB }]) }));
  ok(param(get.body, 'outcome') === outcome && param(post.body, 'outcome') === outcome, `$subsumes ${codeA} ${codeB}: ${outcome}`);
  valid(post.body, `$subsumes ${outcome}`, 'Parameters');
}

// Errors: the client sees an OperationOutcome with FHIR's status.
const errors = [
  ['a list that is not there', () => client.read({ resourceType: 'CodeSystem', id: '999999999999' }), 404],
  ['$lookup of an unknown code', () => client.operation({ name: '$lookup', resourceType: 'CodeSystem', id: tree, method: 'GET', input: { code: '999999999999' } }), 404],
  ['$lookup of an unknown system', () => client.operation({ name: '$lookup', resourceType: 'CodeSystem', method: 'GET', input: { system: 'http://loinc.org', code: '1234-5' } }), 404],
  ['$lookup without a code', () => client.operation({ name: '$lookup', resourceType: 'CodeSystem', input: parameters(['system', 'valueUri', treeUrl]) }), 400],
  ['$subsumes on a flat list', () => client.operation({ name: '$subsumes', resourceType: 'CodeSystem', id: '100000000002', method: 'GET', input: { codeA: '100000000337', codeB: '100000000337' } }), 422],
  ['a Patient posted to $lookup', () => client.operation({ name: '$lookup', resourceType: 'CodeSystem', input: { resourceType: 'Patient' } }), 400],
];
for (const [name, fn, status] of errors) {
  const got = await call(fn);
  ok(got.status === status, `${name}: ${status} (${got.status})`);
  valid(got.body, name, 'OperationOutcome');
}
const bad = await raw('/api/v1/fhir/CodeSystem/12x');
ok(bad.status === 400, 'a malformed list ID: 400');
valid(bad.json, 'its OperationOutcome', 'OperationOutcome');

done();
