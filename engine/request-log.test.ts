import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../schemas/run-result.ts';
import { exchangeStream, labelExchanges, labelOf, requestLog, type LoggedRequest } from './request-log.ts';

const exchange = (over: Partial<Exchange> = {}): Exchange => ({
  purpose: 'setup',
  method: 'POST',
  url: 'http://127.0.0.1:9999/scim/Users?x=1',
  requestHeaders: { Authorization: '[REDACTED]', 'Content-Type': 'application/scim+json' },
  requestBody: '{"userName":"a","password":"[REDACTED]"}',
  status: 201,
  responseBody: '{"id":"abc","userName":"a"}',
  durationMs: 2,
  startedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request log', () => {
  it('writes replayable requests without credentials, grouped by scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reqlog-'));
    try {
      const file = join(dir, 'requests.ndjson');
      const sink = requestLog(file);
      const group: Exchange[] = [];
      labelExchanges(group, 'patch.add.x');
      expect(labelOf(group)).toBe('patch.add.x');
      sink.listener(exchange(), group, 1.23456);
      sink.listener(exchange({ method: 'DELETE', status: 204, requestBody: undefined, responseBody: '' }), undefined, 0.5);
      sink.listener(exchange({ method: 'DELETE', status: 204, requestBody: undefined, responseBody: '' }), undefined, 0.5);
      await sink.close();
      const [post, del1, del2] = lines(file) as unknown as LoggedRequest[];
      expect(post).toEqual({
        flow: 'patch.add.x',
        method: 'POST',
        path: '/scim/Users?x=1',
        headers: { 'Content-Type': 'application/scim+json' },
        body: '{"userName":"a","password":"[REDACTED]"}',
        status: 201,
        created: 'abc',
        ms: 1.235,
      });
      expect(del1?.flow).not.toBe(del2?.flow);
      expect(del1?.created).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams every exchange to exchanges.ndjson with its scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exlog-'));
    try {
      const file = join(dir, 'run', 'exchanges.ndjson');
      const sink = exchangeStream(file);
      const group: Exchange[] = [];
      labelExchanges(group, 's1');
      sink.listener(exchange(), group, 1);
      sink.listener(exchange({ purpose: 'discovery', method: 'GET' }), undefined, 1);
      await sink.close();
      const [a, b] = lines(file);
      expect(a).toMatchObject({ scenario: 's1', method: 'POST', requestHeaders: { Authorization: '[REDACTED]' } });
      expect(b).not.toHaveProperty('scenario');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
