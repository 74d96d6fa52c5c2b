import { describe, expect, it } from 'vitest';
import { InstallError } from './errors.js';
import { parseSpec } from './spec.js';

const none = { exists: () => false, cwd: '/work' };

function errorOf(f: () => unknown): InstallError {
  try {
    f();
  } catch (e) {
    if (e instanceof InstallError) return e;
    throw e;
  }
  throw new Error('expected an InstallError');
}

describe('parseSpec', () => {
  it('reads every kind', () => {
    expect(parseSpec('4.2.3', none)).toEqual({ kind: 'exact', raw: '4.2.3', version: '4.2.3' });
    expect(parseSpec('v4.2.3', none)).toMatchObject({ kind: 'exact', version: '4.2.3' });
    expect(parseSpec('4.2', none)).toEqual({ kind: 'line', raw: '4.2', line: '4.2' });
    expect(parseSpec('latest', none)).toEqual({ kind: 'latest', raw: 'latest' });
    expect(parseSpec(' LTS ', none)).toEqual({ kind: 'lts', raw: 'LTS' });
    expect(parseSpec('daily', none)).toEqual({ kind: 'daily', raw: 'daily' });
    expect(parseSpec('4.5-daily', none)).toEqual({ kind: 'daily', raw: '4.5-daily', line: '4.5' });
    expect(parseSpec('system', none)).toEqual({ kind: 'system', raw: 'system' });
    expect(parseSpec('./blender', none)).toMatchObject({ kind: 'path', path: '/work/blender' });
    expect(parseSpec('/opt/blender-4.2.3-linux-x64', none)).toMatchObject({ kind: 'path', path: '/opt/blender-4.2.3-linux-x64' });
    expect(parseSpec('C:\\Blender\\blender.exe', none).kind).toBe('path');
    expect(parseSpec('blender', { exists: (p) => p === '/work/blender', cwd: '/work' })).toMatchObject({
      kind: 'path',
      path: '/work/blender',
    });
  });

  it('reads URLs with and without an expected sha256', () => {
    const hex = 'a'.repeat(64);
    expect(parseSpec(`https://example.org/b/blender-4.2.3-linux-x64.tar.xz#sha256=${hex.toUpperCase()}`, none)).toEqual({
      kind: 'url',
      raw: `https://example.org/b/blender-4.2.3-linux-x64.tar.xz#sha256=${hex.toUpperCase()}`,
      url: 'https://example.org/b/blender-4.2.3-linux-x64.tar.xz',
      sha256: hex,
    });
    expect(parseSpec('https://example.org/b.tar.xz', none)).toEqual({
      kind: 'url',
      raw: 'https://example.org/b.tar.xz',
      url: 'https://example.org/b.tar.xz',
    });
    expect(parseSpec('http://127.0.0.1:8080/b.tar.xz', none).kind).toBe('url');
  });

  it('rejects malformed and unknown specs with the accepted forms', () => {
    for (const [input, fragment] of [
      ['4', 'bare major version'],
      ['4.2.3.1', 'three parts at most'],
      ['4.2.x', 'wildcards'],
      ['4.2-lts', '`lts`'],
      ['4.2beta', 'starts like a version'],
      ['stable', 'Did you mean `latest`'],
      ['nightly', 'Did you mean `daily`'],
      ['blendr', 'neither a keyword'],
      ['', 'empty'],
      ['https://example.org/x.tar.xz#sha256=abc', '64 hex digits'],
      ['https://example.org/x.tar.xz#md5=abc', 'unknown URL fragment'],
      ['https://example.org/release/', 'names a folder'],
    ] as const) {
      const e = errorOf(() => parseSpec(input, none));
      expect(e.code).toBe('BAD_SPEC');
      expect(e.message).toContain(fragment);
      expect(e.message).toContain('Accepted forms:');
      expect(e.message).toContain('X.Y.Z');
    }
  });

  it('refuses plain http except on this machine', () => {
    const e = errorOf(() => parseSpec('http://example.org/blender.tar.xz', none));
    expect(e.code).toBe('BAD_SPEC');
    expect(e.message).toMatch(/use https/);
    expect(errorOf(() => parseSpec('ftp://example.org/blender.tar.xz', none)).message).toMatch(/not an http/);
  });
});
