// Fetches one file: the URLs (mirrors) in order, retries with backoff, resumption with Range after
// a cut connection, and the sha256 computed from the same bytes as they are written (no second
// pass over a 300 MB file). The file appears at `dest` only when it is complete and, when a
// checksum is known, verified; until then it is `dest.part`, and on failure nothing is left.

import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { TransportError, errorText } from './errors.js';
import { eachMirror, fail, failureFromResponse, get, header, retrying, withSession } from './http.js';
import type { FetchOptions, Reply, Session } from './http.js';

/**
 * Where progress goes; the transport only reports it. `update` gets the bytes received so far
 * (a resumed part included); `restart` is a retry, with the note to show and where it resumes.
 */
export interface ProgressSink {
  start(label: string, totalBytes: number | undefined): void;
  update(receivedBytes: number): void;
  restart(receivedBytes: number, note: string): void;
  finish(ok: boolean): void;
}

export const NO_PROGRESS: ProgressSink = { start() {}, update() {}, restart() {}, finish() {} };

function formatBytes(n: number): string {
  const [unit, power, digits] = n < 1024 ? ['B', 0, 0] : n < 1024 ** 2 ? ['KB', 1, 1] : n < 1024 ** 3 ? ['MB', 2, 1] : ['GB', 3, 2];
  return `${(n / 1024 ** power).toFixed(digits)} ${unit}`;
}

/** `urls`: the same file at each, in the order to try them; `checksumSource`: where `expectedSha256` came from. */
export type FileRequest = {
  urls: readonly string[];
  dest: string;
  label: string;
  expectedSha256?: string;
  checksumSource?: string;
  progress?: ProgressSink;
};

/** `skipped`: how many URLs failed before `url` served the file. */
export type FileResult = { url: string; bytes: number; sha256: string; verified: boolean; attempts: number; skipped: number };

type Transfer = { fh: FileHandle; bytes: number; hash: Hash; total: number | undefined; started: boolean };

const BATCH = 1024 * 1024;

async function restartTransfer(t: Transfer): Promise<void> {
  Object.assign(t, { bytes: 0, hash: createHash('sha256'), total: undefined });
  await t.fh.truncate(0);
}

/** Checks what came back can be appended at `t.bytes`, and learns the total. */
async function accept(url: string, res: Reply, t: Transfer): Promise<void> {
  const length = Number(header(res.headers, 'content-length') ?? NaN);
  const resuming = t.bytes > 0;
  if (res.status === 206 && resuming) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(res.headers, 'content-range') ?? '');
    if (!m || Number(m[1]) !== t.bytes) {
      res.body.destroy();
      await restartTransfer(t);
      throw new TransportError('network', 'the server resumed at the wrong offset; starting over', url, { retry: true });
    }
    t.total = m[3] === '*' ? (Number.isFinite(length) ? t.bytes + length : undefined) : Number(m[3]);
  } else if (res.status === 200) {
    // A server that ignores Range sends the whole file again: start the hash over with it.
    if (resuming) await restartTransfer(t);
    t.total = Number.isFinite(length) ? length : undefined;
  } else if (res.status === 416) {
    await Promise.all([res.body.dump(), restartTransfer(t)]);
    throw new TransportError('network', 'the server refused to resume (HTTP 416); starting over', url, { retry: true });
  } else throw await failureFromResponse(res);
  if (/^text\/html/i.test(header(res.headers, 'content-type') ?? '')) {
    // A challenge page comes as a 200 too, and reads as one whatever its status.
    const f = await failureFromResponse(res);
    if (f.kind === 'challenge') throw f;
    const text = `served an HTML page (HTTP ${res.status}) instead of the archive; a proxy, captive portal or mirror error page is in the way`;
    throw new TransportError('html', text, url, { status: res.status });
  }
}

