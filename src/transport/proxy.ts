// The proxy a request goes through, from the variables curl and the GitHub toolkit read (lowercase
// first), in the environment the caller passes: the CLI and the tests each pass their own. These
// variables hold credentials, so a message only ever shows the proxy as scheme://host:port.
//
// The tunnel is opened here rather than by undici's ProxyAgent/EnvHttpProxyAgent because those
// read proxies from process.env (or take one fixed proxy), print an "experimental" warning on
// stderr, and turn the proxy's answer to the CONNECT into a bare "Proxy response !== 200": a 407's
// Proxy-Authenticate header (NTLM? Basic?) and the status a user needs are lost.

import type { Duplex } from 'node:stream';
import { Client, type Dispatcher } from 'undici';
import { TransportError, NODE_EXTRA_CA_ADVICE, UNTRUSTED, httpStatus, reading } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** `variable`: the one the proxy came from, as spelt (https_proxy, ALL_PROXY...), for advice. */
export type ProxyRoute = { display: string; variable: string; authorization?: string };

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** NO_PROXY entries: a host, .domain or *.domain (suffix), host:port, or * for everything. */
function bypassed(target: URL, env: Env): boolean {
  const list = (env.no_proxy || env.NO_PROXY || '').toLowerCase();
  const host = target.hostname.toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return list.split(/[,\s]/).some((entry) => {
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = m?.[1] ?? entry;
    if (m && Number(m[2]) !== port) return false;
    return /^[.*]/.test(name) ? host.endsWith(name.replace(/^\*/, '')) : host === name;
  });
}

/**
 * The proxy for `target`, or undefined to connect directly. Throws a 'config' TransportError
 * when the variable that applies cannot be used (not a URL, or a SOCKS proxy).
 */
export function proxyFor(target: URL, env: Env): ProxyRoute | undefined {
  // A proxy cannot reach this machine's loopback (its own 127.0.0.1 is itself), so a local
  // mirror is always asked directly, as @actions/http-client does.
  if (isLoopbackHost(target.hostname) || bypassed(target, env)) return undefined;
  const scheme = target.protocol.replace(/:$/, '');
  const variable = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY'].find((k) => env[k]);
  if (!variable) return undefined;
  const value = (env[variable] ?? '').trim();
  // Without a scheme, a proxy is plain HTTP (curl's reading), not the target's scheme.
  const raw = value.includes('://') ? value : `http://${value}`;
  // The value is not echoed: it may hold a password.
  const unusable = (why: string): TransportError => new TransportError('config', `${variable} ${why}`, target.href);
  if (!URL.canParse(raw)) throw unusable('is set but is not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT.');
  const url = new URL(raw);
  const display = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw unusable(
      `names a ${url.protocol.replace(/:$/, '')} proxy (${display}); blender-harness speaks only to http:// and https:// proxies. Point ${variable} at an HTTP proxy, or add the host to NO_PROXY.`,
    );
  }
  const route: ProxyRoute = { display, variable };
  if (url.username || url.password) {
    const decode = (v: string): string => {
      try {
        return decodeURIComponent(v);
      } catch {
        return v; // not percent-encoded after all: taken as written
      }
    };
    route.authorization = `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
  }
  return route;
}

/** Why connecting to the proxy, or asking it for the tunnel, failed. */
function proxyConnectFailure(url: string, route: ProxyRoute, e: unknown, timeoutMs: number): TransportError {
  const proxy = `the proxy ${route.display} (from ${route.variable})`;
  const [code, kind, retry, text, viaProxy] = reading(e, timeoutMs);
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    const advice = `${route.variable} says https://, but most proxies speak plain HTTP: try http:// in it.`;
    return new TransportError('proxy', `the TLS handshake with ${proxy} failed (${code})`, url, { advice });
  }
  if (UNTRUSTED.test(code)) {
    const message = `${proxy} presented a certificate this machine does not trust (${code})`;
    return new TransportError('proxy', message, url, { advice: NODE_EXTRA_CA_ADVICE });
  }
  const message =
    kind === 'timeout' ? `${proxy} ${text}` : (viaProxy?.replace('$p', proxy) ?? `the connection to ${proxy} failed: ${text}`);
  const advice = `Check ${route.variable} (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.`;
  return new TransportError('proxy', message, url, { advice, retry });
}

