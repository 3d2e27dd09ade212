// Entity tags for resource versions (RFC 7644 §3.14, RFC 7232). Versions are weak tags
// W/"<n>". SCIM clients send the weak form back in If-Match (RFC 7644 §3.14 examples), so
// both If-Match and If-None-Match use the weak comparison (catalog E-11).
import { ScimHttpError } from './errors.ts';

export function formatETag(version: number): string {
  return `W/"${version}"`;
}

export type ETagCondition = { any: true } | { any: false; tags: string[] };

/** Parses an If-Match / If-None-Match value into "*" or the opaque tags (weak prefix dropped). */
export function parseETagCondition(header: string): ETagCondition {
  if (header.trim() === '*') return { any: true };
  const tags: string[] = [];
  const pattern = /\s*(W\/)?"([^"]*)"\s*(,|$)/giy;
  let match: RegExpExecArray | null;
  let position = 0;
  while (position < header.length && (match = pattern.exec(header)) !== null) {
    tags.push(match[2] ?? '');
    position = pattern.lastIndex;
  }
  // Anything the grammar does not cover (a bare token, say) still has to be compared, so a
  // client sending `5` for `W/"5"` is treated as stating that opaque tag.
  if (position < header.length) {
    for (const part of header.slice(position).split(',')) {
      const bare = part.trim().replace(/^W\//i, '').replace(/^"|"$/g, '');
      if (bare !== '') tags.push(bare);
    }
  }
  return { any: false, tags };
}

function opaque(tag: string): string {
  return tag.replace(/^W\//i, '').replace(/^"|"$/g, '');
}

export function conditionMatches(condition: ETagCondition, currentTag: string): boolean {
  if (condition.any) return true;
  const current = opaque(currentTag);
  return condition.tags.includes(current);
}

/** Throws 412 when an If-Match header is present and does not match the current version. */
export function checkIfMatch(header: string | undefined, currentTag: string): void {
  if (header === undefined) return;
  if (!conditionMatches(parseETagCondition(header), currentTag)) {
    throw new ScimHttpError(412, `Failed to update: the resource has changed on the server (current version ${currentTag})`);
  }
}

/** True when a GET with this If-None-Match header should be answered 304. */
export function notModified(header: string | undefined, currentTag: string): boolean {
  if (header === undefined) return false;
  return conditionMatches(parseETagCondition(header), currentTag);
}
