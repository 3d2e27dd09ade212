import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { judgeExpectation, type Observation, type ObservedResponse } from '../judge.ts';
import { findingTitle } from '../findings.ts';
import type { Expectation } from '../../scenarios/scenario.ts';
import type { LifecycleObservation } from './observe-lifecycle.ts';
import { putOracle } from './put-oracle.ts';

const schemas = builtinResourceSchemas();
const answer = (status: number, json?: unknown): ObservedResponse => ({
  status,
  json,
  text: json === undefined ? '' : JSON.stringify(json),
  headers: json === undefined ? {} : { 'content-type': 'application/scim+json' },
});
const error404 = answer(404, { schemas: [URN.error], status: '404', detail: 'gone' });
const before = { schemas: [URN.user], id: 'u1', userName: 'alice', title: 'Boss', meta: { version: 'W/"1"' } };
const created = { self: before, U1: { id: 'u1' }, U2: { id: 'u2' }, G: { id: 'g1' } };

function obs(patch: ObservedResponse, lifecycle: LifecycleObservation, extra: Partial<Observation> = {}): Observation {
  return { schema: schemas.User, created, projected: false, patch, before, lifecycle, ...extra };
}
const keys = (o: Observation, exp: Parameters<typeof judgeExpectation>[0]) => judgeExpectation(exp, o).map((p) => p.key);
const deleted = { kind: 'success', status: [204], oracle: false } satisfies Expectation as Expectation;

describe('judgeLifecycle: DELETE', () => {
  it('passes a 204 after which the resource answers 404', () => {
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: error404, others: {} }), deleted)).toEqual([]);
  });

  it('a resource still readable after its DELETE is delete:still-there; another status is delete:read-after', () => {
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: answer(200, before), others: {} }), deleted)).toEqual(['delete:still-there']);
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: answer(410, { detail: 'x' }), others: {} }), deleted)).toEqual(['delete:read-after:410']);
    expect(findingTitle('delete:read-after:410')).toMatch(/410/);
  });

  it('a refused DELETE (412) keeps the ordinary unchanged check: a resource gone after it is a read-back problem', () => {
    const refused = answer(412, { schemas: [URN.error], status: '412', detail: 'stale' });
    const exp = { kind: 'error', status: [412] } satisfies Expectation as Expectation;
    expect(keys(obs(refused, { method: 'DELETE', afterDelete: answer(200, before), others: {} }, { after: answer(200, before) }), exp)).toEqual([]);
    expect(keys(obs(refused, { method: 'DELETE', afterDelete: error404, others: {} }, { after: error404 }), exp)).toEqual(['read-back:404']);
  });

  it('a successful DELETE is not a read-back problem although its GET after answers 404', () => {
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: error404, others: {} }, { after: error404 }), deleted)).toEqual([]);
  });

  it('members-of: a deleted user still listed in its group is delete:member-left', () => {
    const exp = { kind: 'success', status: [204], oracle: false, assertions: [{ kind: 'members-of', group: 'G', aliases: ['U2'] }] } satisfies Expectation as Expectation;
    const group = (ids: string[]) => answer(200, { id: 'g1', members: ids.map((value) => ({ value })) });
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: error404, others: { G: group(['u2']) } }), exp)).toEqual([]);
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: error404, others: { G: group(['u1', 'u2']) } }), exp)).toEqual(['delete:member-left']);
    expect(keys(obs(answer(204), { method: 'DELETE', afterDelete: error404, others: {} }), exp)).toEqual(['read-back:none']);
  });
});

describe('judgeLifecycle: PUT', () => {
  const body = { schemas: [URN.user], userName: 'bob', title: null };
  const oracle = putOracle(before, body, schemas.User)!;
  const replaced = { kind: 'success', status: [200] } satisfies Expectation as Expectation;
  const stored = (r: Record<string, unknown>) => answer(200, { ...r, id: 'u1', meta: { version: 'W/"2"' } });

  it('passes the replaced resource, with readOnly and omitted attributes not judged', () => {
    const o = obs(stored({ userName: 'bob' }), { method: 'PUT', put: oracle, others: {} }, { after: stored({ userName: 'bob' }) });
    expect(keys(o, replaced)).toEqual([]);
  });

  it('a value the PUT cleared (null) kept in the body or the read-back is put:state', () => {
    const o = obs(stored({ userName: 'bob', title: 'Boss' }), { method: 'PUT', put: oracle, others: {} }, { after: stored({ userName: 'bob', title: 'Boss' }) });
    expect(keys(o, replaced)).toEqual(['put:state', 'put:state']);
    expect(findingTitle('put:state')).toMatch(/PUT/);
  });

  it('a PUT the oracle refuses, expected as a success, is put:oracle (a scenario bug)', () => {
    const refused = putOracle(before, { title: 'x' }, schemas.User)!;
    expect(keys(obs(stored({ userName: 'bob' }), { method: 'PUT', put: refused, others: {} }), replaced)).toEqual(['put:oracle']);
  });
});

describe('judgeLifecycle: create', () => {
  const exp = { kind: 'success', status: [201], oracle: false } satisfies Expectation as Expectation;
  const made = (r: Record<string, unknown>) => answer(201, { schemas: [URN.user], userName: 'c', ...r });

  it('an id or meta.created / lastModified the client sent and the server kept is create:read-only-kept', () => {
    const lc: LifecycleObservation = { method: 'POST', others: {}, sentReadOnly: { id: 'mine', created: '2001-01-01T00:00:00Z' } };
    const fine = made({ id: 'server', meta: { created: '2026-01-01T00:00:00Z' } });
    expect(keys({ ...obs(fine, lc), before: undefined }, exp)).toEqual([]);
    const kept = made({ id: 'mine', meta: { created: '2001-01-01T00:00:00Z' } });
    expect(keys({ ...obs(kept, lc), before: undefined }, exp)).toEqual(['create:read-only-kept', 'create:read-only-kept']);
  });

  it('without a lifecycle observation nothing is added', () => {
    const o: Observation = { schema: schemas.User, created, projected: false, patch: made({ id: 'x' }) };
    expect(keys(o, exp)).toEqual([]);
  });
});
