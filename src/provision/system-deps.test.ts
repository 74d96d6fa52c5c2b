import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIBRARY_PACKAGES,
  SystemDepsError,
  describeMissing,
  ensureRunnable,
  listMissingLibraries,
  missingLibraries,
  planLibraries,
  usesT64Names,
} from './index.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'bh-sysdeps-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const LOADER = (lib: string): string =>
  `blender: error while loading shared libraries: ${lib}: cannot open shared object file: No such file or directory`;

async function script(name: string, body: string): Promise<string> {
  const path = join(tmp, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('missingLibraries', () => {
  it("reads the loader's error", () => {
    expect(missingLibraries(LOADER('libXi.so.6'))).toEqual(['libXi.so.6']);
    expect(missingLibraries(`${LOADER('libxkbcommon.so.0')}\n`)).toEqual(['libxkbcommon.so.0']);
  });

  it("reads glibc's ldd, once each, in order, skipping what was found", () => {
    const ldd = [
      '\tlinux-vdso.so.1 (0x00007ffd)',
      '\tlibX11.so.6 => /lib/x86_64-linux-gnu/libX11.so.6 (0x00007f03)',
      '\tlibXxf86vm.so.1 => not found',
      '\tlibXfixes.so.3 => not found',
      '\tlibXi.so.6 => not found',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f03)',
      '\tlibXi.so.6 => not found',
      '\tlibstdc++.so.6 => not found',
      '\tlibSDL2-2.0.so.0 => not found',
      '\tlibdecor-0.so.0 => not found',
      '\tlibbz2.so.1.0 => not found',
      '\tlibXfixes.so.3 => not found',
    ].join('\n');
    expect(missingLibraries(ldd)).toEqual([
      'libXxf86vm.so.1',
      'libXfixes.so.3',
      'libXi.so.6',
      'libstdc++.so.6',
      'libSDL2-2.0.so.0',
      'libdecor-0.so.0',
      'libbz2.so.1.0',
    ]);
  });

  it("reads musl's ldd", () => {
    const ldd =
      'Error loading shared library libGLU.so.1: No such file or directory (needed by /opt/blender/blender)\n\tlibGL.so.1 => /usr/lib/libGL.so.1 (0x7fd8)\nError loading shared library libXrender.so.1: No such file or directory (needed by /opt/blender/blender)';
    expect(missingLibraries(ldd)).toEqual(['libGLU.so.1', 'libXrender.so.1']);
  });

  it('ignores what is not a missing library', () => {
    expect(missingLibraries("./blender: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./blender)")).toEqual(
      [],
    );
    expect(missingLibraries('Blender 4.2.3\n\tbuild date: 2024-10-14')).toEqual([]);
    expect(missingLibraries('Segmentation fault (core dumped)')).toEqual([]);
  });
});

describe('library to package', () => {
  it('knows the libraries official builds link', () => {
    const expected: Record<string, string> = {
      'libXi.so.6': 'libxi6',
      'libxkbcommon.so.0': 'libxkbcommon0',
      'libSM.so.6': 'libsm6',
      'libICE.so.6': 'libice6',
      'libGL.so.1': 'libgl1',
      'libEGL.so.1': 'libegl1',
      'libX11.so.6': 'libx11-6',
      'libXext.so.6': 'libxext6',
      'libXfixes.so.3': 'libxfixes3',
      'libXrender.so.1': 'libxrender1',
      'libXxf86vm.so.1': 'libxxf86vm1',
      'libXinerama.so.1': 'libxinerama1',
      'libXrandr.so.2': 'libxrandr2',
      'libXcursor.so.1': 'libxcursor1',
      'libxkbcommon-x11.so.0': 'libxkbcommon-x11-0',
      'libwayland-client.so.0': 'libwayland-client0',
      'libdecor-0.so.0': 'libdecor-0-0',
      'libfontconfig.so.1': 'libfontconfig1',
      'libfreetype.so.6': 'libfreetype6',
      'libgomp.so.1': 'libgomp1',
      'libdbus-1.so.3': 'libdbus-1-3',
    };
    for (const [lib, pkg] of Object.entries(expected)) expect(LIBRARY_PACKAGES[lib], lib).toContain(pkg);
    // Renamed by the time_t transition: the new name first, the old one as the fallback.
    expect(LIBRARY_PACKAGES['libglib-2.0.so.0']).toEqual(['libglib2.0-0t64', 'libglib2.0-0']);
    expect(LIBRARY_PACKAGES['libasound.so.2']).toEqual(['libasound2t64', 'libasound2']);
  });

  it('separates known libraries from unknown ones', () => {
    expect(planLibraries(['libXi.so.6', 'libfoo.so.3', 'libSM.so.6'])).toEqual({
      known: [
        { library: 'libXi.so.6', packages: ['libxi6'] },
        { library: 'libSM.so.6', packages: ['libsm6'] },
      ],
      unknown: ['libfoo.so.3'],
    });
  });

  it('tells releases with t64 package names from older ones', () => {
    expect(usesT64Names('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')).toBe(false);
    expect(usesT64Names('ID=debian\nVERSION_ID="13"\n')).toBe(true);
    expect(usesT64Names('PRETTY_NAME="Debian GNU/Linux forky/sid"\nID=debian\n')).toBe(true);
    expect(usesT64Names('ID=ubuntu\nVERSION_ID="22.04"\n')).toBe(false);
    expect(usesT64Names('ID=ubuntu\nVERSION_ID="24.04"\n')).toBe(true);
    expect(usesT64Names('ID=fedora\nVERSION_ID=41\n')).toBe(false);
  });

  it('describes each library with its package, and how to find an unknown one', () => {
    const text = describeMissing('/opt/b/blender', [{ library: 'libXi.so.6', pkg: 'libxi6' }], ['libfoo.so.3']);
    expect(text).toMatch(/^Blender \(\/opt\/b\/blender\) cannot start: 2 shared libraries/);
    expect(text).toMatch(/libXi\.so\.6 +from package libxi6/);
    expect(text).toMatch(/libfoo\.so\.3 +no package known; find it with `apt-file search libfoo\.so\.3`/);
  });
});

describe('listMissingLibraries', () => {
  it('finds nothing missing for the Blender on this machine (ldd on a real binary)', async () => {
    expect(await listMissingLibraries('/usr/bin/blender')).toEqual([]);
  });

  it('falls back to running a launcher script, which ldd cannot read', async () => {
    const launcher = await script('launcher', `echo "${LOADER('libXrender.so.1')}" >&2; exit 127`);
    expect(await listMissingLibraries(launcher)).toEqual(['libXrender.so.1']);
  });
});

/** A fake machine: a Blender missing `libs` until `fixed` exists, and apt-get/sudo that log their calls. */
async function fakeMachine(
  name: string,
  opts: { libs: string[]; aptFixes?: boolean; aptFails?: boolean; sudo?: boolean; policy?: string },
) {
  const dir = await mkdtemp(join(tmp, `${name}-`));
  const fixed = join(dir, 'fixed');
  const calls = join(dir, 'calls');
  // Like the loader, it names only the first library it misses.
  const blender = await script(
    `${name}-blender`,
    `if [ -e ${fixed} ]; then echo "Blender 4.2.3"; exit 0; fi\necho "${LOADER(opts.libs[0] ?? '')}" >&2\nexit 127`,
  );
  const write = async (file: string, body: string): Promise<void> => {
    await writeFile(join(dir, file), `#!/bin/sh\n${body}\n`);
    await chmod(join(dir, file), 0o755);
  };
  await write(
    'apt-get',
    [
      `echo "apt-get $* FRONTEND=$DEBIAN_FRONTEND" >> ${calls}`,
      opts.aptFails ? 'echo "E: Unable to locate package libxi6"; exit 100' : '',
      opts.aptFixes !== false ? `case "$*" in *install*) : > ${fixed};; esac` : '',
      'echo "done"',
    ].join('\n'),
  );
  await write('apt-cache', `echo "apt-cache $*" >> ${calls}\ncat <<'EOF'\n${opts.policy ?? ''}\nEOF`);
  // A passwordless sudo: drops -n and runs the rest.
  if (opts.sudo) await write('sudo', `echo "sudo $*" >> ${calls}\n[ "$1" = -n ] && shift\nexec "$@"`);
  // The fake tools first; without the fake sudo, nothing else, so no real sudo (and through
  // it the real apt-get) can ever be reached. The fake sudo needs `env` from /usr/bin.
  const env = { PATH: opts.sudo ? `${dir}:/usr/bin:/bin` : dir };
  const log: string[] = [];
  const readCalls = async (): Promise<string[]> => (existsSync(calls) ? (await readFile(calls, 'utf8')).trim().split('\n') : []);
  return { blender, env, log, readCalls, fixed };
}

describe('ensureRunnable', () => {
  it('returns at once when Blender starts', async () => {
    const log: string[] = [];
    expect(await ensureRunnable('/usr/bin/blender', { mode: 'none', log: (m) => log.push(m) })).toEqual({ installed: [] });
    const ok = await script('ok-blender', 'echo "Blender 4.2.3"');
    expect(await ensureRunnable(ok, { mode: 'auto', log: (m) => log.push(m) })).toEqual({ installed: [] });
    expect(log).toEqual([]);
  });

  it('leaves other failures to the session start, with a hint for an old glibc', async () => {
    const log: string[] = [];
    const crash = await script('crash-blender', 'echo "Segmentation fault" >&2; exit 139');
    expect(await ensureRunnable(crash, { mode: 'auto', log: (m) => log.push(m) })).toEqual({ installed: [] });
    expect(log.join('\n')).toMatch(/--version failed \(exit code 139\), not for a missing library/);
    const old = await script(
      'old-glibc',
      `echo "./blender: /lib/x86_64-linux-gnu/libc.so.6: version \\\`GLIBC_2.99' not found (required by ./blender)" >&2; exit 1`,
    );
    log.length = 0;
    expect(await ensureRunnable(old, { mode: 'auto', log: (m) => log.push(m) })).toEqual({ installed: [] });
    expect(log.join('\n')).toMatch(/needs glibc 2\.99 or newer/);
  });

  it('with none, names each library and package and the command, and installs nothing', async () => {
    const m = await fakeMachine('none', { libs: ['libXi.so.6'], sudo: true });
    const e = await ensureRunnable(m.blender, { mode: 'none', log: (x) => m.log.push(x), env: m.env, uid: 1000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SystemDepsError);
    const message = (e as SystemDepsError).message;
    expect(message).toMatch(/libXi\.so\.6 +from package libxi6/);
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends libxi6');
    expect((e as SystemDepsError).missing).toEqual(['libXi.so.6']);
    expect((e as SystemDepsError).packages).toEqual(['libxi6']);
    expect(await m.readCalls()).toEqual([]);
  });

  it('with auto and no way to root, says so and what to run', async () => {
    const m = await fakeMachine('nosudo', { libs: ['libSM.so.6'], sudo: false });
    const e = await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SystemDepsError);
    expect((e as Error).message).toMatch(/libSM\.so\.6 +from package libsm6/);
    expect((e as Error).message).toMatch(
      /user 1000 \(not root\) and there is no sudo.*sudo apt-get install -y --no-install-recommends libsm6/s,
    );
    expect(await m.readCalls()).toEqual([]);
  });

  it('with auto and passwordless sudo, updates, installs and checks again', async () => {
    const m = await fakeMachine('sudo', { libs: ['libXi.so.6'], sudo: true });
    expect(await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 })).toEqual({
      installed: ['libxi6'],
    });
    expect(await m.readCalls()).toEqual([
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q update',
      'apt-get -q update FRONTEND=noninteractive',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends -o DPkg::Lock::Timeout=300 libxi6',
      'apt-get -q install -y --no-install-recommends -o DPkg::Lock::Timeout=300 libxi6 FRONTEND=noninteractive',
    ]);
    expect(m.log.join('\n')).toMatch(/Installing libxi6 with apt-get \(with sudo\)[\s\S]*Blender starts now/);
  });

  it('asks apt which name a renamed (t64) package has on this release', async () => {
    const policy =
      'libasound2t64:\n  Installed: (none)\n  Candidate: 1.2.11-1build2\n  Version table:\nlibasound2:\n  Installed: (none)\n  Candidate: (none)\n  Version table:';
    const m = await fakeMachine('t64', { libs: ['libasound.so.2'], sudo: true, policy });
    expect(await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 })).toEqual({
      installed: ['libasound2t64'],
    });
    expect(await m.readCalls()).toContain('apt-cache policy libasound2t64 libasound2');
    // With no package lists to ask, this machine's release decides (bookworm here: the old name).
    const old = await fakeMachine('t64-old', { libs: ['libasound.so.2'], sudo: true });
    const t64 = usesT64Names(await readFile('/etc/os-release', 'utf8').catch(() => ''));
    expect(await ensureRunnable(old.blender, { mode: 'auto', log: (x) => old.log.push(x), env: old.env, uid: 1000 })).toEqual({
      installed: [t64 ? 'libasound2t64' : 'libasound2'],
    });
  });

  it('checks again once, and names what is still missing', async () => {
    const m = await fakeMachine('still', { libs: ['libXi.so.6'], sudo: true, aptFixes: false });
    const e = await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SystemDepsError);
    expect((e as Error).message).toMatch(
      /^Installed libxi6 with apt-get, but Blender still cannot start\.[\s\S]*libXi\.so\.6 +from package libxi6/,
    );
    expect((await m.readCalls()).filter((c) => c.startsWith('apt-get') && c.includes(' install '))).toHaveLength(1);
  });

  it("reports apt-get's own failure with its output", async () => {
    const m = await fakeMachine('aptfail', { libs: ['libXi.so.6'], sudo: true, aptFails: true });
    const e = await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /Installing them failed: `sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q install .*libxi6` ended with exit code 100:\nE: Unable to locate package libxi6/,
    );
  });

  it('installs nothing for a library with no known package', async () => {
    const m = await fakeMachine('unknown', { libs: ['libfoo.so.3'], sudo: true });
    const e = await ensureRunnable(m.blender, { mode: 'auto', log: (x) => m.log.push(x), env: m.env, uid: 1000 }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /libfoo\.so\.3 +no package known; find it with `apt-file search libfoo\.so\.3`[\s\S]*nothing to install/,
    );
    expect(await m.readCalls()).toEqual([]);
  });
});
