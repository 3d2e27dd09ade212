// Run selection: --only / --skip id globs, --family, --level. Shared by `run` and `list`.
import type { Scenario } from '../scenarios/scenario.ts';

export interface SelectFlags {
  only?: string;
  skip?: string;
  family?: string;
  level?: string;
}

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
