// The proxy a request goes through, from the variables curl and the GitHub toolkit read
// (https_proxy/HTTPS_PROXY, http_proxy/HTTP_PROXY, all_proxy/ALL_PROXY, NO_PROXY; lowercase
// first), taken from the environment the caller passes rather than process.env, so the CLI and
// the tests can each pass their own. Proxy credentials live in these variables, so nothing here
// lets them reach a message: the proxy is always shown as scheme://host:port.

import { STATUS_CODES } from 'node:http';
import { TransportError, NODE_EXTRA_CA_ADVICE, errnoCode, errorText, isUntrustedCertificate } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProxyRoute {
  /** scheme://host:port, without credentials: the only form of the proxy any message shows. */
  display: string;
  /** The variable the proxy came from, as set (HTTPS_PROXY, https_proxy, ALL_PROXY...), for advice. */
  variable: string;
  /** The `Proxy-Authorization` value, when the proxy URL carries credentials. */
  authorization?: string;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** NO_PROXY entries: a host, .domain or *.domain (suffix), host:port, or * for everything. */
function bypassed(target: URL, env: Env): boolean {
  const list = (env.no_proxy || env.NO_PROXY || '').toLowerCase();
  if (list.trim() === '*') return true;
  const host = target.hostname.toLowerCase();
  const port = Number(target.port) || defaultPort(target.protocol);
  return list.split(/[,\s]/).some((entry) => {
    if (!entry) return false;
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = m?.[1] ?? entry;
    if (m && Number(m[2]) !== port) return false;
    return /^[.*]/.test(name) ? host.endsWith(name.replace(/^\*/, '')) : host === name;
  });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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
  let url: URL;
  try {
    // Without a scheme, a proxy is plain HTTP (curl's reading), not the target's scheme.
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    // The value is not echoed: it may hold a password.
    throw new TransportError('config', `${variable} is set but is not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT.`, target.href);
  }
  const display = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TransportError(
      'config',
      `${variable} names a ${url.protocol.replace(/:$/, '')} proxy (${display}); blender-harness speaks only to http:// and https:// proxies. Point ${variable} at an HTTP proxy, or add the host to NO_PROXY.`,
      target.href,
    );
  }
  const route: ProxyRoute = { display, variable };
  if (url.username || url.password) {
    route.authorization = `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
  }
  return route;
}

function proxyFailure(url: string, text: string, advice: string, retry: boolean, status?: number): TransportError {
  return new TransportError('proxy', text, url, { advice, retry, ...(status === undefined ? {} : { status }) });
}

/** Why connecting to the proxy, or asking it for the tunnel, failed. */
export function proxyConnectFailure(url: string, route: ProxyRoute, e: unknown): TransportError {
  const code = errnoCode(e);
  const advice = `Check ${route.variable} (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.`;
  const proxy = `the proxy ${route.display} (from ${route.variable})`;
  switch (code) {
    case 'ECONNREFUSED':
      return proxyFailure(url, `could not connect to ${proxy}: connection refused`, advice, false);
    case 'ENOTFOUND':
      return proxyFailure(url, `could not find the host of ${proxy} (DNS)`, advice, false);
    case 'EAI_AGAIN':
      return proxyFailure(url, `could not look up the host of ${proxy} (DNS failed temporarily)`, advice, true);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return proxyFailure(url, `${proxy} timed out (${errorText(e)})`, advice, true);
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return proxyFailure(
        url,
        `the TLS handshake with ${proxy} failed (${code})`,
        `${route.variable} says https://, but most proxies speak plain HTTP: try http:// in it.`,
        false,
      );
    default:
      if (isUntrustedCertificate(e)) {
        return proxyFailure(url, `${proxy} presented a certificate this machine does not trust (${code})`, NODE_EXTRA_CA_ADVICE, false);
      }
      return proxyFailure(url, `the connection to ${proxy} failed: ${errorText(e)}${code ? ` (${code})` : ''}`, advice, true);
  }
}

/** A 407: the proxy (ours, or one in the way that nobody configured) wants credentials. */
export function proxyAuthFailure(url: string, route: ProxyRoute | undefined, challenge: string | undefined): TransportError {
  // Scheme names in Proxy-Authenticate: tokens not followed by '=' (those are parameters).
  const schemes = [...(challenge ?? '').matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map((m) => (m[1] ?? '').toLowerCase());
  const fail = (text: string, advice: string): TransportError => proxyFailure(url, text, advice, false, 407);
  if (schemes.length > 0 && !schemes.includes('basic')) {
    return fail(
      `${route ? `the proxy ${route.display}` : 'a proxy'} wants ${schemes.join('/')} authentication (HTTP 407), which blender-harness cannot do`,
      'Only Basic proxy authentication is supported: use a proxy (or a local relay such as cntlm or px) that accepts a user name and password.',
    );
  }
  if (!route) {
    return fail(
      'a proxy on the way wants authentication (HTTP 407 Proxy Authentication Required)',
      'Name it with its credentials in HTTPS_PROXY: http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).',
    );
  }
  if (route.authorization) {
    return fail(
      `the proxy ${route.display} refused the credentials in ${route.variable} (HTTP 407 Proxy Authentication Required)`,
      `Check the user name and password in ${route.variable} (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).`,
    );
  }
  return fail(
    `the proxy ${route.display} wants authentication (HTTP 407 Proxy Authentication Required)`,
    `Put the credentials in the proxy URL: ${route.variable}=http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).`,
  );
}

/** The proxy answered the CONNECT with something other than 200: its answer, never the server's. */
export function tunnelRefused(target: URL, route: ProxyRoute, status: number, challenge: string | undefined): TransportError {
  const url = target.href;
  if (status === 407) return proxyAuthFailure(url, route, challenge);
  const host = target;
  // 5xx, 408 and 429 are the proxy failing to reach the host, which may pass.
  const transient = status >= 500 || status === 408 || status === 429;
  return proxyFailure(
    url,
    `the proxy ${route.display} would not open a tunnel to ${host.host} (HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''})`,
    transient
      ? `The proxy could not reach ${host.hostname}; retry later, or add a mirror it can reach (--mirror URL).`
      : `The proxy does not allow ${host.hostname} (HTTP ${status}); ask its administrators, add a mirror it allows (--mirror URL), or add the host to NO_PROXY if it can be reached directly.`,
    transient,
    status,
  );
}
