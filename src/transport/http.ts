// Requests, retries and small text resources. One retry loop serves text and files alike; it is
// ours rather than undici's RetryAgent because a download must see each failure (to restart its
// hash when a server ignores Range, and to say why it is slow), and RetryHandler resumes with a
// bounded Range and gives up on a server that answers a resumption with the whole file.

import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { TransportError, NODE_EXTRA_CA_ADVICE, UNTRUSTED, httpStatus, reading } from './errors.js';
import { isLoopbackHost, openTunnel, proxyAuthFailure, proxyFor, type Env } from './proxy.js';

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

/** A fetch in progress: its options, the environment its proxies come from, and its dispatcher. */
export type Session = FetchOptions & { env: Env; dispatcher: Dispatcher };

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
  const ray = header(headers, 'cf-ray');
  const cloudflare = ray !== undefined || /cloudflare/i.test(header(headers, 'server') ?? '');
  const markers =
    /cdn-cgi\/challenge-platform|window\._cf_chl_opt|cf-chl-|<title>Just a moment\.\.\.<\/title>|Attention Required! \| Cloudflare|Checking your browser before accessing/i;
  if (header(headers, 'cf-mitigated') !== 'challenge' && !(markers.test(body) && (cloudflare || [403, 429, 503].includes(status))))
    return undefined;
  return (
    `answered with a Cloudflare challenge page (HTTP ${status}${ray ? `, cf-ray ${ray}` : ''}) instead of the file: ` +
    'the CDN asks for a browser check that a script cannot pass. It usually clears after some minutes'
  );
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (/^\s*\d+\s*$/.test(value ?? '')) return Number(value) * 1000;
  const t = Date.parse(value ?? '');
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, retryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Jitter spreads a matrix of jobs that all failed at once, so they do not retry in lockstep.
  return Math.round(exp * (0.5 + random() * 0.5));
}

/**
 * Runs `run` with a dispatcher of its own: timeouts on connecting, on the answer and on each gap in
 * the body, and per host a direct connection or a tunnel through the proxy. It is closed after
 * `run`, with every socket it opened: a pooled socket would keep the CLI alive.
 */
