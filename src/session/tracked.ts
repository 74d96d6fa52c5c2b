// Starting a process (Blender, a `--run` shell) so that everything it starts stays known.
//
// On Linux the process runs under blender/supervisor.py, a child subreaper: whatever it and
// its descendants leave behind (daemons that setsid, double-fork, clear their environment,
// put their stdio on /dev/null, or keep forking and exiting) is re-parented to the
// supervisor, which kills the whole tree when asked (sweep: until none is left, reporting
// each) or when the harness goes away (its control pipe reaches EOF, even after SIGKILL).
// Elsewhere, or without a Python to run it, the process is started directly, as before: the
// caller's group, tag and pipe searches are then all there is.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, realpathSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { execa } from 'execa';
import { isRunnableFile, which } from '../executables/index.js';
import { LineSplitter } from './lines.js';
import { blenderScriptsDir } from './paths.js';
import { stdioLinks } from './processes.js';

export interface TrackedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not be started at all. */
  error?: string;
}

export interface TrackedStart {
  /** -1 when it could not be started. */
  pid: number;
  /** The pipes behind its stdin, stdout and stderr, as /proc names them (see stdioLinks). */
  stdio: string[];
  error?: string;
}

/** A process the supervisor found in the tree after the command had exited, and killed. */
export interface SweptProcess {
  pid: number;
  command: string;
  killed: boolean;
}

export interface TrackOptions {
  env: Record<string, string>;
  /** As execa's: the harness's own environment under `env` (default true). */
  extendEnv?: boolean;
  cwd?: string;
  stdin: 'pipe' | 'ignore';
  /** Look for the supervisor's Python beside this executable first (an official Blender build bundles one). */
  pythonNear?: string;
  /** Without /proc (macOS, Windows): run `file` through the shell, as execa's `shell` does. */
  shell?: boolean;
}

const SUPERVISOR = 'supervisor.py';
const PYTHON_FLAGS = ['-I', '-S', '-B'];

const checked = new Map<string, boolean>();

/** Whether this interpreter runs the supervisor here (prctl works): asked once per harness. */
function canSupervise(python: string): boolean {
  let ok = checked.get(python);
  if (ok === undefined) {
    try {
      execFileSync(python, [...PYTHON_FLAGS, join(blenderScriptsDir(), SUPERVISOR), '--check'], { stdio: 'ignore', timeout: 20_000 });
      ok = true;
    } catch {
      ok = false;
    }
    checked.set(python, ok);
  }
  return ok;
}

/**
 * The Python that runs the supervisor: Blender's bundled one (`<dir>/X.Y/python/bin/python3.*`
 * beside an official build's executable), the system's (`/usr/bin/python3`: Debian's and
 * Ubuntu's Blender use it), else `python3` on PATH. Undefined off Linux or when none works.
 */
export function supervisorPython(near?: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const key = near ?? '';
  if (!found.has(key)) found.set(key, findPython(near));
  return found.get(key);
}

const found = new Map<string, string | undefined>();

function findPython(near: string | undefined): string | undefined {
  const candidates: string[] = [];
  if (near) {
    try {
      const dir = dirname(realpathSync(near));
      for (const version of readdirSync(dir).filter((n) => /^\d+\.\d+$/.test(n))) {
        const bin = join(dir, version, 'python', 'bin');
        try {
          candidates.push(
            ...readdirSync(bin)
              .filter((n) => /^python3(\.\d+)?$/.test(n))
              .sort()
              .reverse()
              .map((n) => join(bin, n)),
          );
        } catch {
          // no bundled Python in this version folder
        }
      }
    } catch {
      // not a path we can look beside
    }
  }
  candidates.push('/usr/bin/python3');
  const onPath = which('python3');
  if (onPath) candidates.push(onPath);
  return candidates.find((c) => isRunnableFile(c) && canSupervise(c));
}

interface Event {
  event: 'spawned' | 'error' | 'exit' | 'swept';
  pid?: number;
  stdio?: string[];
  message?: string;
  code?: number | null;
  signal?: NodeJS.Signals | null;
  leftovers?: SweptProcess[];
}

export class TrackedProcess {
  /** The process the harness started: the supervisor, or the command itself (execa's, no promise). */
  readonly child: ChildProcess;
  /** The supervisor's pid; undefined when the command runs unsupervised. */
  readonly supervisorPid: number | undefined;
  readonly started: Promise<TrackedStart>;
  readonly exited: Promise<TrackedExit>;
  private readonly control: Socket | undefined;
  private swept: Promise<SweptProcess[] | 'lost'> | undefined;
  private onSwept: ((leftovers: SweptProcess[] | 'lost') => void) | undefined;
  private finished = false;
  /** Settles when the process the harness started (the supervisor) has exited. */
  private readonly gone: Promise<void>;
  /** Whether the supervisor started the command: before that there is no tree to sweep. */
  private running = false;

