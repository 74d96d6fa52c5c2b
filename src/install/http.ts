// HTTP for the install stage, on node:http/https rather than fetch: we need the socket-level
// idle timeout, the exact byte count against Content-Length (a body that stops early must be an
// error, not a short file), Range resumption, and no keep-alive sockets holding the process open.
// Every request carries a real User-Agent: download.blender.org sits behind Cloudflare, which
// treats anonymous clients with suspicion. Requests honour HTTPS_PROXY/NO_PROXY (proxy.ts).

import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { InstallError, errnoCode, errorText } from './errors.js';
import {
  NODE_EXTRA_CA_ADVICE,
  isUntrustedCertificate,
  proxyAgent,
  proxyAuthProblem,
  proxyConnectProblem,
  proxyFor,
  tunnelRefusedProblem,
  type ProxyProblem,
  type ProxyRoute,
} from './proxy.js';
import { checkUrlScheme } from './spec.js';
import { VERSION } from '../version.js';

export const DEFAULT_USER_AGENT = `blender-harness/${VERSION} (+https://www.npmjs.com/package/blender-harness; node ${process.version}; ${process.platform}-${process.arch})`;

export interface RetryPolicy {
  /** Extra attempts after the first, for transient failures (5xx, resets, timeouts). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Socket idle timeout: no byte for this long fails the attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 30_000 };

export interface HttpContext {
  userAgent: string;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Told about each retry, so the log shows why an install is slow. */
  onRetry?: (message: string) => void;
  /** Where HTTPS_PROXY, NO_PROXY and the like are read from; process.env when absent. */
  env?: NodeJS.ProcessEnv;
}

/**
 * A failed attempt, classified. `retry` means the same URL may work if asked again; `nextMirror`
 * means another mirror may have what this one does not; neither means give up.
 */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly kind: 'status' | 'challenge' | 'network' | 'timeout' | 'truncated' | 'html' | 'refused' | 'proxy',
    message: string,
    readonly url: string,
    readonly retry: boolean,
    readonly nextMirror: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** What to do about it, when that is specific to this failure (proxy settings, say). */
    readonly advice?: string,
  ) {
    super(message);
  }
}

function proxyFailure(url: string, p: ProxyProblem, status?: number): HttpFailure {
  return new HttpFailure('proxy', p.text, url, p.retry, true, status, undefined, p.advice);
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  /** The proxy the request went through, if any. */
  proxy?: ProxyRoute;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Explains a Cloudflare challenge ("Just a moment...", managed challenge, "Attention Required")
 * when that is what came back, so the user reads why instead of a parse error on HTML.
 */
export function detectChallenge(status: number, headers: IncomingHttpHeaders, body: string): string | undefined {
  const mitigated = header(headers, 'cf-mitigated');
  const server = header(headers, 'server') ?? '';
  const cloudflare = /cloudflare/i.test(server) || header(headers, 'cf-ray') !== undefined;
  const markers =
    /cdn-cgi\/challenge-platform|window\._cf_chl_opt|cf-chl-|<title>Just a moment\.\.\.<\/title>|Attention Required! \| Cloudflare|Checking your browser before accessing/i;
  const challenged = mitigated === 'challenge' || (markers.test(body) && (cloudflare || status === 403 || status === 503 || status === 429));
  if (!challenged) return undefined;
  const ray = header(headers, 'cf-ray');
  return (
    `answered with a Cloudflare challenge page (HTTP ${status}${ray ? `, cf-ray ${ray}` : ''}) instead of the file: ` +
    'the CDN asks for a browser check that a script cannot pass. It usually clears after some minutes; ' +
    'meanwhile use a mirror of /release/ (--mirror URL, or the `mirrors` input) or a pre-downloaded build (a path spec)'
  );
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, retryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Jitter spreads a matrix of jobs that all failed at once, so they do not retry in lockstep.
  return Math.round(exp * (0.5 + random() * 0.5));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): InstallError {
  return new InstallError('ABORTED', 'The install was cancelled.');
}

function describeNetworkError(e: unknown): { kind: HttpFailure['kind']; text: string; retry: boolean } {
  const code = errnoCode(e);
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'refused', text: 'connection refused (is the mirror down?)', retry: false };
    case 'ENOTFOUND':
      return { kind: 'network', text: 'host not found (DNS)', retry: false };
    case 'EAI_AGAIN':
      return { kind: 'network', text: 'DNS lookup failed temporarily', retry: true };
    case 'ECONNRESET':
      return { kind: 'network', text: 'connection reset by the server', retry: true };
    case 'EPIPE':
      return { kind: 'network', text: 'connection closed while sending', retry: true };
    case 'ETIMEDOUT':
      return { kind: 'timeout', text: `timed out (${errorText(e)})`, retry: true };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'network', text: `network unreachable (${code})`, retry: true };
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { kind: 'network', text: `TLS certificate problem (${code})`, retry: false };
    default:
      if (isUntrustedCertificate(e)) return { kind: 'network', text: `TLS certificate problem (${code})`, retry: false };
      return { kind: 'network', text: `${errorText(e)}${code ? ` (${code})` : ''}`, retry: true };
  }
}

