// Blender versions compare numerically part by part: 4.2.10 is newer than 4.2.9 and 4.10 newer
// than 4.9, which a string sort gets wrong. Very old releases carry a letter (2.79b, 2.82a); the
// letter sorts after the bare number.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Trailing letter of old releases ('a' in 2.82a), '' otherwise. */
  suffix: string;
  raw: string;
}

const VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?([a-z]?)$/;

export function parseVersion(raw: string): Version | undefined {
  const m = VERSION_RE.exec(raw);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? 0 : Number(m[3]),
    suffix: m[4] ?? '',
    raw,
  };
}

/** Negative when a < b, positive when a > b, 0 when equal. Unparseable strings sort first. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) {
    if (va) return 1;
    if (vb) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch || (va.suffix < vb.suffix ? -1 : va.suffix > vb.suffix ? 1 : 0);
}

export function sortVersionsDescending(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => compareVersions(b, a));
}

/** "4.2.3" -> "4.2". */
export function lineOf(version: string): string {
  const v = parseVersion(version);
  if (!v) throw new Error(`not a Blender version: ${version}`);
  return `${v.major}.${v.minor}`;
}

/** Lines around a wanted one in version order (its neighbours below and above), newest first. */
export function nearestLines(wanted: string, available: readonly string[], count = 6): string[] {
  const asc = sortVersionsDescending(new Set(available)).reverse();
  if (!parseVersion(wanted)) return asc.slice(-count).reverse();
  let at = asc.findIndex((v) => compareVersions(v, wanted) > 0);
  if (at < 0) at = asc.length;
  const start = Math.max(0, Math.min(at - Math.ceil(count / 2), asc.length - count));
  return asc.slice(start, start + count).reverse();
}
