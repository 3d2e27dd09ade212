import { describe, it, expect } from 'vitest';
import { assertUsable, mediaTypeProblem, passed, unusableAnswer, type AnswerFacts } from './answer-check.ts';

const scim = { 'content-type': 'application/scim+json' };
const opts = { maxBodyBytes: 1024, serverErrors: true };

function answer(status: number, text: string, headers: Record<string, string> = scim, extra: Partial<AnswerFacts> = {}): AnswerFacts {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json, truncated: false, ...extra };
}

describe('unusableAnswer', () => {
  it('lets judgeable answers through', () => {
    expect(unusableAnswer('PATCH /Users/1', answer(200, '{"id":"1"}'), opts)).toBeUndefined();
    expect(unusableAnswer('PATCH /Users/1', answer(204, ''), opts)).toBeUndefined();
    // A non-SCIM error body is the judge's business (PATCH-ERR-05).
    expect(unusableAnswer('PATCH /Users/1', answer(400, 'Bad Request', { 'content-type': 'text/plain' }), opts)).toBeUndefined();
    expect(unusableAnswer('PATCH /Users/1', answer(500, '{"detail":"x"}'), { ...opts, serverErrors: false })).toBeUndefined();
  });

  it('names an HTML login page, with its title', () => {
    const page = '<!DOCTYPE html><html><head><title>Sign in to Acme</title></head><body>form</body></html>';
    expect(unusableAnswer('GET /Users/1', answer(200, page, { 'content-type': 'text/html; charset=utf-8' }), opts)).toBe(
      'the target answered GET /Users/1 with 200 and an HTML page (text/html, title "Sign in to Acme") instead of SCIM JSON: a login page or a proxy in front of the SCIM server?',
    );
  });

  it('names a body that is not JSON', () => {
    expect(unusableAnswer('POST /Users', answer(201, 'ok, created', scim), opts)).toBe(
      'the target answered POST /Users with 201 and a body that is not JSON (application/scim+json): "ok, created"',
    );
  });

  it('names a body over the cap, a redirect, endless throttling and a 5xx', () => {
    expect(unusableAnswer('GET /Users/1', answer(200, '{"a', scim, { truncated: true }), opts)).toMatch(/with 200 and a body over the 1024-byte cap/);
    expect(unusableAnswer('PATCH /Users/1', answer(307, '', { location: 'http://elsewhere.test/Users/1' }), opts)).toBe(
      'the target answered PATCH /Users/1 with 307, a redirect to http://elsewhere.test/Users/1; redirects are not followed, so the credential is sent to the target only',
    );
    expect(unusableAnswer('PATCH /Users/1', answer(429, '', scim, { gaveUp: 'still 429 after 3 retries' }), opts)).toBe(
      'the target throttled PATCH /Users/1: 429 (still 429 after 3 retries)',
    );
    expect(unusableAnswer('POST /Users', answer(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }), opts)).toBe(
      'the target answered POST /Users with 502: an HTML page (text/html)',
    );
    expect(unusableAnswer('POST /Users', answer(500, '{"detail":"boom"}'), opts)).toBe('the target answered POST /Users with 500: "boom"');
  });
});

describe('mediaTypeProblem', () => {
  it('accepts the SCIM and JSON media types, with parameters', () => {
    expect(mediaTypeProblem(answer(200, '{}', { 'content-type': 'application/scim+json; charset=utf-8' }))).toBeUndefined();
    expect(mediaTypeProblem(answer(200, '{}', { 'content-type': 'application/json' }))).toBeUndefined();
    expect(mediaTypeProblem(answer(204, '', {}))).toBeUndefined();
  });

  it('names another media type under a JSON body', () => {
    expect(mediaTypeProblem(answer(200, '{}', { 'content-type': 'text/html' }))).toBe(
      'the JSON body came with Content-Type text/html instead of application/scim+json (RFC 7644 §3.8, PATCH-RESP-06)',
    );
    expect(mediaTypeProblem(answer(200, '{}', {}))).toMatch(/came without a Content-Type/);
  });
});

describe('assertUsable and passed', () => {
  it('throws a protocol TargetError with the reason, or returns the answer', async () => {
    const { TargetError } = await import('./target-error.ts');
    const ok = answer(200, '{}');
    expect(assertUsable('GET /Users/1', ok, opts)).toBe(ok);
    const bad = answer(200, 'nope', { 'content-type': 'text/plain' });
    expect(() => assertUsable('GET /Users/1', bad, opts)).toThrow(TargetError);
    expect(() => assertUsable('GET /Users/1', bad, opts)).toThrow('the target answered GET /Users/1 with 200 and a body that is not JSON (text/plain): "nope"');
    expect(unusableAnswer('GET /Users/1', answer(200, '{', scim, { truncated: true }), { serverErrors: true })).toMatch(/response size cap \(maxBodyBytes\)/);
  });

  it('turns a pass under the wrong media type into a warn that says so', () => {
    expect(passed(answer(200, '{}'))).toEqual({ outcome: 'pass' });
    expect(passed(answer(204, '', {}))).toEqual({ outcome: 'pass' });
    const w = passed(answer(200, '{}', { 'content-type': 'text/html' }));
    expect(w).toMatchObject({ outcome: 'warn', actual: 'Content-Type: text/html' });
    expect(w.reason).toMatch(/^the PATCH answer matched the expectation, but the JSON body came with Content-Type text\/html/);
  });
});

describe('unusableAnswer quotes the redacted exchange', () => {
  it('never repeats a secret the target echoed', () => {
    const raw = answer(200, 'your token is s3cret-tok', { 'content-type': 'text/plain' }, {
      exchange: { responseHeaders: { 'Content-Type': 'text/plain' }, responseBody: 'your token is [REDACTED]' },
    });
    expect(unusableAnswer('GET /Users/1', raw, opts)).toBe('the target answered GET /Users/1 with 200 and a body that is not JSON (text/plain): "your token is [REDACTED]"');
    const moved = answer(302, '', { location: 'http://evil.test/?t=s3cret-tok' }, { exchange: { responseHeaders: { Location: 'http://evil.test/?t=[REDACTED]' } } });
    expect(unusableAnswer('GET /Users/1', moved, opts)).not.toContain('s3cret-tok');
  });
});
