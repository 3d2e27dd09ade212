// Shared shape of every generated attribute scenario: id, family, requires and expectations.
import type { ScimType } from '../../schemas/scim-schema.ts';
import type { Assertion, Capability, Expectation, Level, PatchRequestSpec, Scenario } from '../scenario.ts';
import { idWords, label } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';

export const FAMILY = 'attributes';

export type OpWord = 'add' | 'replace' | 'remove' | 'invalid-type';

export interface AttrScenarioInput {
  target: Target;
  op: OpWord;
  /** Last id word(s): "path", "no-path", "value-path", "unassigned", ... */
  variant?: string;
  /** Extra words between the attribute and the variant, e.g. a sub-attribute of a value path. */
  sub?: string;
  title: string;
  level: Level;
  refs: string[];
  state: string;
  body: unknown;
  expect: Expectation;
  acceptable?: Expectation;
  note?: string;
  requires?: Capability[];
}

export function attrScenario(input: AttrScenarioInput): Scenario {
  const t = input.target;
  const resource = t.resource.toLowerCase();
  const words = [idWords(t), input.sub, input.variant].filter((w): w is string => w !== undefined && w !== '');
  const requires = new Set<Capability>(['patch', ...(input.requires ?? [])]);
  if (t.resource === 'Group') requires.add('groups');
  if (t.extension === 'enterprise') requires.add('enterpriseUser');
  const request: PatchRequestSpec = { target: 'self', body: input.body };
  const s: Scenario = {
    id: `patch.attr.${resource}.${input.op}.${words.join('.')}`,
    title: input.title,
    family: FAMILY,
    level: input.level,
    refs: input.refs,
    requires: [...requires],
    resource: t.resource,
    state: { name: input.state },
    request,
    expect: input.expect,
  };
  if (input.acceptable) s.acceptable = input.acceptable;
  if (input.note) s.note = input.note;
  return s;
}

export function success(assertions: Assertion[] = [], extra: Omit<Extract<Expectation, { kind: 'success' }>, 'kind' | 'assertions'> = {}): Expectation {
  return assertions.length > 0 ? { kind: 'success', ...extra, assertions } : { kind: 'success', ...extra };
}

export function error(scimType: ScimType[], status = [400]): Expectation {
  return { kind: 'error', status, scimType };
}

export const equals = (path: string, value: unknown): Assertion => ({ kind: 'equals', path, value });
export const absent = (path: string, where?: 'response' | 'get' | 'both'): Assertion =>
  where ? { kind: 'absent', path, in: where } : { kind: 'absent', path };
export const present = (path: string): Assertion => ({ kind: 'present', path });
export const count = (path: string, n: number): Assertion => ({ kind: 'count', path, count: n });
export const singlePrimary: Assertion = { kind: 'single-primary' };
export const members = (...aliases: string[]): Assertion => ({ kind: 'members', aliases });

/** "nickName" or "enterprise employeeNumber", for titles. */
export const named = label;

/**
 * Some checks test a rule that does not depend on the attribute (path-less remove, a qualified
 * core path, a wrong JSON type): they are generated for the first attribute of each kind and
 * type only, in schema order, which keeps the set small and the ids stable for a given schema.
 */
export class Once {
  private readonly seen = new Set<string>();

  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
