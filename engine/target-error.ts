// A failure to talk to the target at all (as opposed to an HTTP answer the suite judges). The
// message is one line that names the target's origin and, where it helps, what to do about it.

/** 'deadline': the run's own deadline cut the request short (not the target's fault). */
export type TargetErrorKind = 'refused' | 'dns' | 'tls' | 'timeout' | 'reset' | 'too-large' | 'protocol' | 'auth' | 'deadline' | 'other';

export class TargetError extends Error {
  readonly kind: TargetErrorKind;
  /** The HTTP status of an answer that came but could not be judged (a 503, a cut body, a redirect ...). */
  readonly status: number | undefined;
  constructor(kind: TargetErrorKind, message: string, options?: { cause?: unknown; status?: number | undefined }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TargetError';
    this.kind = kind;
    this.status = options?.status;
  }
}

/** Statuses that say "not now" rather than "no": a verdict on them would judge the weather. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** "transient" for a status that says "not now", "5xx" for another server error, else undefined. */
export function statusClass(status: number): 'transient' | '5xx' | undefined {
  if (TRANSIENT_STATUSES.has(status)) return 'transient';
  return status >= 500 ? '5xx' : undefined;
}

/**
 * The class of a target error for its finding (target-error:<class>): "transient" when an answer
 * came with a status that says "not now", "5xx" for another server error, else the error's kind
 * (timeout, reset, protocol ...). Decided on the status the error carries, never on its message.
 */
export function targetErrorClass(e: TargetError): string {
  return (e.status === undefined ? undefined : statusClass(e.status)) ?? e.kind;
}

const UNTRUSTED_CERT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Error codes along the cause chain (undici wraps socket errors; AggregateError holds several). */
function codesOf(err: unknown, depth = 0): string[] {
  if (err === null || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => codesOf(x, depth + 1)) : [];
  return [...own, ...codesOf(e.cause, depth + 1), ...nested];
}

/**
 * Turn whatever undici or Node threw into a TargetError. `redact` cleans any text taken from the
 * original error, which may quote a URL or header.
 */
export function toTargetError(
  err: unknown,
  context: { origin: string; timeoutMs: number; timedOut?: boolean; redact?: (s: string) => string },
): TargetError {
  if (err instanceof TargetError) return err;
  const t = `target ${context.origin}`;
  const codes = codesOf(err);
  const has = (...c: string[]): boolean => c.some((x) => codes.includes(x));
  const make = (kind: TargetErrorKind, message: string): TargetError => new TargetError(kind, message, { cause: err });

  if (context.timedOut || has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return make('timeout', `${t}: no response within ${context.timeoutMs} ms`);
  }
  if (has('ECONNREFUSED')) return make('refused', `${t} refused the connection`);
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) return make('dns', `${t}: host name not found (DNS)`);
  if (codes.some((c) => UNTRUSTED_CERT.has(c))) return make('tls', `${t}: TLS certificate not trusted (use tls.caFile or --insecure)`);
  if (has('CERT_HAS_EXPIRED')) return make('tls', `${t}: TLS certificate has expired`);
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) return make('tls', `${t}: TLS certificate does not match the host name`);
  if (has('ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG')) {
    return make('tls', `${t}: TLS handshake failed (does the target speak plain http?)`);
  }
  if (codes.some((c) => c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'))) return make('tls', `${t}: TLS handshake failed (${codes[0]})`);
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED')) {
    return make('reset', `${t} closed the connection before answering`);
  }
  if (has('UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_EXCEEDED_MAX_SIZE')) return make('too-large', `${t}: the response is too large`);
  if (has('HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS', 'HPE_INVALID_HEADER_TOKEN', 'UND_ERR_INFO')
    || codes.some((c) => c.startsWith('HPE_'))) {
    return make('protocol', `${t}: the answer is not valid HTTP/1.1 (${codes.find((c) => c.startsWith('HPE_')) ?? codes[0]})`);
  }
  const raw = err instanceof Error ? err.message : String(err);
  const detail = (context.redact ? context.redact(raw) : raw).split('\n')[0];
  return make('other', `${t}: request failed (${codes[0] ? `${codes[0]}: ` : ''}${detail})`);
}
