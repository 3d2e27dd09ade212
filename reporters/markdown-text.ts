// Safe Markdown pieces shared by report.md, summary.md and the matrix: plain text that cannot
// become HTML or break a table, code spans and fences a body cannot close, RFC links, in-page
// anchors, and an HTTP exchange as a (folded when long) fenced block with capped bodies.
import type { Exchange, Outcome } from '../schemas/run-result.ts';
import { exchangeText, exchangeTitle } from './exchange-text.ts';
import { refLink } from './refs.ts';

export const OUTCOME_ICON: Record<Outcome, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  unsupported: '⏭️',
  blocked: '🚧',
  error: '💥',
};

/** Exchanges longer than this are folded in a <details> element. */
const FOLD_LINES = 25;
const FOLD_CHARS = 1500;

/** Plain text in Markdown: no HTML, no emphasis, no table breaks, one line. */
export function text(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

/** Text for an HTML context inside Markdown (a <summary>, an attribute). */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An inline code span that survives backticks and pipes inside the text. */
export function code(s: string): string {
  const flat = s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so a body cannot close it. */
export function fence(body: string, lang: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

export function link(ref: string): string {
  const l = refLink(ref);
  return l.href ? `[${text(l.text)}](${l.href})` : text(l.text);
}

export function refs(list: readonly string[]): string {
  return list.map(link).join(', ');
}

/** An empty HTML anchor a "#id" link can reach (GitHub keeps it as user-content-<id> and resolves "#id"). */
export function anchor(id: string): string {
  return `<a id="${html(id)}"></a>`;
}

/** "#id" with only what a URL fragment or a Markdown link cannot carry percent-encoded (":" "." "/" stay readable). */
export function fragment(id: string): string {
  return `#${encodeURI(id).replace(/[()#[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A Markdown link to an anchor in the same document. */
export function anchorLink(label: string, id: string): string {
  return `[${label}](${fragment(id)})`;
}

/** One line, cut to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function cap(body: string, max: number): string {
  if (body.length <= max) return body;
  return `${body.slice(0, max)}\n[… cut at ${max} of ${body.length} characters; the full body is in result.json]`;
}

/** "Exchange n — title" and the fenced request and response, folded when long; bodies cut at `bodyCap`. */
export function exchangeBlock(ex: Exchange, n: number, bodyCap: number): string[] {
  const capped: Exchange = {
    ...ex,
    ...(ex.requestBody !== undefined ? { requestBody: cap(ex.requestBody, bodyCap) } : {}),
    ...(ex.responseBody !== undefined ? { responseBody: cap(ex.responseBody, bodyCap) } : {}),
  };
  const t = exchangeText(capped);
  const body = fence(`${t.request}\n\n${t.response}`, 'http');
  const title = `Exchange ${n} — ${exchangeTitle(ex)}`;
  const long = body.length > FOLD_CHARS || body.split('\n').length > FOLD_LINES;
  if (!long) return [`${text(title)}`, '', body];
  // <summary> is HTML, not Markdown: escape it as HTML.
  return [`<details><summary>${html(title)}</summary>`, '', body, '', '</details>'];
}
