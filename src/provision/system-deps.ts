// Provisioning the machine for Blender on Linux: when it cannot start for missing shared
// libraries, name them all at once with their Debian/Ubuntu packages and, when allowed, install
// them with apt-get.

import { execa } from 'execa';
import { runVersion, which, type VersionRun } from '../executables/index.js';
import { currentPlatform } from '../install/index.js';
import { aptGet, choosePackages, installCommand, privilege, unique } from './apt.js';
import { describeMissing, missingLibraries, planLibraries, type LibraryPlan } from './libraries.js';

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

/** What `ldd` says is missing; undefined when it cannot tell (no ldd, a launcher script). */
async function lddMissing(executable: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const r = await execa('ldd', [executable], {
    env: { ...env, LC_ALL: 'C' },
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: 60_000,
  });
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
  const p = await runVersion(executable, { env });
  return p.ok ? [] : missingLibraries(p.output);
}

async function allMissing(executable: string, run: VersionRun, env: NodeJS.ProcessEnv): Promise<string[]> {
  const fromRun = missingLibraries(run.output);
  if (fromRun.length === 0) return [];
  return unique([...fromRun, ...((await lddMissing(executable, env)) ?? [])]);
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

/** One attempt at making Blender start: what is missing, and the packages that would provide it. */
interface Shortfall {
  executable: string;
  missing: string[];
  plan: LibraryPlan;
  packages: string[];
  description: string;
  env: NodeJS.ProcessEnv;
  uid: number | undefined;
  options: EnsureRunnableOptions;
}

/** The command prefix apt-get runs with, or the SystemDepsError that says why it cannot run. */
async function aptPrefix(s: Shortfall): Promise<string[]> {
  const { description, missing, packages } = s;
  if (s.options.mode === 'none') {
    const install = packages.length
      ? `Install ${packages.length === 1 ? 'it' : 'them'} with:\n  ${installCommand(packages, s.uid !== 0)}\nor let the harness do it (system-deps: auto, the default).`
      : 'None of them has a known package: find the packages with apt-file as shown, and install them.';
    throw new SystemDepsError(`${description}\nsystem-deps is none, so nothing was installed. ${install}`, missing, packages);
  }
  if (packages.length === 0) {
    throw new SystemDepsError(
      `${description}\nNo package is known for ${missing.length === 1 ? 'it' : 'them'}, so there is nothing to install: find the packages with apt-file as shown and install them before this step.`,
      missing,
      packages,
    );
  }
  if (!which('apt-get', s.env)) {
    throw new SystemDepsError(
      `${description}\nThere is no apt-get here (not Debian or Ubuntu?), so they cannot be installed automatically: install the packages that provide these libraries with this system's package manager (the names above are Debian's).`,
      missing,
      packages,
    );
  }
  const prefix = await privilege(s.uid, s.env);
  if (typeof prefix === 'string') {
    throw new SystemDepsError(
      `${description}\nThey cannot be installed automatically: ${prefix}. Run the job as root (in a container: \`options: --user root\`), allow passwordless sudo, or install them beforehand:\n  ${installCommand(packages, true)}`,
      missing,
      packages,
    );
  }
  return prefix;
}

/** apt-get update (its failure tolerated), then install; returns the packages installed. */
async function installPackages(s: Shortfall, prefix: string[]): Promise<string[]> {
  const { env, options } = s;
  const { log, signal } = options;
  log(`Installing ${s.packages.join(' ')} with apt-get (${prefix.length ? 'with sudo' : 'as root'}).`);
  const update = await aptGet(prefix, ['update'], env, log, signal);
  if (!update.ok) log(`\`${update.command}\` failed (${update.how}); trying the install with the package lists already there.`);
  // After the update apt knows which of the renamed packages this release has.
  const final = unique((await choosePackages(s.plan, env)).map((c) => c.pkg));
  const install = await aptGet(
    prefix,
    ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...final],
    env,
    log,
    signal,
  );
  if (!install.ok) {
    throw new SystemDepsError(
      `${s.description}\nInstalling them failed: \`${install.command}\` ended with ${install.how}:\n${install.tail.join('\n')}${update.ok ? '' : `\n(\`apt-get update\` had failed too: ${update.tail.slice(-5).join('\n')})`}`,
      s.missing,
      final,
    );
  }
  return final;
}

/** After an install: Blender starts, or fails for something else, or still lacks libraries. */
async function checkAgain(s: Shortfall, final: string[]): Promise<{ installed: string[] }> {
  const { executable, env, options } = s;
  const again = await runVersion(executable, { env, ...(options.signal ? { signal: options.signal } : {}) });
  if (again.ok) {
    options.log(`Blender starts now (installed ${final.join(' ')}).`);
    return { installed: final };
  }
  const still = await allMissing(executable, again, env);
  if (still.length === 0) {
    options.log(
      `Installed ${final.join(' ')}; ${executable} --version still fails (${again.how}), not for a missing library; starting Blender will show the details.`,
    );
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
 * Makes sure `executable` can start as far as shared libraries go: when `--version` fails for
 * missing libraries, names every one of them with its package, and with mode 'auto' installs
 * them with apt-get and checks once more. Throws SystemDepsError when they are (still)
 * missing. A Blender that fails for another reason is left to the session start to report.
 */
export async function ensureRunnable(executable: string, options: EnsureRunnableOptions): Promise<{ installed: string[] }> {
  if (currentPlatform().os !== 'linux') return { installed: [] };
  const env = options.env ?? process.env;
  // ldd answers in milliseconds where starting Blender takes most of a second: when it finds
  // every library, there is nothing to do. A launcher script it cannot read goes on to a run.
  if ((await lddMissing(executable, env))?.length === 0) return { installed: [] };
  const first = await runVersion(executable, { env, ...(options.signal ? { signal: options.signal } : {}) });
  if (first.ok) return { installed: [] };
  const missing = await allMissing(executable, first, env);
  if (missing.length === 0) {
    const glibc = /version `GLIBC_([\d.]+)' not found/.exec(first.output)?.[1];
    options.log(
      `${executable} --version failed (${first.how}), not for a missing library${glibc ? `: it needs glibc ${glibc} or newer, which this system does not have (use a newer base image)` : ''}; starting Blender will show the details.`,
    );
    return { installed: [] };
  }
  const plan = planLibraries(missing);
  const chosen = await choosePackages(plan, env);
  const description = describeMissing(executable, chosen, plan.unknown);
  options.log(description);
  const s: Shortfall = {
    executable,
    missing,
    plan,
    packages: unique(chosen.map((c) => c.pkg)),
    description,
    env,
    uid: options.uid ?? process.getuid?.(),
    options,
  };
  const prefix = await aptPrefix(s);
  return checkAgain(s, await installPackages(s, prefix));
}
