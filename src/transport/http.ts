// Requests, retries and small text resources. One retry loop serves text and files alike; it is
// ours rather than undici's RetryAgent because a download must see each failure (to restart its
// hash when a server ignores Range, and to say why it is slow), and RetryHandler resumes with a
// bounded Range and gives up on a server that answers a resumption with the whole file.

import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { openDispatcher } from './dispatcher.js';
import { TransportError, failureOf } from './errors.js';
import { isLoopbackHost, proxyAuthFailure, proxyFor, type Env } from './proxy.js';

/**
 * `retries`: extra attempts after the first, for transient failures (5xx, resets, timeouts);
 * `maxDelayMs` also caps a server's Retry-After; `timeoutMs`: no byte (or no connection, or no
 * answer) for this long fails the attempt.
 */
export type RetryPolicy = { retries: number; baseDelayMs: number; maxDelayMs: number; timeoutMs: number };

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 30_000 };

export interface FetchOptions {
  /** Sent with every request: download.blender.org sits behind Cloudflare, which distrusts anonymous clients. */
  userAgent: string;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Told about each retry and mirror switch, so the log shows why a fetch is slow. */
  onRetry?: (message: string) => void;
  /** Where HTTPS_PROXY, NO_PROXY and the like are read from; process.env when absent. */
  env?: Env;
}

export type Reply = { url: string; status: number; headers: IncomingHttpHeaders; body: Dispatcher.ResponseData['body'] };

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Explains a Cloudflare challenge ("Just a moment...", managed challenge, "Attention Required")
 * when that is what came back, so the user reads why instead of a parse error on HTML. What to
 * do about it is the caller's to say (it knows its own flags).
 */
