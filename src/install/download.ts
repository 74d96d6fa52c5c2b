// Downloads one build: mirrors in order, retries with backoff on transient failures, resumption
// with Range after a reset, and the sha256 computed from the same bytes as they are written (no
// second pass over a 300 MB file). The file appears at `dest` only when it is complete and, when
// a checksum is known, verified; otherwise nothing is left behind.

import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { InstallError, type InstallErrorCode } from './errors.js';
import {
  HttpFailure,
  backoffDelay,
  detectChallenge,
  failureFromResponse,
  get,
  networkFailure,
  readText,
  sleep,
  type HttpContext,
} from './http.js';
import { NO_PROGRESS, formatBytes, type ProgressSink } from './progress.js';

export interface DownloadRequest {
  /** The same file on each mirror, in the order to try them. */
  urls: string[];
  dest: string;
  label: string;
  expectedSha256?: string;
  /** Where the expected hash came from, for the mismatch message. */
  checksumSource?: string;
  ctx: HttpContext;
  progress?: ProgressSink;
  log?: (message: string) => void;
}

export interface DownloadResult {
  url: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  attempts: number;
}

interface Transfer {
  bytes: number;
  hash: Hash;
  total: number | undefined;
  started: boolean;
}

const BATCH = 1024 * 1024;

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

async function resetTransfer(t: Transfer, fh: FileHandle): Promise<void> {
  t.bytes = 0;
  t.hash = createHash('sha256');
  t.total = undefined;
  await fh.truncate(0);
}

async function attempt(url: string, t: Transfer, fh: FileHandle, req: DownloadRequest, progress: ProgressSink): Promise<void> {
  const resuming = t.bytes > 0;
  const res = await get(url, req.ctx, resuming ? { Range: `bytes=${t.bytes}-` } : {});
  const length = Number(header(res.headers, 'content-length') ?? NaN);

  if (res.status === 206 && resuming) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(res.headers, 'content-range') ?? '');
    if (!m || Number(m[1]) !== t.bytes) {
      res.body.destroy();
      await resetTransfer(t, fh);
      throw new HttpFailure('network', 'the server resumed at the wrong offset; starting over', url, true, true);
    }
    t.total = m[3] === '*' ? (Number.isFinite(length) ? t.bytes + length : undefined) : Number(m[3]);
  } else if (res.status === 200) {
    // A server that ignores Range sends the whole file again: start the hash over with it.
    if (resuming) await resetTransfer(t, fh);
    t.total = Number.isFinite(length) ? length : undefined;
  } else if (res.status === 416) {
    res.body.resume();
    await resetTransfer(t, fh);
    throw new HttpFailure('network', 'the server refused to resume (HTTP 416); starting over', url, true, true);
  } else {
    throw await failureFromResponse(res);
  }

  const type = header(res.headers, 'content-type') ?? '';
  if (/^text\/html/i.test(type)) {
    const snippet = await readText(res.body, 64 * 1024).catch(() => '');
    const challenge = detectChallenge(res.status, res.headers, snippet);
    if (challenge) throw new HttpFailure('challenge', challenge, url, false, true, res.status);
    throw new HttpFailure(
      'html',
      `served an HTML page (HTTP ${res.status}) instead of the archive; a proxy, captive portal or mirror error page is in the way`,
      url,
      false,
      true,
      res.status,
    );
  }

  if (!t.started) {
    progress.start(req.label, t.total);
    t.started = true;
  }

  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flush = async (): Promise<void> => {
    if (pendingSize === 0) return;
    const buf = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    // The write runs on libuv's thread pool while this thread hashes the same bytes. A failed
    // write ends the whole download, so hashing before it completes cannot leave the hash and
    // the file out of step for a resumption.
    const written = fh.write(buf, 0, buf.length, t.bytes);
    t.hash.update(buf);
    try {
      await written;
    } catch (e) {
      throw new InstallError(
        'CACHE',
        `Could not write the download to disk (${e instanceof Error ? e.message : String(e)}). Free some space or choose another cache folder (--cache-dir).`,
        { cause: e },
      );
    }
    t.bytes += buf.length;
  };

  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize >= BATCH) await flush();
      progress.update(t.bytes + pendingSize);
    }
    await flush();
  } catch (e) {
    if (e instanceof InstallError) throw e;
    await flush();
    const f = networkFailure(url, e);
    if (t.total !== undefined && t.bytes < t.total) {
      throw new HttpFailure(
        'truncated',
        `the transfer stopped after ${formatBytes(t.bytes)} of ${formatBytes(t.total)} (${f.message})`,
        url,
        true,
        true,
      );
    }
    throw f;
  }

  if (t.total !== undefined && t.bytes < t.total) {
    throw new HttpFailure(
      'truncated',
      `the body ended after ${t.bytes} of the ${t.total} bytes its Content-Length announced`,
      url,
      true,
      true,
    );
  }
  if (t.total !== undefined && t.bytes > t.total) {
    await resetTransfer(t, fh);
    throw new HttpFailure('truncated', `the server sent more bytes than it announced (${t.total})`, url, false, true);
  }
}

