import { describe, expect, it } from 'vitest';
import { CursorStore } from './list-cursor.ts';
import { ScimHttpError } from './errors.ts';

const scimTypeOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e instanceof ScimHttpError ? `${e.status} ${e.scimType}` : e;
  }
  return 'no error';
};

describe('CursorStore', () => {
  it('resolves a cursor it issued for the same query, with unreserved characters only', () => {
    const store = new CursorStore();
    const c = store.issue('q', 4);
    expect(c).toMatch(/^[A-Za-z0-9._~-]+$/);
    expect(store.resolve(c, 'q')).toBe(4);
  });

  it('refuses an unknown cursor or one of another query with 400 invalidCursor', () => {
    const store = new CursorStore();
    const c = store.issue('q', 2);
    expect(scimTypeOf(() => store.resolve('nope', 'q'))).toBe('400 invalidCursor');
    expect(scimTypeOf(() => store.resolve(c, 'other'))).toBe('400 invalidCursor');
  });

  it('refuses an expired cursor with 400 expiredCursor', () => {
    let t = 0;
    const store = new CursorStore(() => t, 1000);
    const c = store.issue('q', 2);
    t = 1001;
    expect(scimTypeOf(() => store.resolve(c, 'q'))).toBe('400 expiredCursor');
  });
});
