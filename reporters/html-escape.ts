// Escaping for HTML text and attribute values. Bodies come from hostile servers, so every piece
// of result data goes through here before it reaches markup.

export function escapeHtml(value: string | number | boolean): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a <script type="application/json"> element. Every "<" is escaped (not only "</"),
 * which also defeats "<!--" tricks that can keep the parser from seeing our closing tag.
 */
export function jsonForScript(data: unknown): string {
  return scriptSafe(JSON.stringify(data));
}

/** The escapes of jsonForScript, for a piece of JSON text (they apply character by character, so piece by piece). */
export function scriptSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
