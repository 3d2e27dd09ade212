import { describe, expect, it } from 'vitest';
import { SharedPool } from './shared-pool.ts';

describe('SharedPool', () => {
  it('creates each key once, even when asked concurrently', async () => {
    const pool = new SharedPool();
    let calls = 0;
    const create = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { resource: { id: `u${calls}` } };
    };
    const got = await Promise.all([pool.get('U1', create), pool.get('U1', create), pool.get('U1', create)]);
    expect(calls).toBe(1);
    expect(got.map((g) => g.resource['id'])).toEqual(['u1', 'u1', 'u1']);
    await pool.get('U2', create);
    expect(calls).toBe(2);
    expect(pool.size).toBe(2);
  });

  it('gives a failure to every waiter, then tries again', async () => {
    const pool = new SharedPool();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 1));
      throw new Error('POST answered 503');
    };
    const both = await Promise.allSettled([pool.get('U1', failing), pool.get('U1', failing)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    const ok = await pool.get('U1', async () => ({ resource: { id: 'x' }, etag: 'W/"1"' }));
    expect(ok).toEqual({ resource: { id: 'x' }, etag: 'W/"1"' });
  });
});

describe('SharedPool.unit', () => {
  it('creates a unit once and holds the id of every member', async () => {
    const pool = new SharedPool();
    let calls = 0;
    const create = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 2));
      return { L1: { resource: { id: 'a' } }, L2: { resource: { id: 'b' }, etag: 'W/"2"' } };
    };
    const [one, two] = await Promise.all([pool.unit('state:users.list', create), pool.unit('state:users.list', create)]);
    expect(calls).toBe(1);
    expect(one).toBe(two);
    expect(pool.holds('a') && pool.holds('b')).toBe(true);
    expect(pool.holds('c')).toBe(false);
  });

  it('keeps nothing of a failed unit, so its members stay the creating scenario own', async () => {
    const pool = new SharedPool();
    await expect(pool.unit('state:users.list', async () => Promise.reject(new Error('POST answered 400')))).rejects.toThrow('400');
    expect(pool.size).toBe(0);
    const again = await pool.unit('state:users.list', async () => ({ L1: { resource: { id: 'z' } } }));
    expect(again['L1']!.resource['id']).toBe('z');
    expect(pool.holds('z')).toBe(true);
  });
});
