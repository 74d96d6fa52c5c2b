// Spec -> one concrete build: its version, file name, the URLs to fetch it from (one per mirror)
// and the sha256 it must have. Each channel (release, daily, URL) is a module of its own.

import type { ResolvedBuild, ResolveOptions } from './build.js';
import { resolveDaily } from './channels/daily.js';
import { resolveRelease } from './channels/release.js';
import { resolveUrl } from './channels/url.js';
import type { BlenderSpec } from './spec.js';

export type { ResolvedBuild, ResolveOptions } from './build.js';

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
