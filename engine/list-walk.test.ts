import { describe, expect, it } from 'vitest';
import type { ScimResponse } from './client.ts';
import { nextQuery } from './list-walk.ts';

const answer = (json: unknown): ScimResponse => ({ status: 200, json, text: '', headers: {} }) as unknown as ScimResponse;
const page = (n: number, extra: Record<string, unknown> = {}) => answer({ totalResults: 5, Resources: Array.from({ length: n }, (_, i) => ({ id: String(i) })), ...extra });

describe('nextQuery', () => {
  it('moves startIndex by the page length until totalResults', () => {
    expect(nextQuery('index', { count: '2' }, page(2))).toEqual({ count: '2', startIndex: '3' });
    expect(nextQuery('index', { count: '2', startIndex: '5' }, page(1))).toBeUndefined();
    expect(nextQuery('index', { count: '2' }, page(0))).toBeUndefined();
  });

  it('follows nextCursor and stops without one', () => {
    expect(nextQuery('cursor', { cursor: '', count: '2' }, page(2, { nextCursor: 'abc' }))).toEqual({ cursor: 'abc', count: '2' });
    expect(nextQuery('cursor', { cursor: 'abc', count: '2' }, page(1))).toBeUndefined();
  });
});
