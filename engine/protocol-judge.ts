// Judges the protocol families' assertions (scenarios/protocol.ts): discovery answers, /Me answers
// and BulkResponses, over the observed answer and the reads protocol-reads.ts made after it. Each
// problem's key names the kind of problem (discovery:…, bulk:…, me:…), never the scenario.
import { URN } from '../schemas/scim-schema.ts';
import { validateMessage } from '../schemas/validate-message.ts';
import type { BulkRead, DiscoveryRule, ProtocolAssertion } from '../scenarios/protocol.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { findingKey, problem, type Problem } from './findings.ts';
import { clip, isObject, type Observation, type ObservedResponse } from './judge.ts';
import { createdId, readKey } from './protocol-reads.ts';

type Json = Record<string, unknown>;

export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

const hasUrn = (body: unknown, urn: string): boolean =>
  isObject(body) && Array.isArray(body['schemas']) && body['schemas'].some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());

const first = (lines: string[]): string => `${lines[0]}${lines.length > 1 ? ` (and ${lines.length - 1} more)` : ''}`;

export function checkProtocolAssertion(a: ProtocolAssertion, obs: Observation): Problem[] {
  switch (a.kind) {
    case 'discovery':
      return checkDiscovery(a.rule, obs);
    case 'bulk':
      return checkBulk(a.ops, a.reads ?? [], obs);
    case 'bulk-circle':
      return checkCircle(a.bulkIds, a.reads, obs);
    case 'bulk-limit': {
      if (obs.patch.status !== 413) return [];
      const detail = isObject(obs.patch.json) ? obs.patch.json['detail'] : undefined;
      const named = typeof detail === 'string' && (detail.toLowerCase().includes(a.limit.toLowerCase()) || /\d/.test(detail));
      return named ? [] : [problem('bulk:limit', `the 413 does not say which limit was exceeded (${a.limit}); RFC 7644 §3.7.4: the error response MUST specify it (detail: ${JSON.stringify(detail ?? null)})`)];
    }
    case 'me':
      return checkMe(a.form, a.attributes, obs);
  }
}

// ---- discovery ----

const SPC_REQUIRED: Record<string, Array<[string, 'boolean' | 'number']>> = {
  patch: [['supported', 'boolean']],
  bulk: [['supported', 'boolean'], ['maxOperations', 'number'], ['maxPayloadSize', 'number']],
  filter: [['supported', 'boolean'], ['maxResults', 'number']],
  changePassword: [['supported', 'boolean']],
  sort: [['supported', 'boolean']],
  etag: [['supported', 'boolean']],
};
const TYPES = new Set(['string', 'boolean', 'decimal', 'integer', 'datetime', 'reference', 'binary', 'complex']);
const ENUMS: Record<string, Set<string>> = {
  mutability: new Set(['readonly', 'readwrite', 'immutable', 'writeonly']),
  returned: new Set(['always', 'never', 'default', 'request']),
  uniqueness: new Set(['none', 'server', 'global']),
};

function resourcesOf(body: unknown): Json[] {
  if (isObject(body) && Array.isArray(body['Resources'])) return body['Resources'].filter(isObject);
  return isObject(body) ? [body] : [];
}

/** Every attribute definition of a Schema resource, sub-attributes included, with its dotted name. */
function definitions(schema: Json): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  const walk = (attrs: unknown, prefix: string): void => {
    if (!Array.isArray(attrs)) return;
    for (const d of attrs.filter(isObject)) {
      const name = `${prefix}${typeof d['name'] === 'string' ? d['name'] : '?'}`;
      out.push([name, d]);
      walk(d['subAttributes'], `${name}.`);
    }
  };
  walk(schema['attributes'], '');
  return out;
}

