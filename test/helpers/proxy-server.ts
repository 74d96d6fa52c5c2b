// A local forward proxy, the kind HTTPS_PROXY names on a corporate network: it opens CONNECT
// tunnels and forwards absolute-URI requests, records which hosts it was asked for, can demand
// Basic credentials (407), and can hang without answering. `map` sends a hostname somewhere
// else, so a URL on a name that does not resolve (blender-release.invalid) reaches a local
// server only if the request really went through the proxy. `startTlsFront` puts TLS with a
// throwaway certificate in front of a local plain-HTTP server, for https URLs on such names.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { execa } from 'execa';

export interface ProxyRecord {
  method: string;
  /** host:port the client asked for (CONNECT target, or the absolute URI's host). */
  target: string;
  status: number;
  /** The Proxy-Authorization header, decoded (user:password), if any. */
  credentials?: string;
}

export interface ProxyServerOptions {
  /** hostname -> "host:port" to connect to instead (the port asked for is ignored). */
  map?: Record<string, string>;
  /** Demand these Basic credentials; anything else gets 407. */
  auth?: { user: string; password: string };
  /** The Proxy-Authenticate header of a 407 (default: Basic). */
  authenticate?: string;
  /** Accept connections and requests, and never answer. */
  silent?: boolean;
}

export interface ProxyServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The same URL with credentials in it (percent-encoded). */
  urlWith(user: string, password: string): string;
  requests: ProxyRecord[];
  /** Hosts asked for, in order, without ports. */
  hosts(): string[];
  /** Client connections still open. */
  openConnections(): number;
  resetLog(): void;
  close(): Promise<void>;
}

function targetOf(hostPort: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(hostPort);
  if (!m) return { host: hostPort, port: 443 };
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const requests: ProxyRecord[] = [];
  const clients = new Set<Socket>();
  const upstreams = new Set<Socket>();

  const credentialsOf = (req: IncomingMessage): string | undefined => {
    const h = req.headers['proxy-authorization'];
    const m = typeof h === 'string' ? /^Basic (.+)$/i.exec(h) : null;
    return m ? Buffer.from(m[1] ?? '', 'base64').toString('utf8') : undefined;
  };
  const authorized = (credentials: string | undefined): boolean =>
    !options.auth || credentials === `${options.auth.user}:${options.auth.password}`;
  const destination = (host: string, port: number): { host: string; port: number } => {
    const mapped = options.map?.[host];
    return mapped ? targetOf(mapped) : { host, port };
  };
  const authenticate = options.authenticate ?? 'Basic realm="test proxy"';
  const record = (method: string, target: string, credentials: string | undefined): ProxyRecord => {
    const r: ProxyRecord = { method, target, status: 0 };
    if (credentials !== undefined) r.credentials = credentials;
    requests.push(r);
    return r;
  };

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    // Absolute-URI requests: plain http through the proxy.
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('not a proxy request');
      return;
    }
    const r = record(req.method ?? 'GET', url.host, credentialsOf(req));
    if (options.silent) return;
    if (!authorized(r.credentials)) {
      r.status = 407;
      res.writeHead(407, { 'Proxy-Authenticate': authenticate, 'Content-Length': '0' }).end();
      return;
    }
    const to = destination(url.hostname, Number(url.port) || 80);
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: url.host };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = http.request(
      { host: to.host, port: to.port, method: req.method, path: `${url.pathname}${url.search}`, headers },
      (upRes) => {
        r.status = upRes.statusCode ?? 0;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => {
      r.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Length': '0' });
      res.end();
    });
    req.pipe(up);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const r = record('CONNECT', req.url ?? '', credentialsOf(req));
    if (options.silent) {
      // http.Server keeps sockets half-open; close this one when the client goes.
      client.on('end', () => client.destroy());
      return;
    }
    if (!authorized(r.credentials)) {
      r.status = 407;
      client.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${authenticate}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    const asked = targetOf(req.url ?? '');
    const to = destination(asked.host, asked.port);
    const up = net.connect(to.port, to.host);
    upstreams.add(up);
    up.on('close', () => upstreams.delete(up));
    up.once('connect', () => {
      r.status = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => {
      if (r.status === 0) {
        r.status = 502;
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      } else client.destroy();
    });
    client.on('error', () => up.destroy());
    client.on('close', () => up.destroy());
  });

  server.on('connection', (s: Socket) => {
    clients.add(s);
    s.on('close', () => clients.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    urlWith: (user, password) => `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    requests,
    hosts: () => requests.map((r) => targetOf(r.target).host),
    openConnections: () => clients.size,
    resetLog: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of [...clients, ...upstreams]) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---- TLS for names that do not resolve ----

export interface TestCertificate {
  /** PEM files: the certificate doubles as its own CA (for NODE_EXTRA_CA_CERTS). */
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  dispose(): Promise<void>;
}

/** A self-signed certificate for `hostname`, made with the openssl command. */
export async function makeTestCertificate(hostname: string): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'bh-cert-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  await execa('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${hostname}`,
    '-addext',
    `subjectAltName=DNS:${hostname}`,
  ]);
  return {
    certFile,
    keyFile,
    cert: await readFile(certFile, 'utf8'),
    key: await readFile(keyFile, 'utf8'),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface TlsFront {
  /** "127.0.0.1:PORT", for a proxy's `map`. */
  address: string;
  close(): Promise<void>;
}

/** Terminates TLS with `cert` and passes the plain bytes to a local HTTP server on `targetPort`. */
export async function startTlsFront(cert: TestCertificate, targetPort: number): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  const server = tls.createServer({ cert: cert.cert, key: cert.key }, (s) => {
    const up = net.connect(targetPort, '127.0.0.1');
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    s.pipe(up).pipe(s);
    s.on('error', () => up.destroy());
    up.on('error', () => s.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
