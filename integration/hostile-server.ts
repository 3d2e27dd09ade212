// A fault-injecting proxy in front of the reference server, for the project's own tests: each rule
// picks requests (by method, path, the n-th match, a time window) and does something hostile with
// them, so one run can meet several kinds of broken target. Loopback only, ephemeral port.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Forwarded (so applied); the answer's body replaced by text that is not JSON (and echoes the Authorization header). */
  | { kind: 'not-json' }
  /** Forwarded; the JSON answer relabelled with another media type. */
  | { kind: 'content-type'; contentType: string }
  /** Not forwarded: a 200 HTML sign-in page, as an SSO proxy in front of the server would send. */
  | { kind: 'login-page' }
  /** Not forwarded: a 200 body of `bytes` (default 10 MB). */
  | { kind: 'huge'; bytes?: number }
  /** Forwarded; the answer's body sent one byte every `intervalMs`. */
  | { kind: 'drip'; intervalMs?: number }
  /** Never answered. `forward`: the request reaches the server first (it is applied). */
  | { kind: 'hang'; forward?: boolean }
  /** Forwarded; the status line, headers and half the body, then the connection is destroyed. */
  | { kind: 'reset-mid-body' }
  /** Not forwarded: this status (and body). */
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Not forwarded: a redirect to `location`. */
  | { kind: 'redirect'; location: string; status?: number }
  /** Forwarded after `ms`. */
  | { kind: 'delay'; ms: number }
  /** Not forwarded: 429 (or 503) with Retry-After in `seconds` (none when unset), as delay-seconds or (`asDate`) an HTTP date. */
  | { kind: 'throttle'; status?: 429 | 503; seconds?: number; asDate?: boolean };

export interface FaultRule {
  method?: string;
  /** Matched against the request path (without query). */
  path?: RegExp;
  /** Only these matches of the rule (1-based, in order of arrival). */
  nth?: number[];
  /** Only matches within this many ms of the first request the proxy received. */
  withinMs?: number;
  /** Only every N-th match (N, 2N, 3N ...): count-based throttling. */
  every?: number;
  /** Only the matches after the first N. */
  after?: number;
  /** Only this share of the matches (0..1), drawn from the proxy's seeded random sequence. */
  chance?: number;
  fault: Fault;
}

export interface HostileOptions {
  /** Seed of the random draws of `chance` rules (default 1), so a failing run can be replayed. */
  seed?: number;
}

export interface SeenByProxy {
  method: string;
  path: string;
  fault?: Fault['kind'];
}

export interface HostileServer {
  /** http://127.0.0.1:<port> */
  url: string;
  seen: SeenByProxy[];
  /** How many requests each rule hit, by rule index. */
  hits: number[];
  close(): Promise<void>;
}

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in - Acme SSO</title></head><body><form method="post" action="/login">' +
  '<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>';

interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host };
    delete headers['connection'];
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

function withoutLength(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out = { ...headers };
  delete out['content-length'];
  delete out['transfer-encoding'];
  delete out['connection'];
  delete out['keep-alive'];
  return out;
}

/** mulberry32: a small seeded generator, enough to spread faults evenly and reproducibly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `rules` is read on every request, so a test may change it while the proxy runs (empty it to let a
 * later `cleanup` through); `hits` only counts the rules given at the start.
 */
