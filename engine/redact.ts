// Secrets never leave the process: every recorded header, body, URL and error message passes
// through a redactor built from the configuration (plus secrets learnt at run time).
import type { TargetConfig } from './config.ts';

export const REDACTED = '[REDACTED]';

export interface Redactor {
  /** A copy with sensitive header values replaced and secrets removed from the others. */
  headers(h: Record<string, string>): Record<string, string>;
  /** The text with every known secret and every JSON password / token value replaced. */
  text(s: string): string;
  /** A secret learnt at run time (an OAuth access token). */
  addSecret(secret: string): void;
}

const ALWAYS_SENSITIVE = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const SENSITIVE_NAME = /token|secret|key|password|credential/i;

// String values of JSON members whose name says they hold a credential.
const SECRET_WORDS = 'password|secret|access_token|refresh_token|id_token';
const SECRET_MEMBER = new RegExp(`("[^"\\\\]*(?:${SECRET_WORDS})[^"\\\\]*"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// A text without any of these words has no such member: the member pattern, which tries a match
// at every quotation mark, need not run over it (most bodies).
const SECRET_WORD = new RegExp(SECRET_WORDS, 'i');

/** The forms a secret takes on the wire: raw, percent-encoded, form-encoded, JSON-escaped. */
function variants(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const percent = encodeURIComponent(secret);
  return [secret, json, percent, percent.replace(/%20/g, '+')];
}

/** PATCH values written to a password path (`{"path":"password","value":"..."}`) are secrets too. */
function patchPasswordValues(text: string): string[] {
  // Only an operation (an object with a "path" member) can carry one.
  if (!text.includes('"path"') || !/password/i.test(text) || !/^\s*[[{]/.test(text)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.path === 'string' && /password/i.test(o.path) && typeof o.value === 'string' && o.value !== '') found.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(parsed);
  return found;
}

export function createRedactor(config: Pick<TargetConfig, 'auth' | 'headers'> & Partial<Pick<TargetConfig, 'credentials'>>): Redactor {
  const secrets = new Set<string>();
  let ordered: string[] = [];
  const addSecret = (secret: string): void => {
    if (secret === '') return;
    for (const v of variants(secret)) secrets.add(v);
    // Longest first, so a secret that contains another is replaced whole.
    ordered = [...secrets].sort((a, b) => b.length - a.length);
  };

  const sensitiveNames = new Set(ALWAYS_SENSITIVE);
  // The security checks' extra credentials are secrets just like the main one.
  for (const auth of [config.auth, config.credentials?.limited, config.credentials?.otherTenant]) {
    if (auth === undefined) continue;
    if (auth.kind === 'bearer') addSecret(auth.token);
    if (auth.kind === 'basic') {
      addSecret(auth.password);
      addSecret(Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
    }
    if (auth.kind === 'header') {
      addSecret(auth.value);
      sensitiveNames.add(auth.name.toLowerCase());
    }
    if (auth.kind === 'oauth2') addSecret(auth.clientSecret);
  }
  for (const [name, value] of Object.entries(config.headers)) {
    if (SENSITIVE_NAME.test(name)) addSecret(value);
  }

  const replaceAll = (s: string, list: Iterable<string>): string => {
    let out = s;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };

  const text = (s: string): string => {
    if (!SECRET_WORD.test(s)) return replaceAll(s, ordered);
    const local = patchPasswordValues(s).flatMap(variants);
    const withoutMembers = s.replace(SECRET_MEMBER, `$1"${REDACTED}"`);
    return replaceAll(replaceAll(withoutMembers, ordered), local.sort((a, b) => b.length - a.length));
  };

  const headers = (h: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) {
      const lower = name.toLowerCase();
      out[name] = sensitiveNames.has(lower) || SENSITIVE_NAME.test(lower) ? REDACTED : replaceAll(value, ordered);
    }
    return out;
  };

  return { headers, text, addSecret };
}
