// RFC 7644 §3.4.2.2 filter grammar: attrExp, and/or/not with parentheses, valuePath.
// Precedence: not > and > or. Operators and keywords are case-insensitive.
import { type AttrRef, parseAttrRef } from './attr-ref.ts';
import { invalidFilter } from './patch-error.ts';

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export type FilterNode =
  | { kind: 'compare'; attr: AttrRef; op: CompareOp; value: FilterValue }
  | { kind: 'present'; attr: AttrRef }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; filter: FilterNode }
  | { kind: 'valuePath'; attr: AttrRef; filter: FilterNode };

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

type Token =
  | { t: 'punct'; v: '(' | ')' | '[' | ']'; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'word'; v: string; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw invalidFilter(`unterminated string at position ${i} in filter: ${text}`);
      let value: string;
      try {
        value = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        throw invalidFilter(`invalid string literal at position ${i} in filter: ${text}`);
      }
      tokens.push({ t: 'string', v: value, pos: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()[\]"]/.test(text[j] as string)) j++;
      tokens.push({ t: 'word', v: text.slice(i, j), pos: i });
      i = j;
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(allowValuePath: boolean): FilterNode {
    if (this.tokens.length === 0) throw invalidFilter('empty filter');
    const node = this.parseOr(allowValuePath);
    const extra = this.tokens[this.i];
    if (extra) throw this.error(`unexpected "${extra.v}"`, extra);
    return node;
  }

  private peekWord(word: string): boolean {
    const tok = this.tokens[this.i];
    return tok?.t === 'word' && tok.v.toLowerCase() === word;
  }

  private error(message: string, tok?: Token): Error {
    const where = tok ? ` at position ${tok.pos}` : ' at end';
    return invalidFilter(`${message}${where} in filter: ${this.text}`);
  }

  private expectPunct(v: string): void {
    const tok = this.tokens[this.i];
    if (tok?.t !== 'punct' || tok.v !== v) throw this.error(`expected "${v}"`, tok);
    this.i++;
  }

  private parseOr(allowValuePath: boolean): FilterNode {
    let left = this.parseAnd(allowValuePath);
    while (this.peekWord('or')) {
      this.i++;
      left = { kind: 'or', left, right: this.parseAnd(allowValuePath) };
    }
    return left;
  }

  private parseAnd(allowValuePath: boolean): FilterNode {
    let left = this.parseUnary(allowValuePath);
    while (this.peekWord('and')) {
      this.i++;
      left = { kind: 'and', left, right: this.parseUnary(allowValuePath) };
    }
    return left;
  }

  private parseUnary(allowValuePath: boolean): FilterNode {
    const tok = this.tokens[this.i];
    if (!tok) throw this.error('expected an expression');
    if (tok.t === 'word' && tok.v.toLowerCase() === 'not') {
      this.i++;
      this.expectPunct('(');
      const filter = this.parseOr(allowValuePath);
      this.expectPunct(')');
      return { kind: 'not', filter };
    }
    if (tok.t === 'punct' && tok.v === '(') {
      this.i++;
      const inner = this.parseOr(allowValuePath);
      this.expectPunct(')');
      return inner;
    }
    return this.parseAttrExp(allowValuePath);
  }

  private parseAttrExp(allowValuePath: boolean): FilterNode {
    const tok = this.tokens[this.i];
    if (tok?.t !== 'word') throw this.error('expected an attribute name', tok);
    const attr = parseAttrRef(tok.v);
    if (!attr) throw this.error(`invalid attribute name "${tok.v}"`, tok);
    this.i++;
    const next = this.tokens[this.i];
    if (next?.t === 'punct' && next.v === '[') {
      if (!allowValuePath) throw this.error('nested value filters are not allowed', next);
      if (attr.subAttr !== undefined) throw this.error('a value filter must follow a top-level attribute', next);
      this.i++;
      const filter = this.parseOr(false);
      this.expectPunct(']');
      return { kind: 'valuePath', attr, filter };
    }
    if (next?.t !== 'word') throw this.error(`expected an operator after "${tok.v}"`, next);
    const op = next.v.toLowerCase();
    this.i++;
    if (op === 'pr') return { kind: 'present', attr };
    if (!COMPARE_OPS.has(op)) throw this.error(`unsupported operator "${next.v}"`, next);
    const valueTok = this.tokens[this.i];
    if (!valueTok || valueTok.t === 'punct') throw this.error(`expected a value after "${next.v}"`, valueTok);
    this.i++;
    return { kind: 'compare', attr, op: op as CompareOp, value: this.literal(valueTok) };
  }

  private literal(tok: Token): FilterValue {
    if (tok.t === 'string') return tok.v;
    const lower = tok.v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (NUMBER.test(tok.v)) return Number(tok.v);
    throw this.error(`value "${tok.v}" must be a quoted string, a number, true, false or null`, tok);
  }
}

/** Parses a filter as used in GET ?filter= (valuePath such as emails[type eq "work"] allowed). */
export function parseFilter(text: string): FilterNode {
  return new Parser(text, tokenize(text)).parse(true);
}

/** Parses the expression inside a PATCH path's brackets (`valFilter`: no nested valuePath). */
export function parseValueFilter(text: string): FilterNode {
  return new Parser(text, tokenize(text)).parse(false);
}

/** Every attribute reference the filter compares (valuePath members excluded). */
export function filterAttributes(node: FilterNode): AttrRef[] {
  switch (node.kind) {
    case 'compare':
    case 'present':
      return [node.attr];
    case 'and':
    case 'or':
      return [...filterAttributes(node.left), ...filterAttributes(node.right)];
    case 'not':
      return filterAttributes(node.filter);
    case 'valuePath':
      return [node.attr];
  }
}
