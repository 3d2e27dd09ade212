// Where exchanges go besides the scenario that made them: the run folder's exchanges.ndjson (every
// exchange, streamed, so a run never holds them all in memory) and the bench's request log (what
// to replay to measure the floor). Both see exchanges after redaction: no secret reaches a file.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Exchange } from '../schemas/run-result.ts';
import { credentialOf, type ExchangeListener } from './client.ts';
import { idOfLocation } from './protocol-prepare.ts';

const labels = new WeakMap<Exchange[], string>();

/** Names the exchange list of one scenario, so that its exchanges can be told apart in the logs. */
export function labelExchanges(group: Exchange[], label: string): void {
  labels.set(group, label);
}

export function labelOf(group: Exchange[] | undefined): string | undefined {
  return group ? labels.get(group) : undefined;
}

/** One replayable request. `flow` groups requests made one after the other (one scenario). */
export interface LoggedRequest {
  flow: string;
  method: string;
  /** Path and query, without the origin. */
  path: string;
  /** Request headers without credentials (the replay adds its own). */
  headers: Record<string, string>;
  body?: string;
  status?: number;
  /** What the answer handed out for later requests to name (see issuedValues): rewritten on replay. */
  issued?: Array<string | null>;
  /** The credential a security scenario chose instead of the configured one ('none', 'wrong', ...). */
  credential?: string;
  /** Duration in ms, not rounded. */
  ms: number;
}

export interface NdjsonSink {
  listener: ExchangeListener;
  /** Flushes and closes the file; never rejects (a failed log must not fail the run). */
  close(): Promise<void>;
}

/** What is gathered before it goes to the file in one write, counted in characters (the lines are mostly ASCII, so about 64 KiB). */
const BATCH_BYTES = 64 * 1024;
/** How long a line may wait for its batch to fill: a killed run loses at most this much of the log. */
const BATCH_MS = 200;

/**
 * Gathers lines and hands them to `write` in batches of about 64 KiB, or after 200 ms, or at
 * `flush`: one write per batch, not per line or per turn of the event loop.
 */
export function lineBatcher(write: (text: string) => void): { add(line: string): void; flush(): void } {
  let pending: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    bytes = 0;
    write(text);
  };
  return {
    add: (line) => {
      pending.push(line);
      bytes += line.length;
      if (bytes >= BATCH_BYTES) flush();
      else timer ??= setTimeout(flush, BATCH_MS).unref();
    },
    flush,
  };
}

/** An NDJSON file written in batches (lineBatcher): one stream write, and one write on libuv's threads, per batch. */
function ndjsonFile(file: string): { write(value: unknown): void; writeLine(line: string): void; close(): Promise<void> } {
  mkdirSync(dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'w' });
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  const batches = lineBatcher((text) => {
    if (!failed) stream.write(text);
  });
  const writeLine = (line: string): void => {
    if (!failed) batches.add(line);
  };
  return {
    write: (value) => writeLine(`${JSON.stringify(value)}\n`),
    writeLine,
    close: () =>
      new Promise<void>((resolve) => {
        batches.flush();
        if (failed || stream.destroyed) return resolve();
        stream.end(() => resolve());
      }),
  };
}

/** runs/<id>/exchanges.ndjson: each exchange as recorded, with the scenario it belongs to. */
export function exchangeStream(file: string): NdjsonSink {
  const out = ndjsonFile(file);
  return {
    listener: (exchange, group) => {
      const scenario = labelOf(group);
      // {"scenario": ..., <the exchange's members>}, without copying the exchange to build it.
      if (scenario === undefined) out.write(exchange);
      else out.writeLine(`{"scenario":${JSON.stringify(scenario)},${JSON.stringify(exchange).slice(1)}\n`);
    },
    close: out.close,
  };
}

/**
 * What an answer hands out that later requests name: the id a POST created, the id each operation
 * of a Bulk request created (by operation, null where none), the cursor of the next page. The bench
 * reads them from the run's answer and from the replay's alike, so the two pair up by position.
 */
export function issuedValues(method: string, path: string, status: number | undefined, body: string | undefined): Array<string | null> {
  if (status === undefined || status >= 300 || !body) return [];
  // Only a POST creates; any other answer can hand out only a cursor.
  if (method !== 'POST' && !body.includes('"nextCursor"')) return [];
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null) return [];
  const answer = json as { id?: unknown; nextCursor?: unknown; Operations?: unknown };
  const pathname = path.split('?')[0]!;
  if (method === 'POST' && /\/Bulk$/.test(pathname)) {
    const ops = Array.isArray(answer.Operations) ? (answer.Operations as Array<{ method?: unknown; location?: unknown }>) : [];
    return ops.map((op) => (op.method === 'POST' ? (idOfLocation(op.location) ?? null) : null));
  }
  if (method === 'POST' && typeof answer.id === 'string' && !/\/\.search$/.test(pathname)) return [answer.id];
  if (typeof answer.nextCursor === 'string') return [answer.nextCursor];
  return [];
}

/** The request log for `npm run bench` (hidden `run --request-log FILE`). */
export function requestLog(file: string): NdjsonSink {
  const out = ndjsonFile(file);
  let loose = 0;
  return {
    listener: (exchange, group, elapsedMs) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(exchange.requestHeaders)) {
        if (!value.includes('[REDACTED]')) headers[name] = value;
      }
      // The client recorded the href of the URL it sent: what follows the origin is path and query.
      const origin = /^https?:\/\/[^/?#]*/i.exec(exchange.url);
      const path = origin ? exchange.url.slice(origin[0].length) || '/' : exchange.url;
      const issued = issuedValues(exchange.method, path, exchange.status, exchange.responseBody);
      const credential = credentialOf(exchange);
      const entry: LoggedRequest = {
        flow: labelOf(group) ?? `~${(loose += 1)}`,
        method: exchange.method,
        path,
        headers,
        ...(exchange.requestBody !== undefined ? { body: exchange.requestBody } : {}),
        ...(exchange.status !== undefined ? { status: exchange.status } : {}),
        ...(issued.length > 0 ? { issued } : {}),
        ...(credential !== undefined ? { credential } : {}),
        ms: Math.round(elapsedMs * 1000) / 1000,
      };
      out.write(entry);
    },
    close: out.close,
  };
}
