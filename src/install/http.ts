// The install stage's side of the transport: the User-Agent it sends, the one place where a
// TransportError becomes an InstallError (with the code the faces decide exit codes by and the
// advice an install failure should carry), and the ways the channels and the flow fetch: a page,
// a checksum that may not be there, text from mirrors, and a build archive.

import {
  TransportError,
  fetchFile,
  fetchText,
  type FetchOptions,
  type FileResult,
  type ProgressSink,
  type TextResult,
} from '../transport/index.js';
import { VERSION } from '../version.js';
import { InstallError, type InstallErrorCode } from './errors.js';
import { folderUrl } from './listing.js';

export { DEFAULT_RETRY, type RetryPolicy, type TextResult } from '../transport/index.js';

export const DEFAULT_USER_AGENT = `blender-harness/${VERSION} (+https://www.npmjs.com/package/blender-harness; node ${process.version}; ${process.platform}-${process.arch})`;

export type HttpContext = FetchOptions;

/** What was being done when the transport failed: reading a listing or checksum, or downloading a build. */
export type Doing = { read: string } | { download: string };

function codeOf(f: TransportError): InstallErrorCode {
  switch (f.kind) {
    case 'checksum':
      return 'CHECKSUM_MISMATCH';
    case 'challenge':
      return 'CHALLENGE';
    case 'truncated':
      return 'TRUNCATED';
    case 'html':
      return 'HTTP';
    case 'status':
      // 5xx and 429 that outlasted the retries mean the server is struggling, not that it said no.
      return f.retry ? 'NETWORK' : 'HTTP';
    default:
      return 'NETWORK';
  }
}

// The most telling failure decides the code: a wrong file beats a challenge beats a cut
// connection beats a server's "no" beats the network.
const CODE_PRIORITY: InstallErrorCode[] = ['CHECKSUM_MISMATCH', 'CHALLENGE', 'TRUNCATED', 'HTTP', 'NETWORK'];

const DOWNLOAD_ADVICE: Partial<Record<InstallErrorCode, string>> = {
  CHECKSUM_MISMATCH:
    'The file that arrived is not the one the checksum describes; it was deleted and nothing was cached. Try again, or use another mirror; if it persists, report it to the mirror.',
  TRUNCATED: 'The connection kept closing before the end of the file. Retry later, or add a mirror (--mirror URL).',
  HTTP: 'Check the version exists for this platform, or add a mirror (--mirror URL).',
  NETWORK: 'Check the network (proxy, firewall, DNS) or add a mirror (--mirror URL).',
};

const CHALLENGE_ADVICE =
  'Meanwhile add a mirror of /release/ (--mirror URL, or the `mirrors` input), retry later, or use a pre-downloaded build (a path spec).';

function generalAdvice(code: InstallErrorCode, doing: Doing): string {
  if (code === 'CHALLENGE') return CHALLENGE_ADVICE;
  if ('download' in doing) return DOWNLOAD_ADVICE[code] ?? '';
  return 'Check the network and the mirror URLs (each must be the folder that holds the BlenderX.Y/ folders), or add a mirror (--mirror URL).';
}

/** The one translation of a transport failure into what the install stage reports. */
export function toInstallError(e: TransportError, doing: Doing): InstallError {
  switch (e.kind) {
    case 'aborted':
      return new InstallError('ABORTED', 'The install was cancelled.', { cause: e });
    case 'disk':
      return new InstallError('CACHE', `${e.message} Free some space or choose another cache folder (--cache-dir).`, { cause: e });
    case 'unsafe':
      return new InstallError('BAD_SPEC', e.message, { cause: e });
    case 'config':
      return new InstallError('NETWORK', e.message, { cause: e });
  }
  const failures = e.kind === 'mirrors' ? e.failures : [e];
  const code = CODE_PRIORITY.find((c) => failures.some((f) => codeOf(f) === c)) ?? 'NETWORK';
  const n = failures.length;
  const lines = [
    'read' in doing
      ? `Could not read ${doing.read}:`
      : `Could not download ${doing.download} from ${n === 1 ? 'its mirror' : `any of ${n} mirrors`}:`,
  ];
  for (const f of failures) lines.push(`  - ${f.url}: ${f.message}${f.attempts > 1 ? ` (after ${f.attempts} attempts)` : ''}`);
  // Advice a failure brought (a proxy setting, say) is more precise than the general kind.
  const specific = [...new Set(failures.flatMap((f) => (f.advice ? [f.advice] : [])))];
  lines.push(...specific);
  if (specific.length === 0 || failures.some((f) => !f.advice)) lines.push(generalAdvice(code, doing));
  return new InstallError(code, lines.join('\n'), { cause: e });
}

/** Rethrows a transport failure as an InstallError; anything else as it is. */
export function rethrow(e: unknown, doing: Doing): never {
  throw e instanceof TransportError ? toInstallError(e, doing) : e;
}

/** One URL, no mirrors: a page or "not found", else an InstallError naming `what`. */
export async function fetchPage(url: string, ctx: HttpContext, what: string, limit?: number): Promise<TextResult> {
  try {
    return await fetchText(url, ctx, limit);
  } catch (e) {
    rethrow(e, { read: what });
  }
}

/**
 * A file that may or may not be there (a checksum beside a URL spec's archive): its text, or
 * undefined when it is missing or cannot be read. Asked once more at most, since its absence is
 * the common case.
 */
export async function fetchIfThere(url: string, ctx: HttpContext, limit: number): Promise<TextResult | undefined> {
  try {
    const r = await fetchText(url, { ...ctx, retry: { ...ctx.retry, retries: Math.min(1, ctx.retry.retries) } }, limit);
    return r.status === 200 ? r : undefined;
  } catch (e) {
    if (e instanceof TransportError && !e.fatal) return undefined;
    rethrow(e, { read: `the checksum ${url}` });
  }
}

/** Mirrors in order; the one that answered last is asked first next time. */
export class MirrorSet {
  private preferred = 0;
  readonly mirrors: string[];

  constructor(
    mirrors: string[],
    private readonly ctx: HttpContext,
  ) {
    if (mirrors.length === 0)
      throw new InstallError('BAD_SPEC', 'No mirror to download Blender releases from; give one with --mirror URL.');
    this.mirrors = mirrors.map(folderUrl);
  }

  private order(): number[] {
    return [this.preferred, ...this.mirrors.map((_, i) => i).filter((i) => i !== this.preferred)];
  }

  urlsFor(rel: string): string[] {
    return this.order().map((i) => new URL(rel, this.mirrors[i]).href);
  }

  get current(): string {
    return this.mirrors[this.preferred] ?? '';
  }

  /** The first definitive answer (a page, or "not found") from any mirror. */
  async fetch(rel: string, what: string): Promise<TextResult> {
    const order = this.order();
    try {
      const r = await fetchText(
        order.map((i) => new URL(rel, this.mirrors[i]).href),
        this.ctx,
      );
      this.preferred = order[r.mirror] ?? this.preferred;
      return r;
    } catch (e) {
      rethrow(e, { read: what });
    }
  }
}

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

export async function download(req: DownloadRequest): Promise<FileResult> {
  const { ctx, log, ...file } = req;
  try {
    const r = await fetchFile(file, ctx);
    if (r.skipped > 0) log?.(`Downloaded ${req.label} from ${r.url} after ${r.skipped} mirror(s) failed.`);
    return r;
  } catch (e) {
    rethrow(e, { download: req.label });
  }
}
