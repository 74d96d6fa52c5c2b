// The one place the channels reach the network for text (listings, checksum files, the daily
// list): the mirror failover and the translation of HTTP failures into InstallErrors live here,
// so the transport underneath can change without the channels noticing.

import { InstallError, type InstallErrorCode } from './errors.js';
import { HttpFailure, fetchText, type HttpContext, type TextResult } from './http.js';
import { folderUrl } from './listing.js';

export type { HttpContext, TextResult } from './http.js';

export function toInstallError(what: string, failures: HttpFailure[]): InstallError {
  // A server that kept answering 5xx is down, not saying "no": that is a network-class failure.
  const code: InstallErrorCode = failures.some((f) => f.kind === 'challenge')
    ? 'CHALLENGE'
    : failures.every((f) => (f.kind === 'status' && !f.retry) || f.kind === 'html')
      ? 'HTTP'
      : 'NETWORK';
  const lines = [`Could not read ${what}:`, ...failures.map((f) => `  - ${f.url}: ${f.message}`)];
  const specific = [...new Set(failures.flatMap((f) => (f.advice ? [f.advice] : [])))];
  lines.push(...specific);
  if (specific.length > 0 && failures.every((f) => f.advice)) return new InstallError(code, lines.join('\n'));
  lines.push(
    code === 'CHALLENGE'
      ? 'Add a mirror of /release/ (--mirror URL, or the `mirrors` input), retry later, or use a path spec.'
      : 'Check the network and the mirror URLs (each must be the folder that holds the BlenderX.Y/ folders), or add a mirror (--mirror URL).',
  );
  return new InstallError(code, lines.join('\n'));
}

/** One URL, no mirrors: a page or "not found", else an InstallError naming `what`. */
export async function fetchPage(url: string, ctx: HttpContext, what: string, limit?: number): Promise<TextResult> {
  try {
    return await fetchText(url, ctx, limit);
  } catch (e) {
    if (e instanceof HttpFailure) throw toInstallError(what, [e]);
    throw e;
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
    if (e instanceof HttpFailure) return undefined;
    throw e;
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
    if (mirrors.length === 0) throw new InstallError('BAD_SPEC', 'No mirror to download Blender releases from; give one with --mirror URL.');
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
    const failures: HttpFailure[] = [];
    for (const i of this.order()) {
      const url = new URL(rel, this.mirrors[i]).href;
      try {
        const r = await fetchText(url, this.ctx);
        this.preferred = i;
        return r;
      } catch (e) {
        if (!(e instanceof HttpFailure)) throw e;
        failures.push(e);
        if (this.mirrors.length > 1) this.ctx.onRetry?.(`${url}: ${e.message}; trying the next mirror`);
      }
    }
    throw toInstallError(what, failures);
  }
}
