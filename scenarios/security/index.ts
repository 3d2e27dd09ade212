// The target's own security checks (ids security.*): authentication on every method and endpoint
// the suite uses, passwords never returned, read-only attributes not writable through PATCH, one
// resource's PATCH never reaching another, ids not crossing resource types, and (with the optional
// credentials of the configuration) a read-only credential that cannot write and another tenant's
// that cannot see.
import { op, ops } from '../generate-context.ts';
import type { Assertion, Capability, Expectation, Level, PatchRequestSpec, RequestCredential, RequestEndpoint, RequestMethod, ResourceKind, Scenario } from '../scenario.ts';
import { bad, equals, failure, ok, okChecked } from '../catalog/build.ts';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

interface Input {
  what: string;
  title: string;
  level: Level;
  refs: string[];
  request: PatchRequestSpec;
  expect: Expectation;
  acceptable?: Expectation;
  alsoConformant?: Expectation[];
  note?: string;
  state?: string;
  resource?: ResourceKind;
  requires?: Capability[];
}

function sec(input: Input): Scenario {
  const method = input.request.method ?? 'PATCH';
  const requires = [...new Set<Capability>([...(method === 'PATCH' ? (['patch'] as const) : []), ...(input.requires ?? [])])];
  const s: Scenario = {
    id: `security.${input.what}`,
    title: input.title,
    family: 'security',
    level: input.level,
    refs: input.refs,
    requires,
    resource: input.resource ?? 'User',
    state: { name: input.state ?? 'user.full' },
    request: input.request,
    expect: input.expect,
  };
  if (input.acceptable) s.acceptable = input.acceptable;
  if (input.alsoConformant) s.alsoConformant = input.alsoConformant;
  if (input.note) s.note = input.note;
  return s;
}

const header = (name: string): Assertion => ({ kind: 'header', name });
const listed = (...aliases: string[]): Assertion => ({ kind: 'listed', aliases });

/**
 * 401 with a SCIM Error and WWW-Authenticate. The header is not optional: RFC 9110 §15.5.2 (and
 * §11.6.1; RFC 7235 §3.1 before it) says a server generating a 401 MUST send a WWW-Authenticate
 * challenge, so a 401 without it fails wherever the 401 is required (issue 15).
 */
const unauthorized = failure([401], undefined, { assertions: [header('WWW-Authenticate')] });
const AUTH_REFS = ['RFC7644-3.12', 'RFC7644-2', 'PATCH-ERR-04', 'RFC9110-15.5.2', 'RFC9110-11.6.1', 'RFC7235-3.1', 'RFC6750-3'];

const CREDENTIAL_TEXT: Record<'none' | 'wrong', string> = { none: 'without a credential', wrong: 'with a wrong credential' };

interface Call {
  what: string;
  text: string;
  method: RequestMethod;
  endpoint: RequestEndpoint;
  /** The request addresses an existing resource (self) rather than the collection. */
  onSelf: boolean;
  /** The body is a fresh resource (POST, PUT). */
  fresh?: boolean;
}

const RESOURCE_CALLS: Call[] = [
  { what: 'list', text: 'GET {endpoint}', method: 'GET', endpoint: 'collection', onSelf: false },
  { what: 'create', text: 'POST {endpoint}', method: 'POST', endpoint: 'collection', onSelf: false, fresh: true },
  { what: 'read', text: 'GET {endpoint}/{id}', method: 'GET', endpoint: 'resource', onSelf: true },
  { what: 'replace', text: 'PUT {endpoint}/{id}', method: 'PUT', endpoint: 'resource', onSelf: true, fresh: true },
  { what: 'patch', text: 'PATCH {endpoint}/{id}', method: 'PATCH', endpoint: 'resource', onSelf: true },
  { what: 'delete', text: 'DELETE {endpoint}/{id}', method: 'DELETE', endpoint: 'resource', onSelf: true },
];

function authScenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const credential of ['none', 'wrong'] as const) {
    for (const kind of ['User', 'Group'] as const) {
      const endpoint = kind === 'User' ? '/Users' : '/Groups';
      const state = kind === 'User' ? 'user.minimal' : 'group.empty';
      for (const call of RESOURCE_CALLS) {
        const request: PatchRequestSpec = {
          target: call.onSelf ? 'self' : { unknown: kind },
          body: call.method === 'PATCH' ? ops(op('replace', 'displayName', 'Intruder')) : undefined,
          method: call.method,
          endpoint: call.endpoint,
          credential,
          ...(call.fresh ? { bodyFrom: 'self' } : {}),
        };
        out.push(
          sec({
            what: `auth.${credential}.${kind === 'User' ? 'users' : 'groups'}.${call.what}`,
            title: `${call.text.replace('{endpoint}', endpoint)} ${CREDENTIAL_TEXT[credential]} must answer 401 with a SCIM Error and a WWW-Authenticate challenge, and change nothing.`,
            level: 'MUST',
            refs: AUTH_REFS,
            resource: kind,
            state,
            requires: kind === 'Group' ? ['groups'] : [],
            request,
            expect: unauthorized,
            note: 'RFC 9110 §15.5.2 (RFC 7235 §3.1): a 401 MUST carry WWW-Authenticate; without it the scenario fails.',
          }),
        );
      }
    }
    const discovery: Array<[RequestEndpoint, string, string]> = [
      ['serviceProviderConfig', 'service-provider-config', '/ServiceProviderConfig'],
      ['resourceTypes', 'resource-types', '/ResourceTypes'],
      ['schemas', 'schemas', '/Schemas'],
    ];
    for (const [endpoint, what, path] of discovery) {
      out.push(
        sec({
          what: `auth.${credential}.${what}`,
          title: `GET ${path} ${CREDENTIAL_TEXT[credential]} should answer 401 with a SCIM Error and WWW-Authenticate; serving it anonymously is a documented choice.`,
          level: 'SHOULD',
          refs: ['RFC7644-4', ...AUTH_REFS],
          state: 'user.minimal',
          request: { target: { unknown: 'User' }, body: undefined, method: 'GET', endpoint, credential },
          expect: unauthorized,
          alsoConformant: [okChecked([], { status: [200] })],
          note: 'Discovery carries no personal data; RFC 7644 §4 leaves its authentication to the service provider, so a 200 conforms too (a 401 without WWW-Authenticate is a miss of this SHOULD scenario).',
        }),
      );
    }
  }
  return out;
}

const PASSWORD_REFS = ['RFC7643-4.1.1', 'RFC7643-2.2', 'RFC7644-7.7'];

/** The password scenarios judge the leak themselves: it is their own requirement. */
const NEVER_RETURNED = { kind: 'never-returned' } as const;

function passwordScenarios(): Scenario[] {
  const filter = { filter: 'userName eq "{self.userName}"' };
  return [
    sec({
      what: 'password.create',
      title: 'The 201 answer to POST /Users must not return the password (returned "never").',
      level: 'MUST',
      refs: PASSWORD_REFS,
      request: { target: { unknown: 'User' }, body: undefined, method: 'POST', endpoint: 'collection', bodyFrom: 'self' },
      expect: okChecked([NEVER_RETURNED], { status: [201] }),
    }),
    sec({
      what: 'password.read',
      title: 'GET /Users/{id} must not return the password.',
      level: 'MUST',
      refs: PASSWORD_REFS,
      request: { target: 'self', body: undefined, method: 'GET' },
      expect: okChecked([NEVER_RETURNED], { status: [200] }),
    }),
    sec({
      what: 'password.read-requested',
      title: 'GET /Users/{id}?attributes=password,userName must not return the password even when asked for.',
      level: 'MUST',
      refs: [...PASSWORD_REFS, 'RFC7644-3.9'],
      request: { target: 'self', body: undefined, method: 'GET', query: { attributes: 'password,userName' } },
      expect: okChecked([NEVER_RETURNED], { status: [200] }),
    }),
    sec({
      what: 'password.replace',
      title: 'The answer to PUT /Users/{id} with a password must not return it.',
      level: 'MUST',
      refs: [...PASSWORD_REFS, 'RFC7644-3.5.1'],
      request: { target: 'self', body: undefined, method: 'PUT', bodyFrom: 'self' },
      expect: okChecked([NEVER_RETURNED], { status: [200] }),
    }),
    sec({
      what: 'password.patch',
      title: 'The answer to a PATCH that sets the password must not return it.',
      level: 'MUST',
      refs: [...PASSWORD_REFS, 'RFC7644-3.5.2'],
      request: { target: 'self', body: ops(op('replace', 'password', 'N3w-Secret-Passw0rd!')) },
      expect: ok({ assertions: [NEVER_RETURNED] }),
    }),
    sec({
      what: 'password.list-filter',
      title: 'A filtered list (GET /Users?filter=userName eq ...) must find the user and not return its password.',
      level: 'MUST',
      refs: [...PASSWORD_REFS, 'RFC7644-3.4.2'],
      requires: ['filter'],
      request: { target: 'self', body: undefined, method: 'GET', endpoint: 'collection', query: filter },
      expect: okChecked([listed('self'), NEVER_RETURNED], { status: [200] }),
    }),
    sec({
      what: 'password.search',
      title: 'POST /Users/.search must find the user and not return its password.',
      level: 'MUST',
      refs: [...PASSWORD_REFS, 'RFC7644-3.4.3'],
      requires: ['filter'],
      request: { target: 'self', body: { schemas: [SEARCH_REQUEST], filter: filter.filter }, method: 'POST', endpoint: 'search' },
      expect: okChecked([listed('self'), NEVER_RETURNED], { status: [200] }),
    }),
  ];
}

