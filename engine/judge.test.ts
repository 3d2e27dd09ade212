import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { ScimResource } from '../schemas/scim-schema.ts';
import { applyPatch } from '../patch/index.ts';
import { checkExpectation, checkMeta, judgeExpectation, comparable, describeAnswer, type Observation, type ObservedResponse } from './judge.ts';

const { User, Group } = builtinResourceSchemas();
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const before: ScimResource = {
  schemas: [USER],
  id: 'u1',
  userName: 'bjensen@example.com',
  nickName: 'Babs',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@example.org', type: 'home' },
  ],
  meta: { resourceType: 'User', created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z', version: 'W/"1"', location: 'http://127.0.0.1/Users/u1' },
};

const json = (status: number, body?: unknown): ObservedResponse => ({
  status,
  json: body,
  text: body === undefined ? '' : JSON.stringify(body),
  headers: body === undefined ? {} : { 'content-type': 'application/scim+json' },
});

const changedMeta = { ...(before['meta'] as object), lastModified: '2026-01-01T00:00:01.000Z', version: 'W/"2"' };

/** The observation a correct server gives for `replace nickName X`. */
function goodReplace(): Observation {
  const oracle = applyPatch(before, [{ op: 'replace', path: 'nickName', value: 'X' }], User);
  const after = { ...oracle.resource, meta: changedMeta };
  return { schema: User, before, patch: json(200, after), after: json(200, after), oracle, created: { self: before }, projected: false };
}

function error(status: number, scimType?: string, extra: Record<string, unknown> = {}) {
  return json(status, { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: 'no', ...extra });
}

