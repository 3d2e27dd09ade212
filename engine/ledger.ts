// What the suite created on the target, so that it can all be deleted at the end of a run, newest
// first, and nothing else ever is. With a file, the ledger survives a crash: `cleanup --ledger FILE`
// reads it back and finishes the job.
import { appendFileSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Exchange, Leftover } from '../schemas/run-result.ts';
import type { ScimClient } from './client.ts';
import { TargetError } from './target-error.ts';
import { sleep } from './retry.ts';

export type LedgerKind = 'User' | 'Group';

export interface LedgerEntry {
  kind: LedgerKind;
  id: string;
  /** Path or URL used to DELETE. */
  location: string;
  createdAt: string;
  deleted?: boolean;
}

export interface CleanupOptions {
  /** Parallel DELETEs; default 4. Dispatch is still newest-first. */
  concurrency?: number;
  /** Each DELETE exchange is pushed here. */
  exchanges?: Exchange[];
  /**
   * Asked before each DELETE (`cleanup` of an earlier run checks the run marker): 'gone' when it no
   * longer exists, `{ leave: reason }` to leave it alone and report it, 'delete' to go ahead.
   */
  check?: (entry: LedgerEntry) => Promise<'delete' | 'gone' | { leave: string }>;
  /**
   * The end of the cleanup budget (the run's deadline): once it fires no DELETE starts, the ones
   * under way are cut (by the client's run signal), and everything not deleted is a leftover.
   */
  signal?: AbortSignal;
  /** Passes over what failed for a passing reason (throttled, 5xx, lost answer) after the client's own retries; default 3. */
  rounds?: number;
  /** Pause before another pass; default 1000 ms. */
  roundPauseMs?: number;
  /** Only these entries (still pending ones), newest first; default: every pending entry. */
  only?: ReadonlyArray<Pick<LedgerEntry, 'kind' | 'id'>>;
}

/** Why an entry was not deleted, and whether another pass may succeed. */
interface NotDeleted {
  reason: string;
  transient: boolean;
  /** No answer within the timeout: worth another pass only while other DELETEs still go through. */
  timedOut?: boolean;
}

/** Answers after which a DELETE may succeed later: throttled, or the target failing for a while. */
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

/** Reason of an entry that cleanup never reached because the deadline came first. */
export const NOT_REACHED = "deadline: not deleted, the run's deadline came before cleanup reached it";

type LedgerEvent =
  | ({ event: 'created'; runId: string; name?: string } & Omit<LedgerEntry, 'deleted'>)
  | { event: 'deleted'; runId: string; kind: LedgerKind; id: string; at: string };

/**
 * Written before a POST: if the run dies between the target creating the resource and the answer
 * reaching the ledger, `cleanup` can still find it by its marked name (userName or displayName).
 */
export interface CreateIntent {
  kind: LedgerKind;
  endpoint: string;
  attr: 'userName' | 'displayName';
  value: string;
}

function entryKey(e: Pick<LedgerEntry, 'kind' | 'id'>): string {
  return `${e.kind}\u0000${e.id}`;
}

/** Statuses that mean the resource is gone (404: someone, maybe the scenario, already deleted it). */
const GONE = new Set([200, 204, 404]);

/** The location must name the resource it is recorded for, or the DELETE could hit something else. */
function locationNamesId(location: string, id: string): boolean {
  const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) === id;
  } catch {
    return false;
  }
}

function scimDetail(body: string | undefined): string {
  if (!body) return '';
  try {
    const detail = (JSON.parse(body) as { detail?: unknown }).detail;
    return typeof detail === 'string' && detail !== '' ? ` (${detail.replace(/\s+/g, ' ').slice(0, 200)})` : '';
  } catch {
    return '';
  }
}

export class Ledger {
  readonly runId: string;
  /** Fixtures put it in userName / displayName / externalId, so leftovers are recognisable. */
  readonly marker: string;
  readonly #file: string | undefined;
  readonly #entries: LedgerEntry[] = [];
  /** The same entries by kind and id: record and markDeleted stay O(1) however many a run creates. */
  readonly #byKey = new Map<string, LedgerEntry>();
  /** One append-mode descriptor for the run: each event is one synchronous write, so a crash loses at most the line being written. */
  #fd: number | undefined;

