// One error type for every way a transfer fails, and the one function that reads a thrown thing
// (a Node socket error, an undici error, a failed proxy tunnel) into it. The transport knows
// nothing of its callers: `kind` says what happened, and the caller decides what that means.

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
  // Not about one URL, so no other attempt or mirror can help: settings that cannot be used, a
  // URL (or redirect) that may not be fetched, the disk, a cancellation.
  | 'config'
  | 'unsafe'
  | 'disk'
  | 'aborted';

/** `advice`: what to do about it, when that is specific to this failure (proxy settings, say). */
export type FailureDetails = {
  retry?: boolean;
  status?: number;
  retryAfterMs?: number;
  advice?: string;
  attempts?: number;
  failures?: readonly TransportError[];
  cause?: unknown;
};

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
    ({ status: this.status, retryAfterMs: this.retryAfterMs, advice: this.advice } = d);
    this.retry = d.retry ?? false;
    this.attempts = d.attempts ?? 1;
    this.failures = d.failures ?? [];
  }

  get fatal(): boolean {
    return ['config', 'unsafe', 'disk', 'aborted'].includes(this.kind);
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
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

// Certificates signed by an authority this machine does not know: what a TLS-inspecting proxy
// produces until its CA is added.
const UNTRUSTED =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/;

export function isUntrustedCertificate(e: unknown): boolean {
  return UNTRUSTED.test(errnoCode(e) ?? '');
}

export const NODE_EXTRA_CA_ADVICE =
  'A proxy that inspects TLS re-signs what it forwards with its own certificate authority: point NODE_EXTRA_CA_CERTS at that CA certificate (a PEM file) in the environment blender-harness starts in.';

type Reading = [kind: FailureKind, text: string, retry: boolean];

const READINGS: Record<string, Reading> = {
  ECONNREFUSED: ['refused', 'connection refused (is the mirror down?)', false],
  ENOTFOUND: ['network', 'host not found (DNS)', false],
  EAI_AGAIN: ['network', 'DNS lookup failed temporarily', true],
  ECONNRESET: ['network', 'connection reset by the server', true],
  UND_ERR_SOCKET: ['network', 'connection closed by the server', true],
  EPIPE: ['network', 'connection closed while sending', true],
  UND_ERR_HEADERS_TIMEOUT: ['timeout', 'timed out (no answer for $ ms)', true],
  UND_ERR_BODY_TIMEOUT: ['timeout', 'timed out (no data for $ ms)', true],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', 'timed out (no connection in $ ms)', true],
};

function read(e: unknown, timeoutMs: number): Reading {
  const code = errnoCode(e) ?? '';
  const known = READINGS[code];
  if (known) return [known[0], known[1].replace('$', String(timeoutMs)), known[2]];
  if (code === 'ETIMEDOUT') return ['timeout', `timed out (${errorText(e)})`, true];
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return ['network', `network unreachable (${code})`, true];
  if (/^(CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(code) || isUntrustedCertificate(e))
    return ['network', `TLS certificate problem (${code})`, false];
  return ['network', `${errorText(e)}${code ? ` (${code})` : ''}`, true];
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
  if (c.signal?.aborted)
    return e instanceof TransportError && e.kind === 'aborted' ? e : new TransportError('aborted', 'The transfer was cancelled.', url);
  // Failures raised while connecting know the host, not the URL that wanted it.
  if (e instanceof TransportError) return e.url === url ? e : e.with({ url });
  const [kind, text, retry] = read(e, c.timeoutMs);
  // An untrusted certificate behind a proxy is most likely the proxy's own, not the server's.
  if (c.proxy && isUntrustedCertificate(e)) {
    return new TransportError(kind, `${text} through the proxy ${c.proxy}`, url, { advice: NODE_EXTRA_CA_ADVICE, cause: e });
  }
  return new TransportError(kind, text, url, { retry, cause: e });
}
