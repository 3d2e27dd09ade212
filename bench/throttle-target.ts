// The bench's throttling target: a reference server behind the hostile proxy of the integration
// tests, every request held `latencyMs` (a remote target), and optionally every N-th request
// answered 429 at once, with or without Retry-After (count-based throttling, as API gateways do).
// The same target without the 429s is the baseline the throttled cases are compared with.
import { startServer } from '../server/index.ts';
import { startHostileServer, type FaultRule } from '../integration/hostile-server.ts';

export interface ThrottleSpec {
  /** Answer 429 to every N-th request. */
  every: number;
  /** Retry-After in seconds on those answers; none when unset. */
  retryAfterSeconds?: number;
}

/** The proxy's rules: the 429s first (answered at once, never forwarded), then the latency for the rest. */
export function throttleRules(latencyMs: number, throttle?: ThrottleSpec): FaultRule[] {
  const rules: FaultRule[] = [];
  if (throttle) {
    rules.push({
      every: throttle.every,
      fault: { kind: 'throttle', status: 429, ...(throttle.retryAfterSeconds !== undefined ? { seconds: throttle.retryAfterSeconds } : {}) },
    });
  }
  if (latencyMs > 0) rules.push({ fault: { kind: 'delay', ms: latencyMs } });
  return rules;
}

export interface BenchTarget {
  url: string;
  token: string;
  /** The limited and other-tenant tokens, where the target has them (the embedded server). */
  tokens?: { limited?: string; otherTenant?: string };
  close(): Promise<void>;
}

/** A proxy in front of a reference server, as one target: its URL, the server's token, one close for both. */
export function behindProxy(server: { token: string; close(): Promise<void> }, proxy: { url: string; close(): Promise<void> }): BenchTarget {
  return {
    url: proxy.url,
    token: server.token,
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

export async function startThrottledTarget(latencyMs: number, throttle?: ThrottleSpec): Promise<BenchTarget> {
  const server = await startServer({}, { host: '127.0.0.1', port: 0 });
  return behindProxy(server, await startHostileServer(server.url, throttleRules(latencyMs, throttle)));
}
