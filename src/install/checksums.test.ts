import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksumFor, parseChecksumFile } from './checksums.js';
import { InstallError } from './errors.js';

const FIX = new URL('../../fixtures/releases/', import.meta.url);

describe('checksum files', () => {
  it('reads a release .sha256 in any order', () => {
    const text = readFileSync(new URL('nginx/release/Blender4.2/blender-4.2.3.sha256', FIX), 'utf8');
    const table = parseChecksumFile(text);
    expect(table.size).toBe(6);
    expect(text.split('\n')[0]).not.toContain('linux');
    expect(checksumFor(text, 'blender-4.2.3-linux-x64.tar.xz', 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumFor(text, 'blender-4.2.3-linux-x64.tar.xz', 'x')).toBe(table.get('blender-4.2.3-linux-x64.tar.xz'));
  });

  it('reads sidecars, binary markers and the BSD form', () => {
    const hex = 'ab'.repeat(32);
    expect(checksumFor(`${hex}\n`, 'any.tar.xz', 'x')).toBe(hex);
    expect(checksumFor(`${hex.toUpperCase()} *dir/b.zip\r\n`, 'b.zip', 'x')).toBe(hex);
    expect(checksumFor(`SHA256 (b.dmg) = ${hex}\n`, 'b.dmg', 'x')).toBe(hex);
    const sidecar = readFileSync(new URL('daily/blender-5.2.0-alpha+main.425ab43ad645-linux.x86_64-release.tar.xz.sha256', FIX), 'utf8');
    expect(checksumFor(sidecar, 'whatever', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('explains a file without our line, or not a checksum file at all', () => {
    const hex = 'cd'.repeat(32);
    expect(() => checksumFor(`${hex}  other.zip\n`, 'b.tar.xz', 'https://m/x.sha256')).toThrow(/no line for b.tar.xz; it lists other.zip/);
    try {
      checksumFor('<html><body>Just a moment...</body></html>', 'b.tar.xz', 'https://m/x.sha256');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InstallError);
      expect((e as InstallError).code).toBe('BAD_CHECKSUM_FILE');
      expect((e as InstallError).message).toMatch(/does not look like a sha256 file/);
    }
  });
});
