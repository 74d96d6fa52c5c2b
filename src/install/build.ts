// What the channels hand the install flow: one concrete build to fetch, and what they need to
// find it.

import type { HttpContext } from './mirrors.js';
import type { ArchiveKind, Platform } from './platform.js';

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