/** Writes the body at `t.bytes`, hashing the same bytes while the write runs on libuv's pool. */
async function pump(s: Session, url: string, res: Reply, t: Transfer, progress: ProgressSink): Promise<void> {
  let pending: Buffer[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const buf = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, size);
    pending = [];
    size = 0;
    // A failed write ends the whole download, so hashing before it completes cannot leave the
    // hash and the file out of step for a resumption.
    const written = t.fh.write(buf, 0, buf.length, t.bytes);
    t.hash.update(buf);
    await written.catch((e: unknown) => {
      throw new TransportError('disk', `Could not write the download to disk (${errorText(e)}).`, url, { cause: e });
    });
    t.bytes += buf.length;
  };
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= BATCH) await flush();
      progress.update(t.bytes + size);
    }
    await flush();
  } catch (e) {
    if (e instanceof TransportError) throw e;
    await flush();
    const f = fail(s, e, url);
    if (f.fatal || t.total === undefined || t.bytes >= t.total) throw f;
    const text = `the transfer stopped after ${formatBytes(t.bytes)} of ${formatBytes(t.total)} (${f.message})`;
    throw new TransportError('truncated', text, url, { retry: true, cause: e });
  }
  if (t.total !== undefined && t.bytes < t.total) {
    // Only after a 206 whose range stops short of the total: undici fails a body cut before its Content-Length.
    throw new TransportError('truncated', `the body ended after ${t.bytes} of the ${t.total} bytes announced`, url, { retry: true });
  }
  if (t.total !== undefined && t.bytes > t.total) {
    await restartTransfer(t);
    throw new TransportError('truncated', `the server sent more bytes than it announced (${t.total})`, url);
  }
}

async function fromOne(s: Session, url: string, req: FileRequest, job: { part: string; attempts: number }): Promise<FileResult> {
  const progress = req.progress ?? NO_PROGRESS;
  const fh = await open(job.part, 'w').catch((e: unknown) =>
    Promise.reject(new TransportError('disk', `Could not create ${job.part} (${errorText(e)}).`, url)),
  );
  const t: Transfer = { fh, bytes: 0, hash: createHash('sha256'), total: undefined, started: false };
  // With a bar on screen, the progress sink prints the note so the two do not interleave.
  const tell = (note: string): void => (t.started && progress !== NO_PROGRESS ? progress.restart(t.bytes, note) : s.onRetry?.(note));
  const once = async (): Promise<void> => {
    job.attempts++;
    const res = await get(s, url, t.bytes > 0 ? { range: `bytes=${t.bytes}-` } : {});
    await accept(url, res, t);
    if (!t.started) progress.start(req.label, t.total);
    t.started = true;
    await pump(s, url, res, t, progress);
  };
  try {
    await retrying({ ...s, onRetry: tell }, url, once, () => (t.bytes > 0 ? ` from ${formatBytes(t.bytes)}` : ''));
  } catch (e) {
    if (t.started) progress.finish(false);
    throw e;
  } finally {
    await t.fh.close();
  }
  progress.finish(true);
  const sha256 = t.hash.digest('hex');
  const want = req.expectedSha256?.toLowerCase();
  if (want && sha256 !== want) {
    const from = req.checksumSource ? ` (from ${req.checksumSource})` : '';
    const text = `sha256 mismatch: expected ${want}${from}, got ${sha256} over ${t.bytes} bytes; the file was deleted`;
    throw new TransportError('checksum', text, url);
  }
  return { url, bytes: t.bytes, sha256, verified: want !== undefined, attempts: job.attempts, skipped: req.urls.indexOf(url) };
}

/** Fetches `req.dest` from the first URL that serves it whole (and matching its sha256). */
export async function fetchFile(req: FileRequest, o: FetchOptions): Promise<FileResult> {
  const job = { part: `${req.dest}.part`, attempts: 0 };
  try {
    return await withSession(o, async (s) => {
      // `attempts` counts every URL's: the one that served the file is the last to add to it.
      const r = await eachMirror(s, req.urls, (url) => fromOne(s, url, req, job));
      await rename(job.part, req.dest);
      return r;
    });
  } finally {
    await rm(job.part, { force: true });
  }
}