function writeScenarios(): Scenario[] {
  return [
    sec({
      what: 'patch.id-of-other-user',
      title: "A path-less replace carrying another user's id must not move or merge the user (400 mutability preferred), and the other user stays as it was.",
      level: 'MUST',
      refs: ['RFC7643-3.1', 'RFC7644-3.5.2', 'PATCH-MUT-01'],
      request: { target: 'self', body: ops(op('replace', undefined, { id: '{U2.id}', nickName: 'Mallory' })) },
      expect: bad('mutability'),
      acceptable: okChecked([equals('id', '{self.id}')]),
      note: 'Ignoring the read-only id is tolerated with a warning; applying it fails.',
    }),
    sec({
      what: 'patch.meta-version',
      title: 'A PATCH must not let a client forge meta.version (400 mutability preferred over ignoring it).',
      level: 'AMBIG',
      refs: ['RFC7643-3.1', 'RFC7644-3.14', 'PATCH-MUT-02'],
      request: { target: 'self', body: ops(op('replace', 'meta.version', 'W/"forged"')) },
      expect: bad('mutability'),
      acceptable: okChecked([equals('meta.version', '{self.meta.version}')], { effect: 'no-change' }),
      note: 'E-7: client-provided meta SHALL be ignored; storing it fails.',
    }),
    sec({
      what: 'patch.groups-join',
      title: "A user must not join a group by PATCHing its own read-only groups attribute; the group's members stay as they were.",
      level: 'MUST',
      refs: ['RFC7643-4.1.2', 'RFC7644-3.5.2', 'PATCH-MUT-03'],
      state: 'group.empty',
      requires: ['groups'],
      request: { target: 'U1', body: ops(op('add', 'groups', [{ value: '{self.id}' }])) },
      expect: bad('mutability'),
    }),
    sec({
      what: 'patch.other-user-untouched',
      title: 'A PATCH of one user whose value names another user must change only the user it addresses.',
      level: 'DERIVED',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.2'],
      request: { target: 'self', body: ops(op('replace', 'nickName', '{U2.userName}'), op('replace', 'title', 'Reports to {U2.id}')) },
      expect: ok({ effect: 'change' }),
      note: 'U2 is named by placeholder, so the runner reads it back right after the PATCH, before any other write. DERIVED: RFC 5789 §2 lets a PATCH have side effects on other resources, but none of these operations asks for one.',
    }),
  ];
}

