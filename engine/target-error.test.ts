import { describe, it, expect } from 'vitest';
import { CutBodyError } from './client.ts';
import { assertUsable } from './answer-check.ts';
import { TargetError, targetErrorClass, toTargetError } from './target-error.ts';

const ctx = { origin: 'https://idp.example.com', timeoutMs: 10000 };
const coded = (code: string, message = code): Error => Object.assign(new Error(message), { code });
const wrapped = (code: string): Error => Object.assign(new TypeError('fetch failed'), { cause: coded(code) });

describe('toTargetError', () => {
  it.each([
    ['ECONNREFUSED', 'refused', 'target https://idp.example.com refused the connection'],
    ['ENOTFOUND', 'dns', 'target https://idp.example.com: host name not found (DNS)'],
    ['EAI_AGAIN', 'dns', 'target https://idp.example.com: host name not found (DNS)'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'target https://idp.example.com: TLS certificate not trusted (use tls.caFile or --insecure)'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', 'target https://idp.example.com: TLS certificate not trusted (use tls.caFile or --insecure)'],
    ['CERT_HAS_EXPIRED', 'tls', 'target https://idp.example.com: TLS certificate has expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', 'target https://idp.example.com: TLS certificate does not match the host name'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', 'target https://idp.example.com: TLS handshake failed (does the target speak plain http?)'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'target https://idp.example.com: no response within 10000 ms'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', 'target https://idp.example.com: no response within 10000 ms'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'target https://idp.example.com: no response within 10000 ms'],
    ['ECONNRESET', 'reset', 'target https://idp.example.com closed the connection before answering'],
    ['UND_ERR_SOCKET', 'reset', 'target https://idp.example.com closed the connection before answering'],
    ['UND_ERR_HEADERS_OVERFLOW', 'too-large', 'target https://idp.example.com: the response is too large'],
    ['HPE_INVALID_CONSTANT', 'protocol', 'target https://idp.example.com: the answer is not valid HTTP/1.1 (HPE_INVALID_CONSTANT)'],
  ])('maps %s (direct or as a cause) to %s', (code, kind, message) => {
    for (const err of [coded(code), wrapped(code)]) {
      const te = toTargetError(err, ctx);
      expect(te).toBeInstanceOf(TargetError);
      expect(te.kind).toBe(kind);
      expect(te.message).toBe(message);
      expect(te.cause).toBe(err);
    }
  });

  it('finds a code inside an AggregateError (happy eyeballs)', () => {
    const agg = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'x'), {});
    expect(toTargetError(agg, ctx).kind).toBe('refused');
  });

  it('calls our own abort a timeout whatever undici threw', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'UND_ERR_ABORTED' });
    expect(toTargetError(abort, { ...ctx, timedOut: true }).kind).toBe('timeout');
  });

  it('keeps an unknown error on one line, redacted', () => {
    const te = toTargetError(new Error('boom with sekrit\nand a second line'), { ...ctx, redact: (s) => s.replace('sekrit', '[REDACTED]') });
    expect(te.kind).toBe('other');
    expect(te.message).toBe('target https://idp.example.com: request failed (boom with [REDACTED])');
  });

  it('passes a TargetError through', () => {
    const te = new TargetError('auth', 'x');
    expect(toTargetError(te, ctx)).toBe(te);
  });
});

describe('targetErrorClass', () => {
  const answer = (status: number) => ({ status, headers: { 'content-type': 'text/html' }, text: '<html>busy</html>', json: undefined, truncated: false });
  const unusable = (status: number): TargetError => {
    try {
      assertUsable('PATCH /Users/1', answer(status), { serverErrors: true });
    } catch (e) {
      return e as TargetError;
    }
    throw new Error(`status ${status} was usable`);
  };

  it('classes an unusable answer by the status it carries: transient, 5xx, else its kind', () => {
    for (const status of [429, 502, 503, 504]) expect(targetErrorClass(unusable(status))).toBe('transient');
    expect(targetErrorClass(unusable(500))).toBe('5xx');
    expect(targetErrorClass(unusable(302))).toBe('protocol');
  });

  it('classes a body cut short by the status that came before it', () => {
    const cut = (status: number) => new CutBodyError('reset', 'cut', { status, contentType: undefined, received: 10 });
    expect(targetErrorClass(cut(503))).toBe('transient');
    expect(targetErrorClass(cut(500))).toBe('5xx');
    expect(targetErrorClass(cut(200))).toBe('reset');
  });

  it('never reads the class from the message: a port, a path or an id that looks like a status changes nothing', () => {
    expect(targetErrorClass(new TargetError('timeout', 'target http://127.0.0.1:503: no response within 429 ms'))).toBe('timeout');
    expect(targetErrorClass(new TargetError('protocol', 'the target answered GET /Users/502 with 200 and a body that is not JSON', { status: 200 }))).toBe('protocol');
    expect(targetErrorClass(new TargetError('other', 'the target throttled nothing, answered with 500 elsewhere'))).toBe('other');
  });
});
