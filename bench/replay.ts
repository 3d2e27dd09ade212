// The floor: the run's requests sent again, bare, with undici: same order, same concurrency, same
// grouping (one scenario's requests one after the other), against a fresh server. Ids the original
// POSTs created are replaced by the ids the fresh server gives, so every request does the same work.
import { Agent } from 'undici';
import type { LoggedRequest } from '../engine/request-log.ts';

export interface ReplayOptions {
  /** Origin (and base path, if any, is already in the logged paths): http://127.0.0.1:PORT */
  origin: string;
  token: string;
  concurrency: number;
}

export interface ReplayResult {
  wallMs: number;
  requests: number;
  /** Requests whose status differs from the logged one (a sign that the replay is not faithful). */
  statusMismatches: number;
}

interface Deferred {
  promise: Promise<string>;
  resolve(id: string): void;
}

function deferred(): Deferred {
  let resolve!: (id: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Groups the log into flows, in order of each flow's first request. */
export function flowsOf(log: LoggedRequest[]): LoggedRequest[][] {
  const flows = new Map<string, LoggedRequest[]>();
  for (const e of log) {
    const list = flows.get(e.flow);
    if (list) list.push(e);
    else flows.set(e.flow, [e]);
  }
  return [...flows.values()];
}

/** Consecutive flows of the same kind (scenario flows, or run-wide requests such as discovery and cleanup). */
export function phasesOf(flows: LoggedRequest[][]): LoggedRequest[][][] {
  const phases: LoggedRequest[][][] = [];
  let kind: boolean | undefined;
  for (const flow of flows) {
    const scenario = !flow[0]!.flow.startsWith('~');
    if (scenario !== kind) phases.push([]);
    kind = scenario;
    phases[phases.length - 1]!.push(flow);
  }
  return phases;
}

export async function replay(log: LoggedRequest[], options: ReplayOptions): Promise<ReplayResult> {
  const ids = new Map<string, Deferred>();
  for (const e of log) if (e.created !== undefined) ids.set(e.created, deferred());
  const pattern = ids.size > 0 ? new RegExp([...ids.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g') : undefined;
  const agent = new Agent({ connections: options.concurrency });
  const flows = flowsOf(log);
  let mismatches = 0;

  // Waits for the fresh ids of the old ones the text names (created earlier in the log), then swaps them.
  const rewrite = async (text: string): Promise<string> => {
    if (!pattern) return text;
    const found = text.match(pattern);
    if (!found) return text;
    const fresh = new Map<string, string>();
    for (const old of new Set(found)) fresh.set(old, await ids.get(old)!.promise);
    return text.replace(pattern, (old) => fresh.get(old) ?? old);
  };

  const once = async (e: LoggedRequest, path: string, body: string | undefined): Promise<{ status: number; text: string }> => {
    const res = await agent.request({
      origin: options.origin,
      path,
      method: e.method as 'GET',
      headers: { ...e.headers, authorization: `Bearer ${options.token}` },
      ...(body !== undefined ? { body } : {}),
    });
    return { status: res.statusCode, text: await res.body.text() };
  };

  const send = async (e: LoggedRequest): Promise<void> => {
    const path = await rewrite(e.path);
    const body = e.body === undefined ? undefined : await rewrite(e.body);
    // A kept-alive connection the server closes as the request goes out (its keep-alive timer fires
    // late on a loaded machine) is sent once more, as the suite's client does; a second failure
    // counts as a mismatch instead of ending the replay.
    const res = await once(e, path, body)
      .catch(() => once(e, path, body))
      .catch(() => undefined);
    if (res === undefined) {
      mismatches += 1;
      if (e.created !== undefined) ids.get(e.created)!.resolve(e.created);
      return;
    }
    const text = res.text;
    if (e.status !== undefined && res.status !== e.status) mismatches += 1;
    if (e.created !== undefined) {
      let id = e.created;
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        if (typeof parsed.id === 'string') id = parsed.id;
      } catch {
        // keep the old id: the requests that name it will miss, which shows as mismatches
      }
      ids.get(e.created)!.resolve(id);
    }
  };

  const started = performance.now();
  try {
    // Discovery, the scenarios and cleanup follow each other in a run: replay them as such phases.
    for (const phase of phasesOf(flows)) {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < phase.length) {
          const flow = phase[next++]!;
          for (const e of flow) await send(e);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, phase.length)) }, worker));
    }
  } finally {
    // A POST that failed leaves its waiters hanging: release them before closing.
    for (const [old, d] of ids) d.resolve(old);
  }
  const wallMs = performance.now() - started;
  await agent.close();
  return { wallMs, requests: log.length, statusMismatches: mismatches };
}