function crossTypeScenarios(): Scenario[] {
  const groupAsUser = (what: string, method: RequestMethod, text: string, body?: unknown): Scenario =>
    sec({
      what: `cross-type.${what}`,
      title: `${text} with a Group's id under /Users must answer 404 and leave the group as it was.`,
      level: 'MUST',
      refs: ['RFC7644-3.12', 'RFC7644-3.4.1', 'RFC7644-3.6'],
      resource: 'Group',
      state: 'group.one-member',
      requires: ['groups'],
      request: { target: 'self', body, method, under: 'User' },
      expect: failure([404]),
    });
  return [
    groupAsUser('read-group-as-user', 'GET', 'GET'),
    groupAsUser('patch-group-as-user', 'PATCH', 'PATCH', ops(op('replace', 'displayName', 'Hijacked'))),
    groupAsUser('delete-group-as-user', 'DELETE', 'DELETE'),
    sec({
      what: 'cross-type.read-user-as-group',
      title: "GET with a User's id under /Groups must answer 404.",
      level: 'MUST',
      refs: ['RFC7644-3.12', 'RFC7644-3.4.1'],
      state: 'user.minimal',
      requires: ['groups'],
      request: { target: 'self', body: undefined, method: 'GET', under: 'Group' },
      expect: failure([404]),
    }),
  ];
}

function limitedScenarios(): Scenario[] {
  const forbidden = failure([403]);
  const refused = failure([401, 404]);
  const write = (what: string, text: string, request: Omit<PatchRequestSpec, 'credential'>): Scenario =>
    sec({
      what: `limited.${what}`,
      title: `${text} with the limited (read-only) credential must answer 403 and change nothing.`,
      level: 'MUST',
      refs: ['RFC7644-3.12', 'RFC7644-2'],
      request: { ...request, credential: 'limited' },
      expect: forbidden,
      acceptable: refused,
      note: 'RFC 7644 §3.12: 403 "Operation is not permitted based on the supplied authorization"; 401 or 404 refuse it too (warning).',
    });
  return [
    sec({
      what: 'limited.read',
      title: 'The limited (read-only) credential should read a user, else the limited-credential checks prove nothing.',
      level: 'SHOULD',
      refs: ['RFC7644-2', 'RFC7644-3.4.1'],
      request: { target: 'self', body: undefined, method: 'GET', credential: 'limited' },
      expect: okChecked([], { status: [200] }),
    }),
    write('patch', 'PATCH /Users/{id}', { target: 'self', body: ops(op('replace', 'displayName', 'Escalated')) }),
    write('create', 'POST /Users', { target: { unknown: 'User' }, body: undefined, method: 'POST', endpoint: 'collection', bodyFrom: 'self' }),
    write('replace', 'PUT /Users/{id}', { target: 'self', body: undefined, method: 'PUT', bodyFrom: 'self' }),
    write('delete', 'DELETE /Users/{id}', { target: 'self', body: undefined, method: 'DELETE' }),
  ];
}

function otherTenantScenarios(): Scenario[] {
  const hidden = failure([404, 403]);
  const credential: RequestCredential = 'other-tenant';
  const touch = (what: string, text: string, request: Omit<PatchRequestSpec, 'credential'>): Scenario =>
    sec({
      what: `other-tenant.${what}`,
      title: `${text} with another tenant's credential must answer 404 or 403 and change nothing.`,
      level: 'DERIVED',
      refs: ['RFC7644-6', 'RFC7644-3.12', 'RFC7644-7.5'],
      request: { ...request, credential },
      expect: hidden,
    });
  return [
    touch('read', 'GET /Users/{id}', { target: 'self', body: undefined, method: 'GET' }),
    touch('patch', 'PATCH /Users/{id}', { target: 'self', body: ops(op('replace', 'displayName', 'Cross-tenant')) }),
    touch('replace', 'PUT /Users/{id}', { target: 'self', body: undefined, method: 'PUT', bodyFrom: 'self' }),
    touch('delete', 'DELETE /Users/{id}', { target: 'self', body: undefined, method: 'DELETE' }),
    sec({
      what: 'other-tenant.list-filter',
      title: "A filtered list with another tenant's credential must not find the user (an empty list, or 403).",
      level: 'DERIVED',
      refs: ['RFC7644-6', 'RFC7644-3.4.2', 'RFC7644-7.5'],
      requires: ['filter'],
      request: { target: 'self', body: undefined, method: 'GET', endpoint: 'collection', query: { filter: 'userName eq "{self.userName}"' }, credential },
      expect: okChecked([listed()], { status: [200] }),
      alsoConformant: [failure([403])],
    }),
  ];
}

export function securityScenarios(): Scenario[] {
  return [...authScenarios(), ...passwordScenarios(), ...writeScenarios(), ...crossTypeScenarios(), ...limitedScenarios(), ...otherTenantScenarios()];
}
