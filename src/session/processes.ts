// Process inspection for the cleanup check: who is in a group, who carries our tag, which
// of our children are zombies, who still holds a child's output pipes, whether a port is
// still bound. Linux reads /proc; macOS falls back to `ps`, which cannot see environments or
// open files, so the tag and pipe searches are Linux-only.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One-letter state: R, S, D, Z, T... */
  state: string;
  command: string;
}

const hasProc = process.platform === 'linux';

function readProc(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    let command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    if (!command) command = `[${stat.slice(stat.indexOf('(') + 1, close)}]`;
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]), command };
  } catch {
    return undefined; // it exited while we looked
  }
}

function procPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export function listProcesses(): ProcessInfo[] {
  if (hasProc) return procPids().flatMap((pid) => readProc(pid) ?? []);
  if (process.platform === 'win32') return [];
  const out = execFileSync('ps', ['-axo', 'pid=,ppid=,pgid=,stat=,command='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      pgid: Number(m[3]),
      state: (m[4] ?? '?').charAt(0),
      command: m[5] ?? '',
    }));
}

export function groupMembers(pgid: number, all = listProcesses()): ProcessInfo[] {
  return all.filter((p) => p.pgid === pgid);
}

/**
 * Processes whose environment sets `name` to a value that passes `test`: they came from us
 * even after setsid() took them out of Blender's group.
 */
export function processesByEnv(name: string, test: (value: string) => boolean, all = listProcesses()): ProcessInfo[] {
  if (!hasProc) return [];
  const prefix = `${name}=`;
  return all.filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/environ`, 'utf8')
        .split('\0')
        .some((v) => v.startsWith(prefix) && test(v.slice(prefix.length)));
    } catch {
      return false;
    }
  });
}

/**
 * The pipes (or socket pairs, which is what Node gives a child for 'pipe') behind a process's
 * stdin, stdout and stderr, as /proc shows them: 'socket:[123]', 'pipe:[456]'. Read right
 * after spawning, while the child still holds them; files, ttys and /dev/null are left out,
 * since unrelated processes share those.
 */
export function stdioLinks(pid: number, fds: readonly number[] = [0, 1, 2]): string[] {
  if (!hasProc || pid <= 0) return [];
  return fds.flatMap((fd) => {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return /^(pipe|socket):\[\d+\]$/.test(link) ? [link] : [];
    } catch {
      return []; // it exited, or closed that descriptor already
    }
  });
}

/**
 * Processes with a descriptor open on one of `links` (from stdioLinks): whatever inherited a
 * child's output pipes keeps them open, even after leaving its process group and environment.
 */
export function processesHolding(links: readonly string[], all = listProcesses()): ProcessInfo[] {
  if (!hasProc || links.length === 0) return [];
  const wanted = new Set(links);
  return all.filter((p) => {
    if (p.state === 'Z') return false; // a zombie holds no descriptors
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${p.pid}/fd`);
    } catch {
      return false; // gone, or not ours to look into
    }
    return fds.some((fd) => {
      try {
        return wanted.has(readlinkSync(`/proc/${p.pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  });
}

export function zombieChildren(parent = process.pid, all = listProcesses()): ProcessInfo[] {
  return all.filter((p) => p.ppid === parent && p.state === 'Z');
}

/** Running, not merely a zombie waiting for its parent to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !hasProc || readProc(pid)?.state !== 'Z';
}

/** Whether anything listens on the TCP port of 127.0.0.1 (or any address). */
export async function isPortBound(port: number): Promise<boolean> {
  if (hasProc) {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text: string;
      try {
        text = readFileSync(table, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        // local_address is ADDR:PORT in hex; state 0A is LISTEN.
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A') return true;
      }
    }
    return false;
  }
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Signal a whole process group; false when it is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  // kill(-0) would be the harness's own group and kill(-1) everything it may signal.
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL to a process (or, negative, a group): 'gone' when it had exited meanwhile (nothing to report). */
export function sigkill(target: number): 'killed' | 'gone' | 'failed' {
  const id = Math.abs(target);
  if (!Number.isInteger(id) || id <= 1) return 'failed';
  try {
    process.kill(target, 'SIGKILL');
    return 'killed';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : 'failed';
  }
}

/**
 * Kill each of `found` (a snapshot) and report it as a leftover, the way the cleanup check
 * does; those that exited by themselves since the snapshot are left out (a process that
 * forks and exits leaves its successor to be found, not itself).
 */
export function killAndReport<F extends string>(
  found: readonly ProcessInfo[],
  how: F,
): { pid: number; command: string; found: F; killed: boolean }[] {
  return found.flatMap((p) => {
    const outcome = sigkill(p.pid);
    return outcome === 'gone' ? [] : [{ pid: p.pid, command: p.command, found: how, killed: outcome === 'killed' }];
  });
}

/**
 * What is still running in a process group that should be empty: killed, and reported the
 * way the cleanup check reports leftovers.
 */
export function killGroupLeftovers(
  pgid: number,
  all = listProcesses(),
): { pid: number; command: string; found: 'group'; killed: boolean }[] {
  const stragglers = groupMembers(pgid, all).filter((p) => p.state !== 'Z');
  if (stragglers.length === 0) return [];
  const outcome = sigkill(-pgid);
  if (outcome === 'gone') return []; // all of them exited since the snapshot
  return stragglers.map((p) => ({ pid: p.pid, command: p.command, found: 'group' as const, killed: outcome === 'killed' }));
}

/**
 * Whoever still holds one of `links` (from stdioLinks) other than the harness itself: killed,
 * and reported the way the cleanup check reports leftovers.
 */
export function killPipeHolders(
  links: readonly string[],
  all = listProcesses(),
): { pid: number; command: string; found: 'pipe'; killed: boolean }[] {
  return killAndReport(
    processesHolding(links, all).filter((p) => p.pid !== process.pid),
    'pipe',
  );
}
