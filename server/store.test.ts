import { describe, it, expect } from 'vitest';
import { MonotonicClock } from './clock.ts';
import { GROUP_TYPE, ResourceStore, USER_TYPE } from './store.ts';

describe('ResourceStore', () => {
  it('creates records with UUIDs, version 1 and equal timestamps', () => {
    const store = new ResourceStore();
    const a = store.create(USER_TYPE, { userName: 'a' });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.version).toBe(1);
    expect(a.created).toBe(a.lastModified);
    expect(store.get(USER_TYPE, a.id)).toBe(a);
    expect(store.get(GROUP_TYPE, a.id)).toBeUndefined();
  });

  it('copies data so callers cannot mutate stored state', () => {
    const store = new ResourceStore();
    const input = { userName: 'a', emails: [{ value: 'x' }] };
    const a = store.create(USER_TYPE, input);
    input.emails[0]!.value = 'changed';
    expect((a.data['emails'] as Array<{ value: string }>)[0]!.value).toBe('x');
  });

  it('bumps version and strictly increases lastModified on update and touch', () => {
    const store = new ResourceStore(new MonotonicClock(() => 1_700_000_000_000));
    const a = store.create(USER_TYPE, { userName: 'a' });
    const b = store.update(USER_TYPE, a.id, { userName: 'b' });
    expect(b.version).toBe(2);
    expect(b.created).toBe(a.created);
    expect(Date.parse(b.lastModified)).toBeGreaterThan(Date.parse(a.lastModified));
    store.touch(a.id);
    const c = store.get(USER_TYPE, a.id)!;
    expect(c.version).toBe(3);
    expect(Date.parse(c.lastModified)).toBeGreaterThan(Date.parse(b.lastModified));
  });

  it('indexes userName case-insensitively and follows renames and deletes', () => {
    const store = new ResourceStore();
    const a = store.create(USER_TYPE, { userName: 'BJensen@example.com' });
    expect(store.findByUserName('bjensen@EXAMPLE.com')?.id).toBe(a.id);
    store.update(USER_TYPE, a.id, { userName: 'other' });
    expect(store.findByUserName('bjensen@example.com')).toBeUndefined();
    expect(store.findByUserName('OTHER')?.id).toBe(a.id);
    store.delete(USER_TYPE, a.id);
    expect(store.findByUserName('other')).toBeUndefined();
    expect(store.get(USER_TYPE, a.id)).toBeUndefined();
  });

  it('indexes group membership', () => {
    const store = new ResourceStore();
    const u = store.create(USER_TYPE, { userName: 'u' });
    const g1 = store.create(GROUP_TYPE, { displayName: 'g1', members: [{ value: u.id }] });
    const g2 = store.create(GROUP_TYPE, { displayName: 'g2', members: [{ value: u.id }] });
    expect(store.groupsOf(u.id).map((g) => g.id)).toEqual([g1.id, g2.id]);
    store.update(GROUP_TYPE, g1.id, { displayName: 'g1', members: [] });
    expect(store.groupsOf(u.id).map((g) => g.id)).toEqual([g2.id]);
    store.delete(GROUP_TYPE, g2.id);
    expect(store.groupsOf(u.id)).toEqual([]);
  });

  it('lists by type in creation order', () => {
    const store = new ResourceStore();
    const a = store.create(USER_TYPE, { userName: 'a' });
    store.create(GROUP_TYPE, { displayName: 'g' });
    const b = store.create(USER_TYPE, { userName: 'b' });
    expect(store.list(USER_TYPE).map((r) => r.id)).toEqual([a.id, b.id]);
    expect(store.size).toBe(3);
  });
});