describe('checkExpectation: success', () => {
  it('holds for the answer of a correct server, with 200 or 204', () => {
    expect(checkExpectation({ kind: 'success' }, goodReplace())).toEqual([]);
    expect(checkExpectation({ kind: 'success' }, { ...goodReplace(), patch: json(204) })).toEqual([]);
  });

  it('fails on a wrong status, naming what came back', () => {
    const obs = { ...goodReplace(), patch: error(400, 'invalidPath') };
    expect(checkExpectation({ kind: 'success' }, obs)).toEqual(['expected 200 or 204, got 400 invalidPath: no']);
  });

  it('fails when the stored resource differs from the oracle (GET after and 200 body)', () => {
    const obs = goodReplace();
    const wrong = { ...(obs.after!.json as ScimResource), nickName: 'Babs' };
    obs.after = json(200, wrong);
    obs.patch = json(200, wrong);
    const problems = checkExpectation({ kind: 'success' }, obs);
    expect(problems.some((p) => p.startsWith('GET after: ') && p.includes('nickName'))).toBe(true);
    expect(problems.some((p) => p.startsWith('200 body: ') && p.includes('nickName'))).toBe(true);
  });

  it('fails when meta.version does not move on a change, or moves on a no-op', () => {
    const obs = goodReplace();
    const stale = { ...(obs.after!.json as ScimResource), meta: before['meta'] };
    obs.after = json(200, stale);
    expect(checkExpectation({ kind: 'success' }, obs)).toContain('meta.version stayed W/"1" after an effective change');
    const noop = applyPatch(before, [{ op: 'add', path: 'nickName', value: 'Babs' }], User);
    expect(noop.changed).toBe(false);
    const bumped = { ...noop.resource, meta: changedMeta };
    const problems = checkExpectation({ kind: 'success' }, { ...obs, oracle: noop, patch: json(204), after: json(200, bumped) });
    expect(problems).toContain('meta.version changed from W/"1" to W/"2" although nothing changed');
  });

  it('leaves a returned password to the cross-cutting check, unless the scenario is about it (never-returned)', () => {
    const obs = goodReplace();
    obs.patch = json(200, { ...(obs.after!.json as ScimResource), password: 'secret' });
    // The PATCH itself did what it should: engine/checks/ judges the leak once, for every response.
    expect(checkExpectation({ kind: 'success' }, obs)).toEqual([]);
    expect(checkExpectation({ kind: 'success', assertions: [{ kind: 'absent', path: 'password', in: 'response' }] }, obs)).toEqual([]);
    // The password scenarios, whose own requirement it is, assert it with never-returned.
    const asserted = judgeExpectation({ kind: 'success', assertions: [{ kind: 'never-returned' }] }, obs);
    expect(asserted.map((p) => p.key)).toEqual(['returned-never']);
  });

  it('names a changed id as its own problem, before the resulting state', () => {
    const obs = goodReplace();
    const hijacked = { ...(obs.after!.json as ScimResource), id: 'other' };
    obs.patch = json(200, hijacked);
    obs.after = json(200, hijacked);
    expect(judgeExpectation({ kind: 'success' }, obs)[0]!.key).toBe('id-changed');
    expect(judgeExpectation({ kind: 'success' }, goodReplace()).map((p) => p.key)).toEqual([]);
  });

  it('keys each problem by its kind, status and error shape first', () => {
    const obs = goodReplace();
    obs.patch = json(400, { schemas: [ERROR], status: '400', scimType: 'invalidPath' });
    expect(judgeExpectation({ kind: 'success' }, obs).map((p) => p.key)).toEqual(['status:200|204:400']);
    const ignored = goodReplace();
    ignored.after = json(200, before);
    ignored.patch = json(204);
    expect(judgeExpectation({ kind: 'success' }, ignored)[0]!.key).toBe('state:not-applied');
    const wrong = goodReplace();
    wrong.after = json(200, { ...before, nickName: 'Y', meta: changedMeta });
    expect(judgeExpectation({ kind: 'success' }, wrong)[0]!.key).toBe('state:wrong');
  });

  it('reports a 200 without a body and an inconsistent scenario', () => {
    const obs = { ...goodReplace(), patch: { status: 200, json: undefined, text: '', headers: {} } };
    expect(checkExpectation({ kind: 'success' }, obs)[0]).toMatch(/^200 without a resource body/);
    const inconsistent = goodReplace();
    try {
      applyPatch(before, [{ op: 'remove' }], User);
    } catch (e) {
      inconsistent.oracle = { error: e as never };
    }
    expect(checkExpectation({ kind: 'success' }, inconsistent)[0]).toMatch(/^scenario inconsistent/);
  });

  it('checks assertions against the 200 body and the GET', () => {
    const obs = goodReplace();
    expect(checkExpectation({ kind: 'success', assertions: [{ kind: 'equals', path: 'nickName', value: 'X' }] }, obs)).toEqual([]);
    const problems = checkExpectation({ kind: 'success', assertions: [{ kind: 'equals', path: 'nickName', value: 'Y' }] }, obs);
    expect(problems).toEqual(['200 body: nickName expected "Y", got "X"', 'GET after: nickName expected "Y", got "X"']);
    expect(checkExpectation({ kind: 'success', oracle: false, assertions: [{ kind: 'count', path: 'emails', count: 3 }] }, obs)).toContain(
      'GET after: emails expected 3 value(s), got 2',
    );
  });

  it('catches two primaries and attributes that were not requested', () => {
    const obs = goodReplace();
    const two = { ...(obs.after!.json as ScimResource), emails: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] };
    obs.after = json(200, two);
    expect(checkExpectation({ kind: 'success', oracle: false, assertions: [{ kind: 'single-primary', in: 'get' }] }, obs)).toEqual([
      'GET after: emails has 2 values with primary true (RFC 7643 §2.4 allows one)',
    ]);
    const projected = { ...goodReplace(), projected: true };
    expect(checkExpectation({ kind: 'success', assertions: [{ kind: 'only-attributes', attributes: ['userName', 'nickName'] }] }, projected)).toEqual([
      '200 body: attributes not requested are returned: emails',
    ]);
  });
});

