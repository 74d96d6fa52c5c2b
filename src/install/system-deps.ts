// Shared libraries Blender needs from the system on Linux. Official builds bundle most of
// their dependencies but link X11, GL and a few other libraries from the system; slim
// containers (act's images, `-slim` Docker images) leave those out, and the dynamic loader
// then stops at the first one it cannot find. This names them all at once with their
// Debian/Ubuntu packages and, when allowed, installs them with apt-get.

import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { currentPlatform } from './platform.js';
import { parseSpec } from './spec.js';
import { executableAtPath, findSystemBlender, parseVersionOutput, which } from './system.js';

/**
 * Library (soname) -> the Debian/Ubuntu package that ships it. Where a package was renamed by
 * the 64-bit time_t transition (Debian 13, Ubuntu 24.04), the new name comes first; apt is
 * asked which one exists. Covers what official Blender 2.8x-5.x Linux builds link or load,
 * and what distribution Blenders pull in through them.
 */
export const LIBRARY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  // X11 and its protocol libraries: GHOST's X11 backend, tablets (Xi), gamma (Xxf86vm).
  'libX11.so.6': ['libx11-6'],
  'libX11-xcb.so.1': ['libx11-xcb1'],
  'libxcb.so.1': ['libxcb1'],
  'libXau.so.6': ['libxau6'],
  'libXdmcp.so.6': ['libxdmcp6'],
  'libXext.so.6': ['libxext6'],
  'libXi.so.6': ['libxi6'],
  'libXfixes.so.3': ['libxfixes3'],
  'libXrender.so.1': ['libxrender1'],
  'libXxf86vm.so.1': ['libxxf86vm1'],
  'libXinerama.so.1': ['libxinerama1'],
  'libXrandr.so.2': ['libxrandr2'],
  'libXcursor.so.1': ['libxcursor1'],
  'libXss.so.1': ['libxss1'],
  'libXt.so.6': ['libxt6'],
  'libXmu.so.6': ['libxmu6'],
  'libXv.so.1': ['libxv1'],
  'libXcomposite.so.1': ['libxcomposite1'],
  'libXdamage.so.1': ['libxdamage1'],
  'libxshmfence.so.1': ['libxshmfence1'],
  'libSM.so.6': ['libsm6'],
  'libICE.so.6': ['libice6'],
  'libxkbcommon.so.0': ['libxkbcommon0'],
  'libxkbcommon-x11.so.0': ['libxkbcommon-x11-0'],
  'libxcb-xkb.so.1': ['libxcb-xkb1'],
  'libxcb-render.so.0': ['libxcb-render0'],
  'libxcb-shm.so.0': ['libxcb-shm0'],
  'libxcb-shape.so.0': ['libxcb-shape0'],
  'libxcb-xfixes.so.0': ['libxcb-xfixes0'],
  'libxcb-randr.so.0': ['libxcb-randr0'],
  'libxcb-dri2.so.0': ['libxcb-dri2-0'],
  'libxcb-dri3.so.0': ['libxcb-dri3-0'],
  'libxcb-glx.so.0': ['libxcb-glx0'],
  'libxcb-present.so.0': ['libxcb-present0'],
  'libxcb-sync.so.1': ['libxcb-sync1'],
  // OpenGL, EGL and Vulkan (GLVND and Mesa).
  'libGL.so.1': ['libgl1'],
  'libEGL.so.1': ['libegl1'],
  'libGLX.so.0': ['libglx0'],
  'libOpenGL.so.0': ['libopengl0'],
  'libGLdispatch.so.0': ['libglvnd0'],
  'libGLU.so.1': ['libglu1-mesa'],
  'libGLESv2.so.2': ['libgles2'],
  'libgbm.so.1': ['libgbm1'],
  'libdrm.so.2': ['libdrm2'],
  'libepoxy.so.0': ['libepoxy0'],
  'libvulkan.so.1': ['libvulkan1'],
  'libOpenCL.so.1': ['ocl-icd-libopencl1'],
  // Wayland (4.x and later).
  'libwayland-client.so.0': ['libwayland-client0'],
  'libwayland-cursor.so.0': ['libwayland-cursor0'],
  'libwayland-egl.so.1': ['libwayland-egl1'],
  'libwayland-server.so.0': ['libwayland-server0'],
  'libdecor-0.so.0': ['libdecor-0-0'],
  // Fonts and images.
  'libfontconfig.so.1': ['libfontconfig1'],
  'libfreetype.so.6': ['libfreetype6'],
  'libexpat.so.1': ['libexpat1'],
  'libpng16.so.16': ['libpng16-16t64', 'libpng16-16'],
  // Compiler runtimes and base libraries that minimal images can still lack.
  'libgomp.so.1': ['libgomp1'],
  'libstdc++.so.6': ['libstdc++6'],
  'libgcc_s.so.1': ['libgcc-s1'],
  'libcrypt.so.1': ['libcrypt1'],
  'libz.so.1': ['zlib1g'],
  'libbz2.so.1.0': ['libbz2-1.0'],
  'liblzma.so.5': ['liblzma5'],
  'libzstd.so.1': ['libzstd1'],
  'libuuid.so.1': ['libuuid1'],
  'libtinfo.so.6': ['libtinfo6'],
  'libncursesw.so.6': ['libncursesw6'],
  'libxml2.so.2': ['libxml2'],
  'libssl.so.3': ['libssl3t64', 'libssl3'],
  'libcrypto.so.3': ['libssl3t64', 'libssl3'],
  'libnuma.so.1': ['libnuma1'],
  // Desktop integration.
  'libglib-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgobject-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgio-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgthread-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libdbus-1.so.3': ['libdbus-1-3'],
  // Audio and input.
  'libasound.so.2': ['libasound2t64', 'libasound2'],
  'libpulse.so.0': ['libpulse0'],
  'libjack.so.0': ['libjack-jackd2-0'],
  'libSDL2-2.0.so.0': ['libsdl2-2.0-0'],
  'libopenal.so.1': ['libopenal1'],
  'libsndfile.so.1': ['libsndfile1'],
  'libspnav.so.0': ['libspnav0'],
  'libjemalloc.so.2': ['libjemalloc2'],
  // Parts of glibc itself.
  'libm.so.6': ['libc6'],
  'libdl.so.2': ['libc6'],
  'librt.so.1': ['libc6'],
  'libpthread.so.0': ['libc6'],
  'libutil.so.1': ['libc6'],
  'libresolv.so.2': ['libc6'],
  'libmvec.so.1': ['libc6'],
};

