import { describe, it, expect } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { exchangeText, exchangeTitle, prettyBody } from './exchange-text.ts';

const base: Exchange = {
  purpose: 'patch',
  method: 'PATCH',
  url: 'https://h/Users/1',
  requestHeaders: { 'Content-Type': 'application/scim+json' },
  requestBody: '{"a":1}',
  durationMs: 12.4,
  startedAt: '2025-01-01T00:00:00Z',
};

describe('exchangeText', () => {
  it('renders request and response like an HTTP transcript, JSON pretty-printed', () => {
    const t = exchangeText({ ...base, status: 400, responseHeaders: { 'Content-Type': 'text/plain' }, responseBody: 'nope' });
    expect(t.request).toBe('PATCH https://h/Users/1\nContent-Type: application/scim+json\n\n{\n  "a": 1\n}');
    expect(t.response).toBe('HTTP 400\nContent-Type: text/plain\n\nnope');
  });

  it('says when there was no response, and when a body was cut', () => {
    expect(exchangeText({ ...base, error: 'timeout after 10000 ms' }).response).toBe('(no response: timeout after 10000 ms)');
    expect(exchangeText({ ...base, status: 200, responseBody: 'x', truncated: true }).response).toContain('[body truncated by the suite]');
  });

  it('titles an exchange', () => {
    expect(exchangeTitle({ ...base, status: 204 })).toBe('patch: PATCH https://h/Users/1 → 204 (12 ms)');
    expect(exchangeTitle({ ...base, error: 'ECONNREFUSED' })).toBe('patch: PATCH https://h/Users/1 → no response (ECONNREFUSED) (12 ms)');
  });

  it('leaves broken JSON as sent', () => {
    expect(prettyBody('{"a":')).toBe('{"a":');
  });
});