export async function startHostileServer(upstreamUrl: string, rules: FaultRule[], options: HostileOptions = {}): Promise<HostileServer> {
  const upstream = new URL(upstreamUrl);
  const random = seededRandom(options.seed ?? 1);
  let started: number | undefined;
  const seen: SeenByProxy[] = [];
  const hits = rules.map(() => 0);
  const matches = rules.map(() => 0);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  // Every rule counts every request it matches, whichever rule acts on it: "the 3rd PATCH" means
  // the 3rd PATCH to arrive. The first rule selecting the request acts.
  const pick = (method: string, path: string): Fault | undefined => {
    started ??= Date.now();
    let chosen: Fault | undefined;
    for (const [i, rule] of rules.entries()) {
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !rule.path.test(path)) continue;
      if (rule.withinMs !== undefined && Date.now() - started > rule.withinMs) continue;
      matches[i]! += 1;
      if (chosen || (rule.nth && !rule.nth.includes(matches[i]!))) continue;
      if (rule.every !== undefined && matches[i]! % rule.every !== 0) continue;
      if (rule.after !== undefined && matches[i]! <= rule.after) continue;
      if (rule.chance !== undefined && random() >= rule.chance) continue;
      hits[i]! += 1;
      chosen = rule.fault;
    }
    return chosen;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    const fault = pick(method, path);
    seen.push({ method, path, ...(fault ? { fault: fault.kind } : {}) });
    const pass = async (): Promise<Upstream> => forward(upstream, req, body);
    switch (fault?.kind) {
      case undefined: {
        const up = await pass();
        res.writeHead(up.status, withoutLength(up.headers));
        res.end(up.body);
        return;
      }
      case 'not-json': {
        const up = await pass();
        res.writeHead(up.status === 204 ? 200 : up.status, { ...withoutLength(up.headers), 'content-type': 'application/scim+json' });
        // Echoes the credential, as careless error pages do: the suite must not repeat it anywhere.
        res.end(`upstream said: OK (this is not JSON) ${req.headers.authorization ?? ''}`);
        return;
      }
      case 'content-type': {
        const up = await pass();
        res.writeHead(up.status, { ...withoutLength(up.headers), 'content-type': fault.contentType });
        res.end(up.body);
        return;
      }
      case 'login-page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(LOGIN_PAGE);
        return;
      case 'huge': {
        const total = fault.bytes ?? 10 * 1024 * 1024;
        res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': String(total) });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        // Written as the client drains it; the client stops reading at its cap and closes.
        const pump = (): void => {
          while (sent < total && !res.destroyed) {
            const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
            sent += part.length;
            if (!res.write(part)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'drip': {
        const up = await pass();
        res.writeHead(up.status, { ...withoutLength(up.headers), 'content-length': String(up.body.length) });
        let i = 0;
        const timer = setInterval(() => {
          if (res.destroyed || i >= up.body.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(up.body.subarray(i, i + 1));
          i += 1;
        }, fault.intervalMs ?? 50);
        timers.add(timer);
        return;
      }
      case 'hang':
        if (fault.forward) await pass();
        // Nothing is ever written; the socket is closed with the proxy.
        return;
      case 'reset-mid-body': {
        const up = await pass();
        res.writeHead(up.status, { ...withoutLength(up.headers), 'content-length': String(Math.max(up.body.length, 2)) });
        res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
        // Give the bytes a moment to leave, then cut the connection.
        const timer = setTimeout(() => res.socket?.destroy(), 20);
        timers.add(timer);
        return;
      }
      case 'status':
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html', ...(fault.headers ?? {}) });
        res.end(fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`);
        return;
      case 'redirect':
        res.writeHead(fault.status ?? 307, { location: fault.location, 'content-type': 'text/html' });
        res.end(`<a href="${fault.location}">moved</a>`);
        return;
      case 'throttle': {
        const seconds = fault.seconds;
        const retryAfter = seconds === undefined ? undefined : fault.asDate ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds);
        res.writeHead(fault.status ?? 429, { 'content-type': 'application/scim+json', ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}) });
        res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(fault.status ?? 429), detail: 'slow down' }));
        return;
      }
      case 'delay': {
        await new Promise<void>((r) => {
          const timer = setTimeout(r, fault.ms);
          timers.add(timer);
        });
        const up = await pass();
        if (res.destroyed) return;
        res.writeHead(up.status, withoutLength(up.headers));
        res.end(up.body);
        return;
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
