// /api/v1/fhir/metadata as FHIR clients read it: the CapabilityStatement
// (fhir-kit-client's capabilityStatement and CapabilityTool) and the
// TerminologyCapabilities of ?mode=terminology, both valid FHIR R4.
import { CapabilityTool } from 'fhir-kit-client';
import { call, client, done, importFixture, ok, raw, system, valid } from './lib.mjs';

importFixture('tests/fixtures/rms/hierarchy.json');

const cs = await call(() => client.capabilityStatement());
ok(cs.status === 200 && cs.body.fhirVersion === '4.0.1' && cs.body.kind === 'instance', 'a CapabilityStatement for FHIR 4.0.1');
valid(cs.body, 'the CapabilityStatement', 'CapabilityStatement');
const tool = new CapabilityTool(cs.body);
ok(tool.resourceCan('CodeSystem', 'read') && tool.resourceCan('CodeSystem', 'search-type') &&
   tool.resourceCan('Organization', 'read') && tool.resourceCan('Location', 'read'), 'its interactions, read by a client');
ok(tool.resourceSearch('CodeSystem', 'q') && tool.resourceSearch('Organization', 'country'), 'its search parameters');

const tc = await raw('/api/v1/fhir/metadata?mode=terminology');
ok(tc.status === 200 && tc.json?.resourceType === 'TerminologyCapabilities', 'mode=terminology: TerminologyCapabilities');
valid(tc.json, 'the TerminologyCapabilities', 'TerminologyCapabilities');
const tree = tc.json?.codeSystem?.find((c) => c.uri === system('900000000100'));
ok(tree?.subsumption === true && tree.version?.[0]?.language?.includes('fr') && tree.version[0].code === '1',
  'a list with its version, languages and subsumption');

const bad = await raw('/api/v1/fhir/metadata?mode=nonsense');
ok(bad.status === 400, 'an unknown mode: 400');
valid(bad.json, 'its OperationOutcome', 'OperationOutcome');

done();
