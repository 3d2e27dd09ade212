import { describe, it, expect } from 'vitest';
import { compareSections, refLink } from './refs.ts';

describe('refLink', () => {
  it('links an RFC 7644 section ref', () => {
    expect(refLink('RFC7644-3.5.2.3')).toEqual({
      text: 'RFC7644-3.5.2.3',
      href: 'https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3',
    });
  });
  it('links an RFC 7643 section ref', () => {
    expect(refLink('RFC7643-2.4').href).toBe('https://www.rfc-editor.org/rfc/rfc7643#section-2.4');
  });
  it('links the section form used for grouping ("RFC7644 3.5.2.1")', () => {
    expect(refLink('RFC7644 3.5.2.1').href).toBe('https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.1');
  });
  it('links a whole RFC and an appendix', () => {
    expect(refLink('RFC7232').href).toBe('https://www.rfc-editor.org/rfc/rfc7232');
    expect(refLink('RFC7644-a.1').href).toBe('https://www.rfc-editor.org/rfc/rfc7644#appendix-A.1');
  });
  it('leaves catalog ids as text', () => {
    expect(refLink('PATCH-REP-09')).toEqual({ text: 'PATCH-REP-09' });
    expect(refLink('PATCH-ADD-01').href).toBeUndefined();
  });
  it('does not link something that only looks like a ref', () => {
    expect(refLink('RFC7644-3.5.2.3"><script>').href).toBeUndefined();
  });
  it('links vendor documentation given as an https URL, and nothing else that looks like one', () => {
    const doc = 'https://docs.github.com/en/enterprise-cloud@latest/rest/enterprise-admin/scim';
    expect(refLink(doc)).toEqual({ text: doc, href: doc });
    expect(refLink('http://plain.example/x').href).toBeUndefined();
    expect(refLink('javascript:alert(1)').href).toBeUndefined();
    expect(refLink('https://x.example/"><script>').href).toBeUndefined();
    expect(refLink('https://x.example/a b').href).toBeUndefined();
  });
});

describe('compareSections', () => {
  it('sorts by RFC then numerically by section parts, others last', () => {
    const sorted = ['other', 'RFC7644 3.14', 'RFC7644 3.5.2.10', 'RFC7644 3.5.2.2', 'RFC7643 2.4', 'RFC7644 3.5.2']
      .sort(compareSections);
    expect(sorted).toEqual(['RFC7643 2.4', 'RFC7644 3.5.2', 'RFC7644 3.5.2.2', 'RFC7644 3.5.2.10', 'RFC7644 3.14', 'other']);
  });
});