interface Failure {
  url: string;
  message: string;
  code: InstallErrorCode;
  advice?: string;
}

const CODE_PRIORITY: InstallErrorCode[] = ['CHECKSUM_MISMATCH', 'CHALLENGE', 'TRUNCATED', 'HTTP', 'NETWORK'];

function codeOf(f: HttpFailure): InstallErrorCode {
  switch (f.kind) {
    case 'challenge':
      return 'CHALLENGE';
    case 'truncated':
      return 'TRUNCATED';
    case 'status':
      // 5xx and 429 that outlasted the retries mean the server is struggling, not that it said no.
      return f.retry ? 'NETWORK' : 'HTTP';
    case 'html':
      return 'HTTP';
    default:
      return 'NETWORK';
  }
}

function aggregate(req: DownloadRequest, failures: Failure[]): InstallError {
  const code = CODE_PRIORITY.find((c) => failures.some((f) => f.code === c)) ?? 'NETWORK';
  const lines = [`Could not download ${req.label} from ${failures.length === 1 ? 'its mirror' : `any of ${failures.length} mirrors`}:`];
  for (const f of failures) lines.push(`  - ${f.url}: ${f.message}`);
  const advice: Partial<Record<InstallErrorCode, string>> = {
    CHECKSUM_MISMATCH:
      'The file that arrived is not the one the checksum describes; it was deleted and nothing was cached. Try again, or use another mirror; if it persists, report it to the mirror.',
    CHALLENGE:
      'Add a mirror of /release/ (--mirror URL, or the `mirrors` input), retry later, or install from a local file (a path spec).',
    TRUNCATED:
      'The connection kept closing before the end of the file. Retry later, or add a mirror (--mirror URL).',
    HTTP: 'Check the version exists for this platform, or add a mirror (--mirror URL).',
    NETWORK: 'Check the network (proxy, firewall, DNS) or add a mirror (--mirror URL).',
  };
  // Advice a failure brought (a proxy setting, say) is more precise than the general kind.
  const specific = [...new Set(failures.flatMap((f) => (f.advice ? [f.advice] : [])))];
  lines.push(...specific);
  if (specific.length === 0 || failures.some((f) => !f.advice)) lines.push(advice[code] ?? '');
  return new InstallError(code, lines.join('\n'));
}

export async function download(req: DownloadRequest): Promise<DownloadResult> {
  const progress = req.progress ?? NO_PROGRESS;
  const part = `${req.dest}.part`;
  const failures: Failure[] = [];
  let attempts = 0;
  const retry = req.ctx.retry;

  try {
    for (const url of req.urls) {
      const fh = await open(part, 'w');
      const t: Transfer = { bytes: 0, hash: createHash('sha256'), total: undefined, started: false };
      let ok = false;
      try {
        for (let n = 0; ; n++) {
          attempts++;
          try {
            await attempt(url, t, fh, req, progress);
            ok = true;
            break;
          } catch (e) {
            if (e instanceof InstallError) throw e;
            if (req.ctx.signal?.aborted) throw new InstallError('ABORTED', 'The install was cancelled.');
            const f = networkFailure(url, e);
            if (f.retry && n < retry.retries) {
              const delay = backoffDelay(n, retry, f.retryAfterMs);
              const note = `${url}: ${f.message}; retrying in ${(delay / 1000).toFixed(1)} s${t.bytes > 0 ? ` from ${formatBytes(t.bytes)}` : ''} (attempt ${n + 2} of ${retry.retries + 1})`;
              // With a bar on screen, the progress sink prints the note so the two do not interleave.
              if (t.started && progress !== NO_PROGRESS) progress.restart(t.bytes, note);
              else req.ctx.onRetry?.(note);
              await sleep(delay, req.ctx.signal);
              continue;
            }
            const tries = n + 1;
            failures.push({
              url,
              message: tries > 1 ? `${f.message} (after ${tries} attempts)` : f.message,
              code: codeOf(f),
              ...(f.advice ? { advice: f.advice } : {}),
            });
            if (t.started) progress.finish(false);
            break;
          }
        }
      } finally {
        await fh.close();
      }
      if (!ok) continue;
      progress.finish(true);

      const sha256 = t.hash.digest('hex');
      if (req.expectedSha256 && sha256 !== req.expectedSha256.toLowerCase()) {
        await rm(part, { force: true });
        failures.push({
          url,
          code: 'CHECKSUM_MISMATCH',
          message:
            `sha256 mismatch: expected ${req.expectedSha256.toLowerCase()}${req.checksumSource ? ` (from ${req.checksumSource})` : ''}, ` +
            `got ${sha256} over ${t.bytes} bytes; the file was deleted`,
        });
        continue;
      }
      await rename(part, req.dest);
      if (failures.length > 0) req.log?.(`Downloaded ${req.label} from ${url} after ${failures.length} mirror(s) failed.`);
      return { url, bytes: t.bytes, sha256, verified: req.expectedSha256 !== undefined, attempts };
    }
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  await rm(part, { force: true });
  throw aggregate(req, failures);
}
