// The CodeSystem side of the FHIR terminology service, as a terminology
// client uses it (fhir-kit-client), everything it answers held to the
// official FHIR R4 JSON schema: the lists as CodeSystems, the term search's
// Bundle, and errors as OperationOutcomes.
import { call, client, done, importFixture, ok, raw, system, valid } from './lib.mjs';

importFixture('db/demo/rms.json');

const cs = await call(() => client.read({ resourceType: 'CodeSystem', id: '100000000002' }));
ok(cs.status === 200 && cs.body.url === system('100000000002'), 'a list read as a CodeSystem');
valid(cs.body, 'the CodeSystem', 'CodeSystem');

const found = await call(() => client.search({ resourceType: 'CodeSystem', searchParams: { q: 'france' } }));
ok(found.status === 200 && found.body.total >= 1, 'the term search as a Bundle');
valid(found.body, 'the search Bundle', 'Bundle');

const missing = await call(() => client.read({ resourceType: 'CodeSystem', id: '999999999999' }));
ok(missing.status === 404, 'an unknown list: 404');
valid(missing.body, 'its OperationOutcome', 'OperationOutcome');

const bad = await raw('/api/v1/fhir/CodeSystem/12x');
ok(bad.status === 400, 'a malformed list ID: 400');
valid(bad.json, 'its OperationOutcome', 'OperationOutcome');

done();
