// Set-up that adapts to the target. The suite's starting states are built from the RFC's attribute
// set; a real server may not advertise some attributes, advertise a sub-attribute with no allowed
// value (canonicalValues: []), refuse an attribute, or accept one and not keep it. What set-up
// learns is kept here for the whole run, so that one refused attribute costs the scenarios that
// need it and no others, and filler attributes (nickName) are swapped for ones the target keeps.
import { findByName } from '../patch/index.ts';
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { ResourceKind, Scenario } from '../scenarios/scenario.ts';
import { isObject } from './judge.ts';

/** Attributes the set-up left out of a body, and why. */
export interface Dropped {
  path: string;
  why: string;
}

const NEVER_DROPPED = new Set(['schemas', 'id', 'externalid', 'meta', 'username', 'displayname']);

/** The filler attribute scenarios use as a bystander or a value to change, and its stand-ins. */
export const FILLER = 'nickName';
const FILLER_STAND_INS = ['title', 'displayName', 'userType'];

export class TargetKnowledge {
  readonly #refused = new Map<ResourceKind, Map<string, string>>();
  /** User attributes the target accepted on create but did not return. */
  readonly notStored = new Map<string, string>();
  /** Set once the probe ran (engine/stages/probe.ts). */
  probed = false;

  refuse(kind: ResourceKind, path: string, why: string): void {
    const m = this.#refused.get(kind) ?? new Map<string, string>();
    if (!m.has(path.toLowerCase())) m.set(path.toLowerCase(), why);
    this.#refused.set(kind, m);
  }

  refused(kind: ResourceKind): ReadonlyMap<string, string> {
    return this.#refused.get(kind) ?? new Map();
  }

  /**
   * The attribute a scenario is about (its id names it: patch.attr.user.replace.nick-name) when the
   * target does not keep it. RFC 7644 §3.3 lets a server ignore attributes it does not support, so
   * such a scenario cannot be judged here: unsupported, with this reason.
   */
  subjectNotKept(scenario: Scenario): string | undefined {
    for (const [name, why] of this.notStored) if (namesAttribute(scenario.id, name)) return `the scenario is about ${name}, which ${why.replace(/^the target /, 'the target ')} (RFC 7644 §3.3 lets a server ignore attributes it does not support)`;
    return undefined;
  }

  /**
   * The stand-in for the filler when the target does not keep it (or refuses it): the first
   * candidate the target keeps and the scenario does not use already.
   */
  fillerFor(scenario: Scenario): string | undefined {
    const lost = this.notStored.has(FILLER.toLowerCase()) || this.refused('User').has(FILLER.toLowerCase());
    if (!lost || namesAttribute(scenario.id, FILLER)) return undefined;
    const text = scenarioText(scenario);
    return FILLER_STAND_INS.find(
      (c) => !this.notStored.has(c.toLowerCase()) && !this.refused('User').has(c.toLowerCase()) && !wordIn(text, c.toLowerCase()),
    );
  }
}

/**
 * The body without what the target cannot take: attributes /Schemas does not list (when the
 * schemas are the target's own), sub-attributes advertised with an empty canonicalValues list,
 * and attributes the target refused earlier in the run.
 */
export function fitToSchema(body: ScimResource, schema: ResourceSchema, options: { advertised: boolean; refused: ReadonlyMap<string, string> }): { body: ScimResource; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  const out: ScimResource = {};
  const drop = (path: string, why: string) => {
    if (!dropped.some((d) => d.path === path)) dropped.push({ path, why });
  };
  for (const [key, value] of Object.entries(body)) {
    const ext = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (ext && isObject(value)) {
      out[key] = fitAttributes(value, ext.attributes, '', options, drop);
      continue;
    }
    if (NEVER_DROPPED.has(key.toLowerCase()) || key.startsWith('urn:')) {
      out[key] = value;
      continue;
    }
    const kept = fitAttributes({ [key]: value }, schema.core.attributes, '', options, drop);
    if (key in kept) out[key] = kept[key];
  }
  return { body: out, dropped };
}

