// An exchange as the text an engineer reads in a report: request line, headers, body; then
// status, headers, body. JSON bodies are pretty-printed; everything else is shown verbatim.
import type { Exchange } from '../schemas/run-result.ts';

export interface ExchangeText {
  request: string;
  response: string;
}

export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      // not JSON after all: shown as sent
    }
  }
  return body;
}

function headerLines(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`);
}

export function exchangeText(ex: Exchange): ExchangeText {
  const request = [`${ex.method} ${ex.url}`, ...headerLines(ex.requestHeaders)];
  if (ex.requestBody !== undefined && ex.requestBody !== '') request.push('', prettyBody(ex.requestBody));

  const response: string[] = [];
  if (ex.status === undefined) {
    response.push(`(no response: ${ex.error ?? 'unknown transport error'})`);
  } else {
    response.push(`HTTP ${ex.status}`, ...headerLines(ex.responseHeaders));
    if (ex.responseBody !== undefined && ex.responseBody !== '') response.push('', prettyBody(ex.responseBody));
    if (ex.truncated) response.push('', '[body truncated by the suite]');
    if (ex.error) response.push('', `(error: ${ex.error})`);
  }
  return { request: request.join('\n'), response: response.join('\n') };
}

/** "patch: PATCH https://… → 200 (41 ms)" */
export function exchangeTitle(ex: Exchange): string {
  const answer = ex.status === undefined ? `no response (${ex.error ?? 'error'})` : String(ex.status);
  return `${ex.purpose}: ${ex.method} ${ex.url} → ${answer} (${Math.round(ex.durationMs)} ms)`;
}
