// The one way the suite talks to a target: a keep-alive undici Agent, auth, a body cap, timeouts,
// no redirects, and a redacted record of every exchange.
/// <reference path="./undici-agent.d.ts" />
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import type { Exchange } from '../schemas/run-result.ts';
import type { AuthConfig, TargetConfig } from './config.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { TargetError, toTargetError } from './target-error.ts';
import { DEFAULT_RETRY_POLICY, lostAnswerDecision, parseRetryAfter, retryDecision, sleep, type RetryDecision, type RetryPolicy } from './retry.ts';
import { AdaptiveLimiter, type LimiterStats } from './rate-limiter.ts';
import { flattenHeaders, overrideHeader, setHeader } from './client-headers.ts';

export { TargetError } from './target-error.ts';

/** The status line and headers came, then the body broke off (timeout or reset): what was known of the answer. */
export class CutBodyError extends TargetError {
  constructor(
    kind: 'timeout' | 'reset',
    message: string,
    readonly answer: { status: number; contentType: string | undefined; received: number },
    options?: { cause?: unknown },
  ) {
    super(kind, message, { ...options, status: answer.status });
  }
}

export interface RequestOptions {
  /** Why the request is made ("setup", "patch", "verify", "cleanup", "discovery"); goes into the exchange. */
  purpose: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent exactly as given (malformed JSON on purpose); wins over `body`. */
  rawBody?: string;
  /** Defaults to the configured media type when there is a body. */
  contentType?: string;
  /** Extra headers; they replace the defaults of the same name, and an empty value removes one. */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** The exchange is pushed here. */
  exchanges?: Exchange[];
  /** A read that keeps cleanup complete (after a lost answer): sent even once the run signal has fired (until the recovery signal). */
  recovery?: boolean;
  /** Sending it twice is harmless (a cleanup DELETE): a 5xx or a lost answer is retried too, with the same backoff. */
  idempotent?: boolean;
  /**
   * This request's credential instead of the configured one ('none': no credential at all), for the
   * security checks. Bearer, basic or header only; secrets from the configuration stay redacted.
   */
  auth?: AuthConfig | 'none';
  /** Which credential `auth` is ('none', 'wrong', 'limited', 'other-tenant'), for the bench's request log. */
  credential?: string;
}

const credentials = new WeakMap<Exchange, string>();

/** The credential an exchange was sent with when a scenario chose one (RequestOptions.credential). */
export function credentialOf(exchange: Exchange): string | undefined {
  return credentials.get(exchange);
}

export interface ScimResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". Not redacted (the exchange is). */
  headers: Record<string, string>;
  text: string;
  /** Undefined when the body is empty or not JSON. */
  json: unknown;
  truncated: boolean;
  exchange: Exchange;
  /** Set when the answer is still 429/503 and the client stopped retrying: why. */
  gaveUp?: string;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  truncated: boolean;
}

const USER_AGENT = 'scim-conformance';
/** An access token is renewed this long before the expiry the token endpoint announced. */
const TOKEN_RENEW_MARGIN_MS = 30_000;

/**
 * Sees every finished exchange (already redacted), the list it was pushed to, and its precise
 * duration. `parsed`, when given, is `exchange.responseBody` already parsed (its `json` undefined
 * when the body is empty or not JSON), so that a listener need not parse it again; it is shared
 * with the scenario, so a listener must not change it.
 */
export type ExchangeListener = (exchange: Exchange, group: Exchange[] | undefined, elapsedMs: number, parsed?: { json: unknown }) => void;

export class ScimClient {
  readonly #config: TargetConfig;
  readonly #redactor: Redactor;
  readonly #agent: Agent;
  readonly #base: URL;
  #requestCount = 0;
  #token: { value: string; expiresAt: number } | undefined;
  #tokenPending: Promise<string> | undefined;
  readonly #listeners: ExchangeListener[] = [];
  /** Finished exchanges the listeners have not seen yet (see #notify). */
  #unheard: Array<Parameters<ExchangeListener>> = [];
  #hearing: NodeJS.Immediate | undefined;
  #listenerError: unknown;
  readonly #limiter: AdaptiveLimiter;
  readonly #retry: RetryPolicy;
  #runSignal: AbortSignal | undefined;
  #recoverySignal: AbortSignal | undefined;