/** Blender lacks shared libraries, and they were not (or could not be) installed. */
export class SystemDepsError extends Error {
  override readonly name = 'SystemDepsError';
  constructor(
    message: string,
    /** Libraries still missing when this was thrown. */
    readonly missing: readonly string[],
    /** The packages that would provide them (those with a known package). */
    readonly packages: readonly string[],
  ) {
    super(message);
  }
}

const SONAME = String.raw`([\w.+-]+?\.so(?:\.\d+)*)`;
const MISSING_PATTERNS = [
  // The loader: "blender: error while loading shared libraries: libXi.so.6: cannot open shared
  // object file: No such file or directory"; dlopen() failures read the same.
  new RegExp(`${SONAME}: cannot open shared object file`, 'g'),
  // glibc's ldd: "\tlibXi.so.6 => not found".
  new RegExp(String.raw`^\s*${SONAME} => not found`, 'gm'),
  // musl's ldd (Alpine): "Error loading shared library libXi.so.6: No such file or directory".
  new RegExp(String.raw`Error loading shared library ${SONAME}: No such file`, 'g'),
];

/** The libraries a loader or `ldd` says it could not find, in the order they appear, once each. */
export function missingLibraries(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const pattern of MISSING_PATTERNS) {
    for (const m of text.matchAll(pattern)) if (m[1]) found.push({ at: m.index, name: m[1] });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}

export interface LibraryPlan {
  /** Missing libraries with a known package: `packages` are the candidate names, best first. */
  known: { library: string; packages: readonly string[] }[];
  /** Missing libraries no package is known for. */
  unknown: string[];
}

export function planLibraries(libraries: readonly string[]): LibraryPlan {
  const plan: LibraryPlan = { known: [], unknown: [] };
  for (const library of libraries) {
    const packages = LIBRARY_PACKAGES[library];
    if (packages) plan.known.push({ library, packages });
    else plan.unknown.push(library);
  }
  return plan;
}

/**
 * Whether this system uses the package names of the 64-bit time_t transition (Debian 13 and
 * testing/unstable, Ubuntu 24.04 and later), from /etc/os-release. Only a fallback for when
 * apt has no package lists to ask.
 */
