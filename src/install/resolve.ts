// Spec -> one concrete build: its version, file name, the URLs to fetch it from (one per mirror)
// and the sha256 it must have. Each channel (release, daily, URL) is a module of its own and
// hands the install flow a ResolvedBuild.

import { resolveDaily } from './channels/daily.js';
import { resolveRelease } from './channels/release.js';
import { resolveUrl } from './channels/url.js';
import type { HttpContext } from './http.js';
import type { ArchiveKind, Platform } from './platform.js';
import type { BlenderSpec } from './spec.js';

export interface ResolvedBuild {
  channel: 'release' | 'daily' | 'url';
  /** "4.2.3"; for daily builds "5.3.0-alpha+main.425ab43ad645"; undefined for a URL whose name has none. */
  version?: string;
  fileName: string;
  kind: ArchiveKind;
  platform: Platform;
  /** The same file on each mirror, best first. */
  urls: string[];
  sha256?: string;
  checksumSource?: string;
  notes: string[];
}

export interface ResolveOptions {
  mirrors: string[];
  dailyUrl: string;
  platform: Platform;
  ltsLines?: readonly string[];
  ctx: HttpContext;
  /** URL specs: the expected hash when the spec does not carry one. */
  sha256?: string;
  /** How many newest line folders `latest`/`lts` may skip for lacking a build before giving up. */
  maxSkippedLines?: number;
}

export async function resolveBuild(spec: BlenderSpec, o: ResolveOptions): Promise<ResolvedBuild> {
  switch (spec.kind) {
    case 'exact':
    case 'line':
    case 'latest':
    case 'lts':
      return resolveRelease(spec, o);
    case 'daily':
      return resolveDaily(spec, o);
    case 'url':
      return resolveUrl(spec, o);
    default:
      throw new Error(`resolveBuild does not handle ${spec.kind} specs`);
  }
}
