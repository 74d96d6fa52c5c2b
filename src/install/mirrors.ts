// The one place the channels reach the network for text (listings, checksum files, the daily
// list), through the transport's mirror loop; its failures become InstallErrors in http.ts.

import { InstallError } from './errors.js';
import { TransportError, fetchText, rethrow, type HttpContext, type TextResult } from './http.js';
import { folderUrl } from './listing.js';

export type { HttpContext, TextResult } from './http.js';

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