  constructor(file: string, args: readonly string[], options: TrackOptions) {
    const python = supervisorPython(options.pythonNear);
    let gone!: () => void;
    this.gone = new Promise<void>((resolve) => (gone = resolve));
    const common = {
      env: options.env,
      extendEnv: options.extendEnv ?? true,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      // Its own session and process group, out of reach of a terminal's Ctrl-C.
      detached: true,
      buffer: false,
      reject: false,
      cleanup: false,
    } as const;
    if (python) {
      const child = execa(
        python,
        [...PYTHON_FLAGS, join(blenderScriptsDir(), SUPERVISOR), '--parent', String(process.pid), '--', file, ...args],
        {
          ...common,
          stdio: [options.stdin, 'pipe', 'pipe', 'pipe'],
        },
      );
      child.catch(() => undefined);
      this.child = child;
      this.child.once('exit', gone);
      this.child.once('error', gone);
      this.supervisorPid = this.child.pid;
      const control = this.child.stdio[3] as Socket | null | undefined;
      if (!control) {
        // The supervisor could not be started (execa says why through its promise).
        const error = 'the process supervisor could not be started';
        this.started = Promise.resolve({ pid: -1, stdio: [], error });
        this.exited = Promise.resolve({ code: null, signal: null, error });
        return;
      }
      this.control = control;
      control.on('error', () => undefined);
      const { started, exited } = this.listen(control);
      this.started = started;
      this.exited = exited;
      return;
    }
    // Unsupervised. With /proc, the command first waits on fd 3 until the pipes behind its
    // stdio have been noted (a quick command could otherwise exit before), then becomes
    // itself (same pid); without /proc there is nothing to note.
    const gated = process.platform === 'linux';
    const child = execa(gated ? '/bin/sh' : file, gated ? ['-c', 'read _ <&3; exec 3<&-; exec "$@"', 'sh', file, ...args] : args, {
      ...common,
      shell: !gated && (options.shell ?? false),
      stdio: [options.stdin, 'pipe', 'pipe', gated ? 'pipe' : 'ignore'],
    });
    child.catch(() => undefined);
    this.child = child;
    gone();
    this.supervisorPid = undefined;
    const pid = this.child.pid ?? -1;
    const stdio = gated && pid > 0 ? stdioLinks(pid, options.stdin === 'pipe' ? [0, 1, 2] : [1, 2]) : [];
    const gate = this.child.stdio[3] as unknown as Writable | undefined;
    gate?.on('error', () => undefined);
    gate?.end('\n');
    this.exited = new Promise<TrackedExit>((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      this.child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    });
    this.started = Promise.resolve(pid > 0 ? { pid, stdio } : { pid: -1, stdio: [], error: 'could not be started' });
  }

  private listen(control: Socket): { started: Promise<TrackedStart>; exited: Promise<TrackedExit> } {
    let resolveStart!: (s: TrackedStart) => void;
    let resolveExit!: (e: TrackedExit) => void;
    const started = new Promise<TrackedStart>((r) => (resolveStart = r));
    const exited = new Promise<TrackedExit>((r) => (resolveExit = r));
    const splitter = new LineSplitter();
    control.setEncoding('utf8');
    control.on('data', (chunk: string) => {
      for (const line of splitter.push(chunk)) {
        let event: Event;
        try {
          event = JSON.parse(line) as Event;
        } catch {
          continue;
        }
        if (event.event === 'spawned') {
          this.running = true;
          resolveStart({ pid: event.pid ?? -1, stdio: event.stdio ?? [] });
        } else if (event.event === 'error') {
          const error = event.message ?? 'could not be started';
          resolveStart({ pid: -1, stdio: [], error });
          resolveExit({ code: null, signal: null, error });
        } else if (event.event === 'exit') resolveExit({ code: event.code ?? null, signal: event.signal ?? null });
        else if (event.event === 'swept') this.onSwept?.(event.leftovers ?? []);
      }
    });
    // The channel closes when the supervisor exits (nothing else holds its end): whatever
    // it did not say by then, it never will. Events before that have been read already.
    control.once('close', () => {
      resolveStart({ pid: -1, stdio: [], error: 'the process supervisor exited before it started the command' });
      // Killed from outside: the command got SIGKILL from the kernel with it (PR_SET_PDEATHSIG).
      resolveExit({ code: null, signal: 'SIGKILL' });
      this.finished = true;
      this.onSwept?.('lost');
    });
    return { started, exited };
  }

  /**
   * Once the command has exited: kill whatever is left of its tree, until none is left, and
   * return each process that was there. 'lost' when the supervisor was gone before it could
   * (killed from outside): the tree is not known any more. [] when unsupervised.
   */
  sweep(timeoutMs = 10_000): Promise<SweptProcess[] | 'lost'> {
    if (!this.control || !this.running) return Promise.resolve([]);
    if (this.swept) return this.swept;
    if (this.finished) return Promise.resolve('lost');
    this.swept = new Promise<SweptProcess[] | 'lost'>((resolve) => {
      const timer = setTimeout(() => resolve('lost'), timeoutMs);
      this.onSwept = (leftovers) => {
        clearTimeout(timer);
        resolve(leftovers);
      };
    }).then(async (leftovers) => {
      this.close();
      // It exits right after its answer: once this returns, nothing of the run is left.
      await Promise.race([this.gone, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return leftovers;
    });
    this.send('sweep');
    return this.swept;
  }

  /** Kill the whole tree now, without a report (the harness is going away). Synchronous. */
  kill(): void {
    this.send('kill');
  }

  /** Let go of the tree without killing what is left of it (nobody asked for a check). */
  release(): void {
    if (this.swept) return;
    this.send('release');
    this.close();
  }

  private send(cmd: string): void {
    if (!this.control || this.finished || this.control.destroyed) return;
    this.control.write(`${JSON.stringify({ cmd })}\n`);
  }

  private close(): void {
    this.finished = true;
    this.control?.end();
  }
}
