import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { ifNoneMatchHeader, omitAttributes, recordPutCreated } from './request-extras.ts';

const res = (status: number, json?: unknown): ScimResponse => ({ status, json, text: JSON.stringify(json ?? ''), headers: {}, truncated: false, exchange: {} as never }) as ScimResponse;
const scenario = (request: Partial<Scenario['request']>): Scenario =>
  ({ id: 'x.y', title: '', family: 'x', level: 'MUST', refs: [], requires: [], resource: 'User', state: { name: 'user.minimal' }, request: { target: 'self', body: undefined, ...request }, expect: { kind: 'success' } }) as Scenario;
const fakeCtx = (): { ctx: RunContext } => ({ ctx: { endpoints: { User: '/Users', Group: '/Groups' }, ledger: { record: () => undefined } } as unknown as RunContext });

describe('request extras', () => {
  it('If-None-Match: the current ETag (header, else meta.version) or another one', () => {
    const req = (ifNoneMatch?: 'current' | 'stale') => ({ target: 'self', body: undefined, ...(ifNoneMatch ? { ifNoneMatch } : {}) }) as Scenario['request'];
    expect(ifNoneMatchHeader(req(), {})).toEqual({});
    expect(ifNoneMatchHeader(req('current'), { etag: 'W/"3"' })).toEqual({ 'If-None-Match': 'W/"3"' });
    expect(ifNoneMatchHeader(req('current'), { before: { meta: { version: 'W/"4"' } } })).toEqual({ 'If-None-Match': 'W/"4"' });
    expect(ifNoneMatchHeader(req('stale'), { etag: 'W/"3"' })['If-None-Match']).toMatch(/^W\/"other-/);
  });

  it('omit leaves attributes out of the fresh body, whatever their case', () => {
    expect(omitAttributes({ userName: 'a', title: 't', nickName: 'n' }, ['TITLE', 'nickName'])).toEqual({ userName: 'a' });
    expect(omitAttributes({ userName: 'a' }, undefined)).toEqual({ userName: 'a' });
  });

  it('a PUT that created a resource under another id goes in the ledger; one of the target does not', () => {
    const { ctx } = fakeCtx();
    const recorded: string[] = [];
    ctx.ledger.record = ((e: { id: string }) => void recorded.push(e.id)) as never;
    recordPutCreated(ctx, scenario({ method: 'PUT', target: { unknown: 'User' } }), 'PUT', 'r1', res(201, { id: 'r1' }));
    recordPutCreated(ctx, scenario({ method: 'PUT' }), 'PUT', 'u1', res(200, { id: 'u1' }));
    recordPutCreated(ctx, scenario({ method: 'PUT' }), 'PUT', 'u1', res(404, {}));
    expect(recorded).toEqual(['r1']);
  });
});
