// RFC 7644 Figure 7: PATH = attrPath / valuePath [subAttr]; valuePath = attrPath "[" valFilter "]".
// SCIM has no array indexes and no JSON Pointer: those are invalidPath, as is anything malformed;
// a bad expression inside the brackets is invalidFilter.
import { type AttrRef, isAttrName, parseAttrRef } from './attr-ref.ts';
import { type FilterNode, parseValueFilter } from './parse-filter.ts';
import { invalidPath } from './patch-error.ts';

export interface ParsedPath {
  text: string;
  /** The attribute (for a valuePath, the part before "["). */
  attr: AttrRef;
  /** The value filter between the brackets. */
  filter?: FilterNode;
  /** The sub-attribute after "]" (valuePath form only). */
  valueSubAttr?: string;
}

/** Index of the "]" closing the "[" at `open`, skipping quoted strings; -1 when unclosed. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return i;
  }
  return -1;
}

export function parsePath(path: string): ParsedPath {
  if (typeof path !== 'string' || path.trim() === '') throw invalidPath('path is empty');
  const text = path.trim();
  const open = text.indexOf('[');
  const head = open === -1 ? text : text.slice(0, open);
  const attr = parseAttrRef(head);
  if (!attr) {
    if (head.startsWith('/')) throw invalidPath(`"${path}" looks like a JSON Pointer; SCIM paths use attribute names`);
    throw invalidPath(`"${path}" is not a valid attribute path`);
  }
  if (open === -1) return { text, attr };

  if (attr.subAttr !== undefined) throw invalidPath(`"${path}": a value filter must follow a multi-valued attribute, not a sub-attribute`);
  const close = closingBracket(text, open);
  if (close === -1) throw invalidPath(`"${path}": "[" is never closed`);
  const inner = text.slice(open + 1, close);
  if (/^\s*\d+\s*$/.test(inner)) throw invalidPath(`"${path}": SCIM paths have no array indexes; use a value filter`);
  const filter = parseValueFilter(inner);
  const tail = text.slice(close + 1);
  const parsed: ParsedPath = { text, attr, filter };
  if (tail === '') return parsed;
  const sub = tail.startsWith('.') ? tail.slice(1) : undefined;
  if (sub === undefined || !isAttrName(sub)) throw invalidPath(`"${path}": only ".subAttribute" may follow "]"`);
  parsed.valueSubAttr = sub;
  return parsed;
}