  constructor(options: { runId: string; file?: string; entries?: LedgerEntry[] }) {
    if (!/^[A-Za-z0-9._-]+$/.test(options.runId)) throw new Error(`ledger: run id ${JSON.stringify(options.runId)} may only hold letters, digits, ".", "_" and "-"`);
    this.runId = options.runId;
    this.marker = `scimconf-${options.runId}`;
    this.#file = options.file;
    if (this.#file !== undefined) {
      mkdirSync(dirname(this.#file), { recursive: true });
      // After a crash mid-write the file ends in half a line; the next event must start a new one.
      if (existsSync(this.#file)) {
        const text = readFileSync(this.#file, 'utf8');
        if (text !== '' && !text.endsWith('\n')) appendFileSync(this.#file, '\n');
      }
    }
    for (const e of options.entries ?? []) this.#add({ ...e });
  }

  #add(entry: LedgerEntry): void {
    this.#entries.push(entry);
    this.#byKey.set(entryKey(entry), entry);
  }

  /** A ledger read back from its file (for `cleanup --ledger FILE`); new events go to the same file. */
  static fromFile(file: string): Ledger {
    const text = Ledger.#read(file);
    const runId = Ledger.#events(text).find((e) => e.event === 'created')?.runId ?? 'unknown';
    return new Ledger({ runId, file, entries: Ledger.readFile(file) });
  }

  /** Creations announced in a ledger file whose answer never made it into the file (the run died in between). */
  static unresolvedIntents(file: string): CreateIntent[] {
    const intents = new Map<string, CreateIntent>();
    const named = new Set<string>();
    for (const line of Ledger.#read(file).split('\n')) {
      if (line.trim() === '') continue;
      try {
        const ev = JSON.parse(line) as Record<string, unknown>;
        if (ev['event'] === 'creating' && (ev['kind'] === 'User' || ev['kind'] === 'Group') && (ev['attr'] === 'userName' || ev['attr'] === 'displayName') && typeof ev['value'] === 'string' && typeof ev['endpoint'] === 'string') {
          intents.set(`${ev['kind']}:${ev['value']}`, { kind: ev['kind'], endpoint: ev['endpoint'], attr: ev['attr'], value: ev['value'] });
        } else if (ev['event'] === 'created' && typeof ev['name'] === 'string') {
          named.add(`${String(ev['kind'])}:${ev['name']}`);
        }
      } catch {
        // A torn last line: the intents before it still count.
      }
    }
    return [...intents].filter(([key]) => !named.has(key)).map(([, intent]) => intent);
  }

  /** Every entry of a ledger file in order of creation, deleted ones flagged. A torn last line is skipped. */
  static readFile(file: string): LedgerEntry[] {
    const entries: LedgerEntry[] = [];
    for (const ev of Ledger.#events(Ledger.#read(file))) {
      if (ev.event === 'created') {
        if (!entries.some((e) => e.kind === ev.kind && e.id === ev.id)) {
          entries.push({ kind: ev.kind, id: ev.id, location: ev.location, createdAt: ev.createdAt });
        }
      } else {
        const found = entries.find((e) => e.kind === ev.kind && e.id === ev.id);
        if (found) found.deleted = true;
      }
    }
    return entries;
  }

  static #read(file: string): string {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`ledger ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  static #events(text: string): LedgerEvent[] {
    const events: LedgerEvent[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const ev = JSON.parse(line) as LedgerEvent;
        const valid = (ev.event === 'created' || ev.event === 'deleted') && (ev.kind === 'User' || ev.kind === 'Group') && typeof ev.id === 'string';
        if (valid && (ev.event === 'deleted' || typeof (ev as { location?: unknown }).location === 'string')) events.push(ev);
      } catch {
        // A run killed mid-write leaves half a line; the entries before it still count.
      }
    }
    return events;
  }

  #write(event: LedgerEvent | ({ event: 'creating'; runId: string; at: string } & CreateIntent)): void {
    if (this.#file === undefined) return;
    this.#fd ??= openSync(this.#file, 'a');
    writeSync(this.#fd, `${JSON.stringify(event)}\n`);
  }

  /** Announces a POST before it is sent (see CreateIntent). */
  intend(intent: CreateIntent): void {
    this.#write({ event: 'creating', runId: this.runId, ...intent, at: new Date().toISOString() });
  }

  /** `name`: the marked userName / displayName it was created with, which resolves its intent. */
  record(entry: Omit<LedgerEntry, 'createdAt'> & { name?: string }): void {
    if (this.#byKey.has(entryKey(entry))) return;
    const full: LedgerEntry = { kind: entry.kind, id: entry.id, location: entry.location, createdAt: new Date().toISOString() };
    this.#add(full);
    this.#write({ event: 'created', runId: this.runId, ...full, ...(entry.name !== undefined ? { name: entry.name } : {}) });
  }

  /** A scenario deleted the resource itself. Unknown ids are ignored: they are not ours. */
  markDeleted(kind: LedgerKind, id: string): void {
    const found = this.#byKey.get(entryKey({ kind, id }));
    if (!found || found.deleted) return;
    found.deleted = true;
    this.#write({ event: 'deleted', runId: this.runId, kind, id, at: new Date().toISOString() });
  }

  /** What is still to delete, oldest first (copies). */
  pending(): LedgerEntry[] {
    return this.#entries.filter((e) => !e.deleted).map((e) => ({ ...e }));
  }

  /**
   * Delete everything pending, newest first. Never throws; what could not be deleted is returned.
   * DELETE is idempotent, so the client retries it after 429, 5xx, a timeout or a reset (a 404 on
   * a retry means the first one went through); what still fails for such a reason gets another
   * pass, up to `rounds`, as long as the signal allows.
   */
  async cleanup(client: ScimClient, options: CleanupOptions = {}): Promise<Leftover[]> {
    const chosen = options.only ? options.only.map((e) => this.#byKey.get(entryKey(e))).filter((e): e is LedgerEntry => e !== undefined) : this.#entries;
    const queue = [...new Set(chosen)].filter((e) => !e.deleted).reverse();
    const failed = new Map<LedgerEntry, NotDeleted>();
    const stopped = (): boolean => options.signal?.aborted === true;

    const deleteOne = async (e: LedgerEntry): Promise<NotDeleted | undefined> => {
      if (!locationNamesId(e.location, e.id)) return { reason: `location ${e.location} does not end with the id; not deleted`, transient: false };
      try {
        const verdict = options.check ? await options.check(e) : 'delete';
        if (verdict === 'gone') {
          this.markDeleted(e.kind, e.id);
          return undefined;
        }
        if (verdict !== 'delete') return { reason: verdict.leave, transient: false };
        const res = await client.request('DELETE', e.location, { purpose: 'cleanup', idempotent: true, ...(options.exchanges ? { exchanges: options.exchanges } : {}) });
        if (GONE.has(res.status)) {
          this.markDeleted(e.kind, e.id);
          return undefined;
        }
        return { reason: `DELETE answered ${res.status}${res.gaveUp ? ` (${res.gaveUp})` : scimDetail(res.exchange.responseBody)}`, transient: TRANSIENT_STATUS.has(res.status) };
      } catch (err) {
        if (err instanceof TargetError) return { reason: err.message, transient: err.kind === 'timeout' || err.kind === 'reset', ...(err.kind === 'timeout' ? { timedOut: true } : {}) };
        return { reason: `DELETE failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, transient: false };
      }
    };

    /** Deletes `entries`; how many went. */
    const pass = async (entries: LedgerEntry[]): Promise<number> => {
      let next = 0;
      let deleted = 0;
      const workers = Math.max(1, Math.min(options.concurrency ?? 4, entries.length));
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (next < entries.length && !stopped()) {
            const e = entries[next++]!;
            const outcome = await deleteOne(e);
            if (outcome) failed.set(e, outcome);
            else {
              failed.delete(e);
              deleted += 1;
            }
          }
        }),
      );
      for (const e of entries.slice(next)) if (!failed.has(e)) failed.set(e, { reason: NOT_REACHED, transient: false });
      return deleted;
    };

    let progress = await pass(queue);
    for (let round = 2; round <= (options.rounds ?? 3) && !stopped(); round++) {
      // A target that let no DELETE through last time and let them time out is down or hung:
      // another pass would only wait out the timeouts again.
      const again = queue.filter((e) => failed.get(e)?.transient && (progress > 0 || !failed.get(e)?.timedOut));
      if (again.length === 0) break;
      try {
        await sleep(options.roundPauseMs ?? 1000, options.signal);
      } catch {
        break;
      }
      progress = await pass(again);
    }
    // Reported in the order the deletes were first attempted, whatever order they finished in.
    return queue.filter((e) => failed.has(e)).map((e) => ({ kind: e.kind, id: e.id, location: e.location, reason: failed.get(e)!.reason }));
  }
}

/**
 * One scenario's view of the ledger: it writes through to the run's ledger and remembers what was
 * recorded through it, so that the scenario's own resources can be deleted as soon as it is judged.
 */
export function scopedLedger(ledger: Ledger): { ledger: Ledger; recorded: Array<Pick<LedgerEntry, 'kind' | 'id'>> } {
  const recorded: Array<Pick<LedgerEntry, 'kind' | 'id'>> = [];
  const view = new Proxy(ledger, {
    get(target, prop) {
      if (prop === 'record') {
        return (entry: Parameters<Ledger['record']>[0]) => {
          target.record(entry);
          recorded.push({ kind: entry.kind, id: entry.id });
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ledger: view, recorded };
}

/**
 * Deletes what one scenario recorded, newest first and one at a time (its requests stay one flow),
 * except what `keep` holds back (shared resources). What cannot be deleted now stays pending for
 * the run's cleanup, which tries again.
 */
export async function deleteRecorded(
  ledger: Ledger,
  client: ScimClient,
  recorded: ReadonlyArray<Pick<LedgerEntry, 'kind' | 'id'>>,
  options: { keep?: (id: string) => boolean; exchanges?: Exchange[] } = {},
): Promise<void> {
  const own = options.keep ? recorded.filter((e) => !options.keep!(e.id)) : recorded;
  if (own.length === 0) return;
  await ledger.cleanup(client, { only: own, concurrency: 1, rounds: 1, ...(options.exchanges ? { exchanges: options.exchanges } : {}) });
}
