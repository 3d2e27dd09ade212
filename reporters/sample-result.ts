// A synthetic but realistic RunResult for the reporters' and the gate's tests: every outcome,
// MUST / SHOULD / AMBIG levels, a failure with two exchanges and a curl line, and a hostile
// HTML error page in a 500 body (servers do send those) so escaping is always exercised.
import type { Exchange, Outcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';

const BASE = 'https://scim.example.test/scim/v2';
const USER_ID = '2819c223-7f76-453a-919d-413861904646';
const GROUP_URL = `${BASE}/Groups`;
const AUTH = { Authorization: 'Bearer [redacted]' };
const SCIM_JSON = 'application/scim+json';

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: USER_ID,
  userName: 'bjensen@example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  meta: { resourceType: 'User', version: 'W/"3694e05e9dff591"', location: `${BASE}/Users/${USER_ID}` },
};

const replaceBody = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'barbara@example.com' }],
};

const replaceExchanges: Exchange[] = [
  {
    purpose: 'patch',
    method: 'PATCH',
    url: `${BASE}/Users/${USER_ID}`,
    requestHeaders: { ...AUTH, 'Content-Type': SCIM_JSON, Accept: SCIM_JSON },
    requestBody: JSON.stringify(replaceBody),
    status: 200,
    responseHeaders: { 'Content-Type': SCIM_JSON, ETag: 'W/"3694e05e9dff592"' },
    // The server replaced the whole email instead of its value sub-attribute.
    responseBody: JSON.stringify({
      ...user,
      emails: [{ value: 'barbara@example.com' }, { value: 'babs@jensen.org', type: 'home' }],
    }),
    durationMs: 41,
    startedAt: '2025-11-25T10:00:03.120Z',
  },
  {
    purpose: 'verify',
    method: 'GET',
    url: `${BASE}/Users/${USER_ID}`,
    requestHeaders: { ...AUTH, Accept: SCIM_JSON },
    status: 200,
    responseHeaders: { 'Content-Type': SCIM_JSON, ETag: 'W/"3694e05e9dff592"' },
    responseBody: JSON.stringify({
      ...user,
      emails: [{ value: 'barbara@example.com' }, { value: 'babs@jensen.org', type: 'home' }],
    }),
    durationMs: 12,
    startedAt: '2025-11-25T10:00:03.170Z',
  },
];

