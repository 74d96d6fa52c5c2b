// One error type for every way a transfer fails, and the one function that reads a thrown thing
// (a Node socket error, an undici error, a failed proxy tunnel) into it. The transport knows
// nothing of its callers: `kind` says what happened, and the caller decides what that means to
// its users.

export type FailureKind =
  | 'status' // the server answered with something other than the file (5xx, 403, ...)
  | 'challenge' // a Cloudflare-style browser check instead of the file
  | 'html' // an HTML page where an archive was expected
  | 'network'
  | 'timeout'
  | 'refused'
  | 'truncated'
  | 'proxy'
  | 'checksum'
  | 'mirrors' // every URL failed; `failures` holds one per URL
  // The four below are not about one URL, so no other attempt or mirror can help.
  | 'config' // the proxy settings cannot be used
  | 'unsafe' // a URL (or a redirect) that may not be fetched
  | 'disk'
  | 'aborted';

export interface FailureDetails {
  retry?: boolean;
  status?: number;
  retryAfterMs?: number;
  /** What to do about it, when that is specific to this failure (proxy settings, say). */
  advice?: string;
  attempts?: number;
  failures?: readonly TransportError[];
  cause?: unknown;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly retry: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly advice?: string;
  readonly attempts: number;
  readonly failures: readonly TransportError[];

  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly url: string,
    d: FailureDetails = {},
  ) {
    super(message, d.cause === undefined ? undefined : { cause: d.cause });
    this.retry = d.retry ?? false;
    this.status = d.status;
    this.retryAfterMs = d.retryAfterMs;
    this.advice = d.advice;
    this.attempts = d.attempts ?? 1;
    this.failures = d.failures ?? [];
  }

  get fatal(): boolean {
    return this.kind === 'config' || this.kind === 'unsafe' || this.kind === 'disk' || this.kind === 'aborted';
  }

  with(d: FailureDetails & { url?: string }): TransportError {
    return new TransportError(this.kind, this.message, d.url ?? this.url, { ...this, cause: this.cause, ...d });
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The errno-style code of a Node error (ECONNRESET, ...) or an undici one (UND_ERR_...). */
export function errnoCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

// Certificates signed by an authority this machine does not know: what a TLS-inspecting proxy
// produces until its CA is added.
const UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

export function isUntrustedCertificate(e: unknown): boolean {
  return UNTRUSTED_CODES.has(errnoCode(e) ?? '');
}

export const NODE_EXTRA_CA_ADVICE =
  'A proxy that inspects TLS re-signs what it forwards with its own certificate authority: point NODE_EXTRA_CA_CERTS at that CA certificate (a PEM file) in the environment blender-harness starts in.';

type Reading = [kind: FailureKind, text: string, retry: boolean];

function read(e: unknown, timeoutMs: number): Reading {
  const code = errnoCode(e);
  switch (code) {
    case 'ECONNREFUSED':
      return ['refused', 'connection refused (is the mirror down?)', false];
    case 'ENOTFOUND':
      return ['network', 'host not found (DNS)', false];
    case 'EAI_AGAIN':
      return ['network', 'DNS lookup failed temporarily', true];
    case 'ECONNRESET':
      return ['network', 'connection reset by the server', true];
    case 'UND_ERR_SOCKET':
      return ['network', 'connection closed by the server', true];
    case 'EPIPE':
      return ['network', 'connection closed while sending', true];
    case 'ETIMEDOUT':
      return ['timeout', `timed out (${errorText(e)})`, true];
    case 'UND_ERR_HEADERS_TIMEOUT':
      return ['timeout', `timed out (no answer for ${timeoutMs} ms)`, true];
    case 'UND_ERR_BODY_TIMEOUT':
      return ['timeout', `timed out (no data for ${timeoutMs} ms)`, true];
    case 'UND_ERR_CONNECT_TIMEOUT':
      return ['timeout', `timed out (no connection in ${timeoutMs} ms)`, true];
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return ['network', `network unreachable (${code})`, true];
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return ['network', `TLS certificate problem (${code})`, false];
    default:
      if (isUntrustedCertificate(e)) return ['network', `TLS certificate problem (${code})`, false];
      return ['network', `${errorText(e)}${code ? ` (${code})` : ''}`, true];
  }
}

export interface FailureContext {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The proxy the request went through, as shown to users (no credentials). */
  proxy?: string | undefined;
}

/** The one translator: anything a request threw, as a TransportError about `url`. */
export function failureOf(e: unknown, url: string, c: FailureContext): TransportError {
  // Once cancelled, whatever broke broke because of it.
  if (c.signal?.aborted) return e instanceof TransportError && e.kind === 'aborted' ? e : new TransportError('aborted', 'The transfer was cancelled.', url);
  // Failures raised while connecting know the host, not the URL that wanted it.
  if (e instanceof TransportError) return e.url === url ? e : e.with({ url });
  const [kind, text, retry] = read(e, c.timeoutMs);
  // An untrusted certificate behind a proxy is most likely the proxy's own, not the server's.
  if (c.proxy && isUntrustedCertificate(e)) {
    return new TransportError(kind, `${text} through the proxy ${c.proxy}`, url, { advice: NODE_EXTRA_CA_ADVICE, cause: e });
  }
  return new TransportError(kind, text, url, { retry, cause: e });
}
