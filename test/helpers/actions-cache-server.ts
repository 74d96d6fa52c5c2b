// A local stand-in for the Actions cache service (the v1 REST protocol @actions/cache speaks
// when ACTIONS_CACHE_URL is set and ACTIONS_CACHE_SERVICE_V2 is not): look an entry up by key
// and version, reserve one, upload its archive in ranged chunks, commit, download. What it
// holds is kept in memory; the requests are logged so a test can tell a hit from a save.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheEntry {
  key: string;
  version: string;
  archive: Buffer;
}

export interface ActionsCacheServer {
  /** ACTIONS_CACHE_URL for the step (ends with a slash, as the runner's does). */
  url: string;
  entries: () => CacheEntry[];
  /** "GET cache", "POST caches", "PATCH caches/1", "POST caches/1", "GET archive/1", ... */
  log: string[];
  close: () => Promise<void>;
}

export async function startActionsCacheServer(): Promise<ActionsCacheServer> {
  const committed: CacheEntry[] = [];
  const pending = new Map<number, { key: string; version: string; chunks: { start: number; data: Buffer }[] }>();
  const log: string[] = [];
  let nextId = 1;
  let base = '';
  const json = (res: http.ServerResponse, status: number, body?: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/_apis\/artifactcache\//, '');
      log.push(`${req.method} ${path}`);
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '') && !path.startsWith('/archive/'))
        return json(res, 401, { message: 'no runtime token' });
      if (req.method === 'GET' && path === 'cache') {
        const keys = (url.searchParams.get('keys') ?? '').split(',');
        const version = url.searchParams.get('version') ?? '';
        for (const key of keys) {
          const index = committed.findIndex((e) => e.version === version && e.key === key);
          if (index >= 0) return json(res, 200, { cacheKey: key, scope: 'refs/heads/main', archiveLocation: `${base}archive/${index}` });
        }
        return json(res, 204);
      }
      if (req.method === 'POST' && path === 'caches') {
        const { key, version } = JSON.parse(body.toString('utf8')) as { key: string; version: string };
        if (
          committed.some((e) => e.key === key && e.version === version) ||
          [...pending.values()].some((p) => p.key === key && p.version === version)
        ) {
          return json(res, 409, { message: `Cache already exists. Key: ${key}` });
        }
        const cacheId = nextId++;
        pending.set(cacheId, { key, version, chunks: [] });
        return json(res, 201, { cacheId });
      }
      const upload = /^caches\/(\d+)$/.exec(path);
      if (upload) {
        const entry = pending.get(Number(upload[1]));
        if (!entry) return json(res, 404, { message: 'no such reservation' });
        if (req.method === 'PATCH') {
          const start = Number(/^bytes (\d+)-\d+\/\*$/.exec(req.headers['content-range'] ?? '')?.[1] ?? Number.NaN);
          if (!Number.isFinite(start)) return json(res, 400, { message: 'Content-Range' });
          entry.chunks.push({ start, data: body });
          return json(res, 204);
        }
        if (req.method === 'POST') {
          const archive = Buffer.concat(entry.chunks.sort((a, b) => a.start - b.start).map((c) => c.data));
          const { size } = JSON.parse(body.toString('utf8')) as { size: number };
          if (size !== archive.length) return json(res, 400, { message: `size ${size} but ${archive.length} bytes uploaded` });
          pending.delete(Number(upload[1]));
          committed.push({ key: entry.key, version: entry.version, archive });
          return json(res, 204);
        }
      }
      const download = /^\/archive\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && download) {
        const entry = committed[Number(download[1])];
        if (!entry) return json(res, 404);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(entry.archive.length) });
        return res.end(entry.archive);
      }
      return json(res, 404, { message: `${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    entries: () => [...committed],
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