const scenarios: ScenarioResult[] = [
  {
    id: 'patch.add.simple-attribute',
    title: 'add sets a missing singular attribute',
    family: 'add',
    level: 'MUST',
    refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-01'],
    section: 'RFC7644 3.5.2.1',
    outcome: 'pass',
    durationMs: 58,
  },
  {
    id: 'patch.add.multi-valued.append',
    title: 'add appends to a multi-valued attribute',
    family: 'add',
    level: 'MUST',
    refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-04'],
    section: 'RFC7644 3.5.2.1',
    outcome: 'pass',
    durationMs: 61,
  },
  {
    id: 'patch.add.group.member',
    title: 'add a member to a group',
    family: 'group',
    level: 'MUST',
    refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-01'],
    section: 'RFC7644 3.5.2.1',
    outcome: 'blocked',
    durationMs: 20,
    reason: 'starting state "group.one-member" could not be created: POST /Groups answered 409',
    expected: 'POST /Groups answers 201',
    actual: '409 uniqueness: displayName "Tour Guides" already exists',
    exchanges: [
      {
        purpose: 'setup',
        method: 'POST',
        url: GROUP_URL,
        requestHeaders: { ...AUTH, 'Content-Type': SCIM_JSON },
        requestBody: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: 'Tour Guides',
          members: [{ value: USER_ID }],
        }),
        status: 409,
        responseHeaders: { 'Content-Type': SCIM_JSON },
        responseBody: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '409',
          scimType: 'uniqueness',
          detail: 'displayName "Tour Guides" already exists',
        }),
        durationMs: 19,
        startedAt: '2025-11-25T10:00:02.010Z',
      },
    ],
  },
  {
    id: 'patch.remove.value-path.no-match',
    title: 'remove with a value filter that matches nothing',
    family: 'remove',
    level: 'AMBIG',
    refs: ['RFC7644-3.5.2.2', 'PATCH-REM-07'],
    section: 'RFC7644 3.5.2.2',
    outcome: 'warn',
    durationMs: 47,
    reason: 'answered with the acceptable outcome (400 noTarget) rather than the preferred one (200, unchanged)',
    expected: '200 or 204, resource unchanged',
    actual: '400 scimType noTarget',
  },
  {
    id: 'patch.remove.path-required',
    title: 'remove without a path is rejected',
    family: 'remove',
    level: 'MUST',
    refs: ['RFC7644-3.5.2.2', 'PATCH-REM-01'],
    section: 'RFC7644 3.5.2.2',
    outcome: 'fail',
    durationMs: 33,
    reason: 'remove without path answered 200 instead of 400 noTarget',
    expected: '400 with scimType "noTarget"',
    actual: '200, all attributes cleared',
    curl: `curl -sS -X PATCH '${BASE}/Users/${USER_ID}' -H "Authorization: Bearer $SCIM_TOKEN" -H 'Content-Type: application/scim+json' --data-raw '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove"}]}'`,
  },
  {
    id: 'patch.replace.value-path.sub-attribute',
    title: 'replace a sub-attribute selected by a value filter',
    family: 'replace',
    level: 'MUST',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-09'],
    section: 'RFC7644 3.5.2.3',
    outcome: 'fail',
    durationMs: 53,
    reason: 'the whole matched email was replaced instead of its value sub-attribute',
    expected: 'emails[type eq "work"] = {"value":"barbara@example.com","type":"work","primary":true}',
    actual: 'emails[0] = {"value":"barbara@example.com"} (type and primary lost)',
    exchanges: replaceExchanges,
    curl: `curl -sS -X PATCH '${BASE}/Users/${USER_ID}' -H "Authorization: Bearer $SCIM_TOKEN" -H 'Content-Type: application/scim+json' --data-raw '${JSON.stringify(replaceBody)}'`,
  },
  {
    id: 'patch.replace.response.returns-resource',
    title: 'a 200 answer carries the modified resource',
    family: 'replace',
    level: 'SHOULD',
    refs: ['RFC7644-3.5.2', 'PATCH-RSP-02'],
    section: 'RFC7644 3.5.2',
    outcome: 'warn',
    durationMs: 39,
    reason: 'answered 204 with no body; a 200 with the resource is recommended',
    expected: '200 with the resource',
    actual: '204 No Content',
  },
  {
    id: 'patch.etag.if-match-stale',
    title: 'a stale If-Match is rejected with 412',
    family: 'etag',
    level: 'MUST',
    refs: ['RFC7644-3.14', 'PATCH-ETAG-02'],
    section: 'RFC7644 3.14',
    outcome: 'unsupported',
    durationMs: 0,
    reason: 'the target does not advertise ETag support (ServiceProviderConfig etag.supported is false)',
    capability: 'etag',
  },
  {
    id: 'patch.bad-path.unknown-attribute',
    title: 'a path naming an unknown attribute is rejected',
    family: 'bad-path',
    level: 'MUST',
    refs: ['RFC7644-3.5.2', 'RFC7644-3.12', 'PATCH-ERR-03'],
    section: 'RFC7644 3.12',
    outcome: 'error',
    durationMs: 1204,
    reason: 'the target answered 500 with an HTML page',
    expected: '400 with scimType "invalidPath" or "noTarget"',
    actual: '500 text/html',
    exchanges: [
      {
        purpose: 'patch',
        method: 'PATCH',
        url: `${BASE}/Users/${USER_ID}`,
        requestHeaders: { ...AUTH, 'Content-Type': SCIM_JSON },
        requestBody: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'shoeSize', value: '42' }],
        }),
        status: 500,
        responseHeaders: { 'Content-Type': 'text/html' },
        responseBody:
          '<html><body><h1>Internal Server Error</h1><script>alert("owned")</script></body></html>',
        durationMs: 1190,
        startedAt: '2025-11-25T10:00:05.400Z',
      },
    ],
    curl: `curl -sS -X PATCH '${BASE}/Users/${USER_ID}' -H "Authorization: Bearer $SCIM_TOKEN" -H 'Content-Type: application/scim+json' --data-raw '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"shoeSize","value":"42"}]}'`,
  },
];

function summarize(list: ScenarioResult[]): RunResult['summary'] {
  const summary = { total: list.length, pass: 0, fail: 0, warn: 0, unsupported: 0, blocked: 0, error: 0 };
  for (const s of list) summary[s.outcome satisfies Outcome] += 1;
  return summary;
}

/** A fresh copy each call, so a test may mutate it freely. */
export function sampleResult(): RunResult {
  const list = structuredClone(scenarios);
  return {
    resultVersion: 1,
    run: {
      id: 'run-2025-11-25T10-00-00Z-4242',
      suite: { name: 'scim-conformance', version: '0.1.0' },
      target: { url: BASE, product: 'ExampleIdM', version: '4.2.1', embedded: false },
      profile: 'rfc-strict',
      seed: 4242,
      startedAt: '2025-11-25T10:00:00.000Z',
      durationMs: 6423,
      concurrency: 4,
      capabilities: {
        patch: true,
        etag: false,
        filter: true,
        bulk: false,
        sort: false,
        changePassword: true,
        groups: true,
        enterpriseUser: true,
      },
      discovery: {
        source: 'partial',
        notes: ['/Schemas answered 404: the built-in RFC 7643 schemas were used'],
      },
      notes: [],
    },
    summary: summarize(list),
    scenarios: list,
    findings: [],
    leftovers: [
      {
        kind: 'User',
        id: '9f1c2e0a-0000-4000-8000-000000000001',
        location: `${BASE}/Users/9f1c2e0a-0000-4000-8000-000000000001`,
        reason: 'DELETE answered 500',
      },
    ],
  };
}

/** Build a minimal scenario result, for tests that need specific outcomes. */
export function scenarioWith(id: string, outcome: Outcome, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    id,
    title: id,
    family: 'test',
    level: 'MUST',
    refs: [],
    section: 'RFC7644 3.5.2',
    outcome,
    durationMs: 1,
    ...(outcome === 'pass' ? {} : { reason: `${outcome} because of a test` }),
    ...extra,
  };
}

/** A result with exactly these scenarios and a matching summary. */
export function resultWith(list: ScenarioResult[]): RunResult {
  const base = sampleResult();
  return { ...base, scenarios: list, summary: summarize(list), findings: [], leftovers: [] };
}
