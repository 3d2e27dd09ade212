// When the target refused the resources the suite creates (blocked set-up POSTs), the summary
// suggests the data template (config "templates") that would satisfy it, guessed from the
// target's error text: an email domain, a required attribute, an extra schema URN.
import type { RunResult } from '../schemas/run-result.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ENTERPRISE_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];
const CORE_NAMES = new Set(['userName', 'displayName', 'nickName', 'title', 'externalId', 'name', 'emails', 'phoneNumbers', 'locale', 'timezone', 'userType', 'preferredLanguage', 'profileUrl']);

export interface TemplateHint {
  /** The `templates` object to put in the config file. */
  templates: { users?: Record<string, unknown>; groups?: Record<string, unknown> };
  /** The target's words that led to it, one line each. */
  because: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The answer part of a blocked set-up reason ("... answered 400 invalidValue: ..."), and whether it was a User. */
function setupFailure(reason: string): { kind: 'users' | 'groups'; text: string } | undefined {
  const m = /set-up: POST (\S+) .*?answered (.*)$/.exec(reason);
  if (!m) return undefined;
  return { kind: /group/i.test(m[1]!) ? 'groups' : 'users', text: m[2]! };
}

function domainIn(text: string): string | undefined {
  const explicit = /domain\s+"?@?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(text);
  if (explicit) return explicit[1]!.toLowerCase();
  return /@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(text)?.[1]?.toLowerCase();
}

/** A required attribute the text names: "employeeNumber is required", "required attribute costCenter", "missing x". */
function requiredAttribute(text: string): string | undefined {
  const known = [...ENTERPRISE_ATTRIBUTES, ...CORE_NAMES].find((a) => new RegExp(`\\b${a}\\b`, 'i').test(text));
  if (known && /required|missing|must (?:be|have) (?:set|present|given)|mandatory|cannot be (?:empty|null)/i.test(text)) return known;
  const m =
    /(?:attribute|field)\s+"?([A-Za-z][A-Za-z0-9_]*)"?[^.]*?\b(?:is )?(?:required|missing|mandatory)/i.exec(text) ??
    /(?:required|missing|mandatory)\s+(?:attribute|field)\s+"?([A-Za-z][A-Za-z0-9_]*)/i.exec(text) ??
    /"?([A-Za-z][A-Za-z0-9_]*)"? is (?:required|mandatory|missing)/i.exec(text);
  return m?.[1];
}

function merge(into: Record<string, unknown>, add: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(add)) {
    const have = into[k];
    if (isObject(have) && isObject(v)) merge(have, v);
    else if (Array.isArray(have) && Array.isArray(v) && k === 'schemas') into[k] = [...new Set([...have, ...v])];
    else if (have === undefined) into[k] = v;
  }
}

/** The template that would fix the blocked set-ups, or undefined when none is blocked or nothing can be guessed. */
export function suggestTemplate(result: RunResult): TemplateHint | undefined {
  const templates: TemplateHint['templates'] = {};
  const because = new Set<string>();
  for (const s of result.scenarios) {
    if (s.outcome !== 'blocked' || s.reason === undefined) continue;
    const failure = setupFailure(s.reason);
    if (!failure) continue;
    const { kind, text } = failure;
    const add: Record<string, unknown> = {};
    const domain = /domain|e-?mail/i.test(text) ? (domainIn(text) ?? 'your-domain.example') : undefined;
    if (domain !== undefined && kind === 'users') {
      // A type-less element is merged into every email of a fixture, each with its own {{unique}}.
      add['userName'] = `{{marker}}-{{unique}}@${domain}`;
      add['emails'] = [{ value: `{{marker}}.{{unique}}@${domain}` }];
    }
    const attribute = requiredAttribute(text);
    if (attribute !== undefined && !(domain !== undefined && /^(userName|emails)$/i.test(attribute))) {
      const enterprise = ENTERPRISE_ATTRIBUTES.find((a) => a.toLowerCase() === attribute.toLowerCase());
      if (enterprise !== undefined && kind === 'users') {
        add[ENTERPRISE] = { [enterprise]: enterprise === 'manager' ? { value: '<id of an existing user>' } : '{{unique}}' };
        add['schemas'] = [ENTERPRISE];
      } else if (!/^(schemas|id|meta)$/i.test(attribute)) {
        add[attribute] = attribute === 'displayName' && kind === 'groups' ? '{{marker}} {{unique}}' : '{{unique}}';
      }
    }
    const urn = /\bschemas?\b/i.test(text) ? /urn:[A-Za-z0-9:._-]+/.exec(text)?.[0] : undefined;
    if (urn !== undefined) {
      add['schemas'] = [...new Set([...((add['schemas'] as string[] | undefined) ?? []), urn])];
      if (!/:core:2\.0:/.test(urn) && add[urn] === undefined) add[urn] = {};
    }
    if (Object.keys(add).length === 0) continue;
    merge((templates[kind] ??= {}), add);
    because.add(text);
  }
  if (templates.users === undefined && templates.groups === undefined) return undefined;
  return { templates, because: [...because].slice(0, 5) };
}

/** The lines the console and Markdown summaries print: a sentence and the JSON snippet. */
export function templateHintJson(hint: TemplateHint): string {
  return JSON.stringify({ templates: hint.templates }, null, 2);
}