function checkDiscovery(rule: DiscoveryRule, obs: Observation): Problem[] {
  const body = obs.patch.json;
  const ok = obs.patch.status === 200;
  if (rule === 'schemas-not-offered') {
    const list = obs.extra?.['schemas'];
    return list && (list.status === 404 || list.status === 501) ? [] : [problem('discovery:schema-not-found', `GET /Schemas answers ${list?.status ?? 'nothing'} but this schema is not served by its id (${obs.patch.status})`)];
  }
  if (rule.startsWith('advertised:')) return checkAdvertised(rule.slice('advertised:'.length), obs);
  if (!ok) return []; // the status check says it
  if (rule === 'spc-valid') {
    const lines = validateMessage('ServiceProviderConfig', body);
    return lines.length === 0 ? [] : [problem('discovery:spc-invalid', `the ServiceProviderConfig is not valid (RFC 7643 §5): ${first(lines)}`)];
  }
  if (rule.startsWith('spc-attribute:')) {
    const name = rule.slice('spc-attribute:'.length);
    const value = isObject(body) ? Object.entries(body).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] : undefined;
    if (!isObject(value)) return [problem(findingKey('discovery', 'spc-attribute', name), `the ServiceProviderConfig has no ${name} (REQUIRED, RFC 7643 §5)`)];
    const missing = SPC_REQUIRED[name]!.filter(([sub, type]) => typeof value[sub] !== type).map(([sub, type]) => `${sub} (${type})`);
    return missing.length === 0 ? [] : [problem(findingKey('discovery', 'spc-attribute', name), `${name} lacks the REQUIRED ${missing.join(', ')} (RFC 7643 §5)`)];
  }
  if (rule === 'spc-authentication-schemes') {
    const schemes = isObject(body) ? body['authenticationSchemes'] : undefined;
    if (!Array.isArray(schemes) || schemes.length === 0) return [problem('discovery:authentication-schemes', 'the ServiceProviderConfig lists no authenticationSchemes (REQUIRED, RFC 7643 §5)')];
    const bad = schemes.map((s, i) => [i, ['type', 'name', 'description'].filter((k) => !isObject(s) || typeof s[k] !== 'string' || s[k] === '')] as const).filter(([, m]) => m.length > 0);
    return bad.length === 0 ? [] : [problem('discovery:authentication-schemes', `authenticationSchemes[${bad[0]![0]}] lacks ${bad[0]![1].join(', ')} (REQUIRED sub-attributes, RFC 7643 §5)`)];
  }
  if (rule === 'list-of:ResourceType' || rule === 'list-of:Schema') {
    const kind = rule === 'list-of:Schema' ? 'Schema' : 'ResourceType';
    return listProblems(kind, body);
  }
  if (rule === 'list-unpaged:ResourceType' || rule === 'list-unpaged:Schema') {
    const items = isObject(body) && Array.isArray(body['Resources']) ? body['Resources'].filter(isObject) : [];
    const hasUser = items.some((r) => (rule === 'list-unpaged:Schema' ? String(r['id']).toLowerCase() === URN.user.toLowerCase() : String(r['name'] ?? r['id']).toLowerCase() === 'user'));
    const total = isObject(body) ? body['totalResults'] : undefined;
    // totalResults missing or not a number is the list's shape, which the list scenarios judge.
    return hasUser && (typeof total !== 'number' || total === items.length) ? [] : [problem('discovery:paged', `startIndex=2&count=1 was applied (${items.length} item(s), totalResults ${JSON.stringify(total ?? null)}): RFC 7644 §4 says pagination on /ResourceTypes and /Schemas SHALL be ignored`)];
  }
  if (rule.startsWith('resource-type:')) {
    const name = rule.slice('resource-type:'.length);
    const lines = validateMessage('ResourceType', body);
    if (lines.length > 0) return [problem('discovery:resource-type', `the ResourceType is not valid (RFC 7643 §6): ${first(lines)}`)];
    const b = body as Json;
    const id = String(b['id'] ?? b['name']);
    const want = name === 'User' ? URN.user : URN.group;
    if (id.toLowerCase() !== name.toLowerCase() || String(b['schema']).toLowerCase() !== want.toLowerCase()) return [problem('discovery:resource-type', `GET /ResourceTypes/${name} answered the resource type ${id} with schema ${String(b['schema'])}`)];
    return [];
  }
  if (rule.startsWith('schema:')) {
    const urn = rule.slice('schema:'.length);
    const lines = validateMessage('Schema', body);
    if (lines.length > 0) return [problem('discovery:schema', `the Schema is not valid (RFC 7643 §7): ${first(lines)}`)];
    const id = String((body as Json)['id']);
    return id.toLowerCase() === urn.toLowerCase() ? [] : [problem('discovery:schema', `GET /Schemas/${urn} answered the schema ${id}`)];
  }
  const resources = resourcesOf(body);
  if (rule === 'resource-types-required') {
    for (const r of resources) {
      const missing = ['name', 'endpoint', 'schema'].filter((k) => typeof r[k] !== 'string' || r[k] === '');
      if (missing.length > 0) return [problem('discovery:resource-type-fields', `the resource type ${String(r['id'] ?? r['name'] ?? '?')} lacks ${missing.join(', ')} (REQUIRED, RFC 7643 §6)`)];
    }
    return [];
  }
  if (rule === 'resource-types-extensions') {
    for (const r of resources) {
      const exts = r['schemaExtensions'];
      if (exts === undefined) continue;
      if (!Array.isArray(exts)) return [problem('discovery:schema-extensions', `schemaExtensions of ${String(r['name'])} is not a list`)];
      const bad = exts.find((e) => !isObject(e) || typeof e['schema'] !== 'string' || typeof e['required'] !== 'boolean');
      if (bad !== undefined) return [problem('discovery:schema-extensions', `a schemaExtension of ${String(r['name'])} lacks schema or the boolean required (REQUIRED, RFC 7643 §6): ${clip(JSON.stringify(bad), 100)}`)];
    }
    return [];
  }
  if (rule === 'resource-types-schemas-listed') return schemasListed(resources, obs.extra?.['schemas']);
  if (rule === 'schema-attributes-core' || rule === 'schema-attributes-characteristics' || rule === 'schema-sub-attributes') {
    for (const schema of resources) {
      for (const [name, d] of definitions(schema)) {
        const why = attributeProblem(rule, d);
        if (why) return [problem(rule === 'schema-attributes-core' ? 'discovery:attribute-core' : rule === 'schema-sub-attributes' ? 'discovery:sub-attributes' : 'discovery:attribute-characteristics', `${String(schema['id'])} ${name}: ${why}`)];
      }
    }
    return [];
  }
  if (rule === 'schema-user-name') {
    const user = resources.find((r) => String(r['id']).toLowerCase() === URN.user.toLowerCase());
    const def = user ? definitions(user).find(([n]) => n.toLowerCase() === 'username')?.[1] : undefined;
    if (!def) return user ? [problem('discovery:user-name-definition', 'the User schema does not define userName (RFC 7643 §4.1.1)')] : [];
    const unique = typeof def['uniqueness'] === 'string' ? def['uniqueness'].toLowerCase() : 'none';
    if (def['required'] !== true || (unique !== 'server' && unique !== 'global')) return [problem('discovery:user-name-definition', `userName is defined with required ${String(def['required'])} and uniqueness ${String(def['uniqueness'])}; RFC 7643 §4.1.1 makes it REQUIRED and unique (server)`)];
    return [];
  }
  return [];
}

