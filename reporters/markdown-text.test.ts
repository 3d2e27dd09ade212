import { describe, it, expect } from 'vitest';
import { anchor, anchorLink, clip, code, exchangeBlock, fence, fragment, link, text } from './markdown-text.ts';

describe('markdown text helpers', () => {
  it('escapes text', () => {
    expect(text('a|b *c* <d>\ne')).toBe('a\\|b \\*c\\* &lt;d&gt; e');
  });
  it('makes code spans and fences that survive backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(fence('``` inner', 'sh')).toBe('````sh\n``` inner\n````');
  });
  it('links RFC references and leaves catalog ids as text', () => {
    expect(link('RFC7644-3.5.2')).toBe('[RFC7644-3.5.2](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2)');
    expect(link('PATCH-REP-09')).toBe('PATCH-REP-09');
  });
  it('makes anchors and in-page links that no id can break out of', () => {
    expect(anchor('finding-a:b')).toBe('<a id="finding-a:b"></a>');
    expect(anchor('"><script>')).toBe('<a id="&quot;&gt;&lt;script&gt;"></a>');
    expect(fragment('patch.add.x')).toBe('#patch.add.x');
    expect(fragment('a (b) #c "d" é')).toBe('#a%20%28b%29%20%23c%20%22d%22%20%C3%A9');
    expect(anchorLink('label', 'finding-x)y')).toBe('[label](#finding-x%29y)');
  });
  it('clips to one line', () => {
    expect(clip('a\n b   c', 10)).toBe('a b c');
    expect(clip('abcdefghij', 5)).toBe('abcd…');
  });
  it('renders an exchange with its bodies cut at the cap', () => {
    const lines = exchangeBlock({ purpose: 'patch', method: 'PATCH', url: 'http://x/', requestHeaders: {}, status: 500, responseBody: 'y'.repeat(300), durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }, 2, 100);
    expect(lines[0]).toBe('Exchange 2 — patch: PATCH http://x/ → 500 (1 ms)');
    expect(lines.join('\n')).toContain('[… cut at 100 of 300 characters; the full body is in result.json]');
  });
});
