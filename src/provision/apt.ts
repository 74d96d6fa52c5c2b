// apt: which package names this release has, getting root for apt-get, and running it with its
// output streamed to the log.

import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import type { LibraryPlan } from './libraries.js';

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
  const r = await execa('apt-cache', ['policy', ...names], {
    env: { ...env, LC_ALL: 'C' },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: 60_000,
  });
  const out = new Set<string>();
  // "name:\n  Installed: (none)\n  Candidate: 1.2-3\n"; virtual and unknown names have none.
  for (const m of (r.stdout ?? '').matchAll(/^(\S+):\n\s+Installed: .*\n\s+Candidate: (.*)$/gm)) {
    if (m[1] && m[2] && m[2].trim() !== '(none)') out.add(m[1]);
  }
  return out;
}

/** One package per known library: the first name apt offers, else the one this release uses. */
export async function choosePackages(plan: LibraryPlan, env: NodeJS.ProcessEnv): Promise<{ library: string; pkg: string }[]> {
  const ambiguous = plan.known.filter((k) => k.packages.length > 1).flatMap((k) => k.packages);
  const available = await installable([...new Set(ambiguous)], env).catch(() => new Set<string>());
  const t64 = usesT64Names(await readFile('/etc/os-release', 'utf8').catch(() => ''));
  return plan.known.map(({ library, packages }) => {
    const pkg = packages.find((p) => available.has(p)) ?? (t64 || packages.length === 1 ? packages[0] : packages[packages.length - 1]);
    return { library, pkg: pkg ?? library };
  });
}

export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export function installCommand(packages: readonly string[], sudo: boolean): string {
  const s = sudo ? 'sudo ' : '';
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** The command prefix that gives apt-get root, or why there is none. */
export async function privilege(uid: number | undefined, env: NodeJS.ProcessEnv): Promise<string[] | string> {
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

export async function aptGet(
  prefix: readonly string[],
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  log: (m: string) => void,
  signal?: AbortSignal,
): Promise<{ ok: boolean; command: string; tail: string[]; how: string }> {
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
  const how = r.timedOut
    ? `timed out after ${APT_TIMEOUT_MS / 60_000} min`
    : r.isCanceled
      ? 'cancelled'
      : r.exitCode !== undefined
        ? `exit code ${r.exitCode}`
        : (r.shortMessage ?? 'it failed');
  return { ok: !r.failed, command, tail, how };
}