export function networkFailure(url: string, e: unknown): HttpFailure {
  if (e instanceof HttpFailure) return e;
  const d = describeNetworkError(e);
  return new HttpFailure(d.kind, d.text, url, d.retry, true);
}

/**
 * A request through a proxy failed. Before the tunnel is up (`tunnelled` false) every error is
 * about the proxy itself; after it, the usual reading applies, except that an untrusted
 * certificate most likely comes from a proxy that inspects TLS.
 */
function proxiedFailure(url: string, e: unknown, route: ProxyRoute, tunnelled: boolean): HttpFailure {
  if (e instanceof HttpFailure) return e;
  if (!tunnelled) return proxyFailure(url, proxyConnectProblem(route, e));
  const d = describeNetworkError(e);
  if (isUntrustedCertificate(e)) {
    return new HttpFailure(d.kind, `${d.text} through the proxy ${route.display}`, url, false, true, undefined, undefined, NODE_EXTRA_CA_ADVICE);
  }
  return networkFailure(url, e);
}

/** One GET, following redirects. Resolves once headers arrive; the caller consumes the body. */
export function get(url: string, ctx: HttpContext, extraHeaders: Record<string, string> = {}, redirects = 5): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    if (ctx.signal?.aborted) {
      reject(abortError());
      return;
    }
    let parsed: URL;
    let chosen: ProxyRoute | undefined;
    try {
      parsed = new URL(url);
      checkUrlScheme(parsed, 'URL');
      // Asked again on each redirect: NO_PROXY may treat the new host differently.
      chosen = proxyFor(parsed, ctx.env ?? process.env);
    } catch (e) {
      reject(e);
      return;
    }
    const route = chosen;
    const mod = parsed.protocol === 'https:' ? https : http;
    const tunnel = new AbortController();
    let tunnelled = false;
    let connectStatus: number | undefined;
    const req = mod.get(
      parsed,
      {
        // No keep-alive agent: a pooled socket would keep the CLI alive after the install.
        agent: route ? proxyAgent(route, tunnel.signal) : false,
        headers: { 'User-Agent': ctx.userAgent, Accept: '*/*', 'Accept-Encoding': 'identity', ...extraHeaders },
        timeout: ctx.retry.timeoutMs,
        signal: ctx.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (route && connectStatus !== undefined && connectStatus !== 200) {
          // This is the proxy's answer to the CONNECT, not the server's: never a page, a
          // redirect or a "not found" for the caller to believe.
          failureFromResponse({ url, status, headers: res.headers, body: res, proxy: route }).then((f) => {
            const transient = status >= 500 || status === 408 || status === 429;
            reject(f.kind === 'proxy' ? f : proxyFailure(url, tunnelRefusedProblem(route, parsed, status, f.message, transient), status));
          }, reject);
          return;
        }
        const location = header(res.headers, 'location');
        if (status >= 300 && status < 400 && status !== 304 && location) {
          res.resume();
          if (redirects <= 0) {
            reject(new HttpFailure('status', `too many redirects (last to ${location})`, url, false, true, status));
            return;
          }
          let next: string;
          try {
            next = new URL(location, parsed).href;
          } catch {
            reject(new HttpFailure('status', `redirect to an invalid URL ${location}`, url, false, true, status));
            return;
          }
          get(next, ctx, extraHeaders, redirects - 1).then(resolve, reject);
          return;
        }
        // The idle timeout keeps guarding the body once headers are in.
        res.setTimeout(ctx.retry.timeoutMs, () => {
          res.destroy(Object.assign(new Error(`no data for ${ctx.retry.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
        });
        resolve({ url, status, headers: res.headers, body: res, ...(route ? { proxy: route } : {}) });
      },
    );

    // Through a proxy, the request gets its socket only once the proxy has answered the CONNECT,
    // and until then neither `timeout` nor destroying the request does anything (Node waits for
    // the socket to report either). So a proxy that accepts the connection and then says
    // nothing gets a clock of its own, and the clock and a cancellation close the half-open
    // socket to the proxy themselves; left open, it would keep the process alive.
    if (route) {
      const handshake = setTimeout(() => {
        const e = Object.assign(new Error(`no answer for ${ctx.retry.timeoutMs} ms`), { code: 'ETIMEDOUT' });
        reject(proxiedFailure(url, e, route, false));
        req.destroy(e);
        tunnel.abort();
      }, ctx.retry.timeoutMs);
      const cancel = (): void => tunnel.abort();
      ctx.signal?.addEventListener('abort', cancel, { once: true });
      const settled = (): void => {
        clearTimeout(handshake);
        ctx.signal?.removeEventListener('abort', cancel);
      };
      req.once('proxyConnect', (answer: { statusCode?: number }) => {
        connectStatus = answer.statusCode;
      });
      req.once('socket', () => {
        tunnelled = true;
        settled();
      });
      req.once('close', settled);
    }

    req.on('timeout', () => {
      req.destroy(Object.assign(new Error(`no answer for ${ctx.retry.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    req.on('error', (e) => {
      if (ctx.signal?.aborted) reject(abortError());
      else if (route) reject(proxiedFailure(url, e, route, tunnelled));
      else reject(networkFailure(url, e));
    });
  });
}

/** Reads at most `limit` bytes of a body as text (enough to recognise an error or challenge page). */
export async function readText(body: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

/** Turns a non-2xx answer into a classified failure, reading a little of the body to explain it. */
export async function failureFromResponse(res: HttpResponse): Promise<HttpFailure> {
  let snippet = '';
  try {
    snippet = await readText(res.body, 64 * 1024);
  } catch {
    // The body of an error page is only used to explain it; losing it changes nothing else.
  }
  if (res.status === 407) return proxyFailure(res.url, proxyAuthProblem(res.proxy, header(res.headers, 'proxy-authenticate')), 407);
  const challenge = detectChallenge(res.status, res.headers, snippet);
  if (challenge) return new HttpFailure('challenge', challenge, res.url, false, true, res.status);
  const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
  const transient = res.status >= 500 || res.status === 408 || res.status === 429;
  const reason = `HTTP ${res.status}${http.STATUS_CODES[res.status] ? ` ${http.STATUS_CODES[res.status]}` : ''}`;
  return new HttpFailure('status', reason, res.url, transient, true, res.status, retryAfterMs);
}

export interface TextResult {
  url: string;
  status: number;
  text: string;
}

/**
 * GET a small text resource (a listing, a checksum file, the daily JSON) with retries on
 * transient failures. 404 and 410 come back as results, not errors: "this does not exist" is an
 * answer the resolver uses. Other failures throw the last HttpFailure.
 */
export async function fetchText(url: string, ctx: HttpContext, limit = 16 * 1024 * 1024): Promise<TextResult> {
  let last: HttpFailure | undefined;
  for (let attempt = 0; attempt <= ctx.retry.retries; attempt++) {
    if (attempt > 0 && last) {
      const delay = backoffDelay(attempt - 1, ctx.retry, last.retryAfterMs);
      ctx.onRetry?.(`${url}: ${last.message}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${ctx.retry.retries + 1})`);
      await sleep(delay, ctx.signal);
    }
    try {
      const res = await get(url, ctx);
      if (res.status === 404 || res.status === 410) {
        res.body.resume();
        return { url: res.url, status: res.status, text: '' };
      }
      if (res.status < 200 || res.status >= 300) throw await failureFromResponse(res);
      const length = Number(header(res.headers, 'content-length') ?? NaN);
      const text = await readText(res.body, limit);
      if (Number.isFinite(length) && Buffer.byteLength(text) < length && length <= limit) {
        throw new HttpFailure('truncated', `body ended after ${Buffer.byteLength(text)} of ${length} bytes`, url, true, true);
      }
      const challenge = detectChallenge(res.status, res.headers, text);
      if (challenge) throw new HttpFailure('challenge', challenge, url, false, true, res.status);
      return { url: res.url, status: res.status, text };
    } catch (e) {
      if (e instanceof InstallError) throw e;
      last = networkFailure(url, e);
      if (!last.retry) throw last;
    }
  }
  throw last ?? new HttpFailure('network', 'no attempt was made', url, false, true);
}
