// A curl command that reproduces one recorded request. Secrets are never written out: the
// credential is referenced through the environment variable the user already exports.
import type { Exchange } from '../schemas/run-result.ts';

export type CurlAuth = 'none' | 'bearer' | 'basic' | 'header' | 'oauth2';

const SKIPPED_HEADERS = new Set(['authorization', 'content-length', 'host', 'connection', 'user-agent']);

/** Quote for a POSIX shell: single quotes, with embedded single quotes closed and escaped. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(exchange: Exchange, auth: { kind: CurlAuth; headerName?: string }): string {
  const parts = ['curl', '-sS', '-i', '-X', exchange.method, shellQuote(exchange.url)];
  switch (auth.kind) {
    case 'bearer':
    case 'oauth2':
      parts.push('-H', '"Authorization: Bearer $SCIM_TOKEN"');
      break;
    case 'basic':
      parts.push('-u', '"$SCIM_USERNAME:$SCIM_PASSWORD"');
      break;
    case 'header':
      parts.push('-H', `"${auth.headerName ?? 'X-Api-Key'}: $SCIM_AUTH_VALUE"`);
      break;
    case 'none':
      break;
  }
  const customHeader = auth.headerName?.toLowerCase();
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    if (SKIPPED_HEADERS.has(lower) || lower === customHeader || value === '[REDACTED]') continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (exchange.requestBody !== undefined && exchange.requestBody !== '') {
    parts.push('--data-raw', shellQuote(exchange.requestBody));
  }
  return parts.join(' ');
}
