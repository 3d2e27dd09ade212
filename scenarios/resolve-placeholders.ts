// Placeholders in scenario data: "{alias.path}" stands for a value of a resource the scenario
// created, as the server answered its POST. A string that is exactly one placeholder becomes that
// value (any JSON type); placeholders inside a longer string are interpolated.
import type { ScimResource } from '../schemas/scim-schema.ts';
import { scopeOf } from '../fixtures/list-users.ts';

const MODIFIERS = ['upper', 'lower', 'scope'] as const;
type Modifier = (typeof MODIFIERS)[number];

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]*)\.([^{}|]+)(?:\|([a-z]+))?\}/g;
const WHOLE = /^\{([A-Za-z][A-Za-z0-9_-]*)\.([^{}|]+)(?:\|([a-z]+))?\}$/;
const ANY = new RegExp(PLACEHOLDER.source);
// Most strings of a body hold no placeholder: without a "{" none of the patterns can match, and
// matchAll (which copies its pattern on every call) need not run.
const mayHold = (text: string): boolean => text.includes('{');

/** Replaces every placeholder in `value` (deeply: arrays and object values, not keys). */
export function resolvePlaceholders(value: unknown, created: Record<string, ScimResource>): unknown {
  if (typeof value === 'string') return resolveString(value, created);
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, created));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolvePlaceholders(v, created);
    return out;
  }
  return value;
}

/** The aliases a value's placeholders refer to, in order of first appearance. */
export function placeholderAliases(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (mayHold(v)) for (const m of v.matchAll(PLACEHOLDER)) found.add(m[1] ?? '');
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

/** Whether a value holds at least one placeholder. */
export function hasPlaceholders(value: unknown): boolean {
  if (typeof value === 'string') return mayHold(value) && ANY.test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholders);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasPlaceholders);
  return false;
}

function resolveString(text: string, created: Record<string, ScimResource>): unknown {
  if (!mayHold(text)) return text;
  const whole = WHOLE.exec(text);
  if (whole) return lookup(text, whole[1] ?? '', whole[2] ?? '', whole[3], created);
  return text.replace(PLACEHOLDER, (match, alias: string, path: string, modifier: string | undefined) => {
    const v = lookup(match, alias, path, modifier, created);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new Error(`placeholder ${match} inside a longer string must name a simple value, got ${JSON.stringify(v)}`);
  });
}

function lookup(
  placeholder: string,
  alias: string,
  path: string,
  modifier: string | undefined,
  created: Record<string, ScimResource>,
): unknown {
  const resource = Object.prototype.hasOwnProperty.call(created, alias) ? created[alias] : undefined;
  if (!resource) {
    const known = Object.keys(created).join(', ') || 'none';
    throw new Error(`placeholder ${placeholder}: no created resource "${alias}" (created: ${known})`);
  }
  const value = walk(resource, path);
  if (value === undefined) throw new Error(`placeholder ${placeholder}: "${alias}" has no value at ${path}`);
  if (modifier === undefined) return value;
  if (!MODIFIERS.includes(modifier as Modifier)) {
    throw new Error(`placeholder ${placeholder}: unknown modifier "${modifier}" (known: ${MODIFIERS.join(', ')})`);
  }
  if (typeof value !== 'string') throw new Error(`placeholder ${placeholder}: |${modifier} needs a string value`);
  if (modifier === 'scope') return scopeOf(value);
  return modifier === 'upper' ? value.toUpperCase() : value.toLowerCase();
}

/**
 * Follows a dotted path; numeric segments index arrays. Object keys may themselves contain dots
 * (extension URNs such as "...:enterprise:2.0:User"), so at each object the longest key that
 * prefixes the rest of the path wins; keys match case-insensitively (RFC 7643 §2.1).
 */
function walk(start: unknown, path: string): unknown {
  let current: unknown = start;
  let rest = path;
  while (rest !== '') {
    if (Array.isArray(current)) {
      const m = /^(\d+)(?:\.|$)/.exec(rest);
      if (!m) return undefined;
      current = current[Number(m[1])];
      rest = rest.slice(m[0].length);
      continue;
    }
    if (typeof current !== 'object' || current === null) return undefined;
    const lower = rest.toLowerCase();
    let best: string | undefined;
    for (const key of Object.keys(current)) {
      const k = key.toLowerCase();
      if ((lower === k || lower.startsWith(`${k}.`)) && (best === undefined || key.length > best.length)) best = key;
    }
    if (best === undefined) return undefined;
    current = (current as Record<string, unknown>)[best];
    rest = rest.slice(best.length).replace(/^\./, '');
  }
  return current;
}

/**
 * The first placeholder of `value` that names a value the created resources do not have (the
 * target did not return or keep it), e.g. "{L3.meta.created}"; undefined when all resolve.
 */
export function unresolvedPlaceholder(value: unknown, created: Record<string, ScimResource>): string | undefined {
  let found: string | undefined;
  const visit = (v: unknown): void => {
    if (found !== undefined) return;
    if (typeof v === 'string') {
      if (!mayHold(v)) return;
      for (const m of v.matchAll(PLACEHOLDER)) {
        const resource = Object.prototype.hasOwnProperty.call(created, m[1] ?? '') ? created[m[1] ?? ''] : undefined;
        if (resource !== undefined && walk(resource, m[2] ?? '') === undefined) {
          found = m[0];
          return;
        }
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  visit(value);
  return found;
}
