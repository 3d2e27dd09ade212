// Test support (used only by *.test.ts): a tiny fetch wrapper bound to a running server, and a
// server started for the tests of one describe block.
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from './index.ts';

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // Tests index freely into bodies; a parse failure leaves it undefined.
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
  /** Token to send; null sends no Authorization header. Default: the server's token. */
  token?: string | null;
  contentType?: string;
}

export type Call = (method: string, path: string, options?: CallOptions) => Promise<TestResponse>;

export function clientFor(server: RunningServer): Call {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { Accept: 'application/scim+json', ...(options.headers ?? {}) };
    const token = options.token === undefined ? server.token : options.token;
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['Content-Type'] = options.contentType ?? 'application/scim+json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, text, body };
  };
}

/** A reference server started before the tests of the describe block that calls this, and closed after them. */
export function serveForTests(...args: Parameters<typeof startServer>): { call: Call; readonly server: RunningServer } {
  let server: RunningServer | undefined;
  let client: Call | undefined;
  beforeAll(async () => {
    server = await startServer(...args);
    client = clientFor(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    call: (method, path, options) => client!(method, path, options),
    get server() {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
  };
}

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENT_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

let counter = 0;
/** A user body with a fresh userName. */
export function newUser(extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { schemas: [USER_URN], userName: `user${counter}-${Date.now()}@example.com`, ...extra };
}

export function patchBody(operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations: operations };
}
