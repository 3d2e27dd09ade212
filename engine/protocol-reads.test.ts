import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/scenario.ts';
import { bulkReadPath, createdId, protocolAssertions } from './protocol-reads.ts';

const created = { resources: { self: { id: 'self-1' } }, etags: {} };
const ctx = { endpoints: { User: '/Users', Group: '/Groups' } };
const response = { Operations: [{ bulkId: 'g', status: '201', location: 'https://h/Groups/g-1' }] };

describe('bulk reads', () => {
  it('resolve placeholders and bulkIds into a path under the endpoint', () => {
    expect(bulkReadPath(ctx, '@User/{self.id}', created, response)).toBe('/Users/self-1');
    expect(bulkReadPath(ctx, '@Group/bulkId:g', created, response)).toBe('/Groups/g-1');
    expect(bulkReadPath(ctx, '@Group/bulkId:nope', created, response)).toBeUndefined();
    expect(createdId(response, 'g')).toBe('g-1');
  });

  it('collect the protocol assertions of every allowed outcome', () => {
    const s = {
      expect: { kind: 'success', assertions: [{ kind: 'discovery', rule: 'spc-valid' }, { kind: 'present', path: 'x' }] },
      alsoConformant: [{ kind: 'error', status: [404], assertions: [{ kind: 'discovery', rule: 'schemas-not-offered' }] }],
    } as unknown as Scenario;
    expect(protocolAssertions(s).map((a) => a.kind === 'discovery' && a.rule)).toEqual(['spc-valid', 'schemas-not-offered']);
  });
});
