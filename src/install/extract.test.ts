import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { InstallError } from './errors.js';
import { locateExecutable } from './executable.js';
import { dmgCommands, extractArchive, extractCommands, tarFlags, windowsTar } from './extract.js';

let tmp: string | undefined;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe('extraction commands', () => {
  it('uses xz flags for Blender tarballs (tool-cache would default to gzip)', () => {
    expect(tarFlags('tar.xz')).toBe('-xJf');
    expect(tarFlags('tar.bz2')).toBe('-xjf');
    expect(extractCommands('/d/b.tar.xz', 'tar.xz', '/x', 'linux')).toEqual([{ file: 'tar', args: ['-xJf', '/d/b.tar.xz', '-C', '/x'] }]);
  });

  it("uses Windows' own tar for zips", () => {
    const [cmd] = extractCommands('C:\\t\\b.zip', 'zip', 'C:\\x', 'windows');
    expect(cmd?.file).toBe(windowsTar());
    expect(cmd?.file).toMatch(/System32[\\/]tar\.exe$/);
    expect(cmd?.args).toEqual(['-xf', 'C:\\t\\b.zip', '-C', 'C:\\x']);
    expect(windowsTar({ SystemRoot: 'D:\\Win' })).toMatch(/^D:\\Win[\\/]System32[\\/]tar\.exe$/);
    expect(extractCommands('/d/b.zip', 'zip', '/x', 'linux')[0]).toEqual({ file: 'unzip', args: ['-q', '-o', '/d/b.zip', '-d', '/x'] });
    expect(extractCommands('/d/b.zip', 'zip', '/x', 'macos')[0]?.file).toBe('ditto');
  });

  it('mounts a dmg read-only and hidden, copies the app with ditto, detaches', () => {
    const cmds = dmgCommands('/d/blender-4.2.3-macos-arm64.dmg', '/x', '/x/.mnt-1');
    expect(cmds.map((c) => [c.file, ...c.args])).toEqual([
      [
        'hdiutil',
        'attach',
        '-nobrowse',
        '-readonly',
        '-noautoopen',
        '-noverify',
        '-mountpoint',
        '/x/.mnt-1',
        '/d/blender-4.2.3-macos-arm64.dmg',
      ],
      ['ditto', '/x/.mnt-1/Blender.app', '/x/Blender.app'],
      ['hdiutil', 'detach', '/x/.mnt-1', '-force'],
    ]);
    expect(cmds[0]?.input).toBe('Y\n');
    expect(extractCommands('/d/b.dmg', 'dmg', '/x', 'macos', '/x/.m')).toEqual(dmgCommands('/d/b.dmg', '/x', '/x/.m'));
  });
});

describe('extracting and finding the executable', () => {
  it('unpacks a real tar.xz and finds blender in its top folder', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'bh-x-'));
    const top = join(tmp, 'src', 'blender-4.2.3-linux-x64');
    await mkdir(top, { recursive: true });
    await writeFile(join(top, 'blender'), '#!/bin/sh\necho hi\n');
    await chmod(join(top, 'blender'), 0o755);
    await execa('tar', ['-cJf', join(tmp, 'b.tar.xz'), '-C', join(tmp, 'src'), 'blender-4.2.3-linux-x64']);
    const dest = join(tmp, 'out');
    await extractArchive(join(tmp, 'b.tar.xz'), 'tar.xz', dest, 'linux', { fileName: 'b.tar.xz', bytes: 1, sha256: 'x', verified: true });
    expect(await locateExecutable(dest, 'linux')).toBe(join(dest, 'blender-4.2.3-linux-x64', 'blender'));
  });

  it('fails a corrupt archive with what was expected, and removes what it unpacked', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'bh-x-'));
    await writeFile(join(tmp, 'b.tar.xz'), Buffer.from('this is not xz data at all'));
    const dest = join(tmp, 'out');
    try {
      await extractArchive(join(tmp, 'b.tar.xz'), 'tar.xz', dest, 'linux', {
        fileName: 'b.tar.xz',
        bytes: 26,
        sha256: 'abc',
        verified: false,
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InstallError);
      const err = e as InstallError;
      expect(err.code).toBe('EXTRACT');
      expect(err.message).toMatch(/expected a tar\.xz archive \(26 bytes, sha256 abc\)/);
      expect(err.message).toMatch(/truncated or corrupt/);
      expect(err.message).toMatch(/could not be verified/);
    }
    expect(await readdir(tmp)).toEqual(['b.tar.xz']);
  });

  it('finds the executable of macOS and Windows layouts', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'bh-x-'));
    await mkdir(join(tmp, 'mac', 'Blender.app', 'Contents', 'MacOS'), { recursive: true });
    await writeFile(join(tmp, 'mac', 'Blender.app', 'Contents', 'MacOS', 'Blender'), '');
    expect(await locateExecutable(join(tmp, 'mac'), 'macos')).toBe(join(tmp, 'mac', 'Blender.app', 'Contents', 'MacOS', 'Blender'));
    expect(await locateExecutable(join(tmp, 'mac', 'Blender.app'), 'macos')).toBe(
      join(tmp, 'mac', 'Blender.app', 'Contents', 'MacOS', 'Blender'),
    );
    await mkdir(join(tmp, 'win', 'blender-4.2.3-windows-x64'), { recursive: true });
    await writeFile(join(tmp, 'win', 'blender-4.2.3-windows-x64', 'blender.exe'), '');
    expect(await locateExecutable(join(tmp, 'win'), 'windows')).toBe(join(tmp, 'win', 'blender-4.2.3-windows-x64', 'blender.exe'));
    expect(await locateExecutable(join(tmp, 'win'), 'linux')).toBeUndefined();
    expect(await locateExecutable(join(tmp, 'nothing'), 'linux')).toBeUndefined();
  });
});
