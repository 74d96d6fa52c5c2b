// A local stand-in for download.blender.org: serves a folder over HTTP on 127.0.0.1 (port 0),
// renders folder listings the way nginx autoindex (or ngx-fancyindex) does, honours Range, counts
// requests, and injects the faults the install stage must survive or explain: status codes,
// resets mid-body, bodies shorter than their Content-Length, wrong checksums, Cloudflare
// challenge pages, slow answers. `buildReleaseTree` makes a release-shaped tree whose Linux
// archive holds a launcher for the real Blender on this machine.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

// ---- listings ----

export interface IndexEntry {
  name: string;
  isDir: boolean;
  size: number;
  mtime: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NAME_LEN = 50;

function escapeUri(name: string): string {
  // What nginx's NGX_ESCAPE_HTML escapes in hrefs: space, ", #, %, ', <, >, ?, controls, non-ASCII.
  return Array.from(Buffer.from(name, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return b <= 0x20 || b >= 0x7f || ' "#%\'<>?'.includes(c) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : c;
    })
    .join('');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function nginxDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * nginx autoindex, byte for byte (ngx_http_autoindex_module.c, exact sizes, UTC): directories
 * first, then names in strcmp order; names over 50 characters cut to 47 plus "..&gt;"; CRLF.
 */
export function renderNginxIndex(uri: string, entries: IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.isDir !== b.isDir ? (a.isDir ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = `<html>\r\n<head><title>Index of ${uri}</title></head>\r\n<body>\r\n<h1>Index of ${uri}</h1><hr><pre><a href="../">../</a>\r\n`;
  for (const e of sorted) {
    out += `<a href="${e.name.includes(':') ? './' : ''}${escapeUri(e.name)}${e.isDir ? '/' : ''}">`;
    let len = e.name.length;
    if (len > NAME_LEN) {
      out += `${escapeHtml(e.name.slice(0, NAME_LEN - 3))}..&gt;</a>`;
    } else {
      out += escapeHtml(e.name);
      if (e.isDir && NAME_LEN - len > 0) {
        out += '/';
        len++;
      }
      out += `</a>${' '.repeat(NAME_LEN - len)}`;
    }
    out += ` ${nginxDate(e.mtime)} ${e.isDir ? '                  -' : String(e.size).padStart(19)}\r\n`;
  }
  return `${out}</pre><hr></body>\r\n</html>\r\n`;
}

function humanSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** ngx-fancyindex's default page: a <table id="list"> with link, size and date cells. */
export function renderFancyIndex(uri: string, entries: IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.isDir !== b.isDir ? (a.isDir ? -1 : 1) : a.name.localeCompare(b.name)));
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = (d: Date): string =>
    `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  const rows = sorted.map((e) => {
    const href = `${encodeURIComponent(e.name)}${e.isDir ? '/' : ''}`;
    const title = escapeHtml(e.name);
    return `<tr><td class="link"><a href="${href}" title="${title}">${title}${e.isDir ? '/' : ''}</a></td><td class="size">${e.isDir ? '-' : humanSize(e.size)}</td><td class="date">${date(e.mtime)}</td></tr>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta name="viewport" content="width=device-width"/>',
    '<meta http-equiv="content-type" content="text/html; charset=utf-8"/>',
    '<style type="text/css">body,html{background:#fff;font-family:"Bitstream Vera Sans","Lucida Grande",Verdana,sans-serif;}table{width:100%;}</style>',
    `<title>Index of ${uri}</title>`,
    '</head>',
    '<body>',
    `<h1>Index of: ${uri}</h1>`,
    '<table id="list"><thead><tr><th style="width:55%"><a href="?C=N&amp;O=A">File Name</a>&nbsp;<a href="?C=N&amp;O=D">&nbsp;&darr;&nbsp;</a></th><th style="width:20%"><a href="?C=S&amp;O=A">File Size</a>&nbsp;<a href="?C=S&amp;O=D">&nbsp;&darr;&nbsp;</a></th><th style="width:25%"><a href="?C=M&amp;O=A">Date</a>&nbsp;<a href="?C=M&amp;O=D">&nbsp;&darr;&nbsp;</a></th></tr></thead>',
    '<tbody>',
    '<tr><td class="link"><a href="../">Parent directory/</a></td><td class="size">-</td><td class="date">-</td></tr>',
    ...rows,
    '</tbody></table>',
    '<p>Mirror provided by a local test server. Files are synced from download.blender.org every hour.</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- faults ----

export type Fault =
  | { type: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Send the headers and `afterBytes` of the body, then reset the connection (TCP RST). */
  | { type: 'reset'; afterBytes: number }
  /** Announce the full Content-Length, send `afterBytes`, close cleanly; Range is ignored. */
  | { type: 'truncate'; afterBytes: number }
  /** Answer with this body instead of the file. */
  | { type: 'body'; body: string | Buffer; status?: number; headers?: Record<string, string> }
  /** A Cloudflare managed-challenge page. */
  | { type: 'challenge'; status: 403 | 503 }
  /** Wait before answering (for timeouts). */
  | { type: 'delay'; ms: number };

interface FaultRule {
  match: string | RegExp;
  fault: Fault;
  remaining: number;
}

export const CHALLENGE_HTML = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}</style><meta http-equiv="refresh" content="390"></head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "download.blender.org",cType: 'managed',cRay: '8f2e1d0c9b8a7f6e',cH: 'x'};var cpo = document.createElement('script');cpo.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f2e1d0c9b8a7f6e';window._cf_chl_opt.cOgUHash = location.hash === '' && location.href.indexOf('#') !== -1 ? '#' : location.hash;document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>`;

// ---- the server ----

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  range?: string;
  userAgent?: string;
  fault?: Fault['type'];
}

