// One IdP shape as data (the exact PATCH body a client sends, what it needs back) and its
// conversion into a scenario of the idp family. The per-client packs (index.ts and the vendor files
// beside it) are lists of these; ids are idp.<client>.<shape>.
import { ENT, PATCH_OP } from '../generate-context.ts';
import type { Assertion, Capability, Expectation, ResourceKind, Scenario } from '../scenario.ts';

export interface Shape {
  /** Second part of the id; a key of IDP_CLIENTS (index.ts) and of the reporter's client names. */
  client: string;
  shape: string;
  /** Plain words for a buyer: what the client is doing and what it sends. */
  title: string;
  /** Catalog ids, RFC sections ("RFC7644-3.4.2.2") and the vendor's documentation (URL). */
  refs: string[];
  resource?: ResourceKind;
  state?: string;
  target?: string;
  operations: unknown[];
  /** Raw envelope instead of {schemas, Operations}. */
  body?: unknown;
  assertions: Assertion[];
  /** The RFC 7644 answer a strictly conformant server gives where the RFC forbids what the client needs. */
  rfcAnswer?: Expectation;
  oracleOptions?: Record<string, boolean>;
  /** What the client sends and expects, and why the shape is modelled this way. */
  note?: string;
  /** false: the oracle cannot read the request (a non-RFC form); the assertions carry the check. */
  oracle?: boolean;
  /** With the oracle off: whether meta.version must move (change) or stay (no-change). */
  effect?: 'change' | 'no-change';
}

/** The filter path that names one group member by id: members[value eq "<id of alias>"]. */
export const memberFilter = (alias: string): string => `members[value eq "{${alias}.id}"]`;

/** Capabilities the target must advertise for the shape to be judged. */
export function requirements(sh: Shape, resource: ResourceKind): Capability[] {
  const caps: Capability[] = ['patch'];
  if (resource === 'Group' || (sh.state ?? '').startsWith('group.')) caps.push('groups');
  if (resource === 'User' && JSON.stringify(sh.operations).includes(ENT)) caps.push('enterpriseUser');
  if (sh.shape.startsWith('manager-')) caps.push('enterpriseUser');
  return [...new Set(caps)];
}

export function toScenario(sh: Shape): Scenario {
  const resource = sh.resource ?? 'User';
  const success: Expectation = {
    kind: 'success',
    assertions: sh.assertions,
    ...(sh.oracle === false ? { oracle: false } : {}),
    ...(sh.oracle === false && sh.effect ? { effect: sh.effect } : {}),
  };
  const scenario: Scenario = {
    id: `idp.${sh.client}.${sh.shape}`,
    title: sh.title,
    family: 'idp',
    level: 'INTEROP',
    refs: ['RFC7644-3.5.2', ...sh.refs],
    requires: requirements(sh, resource),
    resource,
    state: { name: sh.state ?? (resource === 'Group' ? 'group.one-member' : 'user.full') },
    request: { target: sh.target ?? 'self', body: sh.body ?? { schemas: [PATCH_OP], Operations: sh.operations } },
    expect: success,
  };
  if (sh.rfcAnswer) scenario.acceptable = sh.rfcAnswer;
  if (sh.oracleOptions) scenario.oracleOptions = sh.oracleOptions;
  if (sh.note) scenario.note = sh.note;
  return scenario;
}
