// Cursor pagination (RFC 9865): opaque cursors that stand for a position in one query's results.
// A cursor is valid for the query that issued it (same filter, sort, count and resource type) and
// for `cursorTimeout` seconds; an unknown one is 400 invalidCursor, an expired one 400 expiredCursor
// (RFC 9865 §2.1 Table 3). Cursors hold only unreserved characters (RFC 3986 §2.3).
import { randomBytes } from 'node:crypto';
import { ScimHttpError } from './errors.ts';

export const CURSOR_TIMEOUT_SECONDS = 600;
const MAX_CURSORS = 10_000;

interface Entry {
  query: string;
  offset: number;
  expires: number;
}

export class CursorStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = CURSOR_TIMEOUT_SECONDS * 1000,
  ) {}

  /** A new cursor for position `offset` (0-based) of the query keyed `query`. */
  issue(query: string, offset: number): string {
    if (this.entries.size >= MAX_CURSORS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const token = randomBytes(12).toString('base64url');
    this.entries.set(token, { query, offset, expires: this.now() + this.timeoutMs });
    return token;
  }

  /** The 0-based position a cursor stands for; 400 invalidCursor / expiredCursor otherwise. */
  resolve(token: string, query: string): number {
    const entry = this.entries.get(token);
    if (entry === undefined || entry.query !== query) {
      throw new ScimHttpError(400, `cursor "${token.slice(0, 40)}" is not one this server issued for this query; send an empty cursor for the first page`, 'invalidCursor');
    }
    if (this.now() > entry.expires) {
      this.entries.delete(token);
      throw new ScimHttpError(400, `cursor has expired (cursorTimeout ${Math.round(this.timeoutMs / 1000)} s)`, 'expiredCursor');
    }
    return entry.offset;
  }
}

const STORES = new WeakMap<object, CursorStore>();

/** The cursor store of one server (keyed by its state object). */
export function cursorsOf(state: object): CursorStore {
  let store = STORES.get(state);
  if (!store) STORES.set(state, (store = new CursorStore()));
  return store;
}