describe('checkExpectation: error', () => {
  const failed = (patch: ObservedResponse, after: ScimResource = before): Observation => ({
    schema: User,
    before,
    patch,
    after: json(200, after),
    created: { self: before },
    projected: false,
  });

  it('holds for a SCIM Error with the right status and scimType and an unchanged resource', () => {
    expect(checkExpectation({ kind: 'error', status: [400], scimType: ['noTarget'] }, failed(error(400, 'noTarget')))).toEqual([]);
  });

  it('fails on a wrong status, a missing or wrong scimType', () => {
    expect(checkExpectation({ kind: 'error', status: [400], scimType: ['noTarget'] }, failed(json(204)))).toEqual([
      'expected 400 noTarget, got 204 (empty body)',
    ]);
    expect(checkExpectation({ kind: 'error', status: [400], scimType: ['noTarget'] }, failed(error(400)))).toEqual([
      'expected scimType noTarget, got none',
    ]);
    expect(checkExpectation({ kind: 'error', status: [409], scimType: ['uniqueness'] }, failed(error(409, 'mutability')))).toEqual([
      'expected scimType uniqueness, got "mutability"',
    ]);
  });

  it('fails on an error body that is not a SCIM Error (numeric status, plain text, wrong status)', () => {
    const numeric = failed(json(400, { schemas: [ERROR], status: 400, scimType: 'noTarget' }));
    expect(checkExpectation({ kind: 'error', status: [400] }, numeric).some((p) => p.includes('must be a string'))).toBe(true);
    const text = failed({ status: 400, json: undefined, text: 'Bad Request', headers: {} });
    expect(checkExpectation({ kind: 'error', status: [400] }, text)).toEqual(['error body is not a SCIM Error JSON (RFC 7644 §3.12): "Bad Request"']);
    const mismatch = failed(json(400, { schemas: [ERROR], status: '404' }));
    expect(checkExpectation({ kind: 'error', status: [400] }, mismatch)).toEqual(['error body status "404" differs from the HTTP status 400']);
  });

  it('fails a JSON error body sent as text/html or text/plain, and accepts application/json', () => {
    for (const type of ['text/html; charset=utf-8', 'text/plain']) {
      const answer = { ...error(400, 'noTarget'), headers: { 'content-type': type } };
      const problems = judgeExpectation({ kind: 'error', status: [400], scimType: ['noTarget'] }, failed(answer));
      expect(problems.map((p) => p.key)).toEqual(['error-body:content-type']);
    }
    const plainJson = { ...error(400, 'noTarget'), headers: { 'content-type': 'application/json' } };
    expect(checkExpectation({ kind: 'error', status: [400], scimType: ['noTarget'] }, failed(plainJson))).toEqual([]);
  });

  it('fails when a failed PATCH changed the resource (partial application), meta included', () => {
    const partial = { ...before, nickName: 'SHOULD-NOT-STICK', meta: changedMeta };
    const problems = checkExpectation({ kind: 'error', status: [400] }, failed(error(400, 'noTarget'), partial));
    expect(problems.some((p) => p.startsWith('resource changed although the PATCH failed: ') && p.includes('nickName'))).toBe(true);
    expect(problems).toContain('after the failed PATCH: meta.version changed from W/"1" to W/"2" although nothing changed');
  });
});

describe('helpers', () => {
  it('checkMeta accepts a moved version and a later lastModified', () => {
    expect(checkMeta(before, { ...before, meta: changedMeta }, 'change')).toEqual([]);
    expect(checkMeta(before, before, 'no-change')).toEqual([]);
  });

  it('comparable drops never-returned attributes and keeps only the value of references', () => {
    const group = { displayName: 'G', members: [{ value: 'u1', $ref: 'http://x/Users/u1', type: 'User', display: 'B' }] };
    expect(comparable(group, Group)).toEqual({ displayName: 'G', members: [{ value: 'u1' }] });
    expect(comparable({ userName: 'a', password: 'p' }, User)).toEqual({ userName: 'a' });
  });

  it('describeAnswer gives status, scimType and detail, or a clip of a non-JSON body', () => {
    expect(describeAnswer(error(409, 'uniqueness'))).toBe('409 uniqueness: no');
    expect(describeAnswer({ status: 502, json: undefined, text: '<html>\n bad gateway </html>', headers: {} })).toBe('502 "<html> bad gateway </html>"');
  });
});
