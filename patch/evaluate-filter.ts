// Evaluates a parsed filter against one element (a multi-valued attribute's record, or a resource),
// following RFC 7644 §3.4.2.2: caseExact decides string comparison, dateTime compares instants,
// gt/ge/lt/le on boolean or binary is an invalidFilter, a multi-valued operand matches if any value does.
import type { AttributeDef, AttributeType } from '../schemas/scim-schema.ts';
import type { AttrRef } from './attr-ref.ts';
import type { CompareOp, FilterNode, FilterValue } from './parse-filter.ts';
import { invalidFilter } from './patch-error.ts';

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getCi(obj: Plain, name: string): unknown {
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function findDef(defs: AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return defs?.find((d) => d.name.toLowerCase() === lower);
}

/** True when the value counts as assigned (RFC 7643 §2.5; `pr` semantics). */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(isPresent);
  if (isPlainObject(v)) return Object.values(v).some(isPresent);
  return true;
}

interface Operand {
  values: unknown[];
  def?: AttributeDef;
}

function flatten(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.flatMap(flatten) : [v];
}

/** The values an attribute reference denotes inside `element`, and the definition that governs them. */
function operand(ref: AttrRef, element: unknown, attrs: AttributeDef[], forPresence: boolean): Operand {
  // Records of a multi-valued attribute of simple type are addressed as `value`.
  let scope: Plain = isPlainObject(element) ? element : { value: element };
  if (ref.uri !== undefined) {
    const container = getCi(scope, ref.uri);
    if (isPlainObject(container)) scope = container;
  }
  let def = findDef(attrs, ref.name);
  let values = flatten(getCi(scope, ref.name));
  if (ref.subAttr !== undefined) {
    const sub = ref.subAttr;
    def = findDef(def?.subAttributes, sub);
    values = values.flatMap((v) => (isPlainObject(v) ? flatten(getCi(v, sub)) : []));
  } else if (!forPresence && (def?.type === 'complex' || values.some(isPlainObject))) {
    // A complex attribute compared without a sub-attribute is compared through its `value`.
    def = findDef(def?.subAttributes, 'value');
    values = values.flatMap((v) => (isPlainObject(v) ? flatten(getCi(v, 'value')) : [v]));
  }
  return def === undefined ? { values } : { values, def };
}

function effectiveType(def: AttributeDef | undefined, filterValue: FilterValue): AttributeType | undefined {
  if (def) return def.type;
  if (typeof filterValue === 'boolean') return 'boolean';
  return undefined;
}

function toInstant(v: unknown): number {
  return typeof v === 'string' ? Date.parse(v) : Number.NaN;
}

function compareOne(op: CompareOp, actual: unknown, expected: FilterValue, type: AttributeType | undefined, caseExact: boolean): boolean {
  if (expected === null) return false;
  if (type === 'dateTime') {
    const a = toInstant(actual);
    const e = toInstant(expected);
    if (!Number.isNaN(a) && !Number.isNaN(e)) return ordered(op, a, e, () => false);
  }
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    if (typeof actual !== 'boolean' || typeof expected !== 'boolean') return false;
    if (op === 'eq') return actual === expected;
    if (op === 'ne') return actual !== expected;
    return false;
  }
  if (typeof actual === 'number' || typeof expected === 'number') {
    if (typeof actual !== 'number' || typeof expected !== 'number') return false;
    return ordered(op, actual, expected, () => {
      const a = String(actual);
      const e = String(expected);
      return substring(op, a, e);
    });
  }
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const a = caseExact ? actual : actual.toLowerCase();
  const e = caseExact ? expected : expected.toLowerCase();
  return ordered(op, a, e, () => substring(op, a, e));
}

function substring(op: CompareOp, a: string, e: string): boolean {
  if (op === 'co') return a.includes(e);
  if (op === 'sw') return a.startsWith(e);
  if (op === 'ew') return a.endsWith(e);
  return false;
}

function ordered<T extends string | number>(op: CompareOp, a: T, e: T, other: () => boolean): boolean {
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      return other();
  }
}

function staticDef(ref: AttrRef, attrs: AttributeDef[]): AttributeDef | undefined {
  const def = findDef(attrs, ref.name);
  if (ref.subAttr !== undefined) return findDef(def?.subAttributes, ref.subAttr);
  if (def?.type === 'complex') return findDef(def.subAttributes, 'value');
  return def;
}

/** Rejects operator/type combinations RFC 7644 §3.4.2.2 forbids, whether or not any value is present. */
export function validateFilter(node: FilterNode, attrs: AttributeDef[]): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      validateFilter(node.left, attrs);
      validateFilter(node.right, attrs);
      return;
    case 'not':
      validateFilter(node.filter, attrs);
      return;
    case 'present':
      return;
    case 'valuePath':
      validateFilter(node.filter, findDef(attrs, node.attr.name)?.subAttributes ?? []);
      return;
    case 'compare': {
      const type = effectiveType(staticDef(node.attr, attrs), node.value);
      const ordering = node.op === 'gt' || node.op === 'ge' || node.op === 'lt' || node.op === 'le';
      if (ordering && (type === 'boolean' || type === 'binary')) {
        throw invalidFilter(`operator "${node.op}" cannot be applied to ${type} attribute "${node.attr.text}"`);
      }
      if (type === 'boolean' && (node.op === 'co' || node.op === 'sw' || node.op === 'ew')) {
        throw invalidFilter(`operator "${node.op}" cannot be applied to boolean attribute "${node.attr.text}"`);
      }
    }
  }
}

function evaluateCompare(node: Extract<FilterNode, { kind: 'compare' }>, element: unknown, attrs: AttributeDef[]): boolean {
  const { values, def } = operand(node.attr, element, attrs, false);
  const type = effectiveType(def, node.value);
  const present = values.filter(isPresent);
  if (node.value === null) {
    if (node.op === 'eq') return present.length === 0;
    if (node.op === 'ne') return present.length > 0;
    return false;
  }
  if (node.op === 'ne') {
    return present.length === 0 || present.some((v) => compareOne('ne', v, node.value, type, def?.caseExact ?? false));
  }
  return present.some((v) => compareOne(node.op, v, node.value, type, def?.caseExact ?? false));
}

function evaluate(node: FilterNode, element: unknown, attrs: AttributeDef[]): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, element, attrs) && evaluate(node.right, element, attrs);
    case 'or':
      return evaluate(node.left, element, attrs) || evaluate(node.right, element, attrs);
    case 'not':
      return !evaluate(node.filter, element, attrs);
    case 'present': {
      const { values } = operand(node.attr, element, attrs, true);
      return values.some(isPresent);
    }
    case 'compare':
      return evaluateCompare(node, element, attrs);
    case 'valuePath': {
      const { values, def } = operand(node.attr, element, attrs, true);
      const subAttrs = def?.subAttributes ?? [];
      return values.some((v) => evaluate(node.filter, v, subAttrs));
    }
  }
}

/**
 * True when `element` satisfies `node`. `attrs` are the attribute definitions in scope: the
 * sub-attributes of a multi-valued attribute for a PATCH value filter, the resource's attributes for
 * a GET filter. Attributes without a definition compare as case-insensitive strings.
 */
export function matchesFilter(node: FilterNode, element: unknown, attrs: AttributeDef[]): boolean {
  validateFilter(node, attrs);
  return evaluate(node, element, attrs);
}
