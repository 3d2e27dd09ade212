import { describe, it, expect } from 'vitest';
import { checkIfMatch, formatETag, notModified, parseETagCondition } from './etag.ts';
import { ScimHttpError } from './errors.ts';

describe('etag', () => {
  it('formats weak tags', () => {
    expect(formatETag(3)).toBe('W/"3"');
  });

  it('parses lists, weak and strong forms, and *', () => {
    expect(parseETagCondition('*')).toEqual({ any: true });
    expect(parseETagCondition('W/"1", "2" ,W/"x y"')).toEqual({ any: false, tags: ['1', '2', 'x y'] });
    expect(parseETagCondition('5')).toEqual({ any: false, tags: ['5'] });
  });

  it('accepts the current tag in weak or strong form and *', () => {
    expect(() => checkIfMatch('W/"4"', 'W/"4"')).not.toThrow();
    expect(() => checkIfMatch('"4"', 'W/"4"')).not.toThrow();
    expect(() => checkIfMatch('*', 'W/"4"')).not.toThrow();
    expect(() => checkIfMatch('W/"1", W/"4"', 'W/"4"')).not.toThrow();
    expect(() => checkIfMatch(undefined, 'W/"4"')).not.toThrow();
  });

  it('rejects a stale tag with 412', () => {
    let caught: unknown;
    try {
      checkIfMatch('W/"3"', 'W/"4"');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScimHttpError);
    expect((caught as ScimHttpError).status).toBe(412);
    expect(() => checkIfMatch('W/"stale"', 'W/"4"')).toThrow(ScimHttpError);
  });

  it('answers If-None-Match', () => {
    expect(notModified('W/"4"', 'W/"4"')).toBe(true);
    expect(notModified('"4"', 'W/"4"')).toBe(true);
    expect(notModified('W/"3"', 'W/"4"')).toBe(false);
    expect(notModified(undefined, 'W/"4"')).toBe(false);
  });
});
