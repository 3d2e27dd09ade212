// Syntax of an attribute reference (RFC 7644 Figure 7 / §3.4.2.2 `attrPath`): [URI ":"] ATTRNAME [ "." ATTRNAME ].
// The URI part is found syntactically (text before the last colon); the resolver later re-matches
// the whole text against the schema URNs it knows, so URNs containing dots ("2.0") never split wrong.

export interface AttrRef {
  /** The reference as written. */
  text: string;
  /** URN prefix as written, without the trailing colon. */
  uri?: string;
  name: string;
  subAttr?: string;
}

const ATTRNAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;
const URI = /^urn:[^\s"[\]()]+$/i;

export function isAttrName(s: string): boolean {
  return ATTRNAME.test(s);
}

/** Parses an attribute reference; undefined when it is not well formed. */
export function parseAttrRef(text: string): AttrRef | undefined {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    uri = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URI.test(uri) || uri.includes('::') || uri.endsWith(':')) return undefined;
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every(isAttrName)) return undefined;
  const ref: AttrRef = { text, name: parts[0] as string };
  if (uri !== undefined) ref.uri = uri;
  if (parts[1] !== undefined) ref.subAttr = parts[1];
  return ref;
}