  constructor(config: TargetConfig, redactor?: Redactor) {
    this.#config = config;
    this.#limiter = new AdaptiveLimiter({ maxConcurrency: config.concurrency, ...(config.rate !== undefined ? { rate: config.rate } : {}) });
    // An explicit --retries is the budget for every throttle; by default quota ticks get a larger one.
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...(config.retries !== undefined ? { retries: config.retries, quotaTickRetries: config.retries } : {}) };
    this.#redactor = redactor ?? createRedactor(config);
    this.#base = new URL(config.baseUrl);
    this.#agent = new Agent({
      connections: config.concurrency,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: {
        timeout: config.timeoutMs,
        ...(config.tls.caFile ? { ca: readFileSync(config.tls.caFile) } : {}),
        ...(config.tls.allowSelfSigned ? { rejectUnauthorized: false } : {}),
      },
    });
  }

  /**
   * The run's exchange stream, the response checks and the bench's request log listen here.
   * Listeners hear each exchange after the scenario that made it has moved on (see #notify), in the
   * order the exchanges finished; `flushExchanges` makes them hear everything finished so far.
   */
  onExchange(listener: ExchangeListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Hands every finished exchange to the listeners now (before reading what they gathered). A
   * listener that threw (a bug of the suite) is reported here, not lost in a later turn.
   */
  flushExchanges(): void {
    this.#hear();
    const failed = this.#listenerError;
    this.#listenerError = undefined;
    if (failed !== undefined) throw failed;
  }

  #hear(): void {
    if (this.#hearing !== undefined) clearImmediate(this.#hearing);
    this.#hearing = undefined;
    const batch = this.#unheard;
    this.#unheard = [];
    for (const args of batch) {
      for (const listener of this.#listeners) {
        try {
          listener(...args);
        } catch (e) {
          this.#listenerError ??= e;
        }
      }
    }
  }

  /**
   * Listeners (schema checks of every response, the exchanges.ndjson line) run once the I/O of this
   * turn of the event loop is handled, not between an answer and the scenario's next request: on a
   * target with latency, answers arrive together, and each scenario's next request then goes out
   * without waiting for the checks of the others' answers. Exchanges are not changed once finished,
   * so the listeners see what they would have seen at once.
   */
  #notify(args: Parameters<ExchangeListener>): void {
    if (this.#listeners.length === 0) return;
    this.#unheard.push(args);
    this.#hearing ??= setImmediate(() => this.#hear());
  }

  get requestCount(): number {
    return this.#requestCount;
  }

  async close(): Promise<void> {
    try {
      this.flushExchanges();
    } finally {
      await this.#agent.close();
    }
  }

  /** How the adaptive limiter fared (for reports and tests). */
  get limiterStats(): LimiterStats {
    return this.#limiter.stats;
  }

  /**
   * Once `signal` fires (the scenarios' deadline), requests in flight and retry waits are cut short
   * with a TargetError of kind 'deadline'; recovery reads only stop at `recoverySignal` (the end of
   * the run). Cleanup swaps in the end-of-run signal.
   */
  setRunSignal(signal: AbortSignal | undefined, recoverySignal?: AbortSignal): void {
    this.#runSignal = signal;
    this.#recoverySignal = recoverySignal;
  }

  /**
   * One request; a 429 (or a 503 with Retry-After) is waited out and sent again up to `retries`
   * times, each attempt its own exchange ("patch (retry 1)"). Transport failures are not retried,
   * except for an idempotent request (which is also retried after a 5xx).
   */
  async request(method: string, pathOrUrl: string, options: RequestOptions): Promise<ScimResponse> {
    const signal = options.recovery ? this.#recoverySignal : this.#runSignal;
    for (let attempt = 1; ; attempt++) {
      const purpose = attempt === 1 ? options.purpose : `${options.purpose} (retry ${attempt - 1})`;
      let decision: RetryDecision;
      try {
        const res = await this.#once(method, pathOrUrl, { ...options, purpose }, signal);
        // Judged before the limiter hears of it: whether this throttle is a quota tick or overload.
        decision = retryDecision(res.status, res.headers, attempt, this.#retry, Math.random, Date.now(), {
          quotaTick: !this.#limiter.overloaded,
          ...(options.idempotent ? { idempotent: true } : {}),
        });
        if (res.status === 429 || (res.status === 503 && res.headers['retry-after'] !== undefined)) {
          // Overloaded: everyone waits out a Retry-After the suite honours; one too long to honour holds nobody.
          this.#limiter.throttled(decision.retry && parseRetryAfter(res.headers['retry-after']) !== undefined ? decision.waitMs : undefined);
        } else {
          this.#limiter.succeeded();
        }
        if (!decision.retry) return decision.why ? { ...res, gaveUp: decision.why } : res;
      } catch (e) {
        decision = options.idempotent && e instanceof TargetError ? lostAnswerDecision(e.kind, attempt, this.#retry) : { retry: false };
        if (!decision.retry) throw e;
      }
      try {
        await sleep(decision.waitMs, signal);
      } catch {
        throw this.#stopped(method, pathOrUrl);
      }
    }
  }

  #stopped(method: string, pathOrUrl: string): TargetError {
    const path = /^https?:/i.test(pathOrUrl) ? new URL(pathOrUrl).pathname : pathOrUrl;
    return new TargetError('deadline', `deadline: the run reached its deadline during ${method} ${this.#redactor.text(path)}`);
  }

  async #once(method: string, pathOrUrl: string, options: RequestOptions, signal: AbortSignal | undefined): Promise<ScimResponse> {
    this.#requestCount++;
    const url = this.#resolve(pathOrUrl, options.query);
    const headers: Record<string, string> = { Accept: this.#config.mediaType, 'User-Agent': USER_AGENT };
    let bodyText: string | undefined;
    if (options.rawBody !== undefined) bodyText = options.rawBody;
    else if (options.body !== undefined) bodyText = JSON.stringify(options.body);
    if (bodyText !== undefined) headers['Content-Type'] = options.contentType ?? this.#config.mediaType;
    for (const [n, v] of Object.entries(this.#config.headers)) setHeader(headers, n, v);

    const exchange: Exchange = {
      purpose: options.purpose,
      method,
      url: this.#redactor.text(url.href),
      requestHeaders: {},
      ...(bodyText !== undefined ? { requestBody: this.#redactor.text(bodyText) } : {}),
      durationMs: 0,
      startedAt: new Date().toISOString(),
    };
    if (options.credential !== undefined) credentials.set(exchange, options.credential);
    const started = performance.now();
    const finish = (parsed?: { json: unknown }): void => {
      const elapsed = performance.now() - started;
      exchange.durationMs = Math.round(elapsed);
      options.exchanges?.push(exchange);
      this.#notify([exchange, options.exchanges, elapsed, parsed]);
    };

    try {
      const auth = options.auth === undefined ? await this.#authHeader() : overrideHeader(options.auth);
      if (auth) setHeader(headers, auth[0], auth[1]);
      for (const [n, v] of Object.entries(options.headers ?? {})) setHeader(headers, n, v);
      exchange.requestHeaders = this.#redactor.headers(headers);
      let release: () => void;
      try {
        release = await this.#limiter.acquire(signal);
      } catch {
        throw this.#stopped(method, pathOrUrl);
      }
      let answer: RawAnswer;
      try {
        answer = await this.#send(method, url, headers, bodyText, signal);
      } catch (e) {
        throw signal?.aborted ? this.#stopped(method, pathOrUrl) : e;
      } finally {
        release();
      }
      exchange.status = answer.status;
      exchange.responseHeaders = this.#redactor.headers(answer.headers);
      exchange.responseBody = this.#redactor.text(answer.text);
      if (answer.truncated) exchange.truncated = true;
      let json: unknown;
      if (answer.text.trim() !== '' && !answer.truncated) {
        try {
          json = JSON.parse(answer.text);
        } catch {
          json = undefined;
        }
      }
      // Listeners get the parsed body when redaction left it as it came (else they parse what was recorded).
      finish(!answer.truncated && exchange.responseBody === answer.text ? { json } : undefined);
      return { ...answer, json, exchange };
    } catch (err) {
      const te = err instanceof TargetError ? err : toTargetError(err, { origin: this.#base.origin, timeoutMs: this.#config.timeoutMs });
      exchange.error = te.message;
      if (Object.keys(exchange.requestHeaders).length === 0) exchange.requestHeaders = this.#redactor.headers(headers);
      finish();
      throw te;
    }
  }

  /** A path under the base URL, or an absolute URL that must stay on the target's origin. */
  #resolve(pathOrUrl: string, query: Record<string, string> | undefined): URL {
    let href: string;
    if (/^https?:\/\//i.test(pathOrUrl)) {
      let abs: URL;
      try {
        abs = new URL(pathOrUrl);
      } catch {
        throw new TargetError('protocol', `target ${this.#base.origin}: ${JSON.stringify(this.#redactor.text(pathOrUrl))} is not a valid URL`);
      }
      if (abs.origin !== this.#base.origin) {
        throw new TargetError(
          'protocol',
          `target ${this.#base.origin}: refusing to send a request to ${this.#redactor.text(abs.origin)}, which is not the target's origin`,
        );
      }
      href = abs.href;
    } else {
      href = `${this.#config.baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
    }
    const entries = Object.entries(query ?? {});
    if (entries.length > 0) {
      // encodeURIComponent, not URLSearchParams: some servers do not read '+' as a space in filters.
      const qs = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      href += (href.includes('?') ? '&' : '?') + qs;
    }
    return new URL(href);
  }

  /**
   * One request on the wire, through undici's dispatch interface: the answer's chunks are gathered
   * as they come (no stream, no async iterator per request), up to maxBodyBytes. The whole exchange
   * is bounded by timeoutMs; `signal` (the run's deadline) cuts it short.
   */
  #send(method: string, url: URL, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal): Promise<RawAnswer> {
    const { maxBodyBytes, timeoutMs } = this.#config;
    return new Promise<RawAnswer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      // Once the status line is in, a failure is the body's: the message says how far it got.
      let status: number | undefined;
      let responseHeaders: Record<string, string> = {};
      let size = 0;
      let timedOut = false;
      let settled = false;
      let controller: Dispatcher.DispatchController | undefined;
      let abortWhenStarted: Error | undefined;
      const abort = (reason: Error): void => {
        if (controller) controller.abort(reason);
        else abortWhenStarted = reason;
      };
      const timer = setTimeout(() => {
        timedOut = true;
        abort(new Error(`no response within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = (): void => abort(new Error('the run was stopped'));
      signal?.addEventListener('abort', stop, { once: true });
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        return true;
      };
      const answer = (truncated: boolean): void => {
        if (!settle() || status === undefined) return;
        resolve({ status, headers: responseHeaders, text: Buffer.concat(chunks).toString('utf8'), truncated });
      };
      const fail = (err: Error): void => {
        if (!settle()) return;
        const te = toTargetError(err, { origin: url.origin, timeoutMs, timedOut, redact: (s) => this.#redactor.text(s) });
        if (status !== undefined && (te.kind === 'timeout' || te.kind === 'reset')) {
          const how = te.kind === 'timeout' ? `did not finish the body within ${timeoutMs} ms` : 'closed the connection in the middle of the body';
          const message = `target ${url.origin} answered ${method} ${this.#redactor.text(url.pathname)} with ${status} but ${how} (${size} bytes received)`;
          reject(new CutBodyError(te.kind, message, { status, contentType: responseHeaders['content-type'], received: size }, { cause: err }));
          return;
        }
        reject(te);
      };
      try {
        this.#agent.dispatch(
          { origin: url.origin, path: url.pathname + url.search, method: method as Dispatcher.HttpMethod, headers, body: body ?? null },
          {
            onRequestStart(c) {
              controller = c;
              if (abortWhenStarted) c.abort(abortWhenStarted);
            },
            onResponseStart(_c, statusCode, h) {
              // Called again after a 1xx: the last status line is the answer's.
              status = statusCode;
              responseHeaders = flattenHeaders(h as Record<string, string | string[] | undefined>);
            },
            onResponseData(c, chunk) {
              if (settled) return;
              const room = maxBodyBytes - size;
              if (chunk.length > room) {
                chunks.push(chunk.subarray(0, room));
                answer(true);
                // The rest is never read: the connection is dropped.
                c.abort(new Error('body over maxBodyBytes'));
                return;
              }
              chunks.push(chunk);
              size += chunk.length;
            },
            onResponseEnd() {
              answer(false);
            },
            onResponseError(_c, err) {
              fail(err);
            },
          },
        );
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  async #authHeader(): Promise<[string, string] | undefined> {
    const auth = this.#config.auth;
    switch (auth.kind) {
      case 'none':
        return undefined;
      case 'bearer':
        return ['Authorization', `Bearer ${auth.token}`];
      case 'basic':
        return ['Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`];
      case 'header':
        return [auth.name, auth.value];
      case 'oauth2':
        return ['Authorization', `Bearer ${await this.#accessToken()}`];
    }
  }

  async #accessToken(): Promise<string> {
    if (this.#token && Date.now() < this.#token.expiresAt) return this.#token.value;
    // Concurrent requests share one token request.
    this.#tokenPending ??= this.#fetchToken().finally(() => {
      this.#tokenPending = undefined;
    });
    return this.#tokenPending;
  }

  async #fetchToken(): Promise<string> {
    const auth = this.#config.auth;
    if (auth.kind !== 'oauth2') throw new Error('not an OAuth2 configuration');
    const url = new URL(auth.tokenUrl);
    const form = (extra: Record<string, string>): string =>
      new URLSearchParams({ grant_type: 'client_credentials', ...(auth.scope ? { scope: auth.scope } : {}), ...extra }).toString();
    const base = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': USER_AGENT };
    // RFC 6749 §2.3.1: servers must accept HTTP Basic; some accept only the credentials in the body.
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`;
    let answer = await this.#send('POST', url, { ...base, Authorization: basic }, form({}));
    if (answer.status === 400 || answer.status === 401) {
      answer = await this.#send('POST', url, base, form({ client_id: auth.clientId, client_secret: auth.clientSecret }));
    }
    const tokenUrl = this.#redactor.text(auth.tokenUrl);
    if (answer.status < 200 || answer.status > 299) {
      throw new TargetError('auth', `target ${this.#base.origin}: token request to ${tokenUrl} answered ${answer.status}`);
    }
    let parsed: { access_token?: unknown; expires_in?: unknown } | undefined;
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    const token = parsed?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new TargetError('auth', `target ${this.#base.origin}: token request to ${tokenUrl} answered ${answer.status} without an access_token`);
    }
    this.#redactor.addSecret(token);
    const expiresIn = Number(parsed?.expires_in);
    // Short-lived tokens are renewed at half their life rather than refetched on every request.
    const lifeMs = expiresIn * 1000;
    const expiresAt = Number.isFinite(expiresIn) && expiresIn > 0
      ? Date.now() + Math.max(lifeMs - TOKEN_RENEW_MARGIN_MS, lifeMs / 2)
      : Number.POSITIVE_INFINITY;
    this.#token = { value: token, expiresAt };
    return token;
  }
}
