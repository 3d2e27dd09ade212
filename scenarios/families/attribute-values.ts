// Deterministic request values for the generated scenarios: always different from what the
// fixtures assign (so a change is observable), realistic for attributes RFC 7643 names, and by
// type for anything else. No randomness: the scenario list must be identical between runs.
import type { AttributeDef, AttributeType } from '../../schemas/scim-schema.ts';
import { elementTypes } from '../../fixtures/from-schema.ts';
import type { Target } from './attribute-targets.ts';

const NAMED: Record<string, unknown> = {
  displayname: 'Patched Display Name',
  nickname: 'Patchy',
  profileurl: 'https://example.com/profiles/patched',
  title: 'Chief Conformance Officer',
  usertype: 'Contractor',
  preferredlanguage: 'fr-CA',
  locale: 'fr-CA',
  timezone: 'Europe/Paris',
  active: false,
  password: 'Patched-Passw0rd!',
  'name.formatted': 'Ms. Patricia Q Patchwell III',
  'name.familyname': 'Patchwell',
  'name.givenname': 'Patricia',
  'name.middlename': 'Quinn',
  'name.honorificprefix': 'Dr.',
  'name.honorificsuffix': 'III',
  employeenumber: '424242',
  costcenter: '7777',
  organization: 'Patch Works Inc',
  division: 'Conformance',
  department: 'Quality Assurance',
  'emails.value': 'patched.mail@example.net',
  'emails.display': 'Patched mail',
  'phonenumbers.value': '+1 555 0100',
  'phonenumbers.display': 'Patched phone',
  'ims.value': 'patched-im-handle',
  'photos.value': 'https://example.com/photos/patched.jpg',
  'addresses.formatted': '1010 Broadway Ave\nSpringfield, OR 97477 US',
  'addresses.streetaddress': '1010 Broadway Ave',
  'addresses.locality': 'Springfield',
  'addresses.region': 'OR',
  'addresses.postalcode': '97477',
  'addresses.country': 'CA',
  'entitlements.value': 'patched-entitlement',
  'roles.value': 'patched-role',
  'x509certificates.value': 'cGF0Y2hlZC1jZXJ0aWZpY2F0ZQ==',
};

function key(t: Pick<Target, 'def' | 'parent'>): string {
  return (t.parent ? `${t.parent.name}.${t.def.name}` : t.def.name).toLowerCase();
}

/** A value of the attribute's type that differs from the fixture value (fixtures use canonical[0] and true). */
export function patchedValue(t: Pick<Target, 'def' | 'parent'>): unknown {
  const def0 = t.def;
  // A fixed value would collide between concurrent scenarios (and leftovers of earlier runs) on
  // attributes the server keeps unique or checks closely, so those take the target's own id.
  if (def0.type === 'string' && !t.parent && (def0.uniqueness !== 'none' || def0.required)) {
    return def0.name.toLowerCase() === 'username' ? 'patched-{self.id}@example.com' : 'patched-{self.id}';
  }
  const named = NAMED[key(t)];
  if (named !== undefined) return named;
  const def = t.def;
  if (def.type === 'string' && def.canonicalValues && def.canonicalValues.length > 1) return def.canonicalValues[1];
  return typedValue(def.type, def.name);
}

function typedValue(type: AttributeType, name: string): unknown {
  switch (type) {
    case 'string':
      return `patched ${name}`;
    case 'boolean':
      return false;
    case 'integer':
      return 4242;
    case 'decimal':
      return 42.5;
    case 'dateTime':
      return '2020-02-29T12:00:00Z';
    case 'binary':
      return 'cGF0Y2hlZA==';
    case 'reference':
      return `https://example.com/patched/${name.replace(/\$/g, '')}`;
    case 'complex':
      return {};
  }
}

/** A complex value with a patched value for every writable simple sub-attribute. */
export function patchedComplex(def: AttributeDef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sub of def.subAttributes ?? []) {
    if (sub.mutability === 'readOnly' || sub.type === 'complex' || sub.name === 'primary' || noValueAllowed(sub)) continue;
    out[sub.name] = patchedValue({ def: sub, parent: def });
  }
  return out;
}

/** The `type` for an element added next to the fixture's two: a third canonical value, if any. */
export function newElementType(def: AttributeDef): string {
  const canon = (def.subAttributes ?? []).find((s) => s.name === 'type')?.canonicalValues ?? [];
  return canon[2] ?? canon[1] ?? 'other';
}

/** A new element for a multi-valued complex attribute (never primary). */
export function newElement(def: AttributeDef, type = newElementType(def)): Record<string, unknown> {
  const el = patchedComplex(def);
  if (hasSub(def, 'type')) el['type'] = type;
  return el;
}

/** A sub-attribute a request can carry: writable, and not advertised with an empty canonicalValues list. */
export function hasSub(def: AttributeDef, name: string): boolean {
  return (def.subAttributes ?? []).some((s) => s.name === name && s.mutability !== 'readOnly' && !noValueAllowed(s));
}

/**
 * `canonicalValues: []` on a string sub-attribute: the target allows no value at all, so the
 * generator neither sends it nor filters on it (RFC 7643 §7: a client uses the canonical values).
 */
export function noValueAllowed(def: AttributeDef): boolean {
  return def.type === 'string' && Array.isArray(def.canonicalValues) && def.canonicalValues.length === 0;
}

/** The `type` values of the two elements user.schema-full assigns (first primary). */
export function fixtureTypes(def: AttributeDef): [string, string] {
  return elementTypes(def);
}

export type WrongStyle = 'number' | 'object' | 'boolean';

/**
 * A JSON value of the wrong type for the attribute, and how a title names it. For strings the
 * caller picks the style, so the generated set covers numbers, objects and booleans.
 */
export function wrongValue(def: AttributeDef, stringStyle: WrongStyle = 'number'): { value: unknown; sent: string } {
  if (def.multiValued && def.type !== 'complex') return { value: [{ value: 'x' }], sent: 'a list of objects' };
  if (def.multiValued) return { value: 'not-a-list@example.com', sent: 'a plain string' };
  switch (def.type) {
    case 'string':
      if (stringStyle === 'object') return { value: { value: 'x' }, sent: 'an object' };
      if (stringStyle === 'boolean') return { value: true, sent: 'a boolean' };
      return { value: 42, sent: 'a number' };
    case 'boolean':
      return { value: 'yes', sent: 'the string "yes"' };
    case 'integer':
      return { value: 'forty-two', sent: 'a string' };
    case 'decimal':
      return { value: 'forty-two', sent: 'a string' };
    case 'dateTime':
      return { value: 'not-a-date', sent: 'a string that is not an xsd:dateTime' };
    case 'binary':
      return { value: 42, sent: 'a number' };
    case 'reference':
      return { value: 42, sent: 'a number' };
    case 'complex':
      return { value: 'a plain string', sent: 'a plain string' };
  }
}

/** RFC 7643 section of each attribute type (§2.3.x). */
export const TYPE_SECTION: Record<AttributeType, string> = {
  string: 'RFC7643-2.3.1',
  boolean: 'RFC7643-2.3.2',
  decimal: 'RFC7643-2.3.3',
  integer: 'RFC7643-2.3.4',
  dateTime: 'RFC7643-2.3.5',
  binary: 'RFC7643-2.3.6',
  reference: 'RFC7643-2.3.7',
  complex: 'RFC7643-2.3.8',
};