/** A 407: the proxy (ours, or one in the way that nobody configured) wants credentials. */
export function proxyAuthFailure(url: string, route: ProxyRoute | undefined, challenge: string | undefined): TransportError {
  // Scheme names in Proxy-Authenticate: tokens not followed by '=' (those are parameters).
  const schemes = [...(challenge ?? '').matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map((m) => (m[1] ?? '').toLowerCase());
  const fail = (text: string, advice: string): TransportError => new TransportError('proxy', text, url, { advice, status: 407 });
  const who = route ? `the proxy ${route.display}` : 'a proxy on the way';
  if (schemes.length > 0 && !schemes.includes('basic')) {
    const advice =
      'Only Basic proxy authentication is supported: use a proxy (or a local relay such as cntlm or px) that accepts a user name and password.';
    return fail(`${who} wants ${schemes.join('/')} authentication (HTTP 407), which blender-harness cannot do`, advice);
  }
  const required = `(${httpStatus(407)[0]})`;
  if (route?.authorization) {
    const advice = `Check the user name and password in ${route.variable} (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).`;
    return fail(`${who} refused the credentials in ${route.variable} ${required}`, advice);
  }
  const where = route ? `Put the credentials in the proxy URL: ${route.variable}=` : 'Name it with its credentials in HTTPS_PROXY: ';
  return fail(`${who} wants authentication ${required}`, `${where}http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).`);
}

/** A CONNECT tunnel to `target` through `route`; any failure is a TransportError about the proxy. */
export async function openTunnel(route: ProxyRoute, target: URL, timeoutMs: number, signal?: AbortSignal): Promise<Duplex> {
  const authority = `${target.hostname}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`;
  // A proxy that accepts the connection and then says nothing would hold the request (and the
  // process) forever: the CONNECT gets the same clock as any answer, and undici closes the socket.
  const client = new Client(route.display, { connect: { timeout: timeoutMs }, headersTimeout: timeoutMs });
  try {
    const auth = route.authorization ? { 'proxy-authorization': route.authorization } : {};
    // undici honours a request's signal only once it has a socket: until then, this one closes the tunnel.
    const answer: Dispatcher.ConnectData = await client.connect({ path: authority, headers: { host: authority, ...auth }, signal });
    const status = answer.statusCode;
    if (status === 200) return answer.socket;
    // Anything else is the proxy's answer, never the server's.
    answer.socket.destroy();
    const challenge = answer.headers['proxy-authenticate'];
    if (status === 407) throw proxyAuthFailure(target.href, route, Array.isArray(challenge) ? challenge.join(', ') : challenge);
    // 5xx, 408 and 429 are the proxy failing to reach the host, which may pass.
    const [reason, retry] = httpStatus(status);
    const advice = retry
      ? `The proxy could not reach ${target.hostname}; retry later, or add a mirror it can reach.`
      : `The proxy does not allow ${target.hostname} (HTTP ${status}); ask its administrators, add a mirror it allows, or add the host to NO_PROXY if it can be reached directly.`;
    const text = `the proxy ${route.display} would not open a tunnel to ${target.host} (${reason})`;
    throw new TransportError('proxy', text, target.href, { advice, retry, status });
  } catch (e) {
    throw e instanceof TransportError ? e : proxyConnectFailure(target.href, route, e, timeoutMs);
  } finally {
    // The tunnel's socket now belongs to the caller; the client only held it for the CONNECT.
    void client.close().catch(() => undefined);
  }
}
