// Answers the suite cannot judge at all: a redirect, a body over the cap, a success whose body is
// not JSON (an HTML login page, a proxy's error page), throttling that never ended, a 5xx where a
// resource was needed. The runner turns these into `error` with the one line given here.
//
// Decision on a JSON body under a wrong Content-Type (say text/html): the body IS judged, as the
// target meant it, and the scenario's outcome stands, except that a pass becomes a warn naming the
// media type (RFC 7644 §3.8 asks for application/scim+json; the catalog makes it SHOULD,
// PATCH-RESP-06). application/json is accepted silently. A 4xx whose body is not JSON is also
// judged: a non-SCIM error body is a check failure (PATCH-ERR-05), not a target breakdown.
import { clip } from './judge.ts';
import { TargetError } from './target-error.ts';

export interface AnswerFacts {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  truncated: boolean;
  /** Why the client stopped retrying a throttled request, when it did. */
  gaveUp?: string;
  /** The recorded (redacted) exchange: messages quote its body and headers, so no echoed secret leaks. */
  exchange?: { responseHeaders?: Record<string, string>; responseBody?: string };
}

export interface UnusableOptions {
  /** The response cap, for the message. */
  maxBodyBytes?: number;
  /** A 5xx is unusable here (set-up and verifying reads); the PATCH itself judges its 5xx. */
  serverErrors: boolean;
}

function mediaType(headers: Record<string, string>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
  return m?.[1]?.trim() || undefined;
}

export function looksLikeHtml(headers: Record<string, string>, text: string): boolean {
  const type = mediaType(headers);
  return type === 'text/html' || type === 'application/xhtml+xml' || /^\s*<(!doctype html|html|head|body)\b/i.test(text);
}

/** One line saying why the answer to `what` (e.g. "PATCH /Users/1") cannot be judged, or undefined. */
export function unusableAnswer(what: string, res: AnswerFacts, options: UnusableOptions): string | undefined {
  // Decided on the answer as received; quoted from the redacted exchange (built only when a message quotes it).
  const quoted = (): AnswerFacts => redacted(res);
  const said = `the target answered ${what} with ${res.status}`;
  const type = mediaType(res.headers);
  const typeNote = type === '' ? 'no Content-Type' : type;
  if (res.truncated) {
    const cap = options.maxBodyBytes !== undefined ? `${options.maxBodyBytes}-byte cap` : 'response size cap (maxBodyBytes)';
    return `${said} and a body over the ${cap} (read up to the cap, the rest dropped)`;
  }
  // 304 Not Modified answers a conditional GET (If-None-Match): an answer to judge, not a redirect.
  if (res.status >= 300 && res.status < 400 && res.status !== 304) {
    const location = quoted().headers['location'];
    return `${said}, a redirect${location ? ` to ${clip(location, 100)}` : ''}; redirects are not followed, so the credential is sent to the target only`;
  }
  if (res.status === 429) {
    return `the target throttled ${what}: 429${res.gaveUp ? ` (${res.gaveUp})` : ''}`;
  }
  if (res.status >= 500 && options.serverErrors) {
    return `${said}${res.gaveUp ? ` (${res.gaveUp})` : ''}: ${bodyNote(res, quoted().text, typeNote)}`;
  }
  if (res.status >= 200 && res.status < 300 && res.text.trim() !== '' && res.json === undefined) {
    if (looksLikeHtml(res.headers, res.text)) {
      const title = htmlTitle(quoted().text);
      return `${said} and an HTML page (${typeNote}${title ? `, title "${clip(title, 60)}"` : ''}) instead of SCIM JSON: a login page or a proxy in front of the SCIM server?`;
    }
    return `${said} and a body that is not JSON (${typeNote}): "${clip(quoted().text, 60)}"`;
  }
  return undefined;
}

function redacted(res: AnswerFacts): AnswerFacts {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.exchange?.responseHeaders ?? res.headers)) headers[k.toLowerCase()] = v;
  return { ...res, headers, text: res.exchange?.responseBody ?? res.text };
}

function bodyNote(res: AnswerFacts, quotedText: string, typeNote: string): string {
  if (res.text.trim() === '') return 'empty body';
  if (res.json !== undefined) {
    const detail = typeof (res.json as { detail?: unknown })?.detail === 'string' ? (res.json as { detail: string }).detail : undefined;
    // The detail is quoted only when the redacted body still holds it unchanged.
    return detail && quotedText.includes(JSON.stringify(detail).slice(1, -1)) ? `"${clip(detail, 100)}"` : `"${clip(quotedText, 80)}"`;
  }
  return `${looksLikeHtml(res.headers, res.text) ? 'an HTML page' : 'a body that is not JSON'} (${typeNote})`;
}

/** A JSON body under a media type other than application/scim+json or application/json. */
export function mediaTypeProblem(res: Pick<AnswerFacts, 'headers' | 'json' | 'text'>): string | undefined {
  if (res.text.trim() === '' || res.json === undefined) return undefined;
  const type = mediaType(res.headers);
  if (type === 'application/scim+json' || type === 'application/json') return undefined;
  return `the JSON body came ${type === '' ? 'without a Content-Type' : `with Content-Type ${type}`} instead of application/scim+json (RFC 7644 §3.8, PATCH-RESP-06)`;
}

/** The answer itself when it can be judged; else a TargetError (so the scenario is `error`) with the reason. */
export function assertUsable<T extends AnswerFacts>(what: string, res: T, options: UnusableOptions): T {
  const reason = unusableAnswer(what, res, options);
  if (reason !== undefined) throw new TargetError('protocol', reason, { status: res.status });
  return res;
}

/** A scenario whose expectation held: pass, or warn when the JSON came under another media type. */
export function passed(patch: Pick<AnswerFacts, 'headers' | 'json' | 'text'>): { outcome: 'pass' | 'warn'; reason?: string; expected?: string; actual?: string } {
  const problem = mediaTypeProblem(patch);
  if (problem === undefined) return { outcome: 'pass' };
  return {
    outcome: 'warn',
    reason: `the PATCH answer matched the expectation, but ${problem}`,
    expected: 'Content-Type: application/scim+json',
    actual: `Content-Type: ${patch.headers['content-type'] ?? '(none)'}`,
  };
}
