// The URL channel: one archive named by its link. Its platform and version are read from the
// file name where it has them; its sha256 comes from the spec, the `sha256` option, or a
// checksum file published beside it the way releases and daily builds publish theirs.

import type { ResolvedBuild, ResolveOptions } from '../resolve.js';
import { checksumFor } from '../checksums.js';
import { InstallError } from '../errors.js';
import { fetchIfThere } from '../http.js';
import { archiveKindOfFile, classifyReleaseFile, isReleaseFile, platformId, platformInFileName } from '../platform.js';
import type { BlenderSpec } from '../spec.js';

/** The hash in the first sidecar that has a line for the file; undefined when none does. */
async function sidecarChecksum(
  u: URL,
  fileName: string,
  version: string | undefined,
  o: ResolveOptions,
): Promise<{ sha256: string; source: string } | undefined> {
  const sidecars = [`${u.href}.sha256`, ...(version ? [new URL(`blender-${version}.sha256`, u).href] : [])];
  for (const s of sidecars) {
    const r = await fetchIfThere(s, o.ctx, 64 * 1024);
    if (!r) continue;
    try {
      return { sha256: checksumFor(r.text, fileName, s), source: s };
    } catch (e) {
      if (e instanceof InstallError && e.code === 'BAD_CHECKSUM_FILE') continue;
      throw e;
    }
  }
  return undefined;
}

export async function resolveUrl(spec: BlenderSpec & { kind: 'url' }, o: ResolveOptions): Promise<ResolvedBuild> {
  const u = new URL(spec.url);
  const fileName = decodeURIComponent(u.pathname.split('/').pop() ?? '');
  const kind = archiveKindOfFile(fileName);
  if (!kind) {
    throw new InstallError(
      'BAD_SPEC',
      `Cannot tell what kind of archive ${spec.url} is; the name must end in .tar.xz, .zip or .dmg (or .tar.bz2/.tar.gz).`,
    );
  }
  const named = platformInFileName(fileName);
  if (named.os && named.os !== o.platform.os) {
    throw new InstallError(
      'NO_BUILD_FOR_PLATFORM',
      `${fileName} is a ${named.os} build; this machine is ${platformId(o.platform)}. Give the ${o.platform.os} build's URL.`,
    );
  }
  const classified = classifyReleaseFile(fileName);
  const version = classified && isReleaseFile(classified) ? classified.version : /^blender-(\d+\.\d+\.\d+)/.exec(fileName)?.[1];
  const build: ResolvedBuild = {
    channel: 'url',
    fileName,
    kind,
    platform: { os: o.platform.os, arch: named.arch ?? o.platform.arch },
    urls: [u.href],
    notes: [],
  };
  if (version) build.version = version;
  const given = spec.sha256 ?? o.sha256?.toLowerCase();
  const found = given ? { sha256: given, source: 'the spec' } : await sidecarChecksum(u, fileName, version, o);
  if (found) {
    build.sha256 = found.sha256;
    build.checksumSource = found.source;
  } else {
    build.notes.push(
      `No sha256 was given for ${spec.url} and none was found beside it; the build cannot be verified and will not be cached. Add #sha256=<hex> to the URL to verify it.`,
    );
  }
  return build;
}
