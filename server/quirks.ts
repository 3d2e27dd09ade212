// Quirks: behaviour that real SCIM servers show and that is not a defect of what the suite tests
// (PATCH), each switchable on the reference server (`startServer({ quirks: [name] })`, `serve
// --quirk NAME`) so that the suite can be shown to punish it not at all or exactly once. They
// combine with each other and with seeded defects. The behaviours live in quirk-behaviours.ts;
// this is the catalogue and the switch.
import { EMPTY_CANONICAL_TARGET, QUIRK_BEHAVIOURS, QuirkRuntime } from './quirk-behaviours.ts';

export const QUIRK_NAMES = ['relative-location', 'empty-canonical-values', 'drops-nickname', 'returns-password', 'no-schemas-endpoint'] as const;

export type QuirkName = (typeof QUIRK_NAMES)[number];

export interface QuirkInfo {
  name: QuirkName;
  /** What the server does, one sentence. */
  description: string;
  /** RFC sections (and catalog ids) that say whether the behaviour is legal. */
  refs: string[];
  /**
   * What the suite should make of it: 'none' when the RFCs allow it (no failure, at most an interop
   * note), 'once' when it breaks a rule outside PATCH (one finding, PATCH verdicts as on the clean server).
   */
  penalty: 'none' | 'once';
}

type Entry = Omit<QuirkInfo, 'name'>;

const TARGET = `${EMPTY_CANONICAL_TARGET.attribute}.${EMPTY_CANONICAL_TARGET.subAttribute}`;

const CATALOGUE: Record<QuirkName, Entry> = {
  'relative-location': {
    description: 'meta.location and the Location header are relative to the service root ("/Users/<id>") instead of absolute URLs.',
    refs: ['RFC7643-3.1', 'RFC7643-2.3.7', 'RFC3986-5.2'],
    penalty: 'none',
  },
  'empty-canonical-values': {
    description: `/Schemas advertises ${TARGET} with "canonicalValues": [] and every value of it is refused with 400 invalidValue.`,
    refs: ['RFC7643-2.2', 'RFC7643-7', 'RFC7644-3.12'],
    penalty: 'none',
  },
  'drops-nickname': {
    description: 'nickName is accepted on POST, PUT and PATCH with success but never stored, so no answer carries it.',
    refs: ['RFC7644-3.3', 'RFC7643-4.1.1'],
    penalty: 'none',
  },
  'returns-password': {
    description: 'Every User representation carries a password hash although password is returned "never".',
    refs: ['RFC7643-4.1.1', 'RFC7643-7'],
    penalty: 'once',
  },
  'no-schemas-endpoint': {
    description: 'GET /Schemas and /Schemas/{id} answer 404 with a SCIM Error.',
    refs: ['RFC7644-4', 'RFC7643-7'],
    penalty: 'none',
  },
};

export const QUIRKS: Record<QuirkName, QuirkInfo> = Object.fromEntries(
  QUIRK_NAMES.map((name) => [name, { name, ...CATALOGUE[name] }]),
) as Record<QuirkName, QuirkInfo>;

export function isQuirkName(name: unknown): name is QuirkName {
  return typeof name === 'string' && (QUIRK_NAMES as readonly string[]).includes(name);
}

/** Checks a list of names; an unknown one is an Error that lists the known ones. */
export function validateQuirks(names: readonly unknown[]): QuirkName[] {
  const unknown = names.filter((n) => !isQuirkName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown quirk ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known quirks: ${QUIRK_NAMES.join(', ')}`);
  }
  return [...new Set(names as QuirkName[])];
}

/** The hooks the server runs for these quirks (none: the reference server's behaviour). */
export function createQuirkRuntime(names: readonly unknown[]): QuirkRuntime {
  const valid = validateQuirks(names);
  return new QuirkRuntime(
    valid,
    valid.map((n) => QUIRK_BEHAVIOURS[n]),
  );
}
