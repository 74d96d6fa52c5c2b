// The proxy a download goes through, taken from the variables curl and the GitHub toolkit read
// (https_proxy/HTTPS_PROXY, http_proxy/HTTP_PROXY, all_proxy/ALL_PROXY, NO_PROXY; lowercase
// first), so a self-hosted runner behind a corporate proxy installs Blender with the settings it
// already has. proxy-from-env decides whether a URL is proxied; https-proxy-agent opens the
// CONNECT tunnel. Proxy credentials live in these variables, so nothing here lets them reach a
// message: the proxy is always shown as scheme://host:port.

import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { InstallError, errnoCode, errorText } from './errors.js';
import { isLoopbackHost } from './spec.js';

export interface ProxyRoute {
  /** scheme://host:port, without credentials: the only form of the proxy any message shows. */
  display: string;
  /** The variable the proxy came from, as set (HTTPS_PROXY, https_proxy, ALL_PROXY...), for advice. */
  variable: string;
  /** The `Proxy-Authorization` value, when the proxy URL carries credentials. */
  authorization?: string;
}

/** A failure to explain, in the shape http.ts turns into an HttpFailure. */
export interface ProxyProblem {
  text: string;
  advice: string;
  retry: boolean;
}

function proxyVariables(protocol: string): string[] {
  const scheme = protocol.replace(/:$/, '');
  // The order proxy-from-env reads them in, so the name we quote is the one that was used.
  return [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY'];
}

function askProxyFromEnv(target: URL, env: NodeJS.ProcessEnv): string {
  if (env === process.env) return getProxyForUrl(target);
  // proxy-from-env reads process.env only, while the install stage takes its environment as a
  // parameter (the CLI and the tests pass their own). The call is synchronous, so lending it
  // `env` for its duration cannot be seen by anything else.
  const own = process.env;
  process.env = env;
  try {
    return getProxyForUrl(target);
  } finally {
    process.env = own;
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The proxy for `target`, or undefined to connect directly. Throws InstallError when the
 * variable that applies cannot be used (not a URL, or a SOCKS proxy).
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): ProxyRoute | undefined {
  // A proxy cannot reach this machine's loopback (its own 127.0.0.1 is itself), so a local
  // mirror is always asked directly, as @actions/http-client does. Plain http is accepted only
  // for loopback (checkUrlScheme), so in practice only https URLs are ever proxied (were that
  // to change, the CONNECT tunnel carries plain http too).
  if (isLoopbackHost(target.hostname)) return undefined;
  if (!askProxyFromEnv(target, env)) return undefined;
  const variable = proxyVariables(target.protocol).find((k) => env[k]) ?? 'HTTPS_PROXY';
  const value = (env[variable] ?? '').trim();
  let url: URL;
  try {
    // Without a scheme, a proxy is plain HTTP (curl's reading). proxy-from-env would borrow the
    // target's scheme instead and try TLS with a proxy that does not speak it.
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    // The value is not echoed: it may hold a password.
    throw new InstallError('NETWORK', `${variable} is set but is not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT.`);
  }
  const display = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InstallError(
      'NETWORK',
      `${variable} names a ${url.protocol.replace(/:$/, '')} proxy (${display}); blender-harness speaks only to http:// and https:// proxies. Point ${variable} at an HTTP proxy, or add the host to NO_PROXY.`,
    );
  }
  const route: ProxyRoute = { display, variable };
  if (url.username || url.password) {
    route.authorization = `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
  }
  return route;
}

/**
 * An agent that tunnels one request through the proxy. It is given the proxy without its
 * credentials (they travel in the header), so even https-proxy-agent's DEBUG output cannot
 * print them. Aborting `signal` destroys the socket to the proxy: a proxy that never answers
 * the CONNECT would otherwise hold that socket, and the process, open.
 */
export function proxyAgent(route: ProxyRoute, signal: AbortSignal): Agent {
  return new HttpsProxyAgent(route.display, {
    headers: route.authorization ? { 'Proxy-Authorization': route.authorization } : {},
    // No pooled sockets, as for direct requests: an idle one would keep the CLI alive.
    keepAlive: false,
    signal,
  });
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

function checkAdvice(route: ProxyRoute): string {
  return `Check ${route.variable} (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.`;
}

/** Why connecting to the proxy, or opening the tunnel through it, failed. */
export function proxyConnectProblem(route: ProxyRoute, e: unknown): ProxyProblem {
  const code = errnoCode(e);
  const advice = checkAdvice(route);
  const proxy = `the proxy ${route.display} (from ${route.variable})`;
  switch (code) {
    case 'ECONNREFUSED':
      return { text: `could not connect to ${proxy}: connection refused`, advice, retry: false };
    case 'ENOTFOUND':
      return { text: `could not find the host of ${proxy} (DNS)`, advice, retry: false };
    case 'EAI_AGAIN':
      return { text: `could not look up the host of ${proxy} (DNS failed temporarily)`, advice, retry: true };
    case 'ETIMEDOUT':
      return { text: `${proxy} timed out (${errorText(e)})`, advice, retry: true };
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return {
        text: `the TLS handshake with ${proxy} failed (${code})`,
        advice: `${route.variable} says https://, but most proxies speak plain HTTP: try http:// in it.`,
        retry: false,
      };
    default:
      if (isUntrustedCertificate(e)) {
        return { text: `${proxy} presented a certificate this machine does not trust (${code})`, advice: NODE_EXTRA_CA_ADVICE, retry: false };
      }
      return { text: `the connection to ${proxy} failed: ${errorText(e)}${code ? ` (${code})` : ''}`, advice, retry: true };
  }
}

export const NODE_EXTRA_CA_ADVICE =
  'A proxy that inspects TLS re-signs what it forwards with its own certificate authority: point NODE_EXTRA_CA_CERTS at that CA certificate (a PEM file) in the environment blender-harness starts in.';

/** A 407: the proxy (ours, or one in the way that nobody configured) wants credentials. */
export function proxyAuthProblem(route: ProxyRoute | undefined, challenge: string | undefined): ProxyProblem {
  // Scheme names in Proxy-Authenticate: tokens not followed by '=' (those are parameters).
  const schemes = [...(challenge ?? '').matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map((m) => (m[1] ?? '').toLowerCase());
  if (schemes.length > 0 && !schemes.includes('basic')) {
    return {
      text: `${route ? `the proxy ${route.display}` : 'a proxy'} wants ${schemes.join('/')} authentication (HTTP 407), which blender-harness cannot do`,
      advice: 'Only Basic proxy authentication is supported: use a proxy (or a local relay such as cntlm or px) that accepts a user name and password.',
      retry: false,
    };
  }
  if (!route) {
    return {
      text: 'a proxy on the way wants authentication (HTTP 407 Proxy Authentication Required)',
      advice: 'Name it with its credentials in HTTPS_PROXY: http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).',
      retry: false,
    };
  }
  if (route.authorization) {
    return {
      text: `the proxy ${route.display} refused the credentials in ${route.variable} (HTTP 407 Proxy Authentication Required)`,
      advice: `Check the user name and password in ${route.variable} (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).`,
      retry: false,
    };
  }
  return {
    text: `the proxy ${route.display} wants authentication (HTTP 407 Proxy Authentication Required)`,
    advice: `Put the credentials in the proxy URL: ${route.variable}=http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).`,
    retry: false,
  };
}

/** The proxy answered the CONNECT with something other than 200 (and other than 407). */
export function tunnelRefusedProblem(route: ProxyRoute, target: URL, status: number, reason: string, transient: boolean): ProxyProblem {
  return {
    text: `the proxy ${route.display} would not open a tunnel to ${target.host} (${reason})`,
    advice: transient
      ? `The proxy could not reach ${target.hostname}; retry later, or add a mirror it can reach (--mirror URL).`
      : `The proxy does not allow ${target.hostname} (HTTP ${status}); ask its administrators, add a mirror it allows (--mirror URL), or add the host to NO_PROXY if it can be reached directly.`,
    retry: transient,
  };
}
