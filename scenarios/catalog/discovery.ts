// Discovery (RFC 7644 §4; RFC 7643 §5 ServiceProviderConfig, §6 ResourceType, §7 Schema): each
// endpoint answers a well-formed description, the descriptions agree with each other, a filter on
// them is refused, and what the ServiceProviderConfig advertises matches what the server does.
// Discovery requests create nothing: the scenarios use `user.minimal` with an unknown target, except
// the few "advertised" ones that need a user of their own to try the capability on.
import { URN } from '../../schemas/scim-schema.ts';
import type { DiscoveryRule } from '../protocol.ts';
import type { Assertion, Expectation, RequestEndpoint, Scenario } from '../scenario.ts';
import { failure, okChecked, requestFamily } from './build.ts';

const s = requestFamily('discovery', { state: 'user.minimal' });

const rule = (r: DiscoveryRule): Assertion => ({ kind: 'discovery', rule: r });
/** GET of a discovery endpoint, or of one item below it (`subPath`: /ResourceTypes/User, /Schemas/{urn}). */
const get = (endpoint: RequestEndpoint, subPath?: string, query?: Record<string, string>): Scenario['request'] => ({
  target: { unknown: 'User' },
  method: 'GET',
  endpoint,
  body: undefined,
  ...(subPath !== undefined ? { subPath } : {}),
  ...(query ? { query } : {}),
});
const ok200 = (...rules: DiscoveryRule[]): Expectation => okChecked(rules.map(rule), { status: [200] });

/** A server without /Schemas (404 or 501 there) conforms: its attributes are the RFC's (RFC 7643 §8.7 applies). */
const schemasNotOffered: Expectation = failure([404, 501], undefined, { assertions: [rule('schemas-not-offered')] });
const NOT_OFFERED_NOTE = 'A server that does not offer /Schemas at all (404 or 501 there as well) passes: it is a documented gap that the run notes at discovery, not a broken answer.';

const SPC_REFS = ['RFC7643-5', 'RFC7644-4'];
const RT_REFS = ['RFC7643-6', 'RFC7644-4'];
const SCHEMA_REFS = ['RFC7643-7', 'RFC7644-4'];

function serviceProviderConfig(): Scenario[] {
  const features = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const;
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return [
    s({
      what: 'spc.valid',
      title: 'GET /ServiceProviderConfig must answer 200 with a ServiceProviderConfig valid against RFC 7643 §5 (every REQUIRED attribute, typed).',
      level: 'MUST',
      refs: SPC_REFS,
      request: get('serviceProviderConfig'),
      expect: ok200('spc-valid'),
    }),
    ...features.map((f) =>
      s({
        what: `spc.${kebab(f)}`,
        title: `The ServiceProviderConfig must describe ${f} with its REQUIRED sub-attributes (${f === 'bulk' ? 'supported, maxOperations, maxPayloadSize' : f === 'filter' ? 'supported, maxResults' : 'supported'}).`,
        level: 'MUST',
        refs: SPC_REFS,
        request: get('serviceProviderConfig'),
        expect: ok200(`spc-attribute:${f}`),
        ...(f === 'bulk' || f === 'filter' ? { note: 'RFC 7643 §5 marks the limits REQUIRED even when the feature is not supported.' } : {}),
      }),
    ),
    s({
      what: 'spc.authentication-schemes',
      title: 'The ServiceProviderConfig must list its authenticationSchemes, each with type, name and description.',
      level: 'MUST',
      refs: SPC_REFS,
      request: get('serviceProviderConfig'),
      expect: ok200('spc-authentication-schemes'),
    }),
  ];
}

