// Run selection: --only / --skip id globs, --family, --level. Shared by `run` and `list`.
// A selection that matches nothing is a usage error, never an empty run that passes the gate.
import type { Level, Scenario } from '../scenarios/scenario.ts';
import { idHash } from '../engine/shard.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface SelectFlags {
  only?: string;
  skip?: string;
  family?: string;
  level?: string;
}

export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'];

/** A glob over scenario ids: `*` matches any run of characters, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Checks what can be checked before any scenario exists: the level names. */
export function checkSelectFlags(flags: SelectFlags): void {
  const unknown = list(flags.level).filter((l) => !(LEVELS as readonly string[]).includes(l.toUpperCase()));
  if (unknown.length > 0) {
    throw new UserError(`--level: unknown level ${unknown.map((l) => `"${l}"`).join(', ')}; levels: ${LEVELS.join(', ')}`, EXIT.usage);
  }
}

export function selectScenarios(scenarios: Scenario[], flags: SelectFlags): Scenario[] {
  const only = list(flags.only).map(globToRegExp);
  const skip = list(flags.skip).map(globToRegExp);
  const families = new Set(list(flags.family).map((f) => f.toLowerCase()));
  const levels = new Set(list(flags.level).map((l) => l.toUpperCase()));
  return scenarios.filter(
    (s) =>
      (only.length === 0 || only.some((r) => r.test(s.id))) &&
      !skip.some((r) => r.test(s.id)) &&
      (families.size === 0 || families.has(s.family.toLowerCase())) &&
      (levels.size === 0 || levels.has(s.level)),
  );
}

/** The selection flags as they were given, for messages: `--only "x*" --level MUST`. */
export function describeSelection(flags: SelectFlags): string {
  const given = (['only', 'skip', 'family', 'level'] as const).filter((k) => flags[k] !== undefined);
  return given.map((k) => `--${k} "${flags[k]}"`).join(' ') || '(no filter)';
}

/**
 * selectScenarios, refusing an empty result with a usage error that names the known families and
 * levels. `from` says where the scenarios came from (list: the built-in schemas; run: discovery).
 */
export function selectNonEmpty(scenarios: Scenario[], flags: SelectFlags, from: string): Scenario[] {
  checkSelectFlags(flags);
  const selected = selectScenarios(scenarios, flags);
  if (selected.length > 0) return selected;
  const families = [...new Set(scenarios.map((s) => s.family))].sort();
  throw new UserError(
    `the selection ${describeSelection(flags)} matches none of the ${scenarios.length} scenarios ${from}; ` +
      `families: ${families.join(', ') || 'none'}; levels: ${LEVELS.join(', ')}`,
    EXIT.usage,
  );
}

/** Size and fingerprint of a set of scenario ids (order does not matter), recorded by shards for merge. */
export function selectionFingerprint(scenarios: Array<{ id: string }>): { count: number; fingerprint: string } {
  const ids = scenarios.map((s) => s.id).sort();
  return { count: ids.length, fingerprint: idHash(ids.join('\n')).toString(16).padStart(8, '0') };
}
