// The floor: the run's requests sent again, bare, with undici: same order, same concurrency, same
// grouping (one scenario's requests one after the other), against a fresh server. What the original
// answers handed out (ids of POST and Bulk creations, next-page cursors) is replaced by what the
// fresh server hands out, and a request a security scenario sent with another credential (none, a
// wrong one, the limited or other-tenant one) is sent with the same kind again, so that every
// request does the same work as in the run.
import { Agent } from 'undici';
import { issuedValues, type LoggedRequest } from '../engine/request-log.ts';

export interface ReplayOptions {
  /** Origin (and base path, if any, is already in the logged paths): http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The fresh server's limited and other-tenant tokens, for requests logged with those credentials. */
  tokens?: { limited?: string; otherTenant?: string };
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

/** The Authorization header for a logged request: the credential it was sent with, of the fresh server. */
function authorization(e: LoggedRequest, options: ReplayOptions): string | undefined {
  switch (e.credential) {
    case 'none':
      return undefined;
    case 'wrong':
      return 'Bearer scimconf-wrong-replay';
    case 'limited':
      return `Bearer ${options.tokens?.limited ?? options.token}`;
    case 'other-tenant':
      return `Bearer ${options.tokens?.otherTenant ?? options.token}`;
    default:
      return `Bearer ${options.token}`;
  }
}

export async function replay(log: LoggedRequest[], options: ReplayOptions): Promise<ReplayResult> {
  // Each value handed out, as logged and as it appears in a path (URL-encoded), waits for its fresh counterpart.
  const issued = new Map<string, Deferred>();
  const spelled = new Map<string, { old: string; encode: boolean }>();
  for (const e of log) {
    for (const old of e.issued ?? []) {
      if (old === null || issued.has(old)) continue;
      issued.set(old, deferred());
      spelled.set(old, { old, encode: false });
      const encoded = encodeURIComponent(old);
      if (encoded !== old) spelled.set(encoded, { old, encode: true });
    }
  }
  const pattern = spelled.size > 0 ? new RegExp([...spelled.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g') : undefined;
  const agent = new Agent({ connections: options.concurrency });
  const flows = flowsOf(log);
  let mismatches = 0;

  // Waits for the fresh values of the old ones the text names (handed out earlier in the log), then swaps them.
  const rewrite = async (text: string): Promise<string> => {
    if (!pattern) return text;
    const found = text.match(pattern);
    if (!found) return text;
    const fresh = new Map<string, string>();
    for (const spelling of new Set(found)) {
      const { old, encode } = spelled.get(spelling)!;
      const value = await issued.get(old)!.promise;
      fresh.set(spelling, encode ? encodeURIComponent(value) : value);
    }
    return text.replace(pattern, (spelling) => fresh.get(spelling) ?? spelling);
  };

  const once = async (e: LoggedRequest, path: string, body: string | undefined): Promise<{ status: number; text: string }> => {
    const auth = authorization(e, options);
    const res = await agent.request({
      origin: options.origin,
      path,
      method: e.method as 'GET',
      headers: { ...e.headers, ...(auth !== undefined ? { authorization: auth } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    return { status: res.statusCode, text: await res.body.text() };
  };

  // The fresh counterparts of what the logged answer handed out, by position (the old value where none).
  const handOut = (e: LoggedRequest, path: string, res: { status: number; text: string } | undefined): void => {
    if (!e.issued) return;
    const fresh = res ? issuedValues(e.method, path, res.status, res.text) : [];
    e.issued.forEach((old, i) => {
      if (old !== null) issued.get(old)!.resolve(fresh[i] ?? old);
    });
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
    if (res === undefined || (e.status !== undefined && res.status !== e.status)) mismatches += 1;
    // (The requests that name an old value the fresh server did not hand out will miss: mismatches.)
    handOut(e, path, res);
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
    // A request that failed leaves its waiters hanging: release them before closing.
    for (const [old, d] of issued) d.resolve(old);
  }
  const wallMs = performance.now() - started;
  await agent.close();
  return { wallMs, requests: log.length, statusMismatches: mismatches };
}
