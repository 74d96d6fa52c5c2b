// The proxy a request goes through, from the variables curl and the GitHub toolkit read (lowercase
// first), in the environment the caller passes: the CLI and the tests each pass their own. These
// variables hold credentials, so a message only ever shows the proxy as scheme://host:port.

import { STATUS_CODES } from 'node:http';
import { TransportError, NODE_EXTRA_CA_ADVICE, errnoCode, errorText, isUntrustedCertificate } from './errors.js';

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
  if (list.trim() === '*') return true;
  const host = target.hostname.toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return list.split(/[,\s]/).some((entry) => {
    if (!entry) return false;
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
  if (!URL.canParse(raw))
    throw new TransportError(
      'config',
      `${variable} is set but is not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT.`,
      target.href,
    );
  const url = new URL(raw);
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

function proxyFailure(url: string, text: string, advice: string, retry: boolean, status?: number): TransportError {
  return new TransportError('proxy', text, url, { advice, retry, status });
}

/** Why connecting to the proxy, or asking it for the tunnel, failed. */
export function proxyConnectFailure(url: string, route: ProxyRoute, e: unknown): TransportError {
  const code = errnoCode(e) ?? '';
  const proxy = `the proxy ${route.display} (from ${route.variable})`;
  const fail = (text: string, retry: boolean, advice?: string): TransportError =>
    proxyFailure(
      url,
      text,
      advice ??
        `Check ${route.variable} (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.`,
      retry,
    );
  if (code === 'ECONNREFUSED') return fail(`could not connect to ${proxy}: connection refused`, false);
  if (code === 'ENOTFOUND') return fail(`could not find the host of ${proxy} (DNS)`, false);
  if (code === 'EAI_AGAIN') return fail(`could not look up the host of ${proxy} (DNS failed temporarily)`, true);
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return fail(`${proxy} timed out (${errorText(e)})`, true);
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return fail(
      `the TLS handshake with ${proxy} failed (${code})`,
      false,
      `${route.variable} says https://, but most proxies speak plain HTTP: try http:// in it.`,
    );
  }
  if (isUntrustedCertificate(e))
    return fail(`${proxy} presented a certificate this machine does not trust (${code})`, false, NODE_EXTRA_CA_ADVICE);
  return fail(`the connection to ${proxy} failed: ${errorText(e)}${code ? ` (${code})` : ''}`, true);
}

/** A 407: the proxy (ours, or one in the way that nobody configured) wants credentials. */
export function proxyAuthFailure(url: string, route: ProxyRoute | undefined, challenge: string | undefined): TransportError {
  // Scheme names in Proxy-Authenticate: tokens not followed by '=' (those are parameters).
  const schemes = [...(challenge ?? '').matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map((m) => (m[1] ?? '').toLowerCase());
  const fail = (text: string, advice: string): TransportError => proxyFailure(url, text, advice, false, 407);
  const required = '(HTTP 407 Proxy Authentication Required)';
  if (schemes.length > 0 && !schemes.includes('basic')) {
    const text = `${route ? `the proxy ${route.display}` : 'a proxy'} wants ${schemes.join('/')} authentication (HTTP 407), which blender-harness cannot do`;
    return fail(
      text,
      'Only Basic proxy authentication is supported: use a proxy (or a local relay such as cntlm or px) that accepts a user name and password.',
    );
  }
  if (!route) {
    const advice = 'Name it with its credentials in HTTPS_PROXY: http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).';
    return fail(`a proxy on the way wants authentication ${required}`, advice);
  }
  if (route.authorization) {
    const advice = `Check the user name and password in ${route.variable} (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).`;
    return fail(`the proxy ${route.display} refused the credentials in ${route.variable} ${required}`, advice);
  }
  const advice = `Put the credentials in the proxy URL: ${route.variable}=http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).`;
  return fail(`the proxy ${route.display} wants authentication ${required}`, advice);
}

/** The proxy answered the CONNECT with something other than 200: its answer, never the server's. */
export function tunnelRefused(target: URL, route: ProxyRoute, status: number, challenge: string | undefined): TransportError {
  const [url, host] = [target.href, target];
  if (status === 407) return proxyAuthFailure(url, route, challenge);
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