function listProblems(kind: 'Schema' | 'ResourceType', body: unknown): Problem[] {
  const key = findingKey('discovery', 'list-response', kind);
  if (!hasUrn(body, URN.listResponse) || !isObject(body) || !Array.isArray(body['Resources'])) return [problem(key, `the ${kind} list is not a ListResponse with Resources (RFC 7644 §4, §3.4.2): ${clip(JSON.stringify(body ?? null), 100)}`)];
  const lines = validateMessage('ListResponse', body);
  if (lines.length > 0) return [problem(key, `the ${kind} ListResponse is not valid: ${first(lines)}`)];
  for (const r of body['Resources']) {
    const inner = validateMessage(kind, r);
    if (inner.length > 0) return [problem(key, `an item of the ${kind} list is not valid: ${first(inner)}`)];
  }
  return [];
}

function schemasListed(types: Json[], schemas: ObservedResponse | undefined): Problem[] {
  if (!schemas || schemas.status === 404 || schemas.status === 501) return []; // /Schemas not offered: nothing to compare
  if (schemas.status !== 200 || !isObject(schemas.json) || !Array.isArray(schemas.json['Resources'])) {
    return [problem('discovery:list-response:Schema', `GET /Schemas answered ${schemas.status} without a ListResponse, so the resource types' schemas cannot be found`)];
  }
  const ids = new Set(schemas.json['Resources'].filter(isObject).map((s) => String(s['id']).toLowerCase()));
  for (const t of types) {
    const named = [t['schema'], ...(Array.isArray(t['schemaExtensions']) ? t['schemaExtensions'].filter(isObject).map((e) => e['schema']) : [])];
    const missing = named.find((s) => typeof s === 'string' && !ids.has(s.toLowerCase()));
    if (missing !== undefined) return [problem('discovery:schema-not-listed', `the resource type ${String(t['name'])} names ${String(missing)}, which /Schemas does not list (RFC 7643 §6: the schema URI equals the id of a Schema resource)`)];
  }
  return [];
}

