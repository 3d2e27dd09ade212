import { describe, expect, it } from 'vitest';
import { bulkScenarios, BULK_REQUEST } from './bulk.ts';

type Op = { method?: string; bulkId?: string; path?: string };

describe('bulk family', () => {
  const all = bulkScenarios();
  it('has at least 25 scenarios, each needing bulk, each a POST /Bulk', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) {
      expect(s.requires).toContain('bulk');
      expect([s.request.method, s.request.endpoint]).toEqual(['POST', 'bulk']);
    }
  });
  it('gives every POST a bulkId except where the missing bulkId is the point', () => {
    for (const s of all) {
      const body = s.request.body as { schemas?: string[]; Operations: Op[] };
      if (s.id !== 'bulk.without-schemas') expect(body.schemas).toEqual([BULK_REQUEST]);
      const ops = body.Operations.filter((o) => o.method === 'POST');
      const without = ops.filter((o) => o.bulkId === undefined);
      expect(without.length, s.id).toBe(s.id === 'bulk.post-without-bulk-id' ? 1 : 0);
    }
  });
  it('writes to resources of its own state only (paths under @User/@Group with a placeholder, a bulkId or $unknown)', () => {
    for (const s of all) {
      const ops = (s.request.body as { Operations: Array<Op & { op?: Op }> }).Operations.map((o) => o.op ?? o);
      for (const o of ops) expect(o.path ?? '', s.id).toMatch(/^@(User|Group)(\/(\{self\.id\}|bulkId:\w+|\$unknown))?$/);
    }
  });
});