function resourceTypes(): Scenario[] {
  return [
    s({
      what: 'resource-types.list',
      title: 'GET /ResourceTypes must answer 200 with a ListResponse whose Resources are valid ResourceTypes.',
      level: 'MUST',
      refs: [...RT_REFS, 'RFC7644-3.4.2'],
      request: get('resourceTypes'),
      expect: ok200('list-of:ResourceType'),
    }),
    s({
      what: 'resource-types.unpaged',
      title: 'GET /ResourceTypes?startIndex=2&count=1 must ignore the pagination and answer every resource type.',
      level: 'MUST',
      refs: ['RFC7644-4'],
      request: get('resourceTypes', undefined, { startIndex: '2', count: '1' }),
      expect: ok200('list-unpaged:ResourceType'),
      note: 'RFC 7644 §4: query parameters such as sorting and pagination "SHALL be ignored" on /ResourceTypes and /Schemas; the list must still hold the User resource type, and totalResults must count what it holds.',
    }),
    s({
      what: 'resource-types.required',
      title: 'Each resource type must name its name, endpoint and schema.',
      level: 'MUST',
      refs: RT_REFS,
      request: get('resourceTypes'),
      expect: ok200('resource-types-required'),
    }),
    s({
      what: 'resource-types.extensions',
      title: 'Each schemaExtension of a resource type must name its schema and whether it is required.',
      level: 'MUST',
      refs: RT_REFS,
      request: get('resourceTypes'),
      expect: ok200('resource-types-extensions'),
    }),
    s({
      what: 'resource-types.schemas-listed',
      title: "Every schema and schema extension a resource type names must be listed by /Schemas (when the server offers /Schemas).",
      level: 'MUST',
      refs: [...RT_REFS, 'RFC7643-7'],
      request: get('resourceTypes'),
      expect: ok200('resource-types-schemas-listed'),
      note: `RFC 7643 §6: schema "MUST be equal to the id attribute of the associated Schema resource". ${NOT_OFFERED_NOTE}`,
    }),
    ...(['User', 'Group'] as const).map((name) =>
      s({
        what: `resource-types.${name.toLowerCase()}`,
        title: `GET /ResourceTypes/${name} should answer the ${name} resource type (its meta.location) with its core schema.`,
        level: 'SHOULD',
        refs: RT_REFS,
        requires: name === 'Group' ? ['groups'] : [],
        request: get('resourceTypes', name),
        expect: ok200(`resource-type:${name}`),
        note: 'RFC 7643 §6 gives each resource type a meta.location of /ResourceTypes/{name}; RFC 7644 §4 does not spell out the GET of one, hence SHOULD.',
      }),
    ),
    s({
      what: 'resource-types.unknown',
      title: 'GET /ResourceTypes/{a name that does not exist} must answer 404.',
      level: 'MUST',
      refs: [...RT_REFS, 'RFC7644-3.12'],
      request: get('resourceTypes', 'NoSuchResourceType'),
      expect: failure([404]),
    }),
  ];
}

function schemas(): Scenario[] {
  const one = (what: string, urn: string, requires: Scenario['requires']): Scenario =>
    s({
      what: `schemas.${what}`,
      title: `GET /Schemas/${urn} should answer that schema, valid against RFC 7643 §7.`,
      level: 'SHOULD',
      refs: SCHEMA_REFS,
      requires,
      request: get('schemas', urn),
      expect: ok200(`schema:${urn}`),
      alsoConformant: [schemasNotOffered],
      note: `Each Schema's meta.location is /Schemas/{id} (RFC 7643 §7, §8.7.1). ${NOT_OFFERED_NOTE}`,
    });
  const list = (what: string, title: string, level: Scenario['level'], r: DiscoveryRule, note?: string): Scenario =>
    s({ what: `schemas.${what}`, title, level, refs: SCHEMA_REFS, request: get('schemas'), expect: ok200(r), alsoConformant: [schemasNotOffered], note: note ? `${note} ${NOT_OFFERED_NOTE}` : NOT_OFFERED_NOTE });
  return [
    list('list', 'GET /Schemas must answer 200 with a ListResponse whose Resources are valid Schemas.', 'MUST', 'list-of:Schema'),
    s({
      what: 'schemas.unpaged',
      title: 'GET /Schemas?startIndex=2&count=1 must ignore the pagination and answer every schema.',
      level: 'MUST',
      refs: ['RFC7644-4'],
      request: get('schemas', undefined, { startIndex: '2', count: '1' }),
      expect: ok200('list-unpaged:Schema'),
      alsoConformant: [schemasNotOffered],
      note: `RFC 7644 §4, as for /ResourceTypes. ${NOT_OFFERED_NOTE}`,
    }),
    list('attributes', 'Every attribute definition in /Schemas, sub-attributes included, must carry name, a SCIM data type and multiValued.', 'MUST', 'schema-attributes-core', 'RFC 7643 §8.7.2 (the schema of schemas) makes name, type and multiValued REQUIRED.'),
    list('sub-attributes', 'Every complex attribute in /Schemas must define its subAttributes.', 'MUST', 'schema-sub-attributes', 'RFC 7643 §7: subAttributes define the sub-attributes of a complex attribute; without them a client cannot address them.'),
    list('characteristics', 'Every attribute definition in /Schemas should state required, mutability, returned and uniqueness.', 'INTEROP', 'schema-attributes-characteristics', 'RFC 7643 §2.2 gives defaults for what a definition leaves out, so the absence is legal; clients that build forms or PATCH paths from /Schemas read them, hence INTEROP.'),
    list('user-name', 'The User schema must define userName as required with uniqueness server.', 'MUST', 'schema-user-name', 'RFC 7643 §4.1.1: userName is REQUIRED and unique across the service provider; §8.7.1 shows required true, uniqueness "server" (global is accepted as stricter).'),
    one('user', URN.user, []),
    one('group', URN.group, ['groups']),
    one('enterprise-user', URN.enterpriseUser, ['enterpriseUser']),
    s({
      what: 'schemas.unknown',
      title: 'GET /Schemas/{a URN that is not a schema} must answer 404.',
      level: 'MUST',
      refs: [...SCHEMA_REFS, 'RFC7644-3.12'],
      request: get('schemas', 'urn:example:no-such-schema'),
      expect: failure([404]),
      alsoConformant: [failure([501])],
      note: 'A server without /Schemas answers 404 (or 501) here too, which conforms.',
    }),
  ];
}

