import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRIPT, SCRIPT_HASH } from './html-script.ts';

describe('the HTML report script', () => {
  it('parses, and its CSP hash is the hash of exactly this text', () => {
    expect(() => new Function(SCRIPT)).not.toThrow();
    expect(SCRIPT_HASH).toBe(`sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`);
  });

  it('never turns data into markup and never reaches the network', () => {
    // Result data only ever goes through textContent, so a hostile body cannot become HTML.
    expect(SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\('on/);
    expect(SCRIPT).not.toMatch(/fetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|import\(/);
    expect(SCRIPT).toContain('.textContent');
  });

  it('knows the filters it writes into the URL', () => {
    expect(SCRIPT).toContain("var KEYS=['outcome','level','finding','q'];");
    for (const key of ['outcome=', 'level=', 'finding=', 'q=']) expect(SCRIPT).toContain(`'${key}'`);
  });
});
