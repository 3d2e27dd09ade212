// Checks a SCIM message body against the JSON Schema of what it is (or claims to be) and turns the
// validator's errors into a few short lines a tester can act on.
import { URN } from './scim-schema.ts';
import { validateWith } from './validate.ts';
import type { ValidationError } from './validate.ts';

export type MessageKind =
  | 'User'
  | 'Group'
  | 'PatchOp'
  | 'Error'
  | 'ListResponse'
  | 'ServiceProviderConfig'
  | 'Schema'
  | 'ResourceType';

const SCHEMA_FILE: Record<MessageKind, string> = {
  User: 'scim-user',
  Group: 'scim-group',
  PatchOp: 'scim-patch-op',
  Error: 'scim-error',
  ListResponse: 'scim-list-response',
  ServiceProviderConfig: 'scim-service-provider-config',
  Schema: 'scim-schema',
  ResourceType: 'scim-resource-type',
};

// Message URNs first: an Error or ListResponse says what it is regardless of what else it lists.
const KIND_BY_URN: Array<[string, MessageKind]> = [
  [URN.error, 'Error'],
  [URN.listResponse, 'ListResponse'],
  [URN.patchOp, 'PatchOp'],
  [URN.serviceProviderConfig, 'ServiceProviderConfig'],
  [URN.resourceType, 'ResourceType'],
  [URN.schema, 'Schema'],
  [URN.user, 'User'],
  [URN.group, 'Group'],
  // A body carrying only the extension URN still claims to be a User (and will fail for lacking the core URN).
  [URN.enterpriseUser, 'User'],
];

const MAX_LINES = 5;

/** What the body claims to be, from its `schemas`; undefined when it names no known SCIM URN. */
export function kindOfResponse(body: unknown): MessageKind | undefined {
  if (!isObject(body) || !Array.isArray(body.schemas)) return undefined;
  // URNs compare case-insensitively here so that a mis-cased URN is still recognised and then reported by the schema.
  const listed = new Set(body.schemas.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()));
  return KIND_BY_URN.find(([urn]) => listed.has(urn.toLowerCase()))?.[1];
}

/** [] when `body` is a valid `kind` message; otherwise at most five lines `path: problem`, most useful first. */
export function validateMessage(kind: MessageKind, body: unknown): string[] {
  const result = validateWith(SCHEMA_FILE[kind], body);
  if (result.ok) return [];
  const errors = explainMissingUrns(result.errors).map((e) => rewrite(e, kind, body));
  const specific = errors.filter((e) => !isGeneric(e.message));
  // Combinator summaries ("must match then schema") only matter when nothing more precise was said.
  const ordered = (specific.length > 0 ? specific : errors)
    .map((e, index) => ({ e, index }))
    .sort((a, b) => (b.e.rank ?? 0) - (a.e.rank ?? 0) || a.index - b.index)
    .map(({ e }) => `${e.path === '' ? '(body)' : e.path}: ${e.message}`);
  if (ordered.length <= MAX_LINES) return ordered;
  const shown = ordered.slice(0, MAX_LINES);
  shown[MAX_LINES - 1] += ` (and ${ordered.length - MAX_LINES} more)`;
  return shown;
}

const CONTAINS_FAILED = 'must contain at least 1 valid item(s)';
const CONST_MESSAGE = /^must be (".*")$/;

/**
 * A failed `contains: {const: URN}` yields one const error per array item plus a summary on the array.
 * Fold them into one line naming the URNs that are missing.
 */
function explainMissingUrns(errors: ValidationError[]): ValidationError[] {
  const failedArrays = new Set(errors.filter((e) => e.message === CONTAINS_FAILED).map((e) => e.path));
  const missing = new Map<string, Set<string>>();
  const kept: ValidationError[] = [];
  for (const e of errors) {
    const item = /^(.*)\[\d+\]$/.exec(e.path);
    const expected = CONST_MESSAGE.exec(e.message);
    if (item?.[1] !== undefined && expected?.[1] !== undefined && failedArrays.has(item[1])) {
      const set = missing.get(item[1]) ?? new Set<string>();
      set.add(expected[1]);
      missing.set(item[1], set);
      continue;
    }
    kept.push(e);
  }
  return kept.map((e) => {
    if (e.message !== CONTAINS_FAILED) return e;
    const urns = missing.get(e.path);
    if (!urns) return { path: e.path, message: 'must include the schema URI of this message' };
    return { path: e.path, message: `must include ${[...urns].join(' and ')}` };
  });
}

/**
 * `rank`: a defect seen often in real servers, named with its RFC section, is listed before the rest;
 * a leaked password (a security defect) before anything else.
 */
type Problem = ValidationError & { rank?: number };

function rewrite(e: ValidationError, kind: MessageKind, body: unknown): Problem {
  const last = e.path.split('.').pop() ?? '';
  if (e.message === 'boolean schema is false') {
    return /^password$/i.test(last)
      ? { path: e.path, message: 'must not be returned (password is returned "never", RFC 7643 §4.1.1)', rank: 2 }
      : { path: e.path, message: 'is not allowed here' };
  }
  if (/no more than 1 valid item/.test(e.message)) {
    return { path: e.path, message: 'has more than one value with "primary": true (RFC 7643 §2.4)', rank: 1 };
  }
  if (e.message === 'must NOT have fewer than 1 items') return { path: e.path, message: 'must not be empty' };
  if (e.message === 'must match format "date-time"') {
    return { path: e.path, message: 'must be a date-time with a time zone, e.g. "2024-03-01T09:30:00Z"' };
  }
  if (kind === 'Error' && e.path === 'status') {
    const status = isObject(body) ? body.status : undefined;
    if (typeof status === 'number') {
      return {
        path: e.path,
        message: `must be a string such as "${status}", not the number ${status} (RFC 7644 §3.12)`,
        rank: 1,
      };
    }
    if (e.message.startsWith('must match the pattern')) {
      return { path: e.path, message: 'must be a three-digit HTTP status code, e.g. "400"' };
    }
  }
  if (/^Operations\[\d+\]\.op$/.test(e.path) && e.message.startsWith('must match the pattern')) {
    return { path: e.path, message: 'must be "add", "remove" or "replace"' };
  }
  if (/(^|\.)id$/.test(e.path) && e.message === 'must NOT be valid') {
    return { path: e.path, message: 'must not be the reserved word "bulkId" (RFC 7643 §3.1)' };
  }
  if (e.message === 'must be boolean' && typeof valueAt(body, e.path) === 'string') {
    return { path: e.path, message: 'must be boolean, not a string (RFC 7643 §2.3.2)', rank: 1 };
  }
  return e;
}

function isGeneric(message: string): boolean {
  return /^must match "(then|else)" schema$|^must match (a|exactly one) schema in (anyOf|oneOf)$/.test(message);
}

/** The value at a dotted path from validate.ts, when the path is unambiguous (keys without dots or brackets). */
function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const token of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (token.startsWith('[')) {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(token.slice(1, -1))];
    } else {
      if (!isObject(current)) return undefined;
      current = current[token];
    }
  }
  return current;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