function attributeProblem(rule: DiscoveryRule, d: Json): string | undefined {
  if (rule === 'schema-attributes-core') {
    if (typeof d['name'] !== 'string' || d['name'] === '') return 'no name';
    if (typeof d['type'] !== 'string' || !TYPES.has(d['type'].toLowerCase())) return `type ${JSON.stringify(d['type'] ?? null)} is not a SCIM data type`;
    if (typeof d['multiValued'] !== 'boolean') return 'multiValued is not a boolean';
    return undefined;
  }
  if (rule === 'schema-sub-attributes') {
    const complex = typeof d['type'] === 'string' && d['type'].toLowerCase() === 'complex';
    return complex && (!Array.isArray(d['subAttributes']) || d['subAttributes'].length === 0) ? 'a complex attribute without subAttributes' : undefined;
  }
  if (typeof d['required'] !== 'boolean') return 'required is not stated';
  for (const [k, values] of Object.entries(ENUMS)) {
    if (typeof d[k] !== 'string' || !values.has(d[k].toLowerCase())) return `${k} is ${d[k] === undefined ? 'not stated' : JSON.stringify(d[k])}`;
  }
  return undefined;
}

/** What the ServiceProviderConfig advertises matches what the answer shows (one finding per capability). */
function checkAdvertised(capability: string, obs: Observation): Problem[] {
  const spc = obs.extra?.['spc'];
  if (!spc || spc.status !== 200 || !isObject(spc.json)) return []; // the SPC scenarios report it
  const feature = spc.json[capability];
  const advertised = isObject(feature) && feature['supported'] === true;
  const res = obs.patch;
  let works: boolean;
  if (capability === 'bulk') works = res.status === 200 && hasUrn(res.json, BULK_RESPONSE_URN);
  else if (capability === 'filter') works = res.status === 200 && isObject(res.json) && Array.isArray(res.json['Resources']) && res.json['Resources'].length === 1 && res.json['Resources'].every((r) => isObject(r) && r['id'] === obs.created['self']?.['id']);
  else if (capability === 'etag') works = res.status === 200 && Object.keys(res.headers).some((h) => h.toLowerCase() === 'etag');
  else works = res.status === 200 || res.status === 204;
  if (advertised && !works) return [problem(findingKey('discovery', 'advertised-not-working', capability), `the ServiceProviderConfig advertises ${capability}.supported true, but the request answered ${res.status}`)];
  if (!advertised && works) return [problem(findingKey('discovery', 'unadvertised', capability), `${capability} works (${res.status}) although the ServiceProviderConfig says ${capability}.supported ${isObject(feature) ? String(feature['supported']) : 'nothing'}: clients that trust discovery will not use it`)];
  return [];
}

// ---- /Me ----

function checkMe(form: 'resource' | 'redirect', attributes: string[] | undefined, obs: Observation): Problem[] {
  const res = obs.patch;
  if (form === 'redirect') {
    const location = Object.entries(res.headers).find(([h]) => h.toLowerCase() === 'location')?.[1];
    return res.status === 308 && (location === undefined || location === '') ? [problem('me:redirect', '308 without a Location header (RFC 7644 §3.11: the redirect names the subject\'s resource)')] : [];
  }
  if (res.status !== 200) return [];
  const body = res.json;
  if (!isObject(body) || typeof body['id'] !== 'string' || !Array.isArray(body['schemas'])) return [problem('me:resource', `GET /Me answered 200 without a resource (id and schemas): ${clip(res.text, 100)}`)];
  if (attributes) {
    const allowed = new Set(['id', 'schemas', 'meta', ...attributes.map((n) => n.toLowerCase())]);
    const extra = Object.keys(body).filter((k) => !allowed.has(k.toLowerCase()));
    if (extra.length > 0) return [problem('attributes-ignored', `/Me: attributes not requested are returned: ${extra.join(', ')}`)];
  }
  return [];
}

// ---- Bulk ----

function bulkOps(obs: Observation): Json[] | Problem {
  const body = obs.patch.json;
  if (!hasUrn(body, BULK_RESPONSE_URN) || !isObject(body) || !Array.isArray(body['Operations'])) {
    return problem('bulk:response', `the 200 answer is not a BulkResponse (schemas ${BULK_RESPONSE_URN} and Operations, RFC 7644 §3.7): ${clip(obs.patch.text, 100)}`);
  }
  return body['Operations'].filter(isObject);
}

function checkBulk(wants: Array<{ bulkId?: string; method: string; status: number[] }>, reads: BulkRead[], obs: Observation): Problem[] {
  if (obs.patch.status !== 200) return [];
  const ops = bulkOps(obs);
  if (!Array.isArray(ops)) return [ops];
  const problems: Problem[] = [];
  if (ops.length !== wants.length) problems.push(problem('bulk:operations', `the BulkResponse has ${ops.length} operation result(s) where ${wants.length} are expected (${wants.map((w) => w.bulkId ?? w.method).join(', ')})`));
  const unnamed = ops.filter((o) => o['bulkId'] === undefined);
  let next = 0;
  for (const want of wants) {
    const got = want.bulkId !== undefined ? ops.find((o) => o['bulkId'] === want.bulkId) : unnamed[next++];
    const label = want.bulkId !== undefined ? `bulkId ${want.bulkId}` : `the ${want.method}`;
    if (!got) {
      if (ops.length === wants.length) problems.push(problem('bulk:bulk-id', `no operation result for ${label}: a POST's result must carry its bulkId (RFC 7644 §3.7)`));
      continue;
    }
    problems.push(...checkOp(got, want, label));
  }
  for (const r of reads) problems.push(...checkRead(r, obs));
  return problems;
}