/** RFC 7644 §4: "If a filter is provided, the service provider SHOULD respond with HTTP status code 403 (Forbidden)". */
function filters(): Scenario[] {
  const cases: Array<[RequestEndpoint, string, string]> = [
    ['serviceProviderConfig', 'spc', '/ServiceProviderConfig'],
    ['resourceTypes', 'resource-types', '/ResourceTypes'],
    ['schemas', 'schemas', '/Schemas'],
  ];
  return cases.map(([endpoint, what, path]) =>
    s({
      what: `${what}.filter-refused`,
      title: `GET ${path}?filter=... should be refused with 403, so that a client never believes the filter was applied.`,
      // §4 says it of /ResourceTypes and /Schemas; the ServiceProviderConfig is one object, not a list to filter.
      level: endpoint === 'serviceProviderConfig' ? 'INTEROP' : 'SHOULD',
      refs: ['RFC7644-4'],
      request: get(endpoint, undefined, { filter: 'name eq "no-such-thing"' }),
      expect: failure([403]),
      ...(endpoint === 'schemas' ? { alsoConformant: [schemasNotOffered] } : {}),
      note: `${endpoint === 'serviceProviderConfig' ? 'RFC 7644 §4 says SHOULD 403 for a filter on /ResourceTypes and /Schemas; the ServiceProviderConfig is held to the same answer as interoperability only.' : 'RFC 7644 §4: "If a filter is provided, the service provider SHOULD respond with HTTP status code 403 (Forbidden)"; a 400 or a 200 (filter ignored) misses that SHOULD.'}${endpoint === 'schemas' ? ` ${NOT_OFFERED_NOTE}` : ''}`,
    }),
  );
}

/** What the ServiceProviderConfig advertises must be what the server does: one INTEROP scenario per capability. */
function advertised(): Scenario[] {
  const note = (cap: string) =>
    `The run reads the ServiceProviderConfig after the request: advertised and working, or neither, passes; a mismatch warns once for ${cap} (the ${cap} scenarios themselves fail what is advertised and broken, and are unsupported where ${cap} is not advertised).`;
  /** The capability is not offered here: a refusal, judged against what the ServiceProviderConfig says. */
  const refused = (statuses: number[], cap: 'bulk' | 'filter' | 'patch'): Expectation => failure(statuses, undefined, { assertions: [rule(`advertised:${cap}`)] });
  return [
    s({
      what: 'advertised.bulk',
      title: 'POST /Bulk with no operations answers a BulkResponse exactly when the ServiceProviderConfig advertises bulk.',
      level: 'INTEROP',
      refs: ['RFC7643-5', 'RFC7644-3.7'],
      request: { target: { unknown: 'User' }, method: 'POST', endpoint: 'bulk', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] } },
      expect: okChecked([rule('advertised:bulk')], { status: [200] }),
      alsoConformant: [refused([400, 403, 404, 405, 501], 'bulk')],
      note: note('bulk'),
    }),
    s({
      what: 'advertised.filter',
      title: 'GET /Users?filter=userName eq "..." finds exactly the user exactly when the ServiceProviderConfig advertises filter.',
      level: 'INTEROP',
      refs: ['RFC7643-5', 'RFC7644-3.4.2.2'],
      request: { target: 'self', method: 'GET', endpoint: 'collection', body: undefined, query: { filter: 'userName eq "{self.userName}"' } },
      expect: okChecked([rule('advertised:filter')], { status: [200] }),
      alsoConformant: [refused([400, 403, 501], 'filter')],
      note: note('filter'),
    }),
    s({
      what: 'advertised.etag',
      title: 'GET /Users/{id} carries an ETag header exactly when the ServiceProviderConfig advertises etag.',
      level: 'INTEROP',
      refs: ['RFC7643-5', 'RFC7644-3.14'],
      request: { target: 'self', method: 'GET', body: undefined },
      expect: okChecked([rule('advertised:etag')], { status: [200] }),
      note: note('etag'),
    }),
    s({
      what: 'advertised.patch',
      title: 'PATCH /Users/{id} (replace displayName) works exactly when the ServiceProviderConfig advertises patch.',
      level: 'INTEROP',
      refs: ['RFC7643-5', 'RFC7644-3.5.2'],
      request: { target: 'self', body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Advertised Check' }] } },
      expect: okChecked([rule('advertised:patch')], { status: [200, 204] }),
      alsoConformant: [refused([400, 403, 405, 501], 'patch')],
      note: note('patch'),
    }),
  ];
}

export function discoveryScenarios(): Scenario[] {
  return [...serviceProviderConfig(), ...resourceTypes(), ...schemas(), ...filters(), ...advertised()];
}