function fitAttributes(
  values: Record<string, unknown>,
  defs: AttributeDef[],
  prefix: string,
  options: { advertised: boolean; refused: ReadonlyMap<string, string> },
  drop: (path: string, why: string) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const path = `${prefix}${key}`;
    const def = findByName(defs, key);
    const refusal = options.refused.get(path.toLowerCase());
    if (refusal !== undefined) {
      drop(path, refusal);
      continue;
    }
    if (!def) {
      if (options.advertised && !NEVER_DROPPED.has(key.toLowerCase())) {
        drop(path, "the target's /Schemas does not list it");
        continue;
      }
      out[key] = value;
      continue;
    }
    if (def.canonicalValues !== undefined && def.canonicalValues.length === 0 && def.type === 'string') {
      drop(path, 'the target advertises it with an empty canonicalValues list, so no value can be sent');
      continue;
    }
    if (def.type === 'complex' && def.subAttributes && def.subAttributes.length > 0 && prefix === '') {
      const fit = (v: unknown) => (isObject(v) ? fitAttributes(v, def.subAttributes!, `${key}.`, options, drop) : v);
      out[key] = Array.isArray(value) ? value.map(fit) : fit(value);
      continue;
    }
    out[key] = value;
  }
  return out;
}

/**
 * The attribute of `body` that a refusal names (its detail or scimType), most specific first:
 * "roles.type" before "roles". Undefined when the answer names none of the body's attributes.
 */
export function attributeNamedBy(answer: unknown, body: ScimResource): string | undefined {
  if (!isObject(answer)) return undefined;
  const said = [answer['detail'], answer['scimType'], answer['message']].filter((v): v is string => typeof v === 'string').join(' ').toLowerCase();
  if (said === '') return undefined;
  const paths = attributePaths(body).sort((a, b) => b.length - a.length);
  return paths.find((p) => wordIn(said, p.toLowerCase()));
}

function attributePaths(body: ScimResource): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (NEVER_DROPPED.has(key.toLowerCase())) continue;
    if (key.startsWith('urn:') && isObject(value)) {
      for (const inner of Object.keys(value)) paths.push(inner);
      continue;
    }
    paths.push(key);
    const elements = Array.isArray(value) ? value : [value];
    for (const el of elements) if (isObject(el)) for (const sub of Object.keys(el)) if (!paths.includes(`${key}.${sub}`)) paths.push(`${key}.${sub}`);
  }
  return paths;
}

/** Whether the scenario's request or expectations use the attribute ("nickName", "roles.type"). */
export function scenarioMentions(scenario: Scenario, path: string): boolean {
  const text = scenarioText(scenario);
  const [parent, sub] = path.toLowerCase().split('.');
  if (!parent || !wordIn(text, parent)) return false;
  return sub === undefined || wordIn(text, sub);
}

/** The scenario with every use of the filler attribute renamed to a stand-in the target keeps. */
export function swapFiller(scenario: Scenario, to: string): Scenario {
  // Paths are case-insensitive (RFC 7643 §2.1): "NICKNAME" becomes "TITLE", "nickname" "title".
  const cased = (match: string) =>
    match === match.toUpperCase() ? to.toUpperCase() : match === match.toLowerCase() ? to.toLowerCase() : match === FILLER ? to : [...to].map((c, i) => (match[i] !== undefined && match[i] === match[i]!.toUpperCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  const rename = (value: unknown): unknown =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value).replace(new RegExp(`\\b${FILLER}\\b`, 'gi'), cased));
  const swapped: Scenario = { ...scenario, request: rename(scenario.request) as Scenario['request'], expect: rename(scenario.expect) as Scenario['expect'] };
  if (scenario.acceptable) swapped.acceptable = rename(scenario.acceptable) as Scenario['expect'];
  if (scenario.alsoConformant) swapped.alsoConformant = rename(scenario.alsoConformant) as Scenario['expect'][];
  return swapped;
}

function scenarioText(scenario: Scenario): string {
  return JSON.stringify([scenario.request.body, scenario.request.query, scenario.expect, scenario.acceptable, scenario.alsoConformant]).toLowerCase();
}

/** The id names the attribute as its subject (patch.attr.nickName.replace): it is not a filler there. */
function namesAttribute(id: string, attribute: string): boolean {
  const want = attribute.toLowerCase().replace(/[^a-z0-9]/g, '');
  return id.toLowerCase().split(/[.:]/).some((token) => token.replace(/[^a-z0-9]/g, '') === want);
}

function wordIn(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9$])${escaped}([^a-z0-9]|$)`).test(text);
}