export async function withSession<T>(o: FetchOptions, run: (s: Session) => Promise<T>): Promise<T> {
  const env = o.env ?? process.env;
  const timeoutMs = o.retry.timeoutMs;
  const direct = buildConnector({ timeout: timeoutMs });
  const connect = (opts: buildConnector.Options, done: buildConnector.Callback): void => {
    const target = new URL(`${opts.protocol}//${opts.hostname}${opts.port ? `:${opts.port}` : ''}/`);
    // Cannot throw: get() asked the same question of the same host before making the request.
    const route = proxyFor(target, env);
    if (!route) return direct(opts, done);
    openTunnel(route, target, timeoutMs, o.signal).then(
      (socket) => (opts.protocol === 'https:' ? direct({ ...opts, httpSocket: socket as Socket }, done) : done(null, socket as Socket)),
      (e: Error) => done(e, null),
    );
  };
  // No redirects here: the caller follows them itself, to know the URL that finally answered.
  const agent = new Agent({ connect, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxRedirections: 0 });
  try {
    return await run({ ...o, env, dispatcher: agent });
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

/** The one translator: anything a request threw, as a TransportError about `url`; `proxy`: the one it went through. */
export function fail(s: Session, e: unknown, url: string, proxy?: string): TransportError {
  // Once cancelled, whatever broke broke because of it.
  if (s.signal?.aborted)
    return e instanceof TransportError && e.kind === 'aborted' ? e : new TransportError('aborted', 'The transfer was cancelled.', url);
  // Failures raised while connecting know the host, not the URL that wanted it.
  if (e instanceof TransportError) return e.url === url ? e : e.with({ url });
  const [code, kind, retry, text] = reading(e, s.retry.timeoutMs);
  // An untrusted certificate behind a proxy is most likely the proxy's own, not the server's.
  if (proxy && UNTRUSTED.test(code)) {
    return new TransportError(kind, `${text} through the proxy ${proxy}`, url, { advice: NODE_EXTRA_CA_ADVICE, cause: e });
  }
  return new TransportError(kind, text, url, { retry, cause: e });
}

/**
 * One GET. Resolves once headers arrive; the caller consumes the body. Redirects are followed
 * here rather than by undici's interceptor: each hop must pass the scheme check, and a listing's
 * links resolve against the URL that finally answered, which the interceptor does not report.
 */
export async function get(s: Session, url: string, extra: Record<string, string> = {}): Promise<Reply> {
  let current = new URL(url);
  for (let hops = 0; ; hops++) {
    // Plain http only for this machine: over the network anyone on the path could swap the build.
    const plain = current.protocol === 'http:';
    if (current.protocol !== 'https:' && !(plain && isLoopbackHost(current.hostname))) {
      const why = plain ? 'uses plain http; use https (plain http is accepted only for 127.0.0.1/localhost)' : 'is not an http(s) URL';
      throw new TransportError('unsafe', `URL ${current.href} ${why}.`, current.href);
    }
    // Asked again on each hop: NO_PROXY may treat the new host differently.
    const route = proxyFor(current, s.env);
    const r = await s.dispatcher
      .request({
        origin: current.origin,
        path: `${current.pathname}${current.search}`,
        method: 'GET',
        headers: { 'user-agent': s.userAgent, accept: '*/*', 'accept-encoding': 'identity', ...extra },
        signal: s.signal ?? null,
        // Bigger than the 64 KiB default: fewer pauses of the socket while a download is written.
        highWaterMark: 1 << 20,
      })
      .catch((e: unknown) => Promise.reject(fail(s, e, url, route?.display)));
    const location = header(r.headers, 'location');
    if (r.statusCode < 300 || r.statusCode >= 400 || r.statusCode === 304 || !location) {
      return { url: current.href, status: r.statusCode, headers: r.headers, body: r.body };
    }
    await r.body.dump();
    if (hops >= 5 || !URL.canParse(location, current.href)) {
      const text = hops >= 5 ? `too many redirects (last to ${location})` : `redirect to an invalid URL ${location}`;
      throw new TransportError('status', text, url, { status: r.statusCode });
    }
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
  const [reason, retry] = httpStatus(res.status);
  const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
  return new TransportError('status', reason, res.url, { retry, status: res.status, retryAfterMs });
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of retries; waits between tries
 * with backoff or the server's Retry-After (capped). `s.onRetry` hears why each retry happens.
 */
export async function retrying<T>(s: Session, url: string, attempt: () => Promise<T>, from = (): string => ''): Promise<T> {
  const policy = s.retry;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const f = fail(s, e, url);
      if (f.fatal || !f.retry || n >= policy.retries) throw n > 0 ? f.with({ attempts: n + 1 }) : f;
      const delay = backoffDelay(n, policy, f.retryAfterMs);
      s.onRetry?.(`${url}: ${f.message}; retrying in ${(delay / 1000).toFixed(1)} s${from()} (attempt ${n + 2} of ${policy.retries + 1})`);
      // Rejects when cancelled, which fail() reads as 'aborted'.
      await sleep(delay, undefined, { signal: s.signal }).catch((e: unknown) => Promise.reject(fail(s, e, url)));
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

/**
 * GET a small text resource (a listing, a checksum file, the daily JSON) from the first of `urls`
 * that answers, with retries on transient failures. 404 and 410 come back as results, not
 * errors: "this does not exist" is an answer. With one URL, its failure is thrown as it is.
 */
export async function fetchText(urls: string | readonly string[], o: FetchOptions, limit = 16 * 1024 * 1024): Promise<TextResult> {
  const list = typeof urls === 'string' ? [urls] : urls;
  return withSession(o, async (s) => {
    const attempt = async (url: string): Promise<Omit<TextResult, 'mirror'>> => {
      const res = await get(s, url);
      if (res.status === 404 || res.status === 410) return { url: res.url, status: res.status, text: await res.body.dump().then(() => '') };
      if (res.status < 200 || res.status >= 300) throw await failureFromResponse(res);
      // No Content-Length check: undici fails a body that ends short of it, and that is retried.
      const text = await readText(res.body, limit);
      const challenge = detectChallenge(res.status, res.headers, text);
      if (challenge) throw new TransportError('challenge', challenge, url, { status: res.status });
      return { url: res.url, status: res.status, text };
    };
    const one = async (url: string, mirror: number): Promise<TextResult> => ({ ...(await retrying(s, url, () => attempt(url))), mirror });
    return list.length === 1 ? one(list[0] ?? '', 0) : eachMirror(s, list, one, s.onRetry);
  });
}
