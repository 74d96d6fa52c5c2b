import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunnableFile, parseVersionOutput, runVersion, which } from './index.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'bh-exe-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('programs on this machine', () => {
  it('finds executables on PATH like which, skipping non-executables', async () => {
    await mkdir(join(tmp, 'a'));
    await mkdir(join(tmp, 'b'));
    await writeFile(join(tmp, 'a', 'blender'), 'not executable');
    await writeFile(join(tmp, 'b', 'blender'), '#!/bin/sh\n');
    await chmod(join(tmp, 'b', 'blender'), 0o755);
    expect(which('blender', { PATH: `${join(tmp, 'a')}:${join(tmp, 'b')}` })).toBe(join(tmp, 'b', 'blender'));
    expect(which('blender', { PATH: '/nonexistent' })).toBeUndefined();
    expect(which('blender', { PATH: '/usr/bin' })).toBe('/usr/bin/blender');
  });

  it('uses PATHEXT on Windows', async () => {
    await mkdir(join(tmp, 'w'));
    await writeFile(join(tmp, 'w', 'blender.exe'), '');
    expect(which('blender', { PATH: `"${join(tmp, 'w')}"`, PATHEXT: '.COM;.EXE' }, true)).toBe(join(tmp, 'w', 'blender.exe'));
  });

  it('reads versions from --version output', () => {
    expect(parseVersionOutput('Blender 3.4.1\n\tbuild date: 2023-02-06\n')).toBe('3.4.1');
    expect(parseVersionOutput('Read prefs: ...\nBlender 4.2.0 Alpha\n')).toBe('4.2.0');
    expect(parseVersionOutput('Blender 2.79 (sub 7)\n')).toBe('2.79');
    expect(parseVersionOutput('Python 3.11')).toBeUndefined();
  });

  it('tells a runnable file from a folder, a plain file and nothing', async () => {
    await writeFile(join(tmp, 'plain'), '');
    expect(isRunnableFile('/usr/bin/blender')).toBe(true);
    expect(isRunnableFile(tmp)).toBe(false);
    expect(isRunnableFile(join(tmp, 'plain'))).toBe(false);
    expect(isRunnableFile(join(tmp, 'plain'), false)).toBe(true);
    expect(isRunnableFile(join(tmp, 'missing'), false)).toBe(false);
  });

  it('reports how a --version run failed without throwing', async () => {
    const fake = join(tmp, 'crashes');
    await writeFile(fake, '#!/bin/sh\necho "error while loading shared libraries: libX.so.6"; exit 127\n');
    await chmod(fake, 0o755);
    const r = await runVersion(fake);
    expect(r).toMatchObject({ ok: false, timedOut: false, how: 'exit code 127' });
    expect(r.output).toContain('libX.so.6');
    expect((await runVersion('/usr/bin/blender')).version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