export function usesT64Names(osRelease: string): boolean {
  const field = (name: string): string => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1] ?? '';
  const id = field('ID');
  const version = Number.parseFloat(field('VERSION_ID'));
  if (id === 'debian') return Number.isNaN(version) || version >= 13;
  if (id === 'ubuntu') return version >= 24.04;
  return false;
}

/** Packages apt could install now: those `apt-cache policy` gives a candidate version. */
async function installable(names: readonly string[], env: NodeJS.ProcessEnv): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const r = await execa('apt-cache', ['policy', ...names], { env: { ...env, LC_ALL: 'C' }, extendEnv: false, stdin: 'ignore', reject: false, timeout: 60_000 });
  const out = new Set<string>();
  // "name:\n  Installed: (none)\n  Candidate: 1.2-3\n"; virtual and unknown names have none.
  for (const m of (r.stdout ?? '').matchAll(/^(\S+):\n\s+Installed: .*\n\s+Candidate: (.*)$/gm)) {
    if (m[1] && m[2] && m[2].trim() !== '(none)') out.add(m[1]);
  }
  return out;
}

/** One package per known library: the first name apt offers, else the one this release uses. */
async function choosePackages(plan: LibraryPlan, env: NodeJS.ProcessEnv): Promise<{ library: string; pkg: string }[]> {
  const ambiguous = plan.known.filter((k) => k.packages.length > 1).flatMap((k) => k.packages);
  const available = await installable([...new Set(ambiguous)], env).catch(() => new Set<string>());
  const t64 = usesT64Names(await readFile('/etc/os-release', 'utf8').catch(() => ''));
  return plan.known.map(({ library, packages }) => {
    const pkg = packages.find((p) => available.has(p)) ?? (t64 || packages.length === 1 ? packages[0] : packages[packages.length - 1]);
    return { library, pkg: pkg ?? library };
  });
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function installCommand(packages: readonly string[], sudo: boolean): string {
  const s = sudo ? 'sudo ' : '';
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** The list a user reads: each missing library with its package, or how to find one. */
export function describeMissing(executable: string, chosen: readonly { library: string; pkg: string }[], unknown: readonly string[]): string {
  const count = chosen.length + unknown.length;
  const width = Math.max(...[...chosen.map((c) => c.library), ...unknown].map((l) => l.length));
  return [
    `Blender (${executable}) cannot start: ${count === 1 ? 'a shared library it needs is' : `${count} shared libraries it needs are`} missing on this system:`,
    ...chosen.map((c) => `  ${c.library.padEnd(width)}  from package ${c.pkg}`),
    ...unknown.map((l) => `  ${l.padEnd(width)}  no package known; find it with \`apt-file search ${l}\` (after \`apt-get install apt-file && apt-file update\`)`),
  ].join('\n');
}

interface Probe {
  ok: boolean;
  output: string;
  /** "exit code 127", "signal SIGSEGV", "timed out", or spawn's own message. */
  how: string;
}

const PROBE_TIMEOUT_MS = 120_000;

function probeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // --version returns before Blender opens a window; keep it off any display all the same.
  return { ...env, DISPLAY: '', WAYLAND_DISPLAY: '', LC_ALL: 'C' };
}

async function probe(executable: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Probe> {
  const r = await execa(executable, ['--version'], {
    env: probeEnv(env),
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: PROBE_TIMEOUT_MS,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  const output = r.all ?? '';
  const how = r.timedOut ? `timed out after ${PROBE_TIMEOUT_MS / 1000} s` : r.signal ? `signal ${r.signal}` : r.exitCode !== undefined ? `exit code ${r.exitCode}` : (r.shortMessage ?? 'it failed');
  return { ok: (!r.failed && r.exitCode === 0) || parseVersionOutput(output) !== undefined, output, how };
}

/** What `ldd` says is missing; undefined when it cannot tell (no ldd, a launcher script). */
async function lddMissing(executable: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const r = await execa('ldd', [executable], { env: { ...env, LC_ALL: 'C' }, extendEnv: false, stdin: 'ignore', all: true, reject: false, timeout: 60_000 });
  if (r.code === 'ENOENT' || r.timedOut) return undefined;
  const missing = missingLibraries(r.all ?? '');
  // "not a dynamic executable" (a script) fails with nothing named.
  return r.exitCode === 0 || missing.length ? missing : undefined;
}

/**
 * Every shared library `executable` needs and cannot find. `ldd` names them all at once; where
 * it cannot (a launcher script, no ldd), running it names the first the loader stopped at.
 */
export async function listMissingLibraries(executable: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const fromLdd = await lddMissing(executable, env);
  if (fromLdd) return fromLdd;
  const p = await probe(executable, env);
  return p.ok ? [] : missingLibraries(p.output);
}

async function allMissing(executable: string, run: Probe, env: NodeJS.ProcessEnv): Promise<string[]> {
  const fromRun = missingLibraries(run.output);
  if (fromRun.length === 0) return [];
  return unique([...fromRun, ...((await lddMissing(executable, env)) ?? [])]);
}

/** The command prefix that gives apt-get root, or why there is none. */
async function privilege(uid: number | undefined, env: NodeJS.ProcessEnv): Promise<string[] | string> {
  if (uid === 0) return [];
  const sudo = await execa('sudo', ['-n', 'true'], { env, extendEnv: false, stdin: 'ignore', reject: false, timeout: 30_000 });
  if (sudo.exitCode === 0) return ['sudo', '-n'];
  return sudo.code === 'ENOENT'
    ? `this runs as user ${uid ?? '?'} (not root) and there is no sudo`
    : `this runs as user ${uid ?? '?'} (not root) and sudo asks for a password (\`sudo -n true\` failed)`;
}

function withSbin(path: string | undefined): string {
  // dpkg calls ldconfig and start-stop-daemon from PATH; a root shell without sbin dirs breaks it.
  const dirs = (path ?? '').split(':').filter(Boolean);
  for (const d of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(':');
}

const APT_TIMEOUT_MS = 20 * 60_000;

async function aptGet(prefix: readonly string[], args: readonly string[], env: NodeJS.ProcessEnv, log: (m: string) => void, signal?: AbortSignal): Promise<{ ok: boolean; command: string; tail: string[]; how: string }> {
  // sudo drops DEBIAN_FRONTEND from the environment, so it goes on the command line.
  const argv = [...prefix, ...(prefix.length ? ['env', 'DEBIAN_FRONTEND=noninteractive'] : []), 'apt-get', '-q', ...args];
  const command = argv.join(' ');
  log(`$ ${command}`);
  const [file = 'apt-get', ...rest] = argv;
  const sub = execa(file, rest, {
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive', PATH: withSbin(env.PATH) },
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: APT_TIMEOUT_MS,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  const tail: string[] = [];
  try {
    for await (const raw of sub.iterable({ from: 'all' })) {
      // dpkg redraws its progress with carriage returns: keep the final state of the line.
      const line = raw.split('\r').filter(Boolean).pop() ?? '';
      log(`  ${line}`);
      tail.push(line);
      if (tail.length > 25) tail.shift();
    }
  } catch {
    // A failed spawn ends the iteration; the result below says why.
  }
  const r = await sub;
  const how = r.timedOut ? `timed out after ${APT_TIMEOUT_MS / 60_000} min` : r.isCanceled ? 'cancelled' : r.exitCode !== undefined ? `exit code ${r.exitCode}` : (r.shortMessage ?? 'it failed');
  return { ok: !r.failed, command, tail, how };
}

export interface EnsureRunnableOptions {
  /** 'auto' installs missing libraries with apt-get (as root or with passwordless sudo); 'none' only names them. */
  mode: 'auto' | 'none';
  log: (message: string) => void;
  /** The environment Blender and apt-get run with. Default: this process's. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The effective user id. Default process.getuid(); tests pass another to take the sudo path. */
  uid?: number;
}

/**
 * Makes sure `executable` can start as far as shared libraries go: when `--version` fails for
 * missing libraries, names every one of them with its package, and with mode 'auto' installs
 * them with apt-get and checks once more. Throws SystemDepsError when they are (still)
 * missing. A Blender that fails for another reason is left to the session start to report.
 */
export async function ensureRunnable(executable: string, options: EnsureRunnableOptions): Promise<{ installed: string[] }> {
  if (currentPlatform().os !== 'linux') return { installed: [] };
  const env = options.env ?? process.env;
  const { log, signal } = options;
  // ldd answers in milliseconds where starting Blender takes most of a second: when it finds
  // every library, there is nothing to do. A launcher script it cannot read goes on to a run.
  if ((await lddMissing(executable, env))?.length === 0) return { installed: [] };
  const first = await probe(executable, env, signal);
  if (first.ok) return { installed: [] };
  const missing = await allMissing(executable, first, env);
  if (missing.length === 0) {
    const glibc = /version `GLIBC_([\d.]+)' not found/.exec(first.output)?.[1];
    log(
      `${executable} --version failed (${first.how}), not for a missing library${glibc ? `: it needs glibc ${glibc} or newer, which this system does not have (use a newer base image)` : ''}; starting Blender will show the details.`,
    );
    return { installed: [] };
  }

  const plan = planLibraries(missing);
  const chosen = await choosePackages(plan, env);
  const packages = unique(chosen.map((c) => c.pkg));
  const description = describeMissing(executable, chosen, plan.unknown);
  log(description);
  const uid = options.uid ?? process.getuid?.();

  if (options.mode === 'none') {
    const install = packages.length
      ? `Install ${packages.length === 1 ? 'it' : 'them'} with:\n  ${installCommand(packages, uid !== 0)}\nor let the harness do it (system-deps: auto, the default).`
      : 'None of them has a known package: find the packages with apt-file as shown, and install them.';
    throw new SystemDepsError(`${description}\nsystem-deps is none, so nothing was installed. ${install}`, missing, packages);
  }

  if (packages.length === 0) {
    throw new SystemDepsError(`${description}\nNo package is known for ${missing.length === 1 ? 'it' : 'them'}, so there is nothing to install: find the packages with apt-file as shown and install them before this step.`, missing, packages);
  }
  if (!(await which('apt-get', env))) {
    throw new SystemDepsError(
      `${description}\nThere is no apt-get here (not Debian or Ubuntu?), so they cannot be installed automatically: install the packages that provide these libraries with this system's package manager (the names above are Debian's).`,
      missing,
      packages,
    );
  }
  const prefix = await privilege(uid, env);
  if (typeof prefix === 'string') {
    throw new SystemDepsError(
      `${description}\nThey cannot be installed automatically: ${prefix}. Run the job as root (in a container: \`options: --user root\`), allow passwordless sudo, or install them beforehand:\n  ${installCommand(packages, true)}`,
      missing,
      packages,
    );
  }

  const as = prefix.length ? 'with sudo' : 'as root';
  log(`Installing ${packages.join(' ')} with apt-get (${as}).`);
  const update = await aptGet(prefix, ['update'], env, log, signal);
  if (!update.ok) log(`\`${update.command}\` failed (${update.how}); trying the install with the package lists already there.`);
  // After the update apt knows which of the renamed packages this release has.
  const final = unique((await choosePackages(plan, env)).map((c) => c.pkg));
  const install = await aptGet(prefix, ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...final], env, log, signal);
  if (!install.ok) {
    throw new SystemDepsError(
      `${description}\nInstalling them failed: \`${install.command}\` ended with ${install.how}:\n${install.tail.join('\n')}${update.ok ? '' : `\n(\`apt-get update\` had failed too: ${update.tail.slice(-5).join('\n')})`}`,
      missing,
      final,
    );
  }

  const again = await probe(executable, env, signal);
  if (again.ok) {
    log(`Blender starts now (installed ${final.join(' ')}).`);
    return { installed: final };
  }
  const still = await allMissing(executable, again, env);
  if (still.length === 0) {
    log(`Installed ${final.join(' ')}; ${executable} --version still fails (${again.how}), not for a missing library; starting Blender will show the details.`);
    return { installed: final };
  }
  const left = planLibraries(still);
  throw new SystemDepsError(
    `Installed ${final.join(' ')} with apt-get, but Blender still cannot start.\n${describeMissing(executable, await choosePackages(left, env), left.unknown)}`,
    still,
    final,
  );
}

/**
 * The executable of a spec that names a Blender already on this machine (`system`, a path),
 * or undefined for specs that download one, and for anything install will explain better.
 * Installing such a Blender runs it for its version, so its libraries are checked first.
 */
export async function localExecutable(spec: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    const parsed = parseSpec(spec, { cwd });
    const os = currentPlatform().os;
    if (parsed.kind === 'system') return await findSystemBlender(os, env);
    if (parsed.kind === 'path') return await executableAtPath(parsed.path, os);
  } catch {
    // Not one, or not there: install reports it.
  }
  return undefined;
}
