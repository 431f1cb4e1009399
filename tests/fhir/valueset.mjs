// The ValueSet and ConceptMap side of the FHIR terminology service, as a
// terminology client uses it (fhir-kit-client: read, search, operations by
// GET and by POST with a Parameters body), everything it answers held to
// the official FHIR R4 JSON schema: a list's value set, $expand (filter in
// French and German, paging, designations), $validate-code, the concept
// maps of the list's mappings, $translate both ways, and the errors as
// OperationOutcomes.
import { call, client, diag, done, importFixture, ok, param, raw, system, valid } from './lib.mjs';

importFixture('tests/fixtures/rms/fhir-tx.csv');
const list = '900000000210', edqm = '900000002190', other = '900000002191';
const vsUrl = `${system(list)}?fhir_vs`;
const sourceSystem = (id) => `https://spor.ema.europa.eu/v1/sources/${id}`;
const p = (name, key, value) => ({ name, [key]: value });
const parameters = (...parameter) => ({ resourceType: 'Parameters', parameter });

const vs = await call(() => client.read({ resourceType: 'ValueSet', id: list }));
ok(vs.status === 200 && vs.body.url === vsUrl && vs.body.compose?.include?.[0]?.system === system(list),
  'a list read as its implicit value set');
valid(vs.body, 'the ValueSet', 'ValueSet');

const expanded = await call(() => client.operation({
  resourceType: 'ValueSet', name: '$expand', method: 'GET',
  input: { url: vsUrl, filter: 'comprime', includeDesignations: true, displayLanguage: 'fr' },
}));
const codes = expanded.body?.expansion?.contains ?? [];
ok(expanded.status === 200 && expanded.body.expansion.total === 2 && codes.length === 2 &&
  codes.every((c) => c.display.startsWith('Comprimé') && c.designation?.length === 3),
'GET $expand by url: a French filter without accents, displays in French, every designation');
valid(expanded.body, 'the expansion', 'ValueSet');

const posted = await call(() => client.operation({
  resourceType: 'ValueSet', id: list, name: '$expand',
  input: parameters(p('filter', 'valueString', 'LÖSUNG'), p('count', 'valueInteger', 5), p('displayLanguage', 'valueCode', 'de')),
}));
ok(posted.status === 200 && posted.body.expansion.contains?.[0]?.display === 'Lösung zum Einnehmen' &&
  posted.body.expansion.contains[0].inactive === true,
'POST $expand at instance level: a German filter in capitals, the replaced term inactive');
valid(posted.body, 'the POSTed expansion', 'ValueSet');

const page = await call(() => client.operation({
  resourceType: 'ValueSet', id: list, name: '$expand', method: 'GET', input: { count: 2, offset: 1, activeOnly: true },
}));
ok(page.status === 200 && page.body.expansion.offset === 1 && page.body.expansion.contains.length === 2 &&
  page.body.expansion.contains.every((c) => !c.inactive), 'a page of the active codes');
valid(page.body, 'the page', 'ValueSet');

const checked = await call(() => client.operation({
  resourceType: 'ValueSet', name: '$validate-code', method: 'GET',
  input: { url: vsUrl, code: '900000002101', display: 'Capsule' },
}));
ok(checked.status === 200 && param(checked.body, 'result') === true && /not a name/.test(param(checked.body, 'message')),
  '$validate-code: a wrong display is a message, the result true');
valid(checked.body, 'its Parameters', 'Parameters');

const coded = await call(() => client.operation({
  resourceType: 'ValueSet', id: list, name: '$validate-code',
  input: parameters(p('coding', 'valueCoding', { system: system(list), code: '900000002103' })),
}));
ok(coded.status === 200 && param(coded.body, 'result') === true && /replaced by 900000002104/.test(param(coded.body, 'message')),
  'POST $validate-code of a Coding: a replaced term true, with a warning');
valid(coded.body, 'its Parameters', 'Parameters');

const maps = await call(() => client.search({ resourceType: 'ConceptMap', searchParams: { 'target-system': system(list) } }));
ok(maps.status === 200 && maps.body.total === 2, 'the list\'s concept maps, one per source');
valid(maps.body, 'the searchset', 'Bundle');

const map = await call(() => client.read({ resourceType: 'ConceptMap', id: `${list}-${edqm}` }));
ok(map.status === 200 && map.body.group?.[0]?.element?.length === 3 &&
  map.body.group[0].element.every((e) => e.target[0].equivalence === 'equivalent'), 'a concept map read: the main source\'s mappings are equivalent');
valid(map.body, 'the ConceptMap', 'ConceptMap');

const forward = await call(() => client.operation({
  resourceType: 'ConceptMap', name: '$translate', method: 'GET', input: { system: sourceSystem(other), code: 'FCT' },
}));
const match = forward.body?.parameter?.find((x) => x.name === 'match');
ok(forward.status === 200 && param(forward.body, 'result') === true &&
  match?.part?.find((x) => x.name === 'concept')?.valueCoding?.code === '900000002101' &&
  match.part.find((x) => x.name === 'equivalence')?.valueCode === 'relatedto', '$translate: a source\'s code to its SPOR term');
valid(forward.body, 'its Parameters', 'Parameters');

const reverse = await call(() => client.operation({
  resourceType: 'ConceptMap', id: `${list}-${edqm}`, name: '$translate',
  input: parameters(p('code', 'valueCode', '900000002102'), p('reverse', 'valueBoolean', true)),
}));
ok(reverse.status === 200 && param(reverse.body, 'result') === true, 'POST $translate reverse: an SPOR term to its source code');
valid(reverse.body, 'its Parameters', 'Parameters');

const errors = [
  ['an unknown value set', '/api/v1/fhir/ValueSet/999999999999', 404],
  ['a count of text', `/api/v1/fhir/ValueSet/${list}/$expand?count=ten`, 400],
  ['an unknown concept map', `/api/v1/fhir/ConceptMap/${list}-999999999999`, 404],
  ['a translation without a system', '/api/v1/fhir/ConceptMap/$translate?code=FCT', 400],
];
for (const [what, path, status] of errors) {
  const r = await raw(path);
  if (!ok(r.status === status, `${what}: ${status}`)) diag(r.text);
  valid(r.json, `${what}: its OperationOutcome`, 'OperationOutcome');
}
const tooMany = await raw(`/api/v1/fhir/ValueSet/$expand?url=${encodeURIComponent(vsUrl)}`, {});
ok(tooMany.status === 200 || tooMany.status === 422, 'an unpaged expansion: whole, or 422 when too large');
valid(tooMany.json, 'its answer', tooMany.status === 200 ? 'ValueSet' : 'OperationOutcome');

done();