export interface ReleaseServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  requests: RequestRecord[];
  /** Requests whose path matches (all when no filter). */
  count(match?: string | RegExp): number;
  /** Injects a fault on paths ending with `match` (or matching the RegExp), `times` times (default: always). */
  fault(match: string | RegExp, fault: Fault, times?: number): void;
  clearFaults(): void;
  resetLog(): void;
  close(): Promise<void>;
}

export interface ReleaseServerOptions {
  root: string;
  style?: 'nginx' | 'fancyindex';
}

function matches(match: string | RegExp, path: string): boolean {
  return typeof match === 'string' ? path.endsWith(match) : match.test(path);
}

function contentType(path: string): string {
  if (path.endsWith('.html')) return 'text/html';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.sha256') || path.endsWith('.md5') || path.endsWith('.txt')) return 'text/plain';
  if (path.endsWith('.xz')) return 'application/x-xz';
  if (path.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}

async function listDir(dir: string): Promise<IndexEntry[]> {
  const out: IndexEntry[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.') || d.name === 'index.html') continue;
    const s = await stat(join(dir, d.name));
    out.push({ name: d.name, isDir: s.isDirectory(), size: s.size, mtime: s.mtime });
  }
  return out;
}

export async function startReleaseServer(options: ReleaseServerOptions): Promise<ReleaseServer> {
  const requests: RequestRecord[] = [];
  let rules: FaultRule[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (path: string): Fault | undefined => {
    const rule = rules.find((r) => r.remaining > 0 && matches(r.match, path));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const record: RequestRecord = { method: req.method ?? 'GET', path, status: 0 };
    if (req.headers.range) record.range = req.headers.range;
    if (req.headers['user-agent']) record.userAgent = req.headers['user-agent'];
    requests.push(record);
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), 'Content-Type': 'text/html', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    let fault = takeFault(path);
    if (fault) record.fault = fault.type;
    if (fault?.type === 'delay') {
      await new Promise((r) => setTimeout(r, fault && fault.type === 'delay' ? fault.ms : 0));
      fault = undefined;
    }
    if (fault?.type === 'status') {
      send(
        fault.status,
        fault.body ??
          `<html><head><title>${fault.status}</title></head><body><center><h1>${fault.status} ${http.STATUS_CODES[fault.status] ?? ''}</h1></center><hr><center>nginx</center></body></html>\r\n`,
        fault.headers,
      );
      return;
    }
    if (fault?.type === 'challenge') {
      send(fault.status, CHALLENGE_HTML, {
        'Content-Type': 'text/html; charset=UTF-8',
        Server: 'cloudflare',
        'CF-RAY': '8f2e1d0c9b8a7f6e-FRA',
        'cf-mitigated': 'challenge',
        'Cache-Control': 'private, max-age=0, no-store, no-cache, must-revalidate',
      });
      return;
    }
    if (fault?.type === 'body') {
      send(fault.status ?? 200, fault.body, { 'Content-Type': contentType(path), ...fault.headers });
      return;
    }

    const rel = path.replace(/^\/+/, '');
    const file = join(options.root, ...rel.split('/').filter(Boolean));
    if (!file.startsWith(options.root) || rel.split('/').includes('..')) {
      send(400, 'bad path');
      return;
    }
    let s;
    try {
      s = await stat(file);
    } catch {
      send(
        404,
        `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      );
      return;
    }
    if (s.isDirectory()) {
      if (!path.endsWith('/')) {
        record.status = 301;
        res.writeHead(301, { Location: `${path}/`, 'Content-Length': '0' });
        res.end();
        return;
      }
      const staticIndex = await readFile(join(file, 'index.html'), 'utf8').catch(() => undefined);
      const entries = staticIndex === undefined ? await listDir(file) : [];
      const html = staticIndex ?? (options.style === 'fancyindex' ? renderFancyIndex(path, entries) : renderNginxIndex(path, entries));
      send(200, html, { 'Content-Type': 'text/html' });
      return;
    }

    const size = s.size;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && fault?.type !== 'truncate') start = Number(range[1]);
    if (start > 0 && start >= size) {
      record.status = 416;
      res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
      res.end();
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': contentType(path),
      'Content-Length': String(size - start),
      'Accept-Ranges': 'bytes',
      'Last-Modified': s.mtime.toUTCString(),
    };
    if (start > 0) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
    record.status = start > 0 ? 206 : 200;
    res.writeHead(record.status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (fault?.type === 'reset' || fault?.type === 'truncate') {
      const limit = Math.min(fault.afterBytes, size - start);
      const partial = Buffer.alloc(limit);
      const fh = await import('node:fs/promises').then((m) => m.open(file, 'r'));
      try {
        await fh.read(partial, 0, limit, start);
      } finally {
        await fh.close();
      }
      res.write(partial, () => {
        // Let the bytes leave before the connection goes, so the client sees a partial body.
        setTimeout(() => {
          if (fault?.type === 'reset') res.socket?.resetAndDestroy();
          else res.socket?.end();
        }, 20);
      });
      return;
    }
    createReadStream(file, { start }).pipe(res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    count: (match) => (match === undefined ? requests.length : requests.filter((r) => matches(match, r.path)).length),
    fault: (match, fault, times = Number.POSITIVE_INFINITY) => {
      rules.push({ match, fault, remaining: times });
    },
    clearFaults: () => {
      rules = [];
    },
    resetLog: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a mirror that is down (connection refused). */
export async function downMirrorUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/release/`;
}

// ---- release-shaped trees ----

export interface BuiltFile {
  version: string;
  fileName: string;
  path: string;
  sha256: string;
  size: number;
}

export interface ReleaseTreeOptions {
  /** Releases to build, e.g. ['4.2.2', '4.2.3']. Each gets a Linux x64 archive and a .sha256. */
  versions: string[];
  /** What the `blender` launcher inside runs. */
  blender?: string;
  /** Extra random bytes inside each archive (to make downloads take measurable time). */
  payloadBytes?: number;
  /** Also put (fake, tiny) macOS and Windows files beside the Linux one, as real folders have. */
  otherPlatforms?: boolean;
  /** Daily builds to publish under daily/ with daily.json, e.g. [{version:'4.5.4', risk:'candidate', branch:'v45'}]. */
  daily?: { version: string; risk: string; branch: string; hash?: string }[];
  /** Base URL the daily JSON's links point to (the server's URL); needed with `daily`. */
  baseUrl?: string;
  /** Build into this (existing) folder instead of a fresh temp one, e.g. a running server's root. */
  root?: string;
}

export interface ReleaseTree {
  root: string;
  files: BuiltFile[];
  daily: BuiltFile[];
}

async function sha256File(p: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(p))
    .digest('hex');
}

async function makeArchive(dest: string, topName: string, blender: string, payloadBytes: number): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bh-tree-'));
  try {
    const top = join(work, topName);
    await mkdir(join(top, 'lib'), { recursive: true });
    const launcher = join(top, 'blender');
    await writeFile(launcher, `#!/bin/sh\nexec ${blender} "$@"\n`);
    await chmod(launcher, 0o755);
    await writeFile(join(top, 'readme.html'), '<html><body>A stand-in for a Blender build.</body></html>\n');
    if (payloadBytes > 0) await writeFile(join(top, 'lib', 'payload.bin'), randomBytes(payloadBytes));
    // xz level 0: the payload is random and will not compress; a higher level only costs time.
    await execa('tar', ['-cJf', dest, '-C', work, topName], { env: { XZ_OPT: '-0' } });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Builds release/BlenderX.Y/blender-X.Y.Z-linux-x64.tar.xz (+ .sha256) under a fresh temp dir. */
export async function buildReleaseTree(options: ReleaseTreeOptions): Promise<ReleaseTree> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'bh-release-')));
  const blender = options.blender ?? '/usr/bin/blender';
  const files: BuiltFile[] = [];
  for (const version of options.versions) {
    const line = version.split('.').slice(0, 2).join('.');
    const dir = join(root, 'release', `Blender${line}`);
    await mkdir(dir, { recursive: true });
    const top = `blender-${version}-linux-x64`;
    const fileName = `${top}.tar.xz`;
    const path = join(dir, fileName);
    await makeArchive(path, top, blender, options.payloadBytes ?? 0);
    const sha256 = await sha256File(path);
    files.push({ version, fileName, path, sha256, size: (await stat(path)).size });
    const lines = [`${sha256}  ${fileName}`];
    if (options.otherPlatforms) {
      for (const other of [
        `blender-${version}-macos-arm64.dmg`,
        `blender-${version}-macos-x64.dmg`,
        `blender-${version}-windows-x64.zip`,
        `blender-${version}-windows-x64.msi`,
      ]) {
        const junk = randomBytes(64);
        await writeFile(join(dir, other), junk);
        lines.push(`${createHash('sha256').update(junk).digest('hex')}  ${other}`);
      }
    }
    // Real checksum files list the builds in no particular order; put ours last.
    lines.reverse();
    await writeFile(join(dir, `blender-${version}.sha256`), `${lines.join('\n')}\n`);
  }

  const daily: BuiltFile[] = [];
  if (options.daily?.length) {
    if (!options.baseUrl) throw new Error('buildReleaseTree: `daily` needs `baseUrl`');
    const dir = join(root, 'daily');
    await mkdir(dir, { recursive: true });
    const json: Record<string, unknown>[] = [];
    for (const d of options.daily) {
      const hash = d.hash ?? randomBytes(6).toString('hex');
      const top = `blender-${d.version}-${d.risk}+${d.branch}.${hash}-linux.x86_64-release`;
      const fileName = `${top}.tar.xz`;
      const path = join(dir, fileName);
      await makeArchive(path, top, blender, options.payloadBytes ?? 0);
      const sha256 = await sha256File(path);
      const size = (await stat(path)).size;
      daily.push({ version: d.version, fileName, path, sha256, size });
      await writeFile(join(dir, `${fileName}.sha256`), sha256);
      const base = {
        app: 'Blender',
        version: d.version,
        risk_id: d.risk,
        branch: d.branch,
        patch: null,
        hash,
        platform: 'linux',
        architecture: 'x86_64',
        bitness: 64,
        file_mtime: Math.floor(Date.now() / 1000),
        release_cycle: d.risk,
      };
      json.push({
        url: `${options.baseUrl.replace(/\/$/, '')}/daily/${fileName}`,
        ...base,
        file_name: fileName,
        file_size: size,
        file_extension: 'tar.xz',
      });
      json.push({
        url: `${options.baseUrl.replace(/\/$/, '')}/daily/${fileName}.sha256`,
        ...base,
        file_name: `${fileName}.sha256`,
        file_size: 64,
        file_extension: 'sha256',
      });
    }
    await writeFile(join(dir, 'daily.json'), JSON.stringify(json, null, 2));
  }
  return { root, files, daily };
}
