// The one undici dispatcher every request goes through: timeouts on connecting, on the answer and
// on each gap in the body, and a connector that picks, per host, a direct connection or a CONNECT
// tunnel through the proxy the given environment names.
//
// The tunnel is opened here rather than by undici's ProxyAgent/EnvHttpProxyAgent because those
// read proxies from process.env (or take one fixed proxy), print an "experimental" warning on
// stderr, and turn the proxy's answer to the CONNECT into a bare "Proxy response !== 200": a 407's
// Proxy-Authenticate header (NTLM? Basic?) and the status a user needs are lost.

import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Agent, Client, buildConnector, type Dispatcher } from 'undici';
import { TransportError } from './errors.js';
import { proxyConnectFailure, proxyFor, tunnelRefused, type Env, type ProxyRoute } from './proxy.js';

/** `signal`: undici honours a request's signal only once it has a socket; until then, this closes the tunnels. */
export type DispatcherOptions = { env: Env; timeoutMs: number; signal?: AbortSignal | undefined };

/** A dispatcher for one fetch; `close` drops every socket it opened, tunnels half-open included. */
export type OwnedDispatcher = { dispatcher: Dispatcher; close(): Promise<void> };

type Connect = (opts: buildConnector.Options, done: buildConnector.Callback) => void;

async function openTunnel(route: ProxyRoute, target: URL, o: DispatcherOptions, live: Set<Client>): Promise<Duplex> {
  const authority = `${target.hostname}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`;
  const client = new Client(route.display, { connect: { timeout: o.timeoutMs } });
  live.add(client);
  // A proxy that accepts the connection and then says nothing would hold the request (and the
  // process) forever: the CONNECT gets a clock of its own, and the clock closes the socket.
  let timedOut = false;
  const clock = setTimeout(() => {
    timedOut = true;
    void client.destroy();
  }, o.timeoutMs);
  try {
    const auth = route.authorization ? { 'proxy-authorization': route.authorization } : {};
    const answer: Dispatcher.ConnectData = await client.connect({ path: authority, headers: { host: authority, ...auth } });
    if (answer.statusCode !== 200) {
      answer.socket.destroy();
      const challenge = answer.headers['proxy-authenticate'];
      throw tunnelRefused(target, route, answer.statusCode, Array.isArray(challenge) ? challenge.join(', ') : challenge);
    }
    return answer.socket;
  } catch (e) {
    if (timedOut)
      throw proxyConnectFailure(target.href, route, Object.assign(new Error(`no answer for ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    throw e instanceof TransportError ? e : proxyConnectFailure(target.href, route, e);
  } finally {
    clearTimeout(clock);
    live.delete(client);
    // The tunnel's socket now belongs to the caller; the client only held it for the CONNECT.
    void client.close().catch(() => undefined);
  }
}

export function openDispatcher(o: DispatcherOptions): OwnedDispatcher {
  const direct = buildConnector({ timeout: o.timeoutMs });
  const live = new Set<Client>();
  const connect: Connect = (opts, done) => {
    const target = new URL(`${opts.protocol}//${opts.hostname}${opts.port ? `:${opts.port}` : ''}/`);
    // Cannot throw: get() asked the same question of the same host before making the request.
    const route = proxyFor(target, o.env);
    if (!route) {
      direct(opts, done);
      return;
    }
    openTunnel(route, target, o, live).then(
      (socket) => (opts.protocol === 'https:' ? direct({ ...opts, httpSocket: socket as Socket }, done) : done(null, socket as Socket)),
      (e: Error) => done(e, null),
    );
  };
  // No redirects here: the caller follows them itself, to know the URL that finally answered.
  const agent = new Agent({ connect, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs, maxRedirections: 0 });
  const cancel = (): void => live.forEach((c) => void c.destroy().catch(() => undefined));
  o.signal?.addEventListener('abort', cancel, { once: true });
  return {
    dispatcher: agent,
    async close() {
      o.signal?.removeEventListener('abort', cancel);
      await Promise.all([...live].map((c) => c.destroy().catch(() => undefined)));
      await agent.destroy().catch(() => undefined);
    },
  };
}
