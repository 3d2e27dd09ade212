import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import type { Observation } from '../judge.ts';
import { membersOfAssertions, observeLifecycle } from './observe-lifecycle.ts';

const schemas = builtinResourceSchemas();
const res = (status: number, json?: unknown, headers: Record<string, string> = {}): ScimResponse =>
  ({ status, json, text: json === undefined ? '' : JSON.stringify(json), headers: { 'content-type': 'application/scim+json', ...headers }, truncated: false, exchange: {} as never }) as ScimResponse;

function fakeCtx(answers: Record<string, ScimResponse>): { ctx: RunContext; asked: string[] } {
  const asked: string[] = [];
  const client = { request: async (method: string, path: string) => (asked.push(`${method} ${path}`), answers[path] ?? res(404, { schemas: [URN.error], status: '404' })) };
  return { ctx: { client, endpoints: { User: '/Users', Group: '/Groups' }, ledger: { record: () => undefined } } as unknown as RunContext, asked };
}

const scenario = (request: Partial<Scenario['request']>, expect: Scenario['expect'] = { kind: 'success' }): Scenario =>
  ({ id: 'x.y', title: '', family: 'x', level: 'MUST', refs: [], requires: [], resource: 'User', state: { name: 'user.minimal' }, request: { target: 'self', body: undefined, ...request }, expect }) as Scenario;
const baseObs = (patch: ScimResponse, extra: Partial<Observation> = {}): Observation => ({ schema: schemas.User, created: {}, projected: false, patch, ...extra });

describe('observeLifecycle', () => {
  it('reads a created resource back by its id and records the readOnly values the POST sent', async () => {
    const { ctx, asked } = fakeCtx({ '/Users/n1': res(200, { id: 'n1', userName: 'new' }) });
    const posted = res(201, { id: 'n1', userName: 'new' });
    const obs = baseObs(posted);
    const s = scenario({ target: { unknown: 'User' }, method: 'POST', endpoint: 'collection' });
    await observeLifecycle(ctx, s, {}, { method: 'POST', response: posted, body: { id: 'mine', meta: { created: 'c' } } }, obs, []);
    expect(asked).toEqual(['GET /Users/n1']);
    expect(obs.after?.json).toEqual({ id: 'n1', userName: 'new' });
    expect(obs.lifecycle).toEqual({ method: 'POST', others: {}, sentReadOnly: { id: 'mine', created: 'c' } });
  });

  it('keeps the GET after a DELETE for the lifecycle judge and reads the groups members-of names', async () => {
    const { ctx, asked } = fakeCtx({ '/Groups/g1': res(200, { id: 'g1', members: [] }) });
    const gone = res(404, { schemas: [URN.error], status: '404' });
    const obs = baseObs(res(204), { after: gone, before: { id: 'u1' } });
    const s = scenario({ method: 'DELETE' }, { kind: 'success', assertions: [{ kind: 'members-of', group: 'G', aliases: [] }] });
    expect(membersOfAssertions(s)).toHaveLength(1);
    await observeLifecycle(ctx, s, { G: { id: 'g1' } }, { method: 'DELETE', response: res(204), body: undefined }, obs, []);
    expect(obs.after?.status).toBe(404);
    expect(obs.lifecycle?.afterDelete?.status).toBe(404);
    expect(obs.lifecycle?.others['G']?.status).toBe(200);
    expect(asked).toEqual(['GET /Groups/g1']);
  });

  it('computes the PUT oracle for a PUT of a live resource', async () => {
    const { ctx } = fakeCtx({});
    const before = { schemas: [URN.user], id: 'u1', userName: 'a' };
    const obs = baseObs(res(200, before), { before });
    await observeLifecycle(ctx, scenario({ method: 'PUT' }), {}, { method: 'PUT', response: res(200, before), body: { schemas: [URN.user], userName: 'b' } }, obs, []);
    expect(obs.lifecycle?.put).toMatchObject({ resource: { userName: 'b', id: 'u1' } });
  });

  it('leaves a plain PATCH alone', async () => {
    const { ctx, asked } = fakeCtx({});
    const obs = baseObs(res(200, {}));
    await observeLifecycle(ctx, scenario({ method: 'PATCH' }), {}, { method: 'PATCH', response: res(200, {}), body: {} }, obs, []);
    expect(obs.lifecycle).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
