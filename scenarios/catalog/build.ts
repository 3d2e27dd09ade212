// Small builders shared by the catalog families: they fill the defaults every hand-written
// scenario shares (PATCH capability, User resource, `user.full` state) so each family file
// reads as a list of requirements rather than boilerplate.
import type { ScimType } from '../../schemas/scim-schema.ts';
import { URN } from '../../schemas/scim-schema.ts';
import type { Assertion, Capability, Expectation, ResourceKind, Scenario } from '../scenario.ts';

export type Success = Extract<Expectation, { kind: 'success' }>;
export type Failure = Extract<Expectation, { kind: 'error' }>;

export interface ScenarioInput {
  /** The part of the id after `patch.<family>.` (`<family>.` for a request family) */
  what: string;
  title: string;
  level: Scenario['level'];
  refs: string[];
  request: Scenario['request'];
  expect: Expectation;
  acceptable?: Expectation;
  alsoConformant?: Expectation[];
  note?: string;
  oracleOptions?: Record<string, boolean>;
  /** Defaults to the family's state (usually `user.full`). */
  state?: string;
  resource?: ResourceKind;
  /** Added to the family's requirements. */
  requires?: Capability[];
}

export interface FamilyDefaults {
  state?: string;
  resource?: ResourceKind;
  requires?: Capability[];
}

/** Returns a builder that turns a family's inputs into complete scenarios. */
export function family(name: string, defaults: FamilyDefaults = {}): (input: ScenarioInput) => Scenario {
  return builder(name, `patch.${name}`, ['patch'], defaults);
}

/**
 * A family of requests other than PATCH (a create, a read): ids `<family>.<what>`, and no PATCH
 * capability unless the input asks for it. The request names its method and endpoint.
 */
export function requestFamily(name: string, defaults: FamilyDefaults = {}): (input: ScenarioInput) => Scenario {
  return builder(name, name, [], defaults);
}

function builder(name: string, prefix: string, always: Capability[], defaults: FamilyDefaults): (input: ScenarioInput) => Scenario {
  return (input) => {
    const requires = unique<Capability>([...always, ...(defaults.requires ?? []), ...(input.requires ?? [])]);
    const scenario: Scenario = {
      id: `${prefix}.${input.what}`,
      title: input.title,
      family: name,
      level: input.level,
      refs: input.refs,
      requires,
      resource: input.resource ?? defaults.resource ?? 'User',
      state: { name: input.state ?? defaults.state ?? 'user.full' },
      request: input.request,
      expect: input.expect,
    };
    if (input.acceptable) scenario.acceptable = input.acceptable;
    if (input.alsoConformant) scenario.alsoConformant = input.alsoConformant;
    if (input.note) scenario.note = input.note;
    if (input.oracleOptions) scenario.oracleOptions = input.oracleOptions;
    return scenario;
  };
}

/** A success expectation (default statuses 200/204, oracle on). */
export function ok(options: Omit<Success, 'kind'> = {}): Success {
  return { kind: 'success', ...options };
}

/** A success the oracle cannot judge (non-standard request forms); the assertions carry the check. */
export function okChecked(assertions: Assertion[], options: Omit<Success, 'kind' | 'oracle' | 'assertions'> = {}): Success {
  return { kind: 'success', oracle: false, assertions, ...options };
}

/** A 400 with one of the given scimTypes (none given = scimType not checked). */
export function bad(...scimType: ScimType[]): Failure {
  return scimType.length > 0 ? { kind: 'error', status: [400], scimType } : { kind: 'error', status: [400] };
}

/** An error expectation with explicit statuses. */
export function failure(status: number[], scimType?: ScimType[], options: Omit<Failure, 'kind' | 'status' | 'scimType'> = {}): Failure {
  const f: Failure = { kind: 'error', status, ...options };
  if (scimType) f.scimType = scimType;
  return f;
}

export const equals = (path: string, value: unknown, where?: 'response' | 'get' | 'both'): Assertion =>
  where ? { kind: 'equals', path, value, in: where } : { kind: 'equals', path, value };
export const absent = (path: string, where?: 'response' | 'get' | 'both'): Assertion =>
  where ? { kind: 'absent', path, in: where } : { kind: 'absent', path };
export const present = (path: string, where?: 'response' | 'get' | 'both'): Assertion =>
  where ? { kind: 'present', path, in: where } : { kind: 'present', path };
export const count = (path: string, n: number, where?: 'response' | 'get' | 'both'): Assertion =>
  where ? { kind: 'count', path, count: n, in: where } : { kind: 'count', path, count: n };
export const members = (...aliases: string[]): Assertion => ({ kind: 'members', aliases });
export const singlePrimary: Assertion = { kind: 'single-primary' };

/** Catalog refs, e.g. rfc('7644-3.5.2.1') → "RFC7644-3.5.2.1". */
export function rfc(section: string): string {
  return `RFC${section}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** A PatchOp body whose operations are free-form (malformed on purpose). */
export function rawOps(...operations: unknown[]): { schemas: string[]; Operations: unknown[] } {
  return { schemas: [URN.patchOp], Operations: operations };
}
