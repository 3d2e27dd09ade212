// The one place where references become links. "RFC7644-3.5.2.3" (a scenario ref) and
// "RFC7644 3.5.2.3" (a scenario's section) both point at the RFC Editor's HTML rendering; a
// vendor's documentation given as an https URL links to itself; catalog ids such as
// "PATCH-REP-09" stay plain text (the catalog is not published at a URL).

export interface RefLink {
  text: string;
  /** Absent when the reference is not something we can link to. */
  href?: string;
}

const RFC_BASE = 'https://www.rfc-editor.org/rfc/rfc';
const RFC_REF = /^RFC\s?(\d{1,5})(?:[-\s]+(?:§\s*)?([A-Za-z0-9]+(?:\.[0-9]+)*))?$/i;

/** An https URL with nothing in it that could leave an attribute or a Markdown link. */
const DOC_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?$/;

export function refLink(ref: string): RefLink {
  const text = ref.trim();
  if (DOC_URL.test(text) && !/[()]/.test(text)) return { text, href: text };
  const m = RFC_REF.exec(text);
  if (!m) return { text };
  const page = `${RFC_BASE}${Number(m[1])}`;
  const section = m[2];
  if (section === undefined) return { text, href: page };
  // Appendices are lettered ("A.2") and anchored as "appendix-A.2" by the RFC Editor.
  const anchor = /^[A-Za-z]/.test(section) ? `appendix-${section.toUpperCase()}` : `section-${section}`;
  return { text, href: `${page}#${anchor}` };
}

/** Order for RFC sections: by RFC number, then numerically by section parts; others last, by name. */
export function compareSections(a: string, b: string): number {
  const ka = sectionKey(a);
  const kb = sectionKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = ka[i];
    const y = kb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}

function sectionKey(section: string): Array<number | string> {
  const m = RFC_REF.exec(section.trim());
  if (!m) return [Number.MAX_SAFE_INTEGER, section];
  const parts = (m[2] ?? '').split('.').filter((p) => p !== '');
  return [Number(m[1]), ...parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
}