export function detectChallenge(status: number, headers: IncomingHttpHeaders, body: string): string | undefined {
  const cloudflare = /cloudflare/i.test(header(headers, 'server') ?? '') || header(headers, 'cf-ray') !== undefined;
  const markers =
    /cdn-cgi\/challenge-platform|window\._cf_chl_opt|cf-chl-|<title>Just a moment\.\.\.<\/title>|Attention Required! \| Cloudflare|Checking your browser before accessing/i;
  const challenged =
    header(headers, 'cf-mitigated') === 'challenge' ||
    (markers.test(body) && (cloudflare || status === 403 || status === 503 || status === 429));
  if (!challenged) return undefined;
  const ray = header(headers, 'cf-ray');
  return (
    `answered with a Cloudflare challenge page (HTTP ${status}${ray ? `, cf-ray ${ray}` : ''}) instead of the file: ` +
    'the CDN asks for a browser check that a script cannot pass. It usually clears after some minutes'
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

/** Plain http only for this machine: over the network anyone on the path could swap the build. */
function checkScheme(url: URL): void {
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return;
  const why =
    url.protocol === 'http:' ? 'uses plain http; use https (plain http is accepted only for 127.0.0.1/localhost)' : 'is not an http(s) URL';
  throw new TransportError('unsafe', `URL ${url.href} ${why}.`, url.href);
}

/** A request in flight: the dispatcher and what its failures are read against. */
export type Session = { dispatcher: Dispatcher; o: FetchOptions; env: Env };

export function fail(s: Session, e: unknown, url: string, proxy?: string): TransportError {
  return failureOf(e, url, { timeoutMs: s.o.retry.timeoutMs, signal: s.o.signal, proxy });
}

export async function withSession<T>(o: FetchOptions, run: (s: Session) => Promise<T>): Promise<T> {
  const env = o.env ?? process.env;
  // One dispatcher per fetch, closed after it: a pooled socket would keep the CLI alive.
  const d = openDispatcher({ env, timeoutMs: o.retry.timeoutMs, signal: o.signal });
  try {
    return await run({ dispatcher: d.dispatcher, o, env });
  } finally {
    await d.close();
  }
}

/**
 * One GET. Resolves once headers arrive; the caller consumes the body. Redirects are followed
 * here rather than by undici's interceptor: each hop must pass the scheme check, and a listing's
 * links resolve against the URL that finally answered, which the interceptor does not report.
 */
export async function get(s: Session, url: string, extra: Record<string, string> = {}): Promise<Reply> {
  let current = new URL(url);
  for (let hops = 0; ; hops++) {
    checkScheme(current);
    // Asked again on each hop: NO_PROXY may treat the new host differently.
    const route = proxyFor(current, s.env);
    let r: Dispatcher.ResponseData;
    try {
      r = await s.dispatcher.request({
        origin: current.origin,
        path: `${current.pathname}${current.search}`,
        method: 'GET',
        headers: { 'user-agent': s.o.userAgent, accept: '*/*', 'accept-encoding': 'identity', ...extra },
        signal: s.o.signal ?? null,
        // Bigger than the 64 KiB default: fewer pauses of the socket while a download is written.
        highWaterMark: 1 << 20,
      });
    } catch (e) {
      throw fail(s, e, url, route?.display);
    }
    const location = header(r.headers, 'location');
    if (r.statusCode < 300 || r.statusCode >= 400 || r.statusCode === 304 || !location) {
      return { url: current.href, status: r.statusCode, headers: r.headers, body: r.body };
    }
    await r.body.dump();
    const bad =
      hops >= 5
        ? `too many redirects (last to ${location})`
        : URL.canParse(location, current.href)
          ? ''
          : `redirect to an invalid URL ${location}`;
    if (bad) throw new TransportError('status', bad, url, { status: r.statusCode });
    current = new URL(location, current);
  }
}

/** Reads at most `limit` bytes of a body as text (enough to recognise an error or challenge page). */
export async function readText(body: Reply['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    if ((size += chunk.length) >= limit) break; // leaving the loop destroys the body
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

/** Turns a non-2xx answer into a classified failure, reading a little of the body to explain it. */
export async function failureFromResponse(res: Reply): Promise<TransportError> {
  const snippet = await readText(res.body, 64 * 1024).catch(() => '');
  // A 407 on a direct request comes from a proxy in the way that nobody configured.
  if (res.status === 407) return proxyAuthFailure(res.url, undefined, header(res.headers, 'proxy-authenticate'));
  const challenge = detectChallenge(res.status, res.headers, snippet);
  if (challenge) return new TransportError('challenge', challenge, res.url, { status: res.status });
  const transient = res.status >= 500 || res.status === 408 || res.status === 429;
  const reason = `HTTP ${res.status}${STATUS_CODES[res.status] ? ` ${STATUS_CODES[res.status]}` : ''}`;
  const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
  return new TransportError('status', reason, res.url, { retry: transient, status: res.status, retryAfterMs });
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of retries; waits between tries
 * with backoff or the server's Retry-After (capped). `tell` hears why each retry happens.
 */
export async function retrying<T>(
  s: Session,
  url: string,
  attempt: () => Promise<T>,
  tell: (note: string) => void,
  from = (): string => '',
): Promise<T> {
  const policy = s.o.retry;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const f = fail(s, e, url);
      if (f.fatal || !f.retry || n >= policy.retries) throw n > 0 ? f.with({ attempts: n + 1 }) : f;
      const delay = backoffDelay(n, policy, f.retryAfterMs);
      tell(`${url}: ${f.message}; retrying in ${(delay / 1000).toFixed(1)} s${from()} (attempt ${n + 2} of ${policy.retries + 1})`);
      // Rejects when cancelled, which the next turn's failureOf reads as 'aborted'.
      await sleep(delay, undefined, { signal: s.o.signal }).catch((e: unknown) => Promise.reject(fail(s, e, url)));
    }
  }
}

/** Tries each URL in turn until one gives an answer; throws a 'mirrors' failure naming each. */
export async function eachMirror<T>(
  s: Session,
  urls: readonly string[],
  fetch: (url: string, i: number) => Promise<T>,
  say?: (note: string) => void,
): Promise<T> {
  const failures: TransportError[] = [];
  for (const [i, url] of urls.entries()) {
    try {
      return await fetch(url, i);
    } catch (e) {
      const f = fail(s, e, url);
      if (f.fatal) throw f;
      failures.push(f);
      if (urls.length > 1) say?.(`${url}: ${f.message}; trying the next mirror`);
    }
  }
  throw new TransportError('mirrors', `every URL failed (${failures.map((f) => f.kind).join(', ')})`, urls[0] ?? '', { failures });
}

/** `mirror`: which of the URLs asked gave this answer. */
export type TextResult = { url: string; status: number; text: string; mirror: number };

async function textAttempt(s: Session, url: string, limit: number): Promise<Omit<TextResult, 'mirror'>> {
  const res = await get(s, url);
  if (res.status === 404 || res.status === 410) return { url: res.url, status: res.status, text: await res.body.dump().then(() => '') };
  if (res.status < 200 || res.status >= 300) throw await failureFromResponse(res);
  const length = Number(header(res.headers, 'content-length') ?? NaN);
  const text = await readText(res.body, limit);
  if (Number.isFinite(length) && Buffer.byteLength(text) < length && length <= limit) {
    throw new TransportError('truncated', `body ended after ${Buffer.byteLength(text)} of ${length} bytes`, url, { retry: true });
  }
  const challenge = detectChallenge(res.status, res.headers, text);
  if (challenge) throw new TransportError('challenge', challenge, url, { status: res.status });
  return { url: res.url, status: res.status, text };
}

/**
 * GET a small text resource (a listing, a checksum file, the daily JSON) from the first of `urls`
 * that answers, with retries on transient failures. 404 and 410 come back as results, not
 * errors: "this does not exist" is an answer. With one URL, its failure is thrown as it is.
 */
export async function fetchText(urls: string | readonly string[], o: FetchOptions, limit = 16 * 1024 * 1024): Promise<TextResult> {
  const list = typeof urls === 'string' ? [urls] : urls;
  const tell = (note: string): void => o.onRetry?.(note);
  return withSession(o, async (s) => {
    const one = async (url: string, mirror: number): Promise<TextResult> => ({
      ...(await retrying(s, url, () => textAttempt(s, url, limit), tell)),
      mirror,
    });
    return list.length === 1 ? one(list[0] ?? '', 0) : eachMirror(s, list, one, tell);
  });
}