function checkOp(got: Json, want: { method: string; status: number[] }, label: string): Problem[] {
  const problems: Problem[] = [];
  const status = got['status'];
  if (typeof status !== 'string') {
    problems.push(problem('bulk:status', `${label}: status ${JSON.stringify(status ?? null)} is not the HTTP status code as a string (RFC 7644 §3.7)`));
  }
  const code = Number(status);
  if (!want.status.includes(code)) problems.push(problem('bulk:op-status', `${label}: expected status ${want.status.join(' or ')}, got ${JSON.stringify(status ?? null)}${isObject(got['response']) ? ` (${clip(JSON.stringify(got['response']), 100)})` : ''}`));
  const failedPost = code >= 400 && want.method === 'POST';
  if (!failedPost && (typeof got['location'] !== 'string' || got['location'] === '')) problems.push(problem('bulk:location', `${label}: no location (REQUIRED in a BulkResponse operation except after a failed POST, RFC 7644 §3.7)`));
  if (code >= 400) {
    const lines = validateMessage('Error', got['response']);
    if (lines.length > 0) problems.push(problem('bulk:error-response', `${label}: the failed operation's response is not a SCIM Error (RFC 7644 §3.7: "response" MUST contain it): ${first(lines)}`));
  }
  return problems;
}

function memberValues(resource: unknown): string[] {
  const members = isObject(resource) ? resource['members'] : undefined;
  return (Array.isArray(members) ? members : []).map((m) => (isObject(m) ? String(m['value']) : String(m))).sort();
}

function checkRead(r: BulkRead, obs: Observation): Problem[] {
  const read = obs.extra?.[readKey(r.path)];
  if (!read) return []; // no location to read from: the operation's check says it
  const want = r.want;
  if ('gone' in want) return read.status === 404 ? [] : [problem('bulk:read', `${r.path} answers ${read.status} after a bulk DELETE of it`)];
  if (read.status !== 200 || !isObject(read.json)) return [problem('bulk:read', `${r.path} answers ${read.status} after the bulk request`)];
  const literal = JSON.stringify(read.json).includes('"bulkId:');
  if (literal) return [problem('bulk:reference', `${r.path} holds a literal "bulkId:" value: the reference was not resolved to the created resource's id (RFC 7644 §3.7.2)`)];
  if ('noLiteralBulkIds' in want) return [];
  if ('members' in want) {
    const expected = want.members.map((m) => (m.startsWith('bulkId:') ? createdId(obs.patch.json, m.slice(7)) : String(resolvePlaceholders(m, obs.created)))).map(String).sort();
    const got = memberValues(read.json);
    return JSON.stringify(got) === JSON.stringify(expected) ? [] : [problem('bulk:reference', `${r.path}: members expected [${expected.join(', ')}], got [${got.join(', ')}]`)];
  }
  const value = Object.entries(read.json).find(([k]) => k.toLowerCase() === want.equals.attr.toLowerCase())?.[1];
  const expected = resolvePlaceholders(want.equals.value, obs.created);
  return JSON.stringify(value) === JSON.stringify(expected) ? [] : [problem('bulk:read', `${r.path}: ${want.equals.attr} expected ${JSON.stringify(expected)}, got ${JSON.stringify(value ?? null)}`)];
}

/** RFC 7644 §3.7.1: circular references MUST be tried, MAY end in 409 after a failed attempt. */
function checkCircle(bulkIds: string[], reads: BulkRead[], obs: Observation): Problem[] {
  if (obs.patch.status !== 200) return [];
  const ops = bulkOps(obs);
  if (!Array.isArray(ops)) return [ops];
  const problems: Problem[] = [];
  for (const id of bulkIds) {
    const got = ops.find((o) => o['bulkId'] === id);
    if (!got) {
      problems.push(problem('bulk:bulk-id', `no operation result for bulkId ${id}`));
      continue;
    }
    problems.push(...checkOp(got, { method: 'POST', status: [201, 409] }, `bulkId ${id}`));
  }
  for (const r of reads) problems.push(...checkRead(r, obs));
  return problems;
}
