// Checksum files. Releases ship `blender-X.Y.Z.sha256` with one `<hex>  <file name>` line per
// build, in no particular order; daily builds ship a sidecar per build holding the bare hex.
// `sha256sum`'s binary marker (`<hex> *name`) and the BSD form (`SHA256 (name) = <hex>`) are
// accepted too, since mirrors sometimes regenerate these files with other tools.

import { InstallError } from './errors.js';

/** File name -> lowercase hex. */
export function parseChecksumFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    let m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line);
    if (m) {
      out.set(baseName((m[2] ?? '').trim()), (m[1] ?? '').toLowerCase());
      continue;
    }
    m = /^SHA256\s*\((.+)\)\s*=\s*([0-9a-fA-F]{64})$/i.exec(line);
    if (m) out.set(baseName((m[1] ?? '').trim()), (m[2] ?? '').toLowerCase());
  }
  return out;
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** The expected hash of `fileName` in a checksum file, or a clear error naming what it holds. */
export function checksumFor(text: string, fileName: string, source: string): string {
  const trimmed = text.trim();
  // A sidecar: just the hex, possibly followed by the name.
  const bare = /^([0-9a-fA-F]{64})(?:\s+\*?(\S+))?$/.exec(trimmed);
  if (bare && (bare[2] === undefined || baseName(bare[2]) === fileName)) return (bare[1] ?? '').toLowerCase();
  const table = parseChecksumFile(text);
  const hex = table.get(fileName);
  if (hex) return hex;
  if (table.size === 0) {
    throw new InstallError(
      'BAD_CHECKSUM_FILE',
      `${source} does not look like a sha256 file (expected "<64 hex digits>  <file name>" lines). ` +
        'The mirror may be serving an error page; try another mirror.',
    );
  }
  throw new InstallError(
    'BAD_CHECKSUM_FILE',
    `${source} has no line for ${fileName}; it lists ${[...table.keys()].join(', ')}. ` +
      'The mirror may be incomplete; try another mirror.',
  );
}
