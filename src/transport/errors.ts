// One error type for every way a transfer fails, and the one table that reads a thrown thing (a
// Node socket error, an undici error) by its code, for a direct request and a proxy alike. The
// transport knows nothing of its callers: `kind` says what happened, the caller decides what it means.

import { STATUS_CODES } from 'node:http';

// Not about one URL, so no other attempt or mirror can help: settings that cannot be used, a
// URL (or redirect) that may not be fetched, the disk, a cancellation.
const FATAL = ['config', 'unsafe', 'disk', 'aborted'] as const;

/**
 * `status`: the server answered with something other than the file (5xx, 403, ...); `challenge`: a
 * Cloudflare-style browser check instead of it; `html`: an HTML page where an archive was expected;
 * `mirrors`: every URL failed, and `failures` holds one per URL.
 */
type NotFatal = 'status' | 'challenge' | 'html' | 'network' | 'timeout' | 'refused' | 'truncated' | 'proxy' | 'checksum' | 'mirrors';
export type FailureKind = NotFatal | (typeof FATAL)[number];

type Details = Partial<Pick<TransportError, 'retry' | 'status' | 'retryAfterMs' | 'advice' | 'attempts' | 'failures' | 'cause' | 'url'>>;

export class TransportError extends Error {
  override readonly name = 'TransportError';
  declare readonly kind: FailureKind;
  declare readonly url: string;
  readonly retry: boolean = false;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** What to do about it, when that is specific to this failure (proxy settings, say). */
  readonly advice?: string;
  readonly attempts: number = 1;
  readonly failures: readonly TransportError[] = [];

  constructor(kind: FailureKind, message: string, url: string, { cause, ...d }: Details = {}) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { kind, url }, d);
  }

  get fatal(): boolean {
    return (FATAL as readonly string[]).includes(this.kind);
  }

  with(d: Details): TransportError {
    return new TransportError(this.kind, this.message, this.url, { ...this, cause: this.cause, ...d });
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The errno-style code of a Node error (ECONNRESET, ENOENT, ...) or an undici one (UND_ERR_...). */
export function errnoCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** "HTTP 502 Bad Gateway", and whether it may pass: 5xx, 408 and 429 are a server (or proxy) struggling. */
export function httpStatus(status: number): [text: string, transient: boolean] {
  return [`HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`, status >= 500 || status === 408 || status === 429];
}

export const NODE_EXTRA_CA_ADVICE =
  'A proxy that inspects TLS re-signs what it forwards with its own certificate authority: point NODE_EXTRA_CA_CERTS at that CA certificate (a PEM file) in the environment blender-harness starts in.';

// Certificates signed by an authority this machine does not know: what a TLS-inspecting proxy
// produces until its CA is added.
export const UNTRUSTED =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/;

// A thrown error's code, read: [kind, retry, text, text when connecting to a proxy failed]. In a
// text, $t stands for the timeout in ms and $p for the proxy.
type Reading = [kind: FailureKind, retry: boolean, text: string, viaProxy?: string];

const READINGS: Record<string, Reading> = {
  ECONNREFUSED: ['refused', false, 'connection refused (is the mirror down?)', 'could not connect to $p: connection refused'],
  ENOTFOUND: ['network', false, 'host not found (DNS)', 'could not find the host of $p (DNS)'],
  EAI_AGAIN: ['network', true, 'DNS lookup failed temporarily', 'could not look up the host of $p (DNS failed temporarily)'],
  ECONNRESET: ['network', true, 'connection reset by the server'],
  UND_ERR_SOCKET: ['network', true, 'connection closed by the server'],
  EPIPE: ['network', true, 'connection closed while sending'],
  EHOSTUNREACH: ['network', true, 'network unreachable (EHOSTUNREACH)'],
  ENETUNREACH: ['network', true, 'network unreachable (ENETUNREACH)'],
  UND_ERR_HEADERS_TIMEOUT: ['timeout', true, 'timed out (no answer for $t ms)'],
  UND_ERR_BODY_TIMEOUT: ['timeout', true, 'timed out (no data for $t ms)'],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', true, 'timed out (no connection in $t ms)'],
};

/** What a thrown error says, by its errnoCode, and that code. */
export function reading(e: unknown, timeoutMs: number): [code: string, ...Reading] {
  const code = errnoCode(e) ?? '';
  const [kind, retry, text, viaProxy]: Reading =
    READINGS[code] ??
    (code === 'ETIMEDOUT'
      ? ['timeout', true, `timed out (${errorText(e)})`]
      : /^(CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(code) || UNTRUSTED.test(code)
        ? ['network', false, `TLS certificate problem (${code})`]
        : ['network', true, `${errorText(e)}${code ? ` (${code})` : ''}`]);
  return [code, kind, retry, text.replace('$t', String(timeoutMs)), viaProxy];
}
