// Which build a machine needs and what its files are called. Everything here is pure so the
// platforms we cannot run here (macOS, Windows) are still covered by unit tests.

import { InstallError } from './errors.js';

export type Os = 'linux' | 'macos' | 'windows';
export type Arch = 'x64' | 'arm64';
export interface Platform {
  os: Os;
  arch: Arch;
}
export type ArchiveKind = 'tar.xz' | 'tar.bz2' | 'tar.gz' | 'zip' | 'dmg';

export function platformId(p: Platform): string {
  return `${p.os}-${p.arch}`;
}

const NODE_OS = new Map<string, Os>([
  ['linux', 'linux'],
  ['darwin', 'macos'],
  ['win32', 'windows'],
]);

/** The platform of this process, or a clear error on one Blender does not publish builds for. */
export function currentPlatform(
  override: Partial<Platform> = {},
  node: { platform: string; arch: string } = { platform: process.platform, arch: process.arch },
): Platform {
  const os = override.os ?? NODE_OS.get(node.platform);
  const arch = override.arch ?? (node.arch === 'x64' || node.arch === 'arm64' ? node.arch : undefined);
  if (!os || !arch) {
    throw new InstallError(
      'UNSUPPORTED_PLATFORM',
      `Blender publishes builds for linux, macos and windows on x64 and arm64; this machine is ${node.platform}-${node.arch}. ` +
        'Use `system` or a path to a Blender you built or installed yourself.',
    );
  }
  return { os, arch };
}

/** Where the executable sits inside the folder a build unpacks to (or inside the copied .app). */
export function executableName(os: Os): string {
  return os === 'linux' ? 'blender' : os === 'macos' ? 'Blender.app/Contents/MacOS/Blender' : 'blender.exe';
}

export interface ReleaseFile {
  fileName: string;
  version: string;
  platform: Platform;
  kind: ArchiveKind;
  naming: 'current' | 'legacy';
}

export interface UnsupportedReleaseFile {
  fileName: string;
  version: string;
  reason: string;
}

const RELEASE_FILE_RE = /^blender-(\d+\.\d+(?:\.\d+)?[a-z]?)-(.+?)\.(tar\.xz|tar\.bz2|tar\.gz|zip|dmg|msi|msix|exe)$/;

const PLATFORM_TOKENS: Record<string, { platform: Platform; naming: 'current' | 'legacy' }> = {
  'linux-x64': { platform: { os: 'linux', arch: 'x64' }, naming: 'current' },
  'linux-arm64': { platform: { os: 'linux', arch: 'arm64' }, naming: 'current' },
  'macos-x64': { platform: { os: 'macos', arch: 'x64' }, naming: 'current' },
  'macos-arm64': { platform: { os: 'macos', arch: 'arm64' }, naming: 'current' },
  'windows-x64': { platform: { os: 'windows', arch: 'x64' }, naming: 'current' },
  'windows-arm64': { platform: { os: 'windows', arch: 'arm64' }, naming: 'current' },
  linux64: { platform: { os: 'linux', arch: 'x64' }, naming: 'legacy' },
  macOS: { platform: { os: 'macos', arch: 'x64' }, naming: 'legacy' },
  windows64: { platform: { os: 'windows', arch: 'x64' }, naming: 'legacy' },
};

const KIND_FOR_OS: Record<Os, readonly ArchiveKind[]> = {
  linux: ['tar.xz', 'tar.bz2'],
  macos: ['dmg'],
  windows: ['zip'],
};

/**
 * What a file in a release folder is. `undefined` for files that are not builds at all
 * (checksums, release notes, installers); an `UnsupportedReleaseFile` for builds we recognise
 * but do not install, with the reason, so a listing of only those can be explained.
 */
export function classifyReleaseFile(fileName: string): ReleaseFile | UnsupportedReleaseFile | undefined {
  const m = RELEASE_FILE_RE.exec(fileName);
  if (!m) return undefined;
  const version = m[1] ?? '';
  const token = m[2] ?? '';
  const ext = m[3] ?? '';
  // Installers need a GUI session and admin rights; the portable archive beside them is the build.
  if (ext === 'msi' || ext === 'msix' || ext === 'exe') return undefined;
  const kind = ext as ArchiveKind;
  const known = PLATFORM_TOKENS[token];
  if (known) {
    if (!KIND_FOR_OS[known.platform.os].includes(kind)) {
      return { fileName, version, reason: `a ${kind} for ${token} is not a format blender-harness installs` };
    }
    return { fileName, version, platform: { ...known.platform }, kind, naming: known.naming };
  }
  if (/^linux-glibc\d+-x86_64$/.test(token) && kind === 'tar.bz2') {
    return { fileName, version, platform: { os: 'linux', arch: 'x64' }, kind, naming: 'legacy' };
  }
  return {
    fileName,
    version,
    reason:
      `"${token}" builds (${kind}) are from before Blender 2.80 or for 32-bit systems; ` +
      'blender-harness installs Blender 2.80 and newer (x64 and arm64)',
  };
}

export function isReleaseFile(x: ReleaseFile | UnsupportedReleaseFile | undefined): x is ReleaseFile {
  return x !== undefined && 'platform' in x;
}

/** The archs to try, in order, for a platform: Windows on Arm runs x64 builds through emulation. */
export function archCandidates(p: Platform): Arch[] {
  return p.os === 'windows' && p.arch === 'arm64' ? ['arm64', 'x64'] : [p.arch];
}

// Daily builds name platforms the way the build farm does (darwin, amd64, x86_64).
const DAILY_OS: Record<Os, readonly string[]> = {
  linux: ['linux'],
  macos: ['darwin', 'macos'],
  windows: ['windows'],
};
const DAILY_ARCH: Record<Arch, readonly string[]> = {
  x64: ['x86_64', 'amd64', 'x64'],
  arm64: ['arm64', 'aarch64'],
};

export function dailyMatchesPlatform(platform: string, architecture: string, p: Platform): boolean {
  return DAILY_OS[p.os].includes(platform.toLowerCase()) && DAILY_ARCH[p.arch].includes(architecture.toLowerCase());
}

export function archiveKindOfFile(fileName: string): ArchiveKind | undefined {
  const lower = fileName.toLowerCase();
  for (const k of ['tar.xz', 'tar.bz2', 'tar.gz', 'zip', 'dmg'] as const) {
    if (lower.endsWith(`.${k}`)) return k;
  }
  if (lower.endsWith('.txz')) return 'tar.xz';
  if (lower.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

/** Platform named inside any build file name (release or daily), for checking a URL spec. */
export function platformInFileName(fileName: string): Partial<Platform> {
  const lower = fileName.toLowerCase();
  const out: Partial<Platform> = {};
  if (/(^|[-.])(linux)([-.]|64)/.test(lower)) out.os = 'linux';
  else if (/(^|[-.])(macos|darwin)([-.]|$)/.test(lower)) out.os = 'macos';
  else if (/(^|[-.])(windows)([-.]|64)/.test(lower)) out.os = 'windows';
  if (/(^|[-.])(arm64|aarch64)([-.]|$)/.test(lower)) out.arch = 'arm64';
  else if (/(^|[-.])(x64|x86_64|amd64)([-.]|$)|linux64|windows64/.test(lower)) out.arch = 'x64';
  return out;
}
