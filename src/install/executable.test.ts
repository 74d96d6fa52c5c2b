import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallError } from './errors.js';
import { executableAtPath, findSystemBlender, probeVersion, wellKnownBlenders } from './executable.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'bh-sys-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('system and path specs', () => {
  it("runs the real Blender's --version", async () => {
    expect(await probeVersion('/usr/bin/blender')).toMatch(/^\d+\.\d+\.\d+$/);
    const fake = join(tmp, 'fake');
    await writeFile(fake, '#!/bin/sh\necho "not blender"; exit 3\n');
    await chmod(fake, 0o755);
    await expect(probeVersion(fake)).rejects.toThrow(/--version failed \(exit code 3\)/);
  });

  it('explains a missing system Blender', async () => {
    const e = await findSystemBlender('linux', { PATH: '/nonexistent' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InstallError);
    expect((e as InstallError).code).toBe('SYSTEM_NOT_FOUND');
    expect((e as InstallError).message).toMatch(/no `blender` on PATH.*apt-get install blender.*`lts`/s);
    expect(await findSystemBlender('linux', { PATH: '/usr/bin' })).toBe('/usr/bin/blender');
  });

  it('knows where installers put Blender on macOS and Windows', async () => {
    expect(await wellKnownBlenders('macos', { HOME: '/Users/a' })).toEqual([
      '/Applications/Blender.app/Contents/MacOS/Blender',
      '/Users/a/Applications/Blender.app/Contents/MacOS/Blender',
    ]);
    const pf = join(tmp, 'Program Files');
    for (const v of ['Blender 3.6', 'Blender 4.10', 'Blender 4.2', 'Notes'])
      await mkdir(join(pf, 'Blender Foundation', v), { recursive: true });
    expect(await wellKnownBlenders('windows', { ProgramFiles: pf })).toEqual(
      ['Blender 4.10', 'Blender 4.2', 'Blender 3.6'].map((v) => join(pf, 'Blender Foundation', v, 'blender.exe')),
    );
    await writeFile(join(pf, 'Blender Foundation', 'Blender 4.2', 'blender.exe'), '');
    expect(await findSystemBlender('windows', { PATH: '', ProgramFiles: pf })).toBe(
      join(pf, 'Blender Foundation', 'Blender 4.2', 'blender.exe'),
    );
    expect(await wellKnownBlenders('linux', {})).toEqual([]);
  });

  it('accepts an executable or a folder holding one, and explains the rest', async () => {
    const top = join(tmp, 'build', 'blender-4.2.3-linux-x64');
    await mkdir(top, { recursive: true });
    await writeFile(join(top, 'blender'), '#!/bin/sh\n');
    await chmod(join(top, 'blender'), 0o755);
    expect(await executableAtPath(join(tmp, 'build'), 'linux')).toBe(join(top, 'blender'));
    expect(await executableAtPath(top, 'linux')).toBe(join(top, 'blender'));
    expect(await executableAtPath(join(top, 'blender'), 'linux')).toBe(join(top, 'blender'));
    await expect(executableAtPath(join(tmp, 'missing'), 'linux')).rejects.toThrow(/does not exist/);
    await mkdir(join(tmp, 'plain'));
    await writeFile(join(tmp, 'plain', 'blender'), 'not executable');
    await expect(executableAtPath(join(tmp, 'plain', 'blender'), 'linux')).rejects.toThrow(/not executable/);
    await mkdir(join(tmp, 'empty'));
    await expect(executableAtPath(join(tmp, 'empty'), 'linux')).rejects.toThrow(/No Blender executable in/);
  });
});
