import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { AuthRefusedError, Client, type Answer, type Request } from './client.js';
import { VirtualDisplay, wantsVirtualDisplay, type DisplayMode } from './display.js';
import { SessionStartError, type StartFailure } from './errors.js';
import { drainAfterExit, OutputLog } from './output.js';
import { takeCrashReport } from './crash.js';
import { bootstrapScript } from './paths.js';
import {
  killAndReport,
  killGroupLeftovers,
  isPortBound,
  listProcesses,
  killPipeHolders,
  signalGroup,
  signalProcess,
  processesByEnv,
  zombieChildren,
} from './processes.js';
import { Profile } from './profile.js';
import { TrackedProcess } from './tracked.js';
import type { CleanupReport, Leftover, StopReport } from './types.js';
import { PROTOCOL_VERSION, READY_PREFIX, STARTUP_ERROR_PREFIX, wire, type ErrorInfo } from './wire.js';

export const TAG_VARIABLE = 'BLENDER_HARNESS_TAG';

export interface SessionOptions {
  /** Path to the Blender executable (installing by version happens before this stage). */
  blender: string;
  /** Add-ons to install and enable: a folder, a single .py, a .zip, or a 4.2+ extension. */
  addons?: readonly string[];
  /**
   * Add-ons to install without enabling them, for suites that enable them themselves
   * (addon_utils.enable): legacy ones go into the session's add-ons folder, on sys.path
   * ahead of Blender's bundled add-ons; extensions into the user_default repository.
   */
  addonPaths?: readonly string[];
  /** Folders put first on Blender's sys.path before anything is imported: installed packages. */
  pythonPaths?: readonly string[];
  /**
   * Measure with coverage.py from before the add-ons load, saving after every request into
   * `dataDir`: the files matching `include` and whatever is installed into the session profile.
   */
  coverage?: { dataDir: string; include: readonly string[] };
  /** 0 picks a free port. */
  port?: number;
  /** Require the session token on every request (default true). */
  auth?: boolean;
  startupTimeoutMs?: number;
  factoryStartup?: boolean;
  /** Extra arguments for Blender, placed before --python. */
  blenderArgs?: readonly string[];
  /** Shared by restarted sessions of one run; a private one is made (and removed) otherwise. */
  profile?: Profile;
  env?: Readonly<Record<string, string>>;
  /** Each line Blender prints, as it prints it. */
  onOutput?: (line: string) => void;
  /** An interactive Blender (no --background), its server driven by a timer. */
  gui?: boolean;
  /** A virtual X display (Xvfb) for this session; default auto with gui, none without. */
  display?: DisplayMode;
  /** Called with the session token before Blender starts, e.g. to mask it in CI logs. */
  onToken?: (token: string) => void;
  maxLineBytes?: number;
}

export interface ReadyInfo {
  port: number;
  pid: number;
  blender: string;
  python: string;
  protocol: number;
  auth: boolean;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<Session>();
let exitHookInstalled = false;

/** Kill what every live session started; used when the harness itself is going away. */
export function killAllSessionsNow(): void {
  for (const session of live) session.killNow();
}

// Random per harness process: a reused pid on a busy runner must not match another job's tags.
const RUN_ID = randomBytes(4).toString('hex');

/** Every session tag of this process starts with this, so a later step can find them all. */
export function tagPrefix(): string {
  return `bh-${process.pid}-${RUN_ID}-`;
}

/** A timer that does not keep the harness alive once everything else is done. */
export function idle(ms: number): Promise<void> {
  return delay(ms, undefined, { ref: false });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: signals are, so a crashing harness still cleans up.
  process.on('exit', killAllSessionsNow);
}

/** "Blender was killed by SIGSEGV", "Blender exited with code 3". */
export function describeExit(exit: ExitInfo | undefined): string {
  if (!exit) return 'Blender went away';
  return exit.signal ? `Blender was killed by ${exit.signal}` : `Blender exited with code ${String(exit.code)}`;
}

function parseLine<T>(line: string, prefix: string): T | undefined {
  try {
    return JSON.parse(line.slice(prefix.length)) as T;
  } catch {
    return undefined; // a garbled line is Blender's output like any other
  }
}

export class Session {
  readonly token: string;
  readonly tag: string;
  readonly profile: Profile;
  readonly log: OutputLog;
  readonly exited: Promise<ExitInfo>;
  /** Settles once Blender has exited and what it wrote has been read; its pipes are closed then. */
  private readonly outputDone: Promise<void>;
  /** Blender's stdin/stdout/stderr as /proc names them, to find whoever inherited them. */
  private stdio: string[] = [];
  ready!: ReadyInfo;
  exit: ExitInfo | undefined;
  private client: Client | undefined;
  private readonly ownsProfile: boolean;
  /** Blender, under the process supervisor where there is one (Linux). */
  private readonly tracked: TrackedProcess;
  /** Settles once Blender runs (its pid is known) or could not be started. */
  private readonly spawned: Promise<void>;
  private blenderPid = -1;
  /** Whether the supervisor has been asked for what is left of the tree. */
  private swept = false;
  readyMs = 0;

  private constructor(
    readonly options: SessionOptions,
    readonly display: VirtualDisplay | undefined,
  ) {
    this.token = randomBytes(24).toString('hex');
    options.onToken?.(this.token);
    this.tag = `${tagPrefix()}${randomBytes(6).toString('hex')}`;
    this.ownsProfile = options.profile === undefined;
    this.profile = options.profile ?? new Profile();
    this.log = new OutputLog(join(this.profile.logsDir, `blender-${this.tag}.log`));
    if (options.onOutput) this.log.onLine(options.onOutput);

    const auth = options.auth ?? true;
    const args = [
      ...(options.blenderArgs ?? []),
      ...(options.gui ? [] : ['--background']),
      ...(options.factoryStartup === false ? [] : ['--factory-startup']),
      '-noaudio',
      '--python-exit-code',
      '1',
      '--python',
      bootstrapScript(),
      '--',
      '--port',
      String(options.port ?? 0),
      '--watch-stdin',
      ...(auth ? [] : ['--no-auth']),
      ...(options.maxLineBytes ? ['--max-line', String(options.maxLineBytes)] : []),
      ...(options.addonPaths ?? []).flatMap((a) => ['--addon-path', a]),
      ...(options.pythonPaths ?? []).flatMap((p) => ['--python-path', p]),
      ...(options.coverage
        ? [
            '--coverage-data',
            options.coverage.dataDir,
            ...[...options.coverage.include, join(this.profile.root, '*')].flatMap((p) => ['--coverage-include', p]),
          ]
        : []),
      ...(options.addons ?? []).flatMap((a) => ['--addon', a]),
    ];
    // Its own session and process group, so the whole tree can be signalled and found
    // afterwards; on Linux under the supervisor, which keeps that tree whatever it does.
    this.tracked = new TrackedProcess(options.blender, args, {
      // Kept open: Blender shuts itself down when this pipe reaches EOF, however we die.
      stdin: 'pipe',
      pythonNear: options.blender,
      env: {
        ...options.env,
        ...this.profile.environment(),
        PYTHONUNBUFFERED: '1',
        ...(display ? { DISPLAY: display.display } : {}),
        // The token goes by environment only: argv is visible to every user of the machine.
        ...(auth ? { [wire.environment.token]: this.token } : {}),
        [TAG_VARIABLE]: this.tag,
      },
    });
    live.add(this);
    installExitHook();
    this.spawned = this.tracked.started.then((started) => {
      this.blenderPid = started.pid;
      this.stdio = started.stdio;
    });
    const { stdout, stderr } = this.tracked.child;
    this.log.attach(stdout);
    this.log.attach(stderr);
    this.exited = this.tracked.exited.then((exit) => {
      this.exit ??= { code: exit.code, signal: exit.signal };
      live.delete(this);
      return this.exit;
    });
    // A process Blender left behind may hold its stdout and stderr open for ever (a daemon
    // started by a test): once Blender is gone, read what it wrote and stop waiting for EOF,
    // or that daemon would keep the harness running after the run is over.
    this.outputDone = this.exited.then(() => drainAfterExit([stdout, stderr]));
  }

  /** Blender's pid (-1 when it could not be started); known once start() has returned. */
  get pid(): number {
    return this.blenderPid;
  }

  /** Start Blender with the bootstrap and wait until its server accepts connections. */
  static async start(options: SessionOptions): Promise<Session> {
    checkExecutable(options.blender);
    const env = { ...process.env, ...options.env };
    const display = wantsVirtualDisplay(options.display ?? (options.gui ? 'auto' : 'none'), env)
      ? await VirtualDisplay.start({ ...env, [TAG_VARIABLE]: `${tagPrefix()}display` })
      : undefined;
    let session: Session;
    try {
      session = new Session(options, display);
    } catch (error) {
      await display?.stop();
      throw error;
    }
    try {
      await session.spawned;
      await session.waitReady(options.startupTimeoutMs ?? 120_000);
    } catch (error) {
      await session.stop({ graceMs: 1000 }).catch(() => undefined);
      const cleanup = await session.checkCleanup().catch(() => undefined);
      await session.dispose();
      // What the failed start left (an add-on's register() may start processes) is said too.
      if (error instanceof Error && cleanup && cleanup.leftovers.length > 0) {
        const list = cleanup.leftovers.map((l) => `  pid ${l.pid} (${l.found}${l.killed ? ', killed' : ''}): ${l.command}`);
        error.message += `\nIt left ${cleanup.leftovers.length} process(es) behind:\n${list.join('\n')}`;
      }
      throw error;
    }
    return session;
  }

  get port(): number {
    return this.ready.port;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    let startupError: ErrorInfo | undefined;
    const started = performance.now();
    const ready = new Promise<ReadyInfo>((resolve) => {
      const off = this.log.onLine((line) => {
        if (line.startsWith(READY_PREFIX)) {
          const info = parseLine<ReadyInfo>(line, READY_PREFIX);
          if (!info) return;
          off();
          resolve(info);
        } else if (line.startsWith(STARTUP_ERROR_PREFIX)) {
          startupError = parseLine<ErrorInfo>(line, STARTUP_ERROR_PREFIX);
        }
      });
    });
    // Rejects if Blender exits before the harness is connected; once connected, nobody waits.
    const died = this.exited.then(async (exit): Promise<never> => {
      await this.outputDone; // the last lines of output, for the message
      throw this.startFailure(exit, startupError);
    });
    died.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new SessionStartError(
            'timeout',
            `Blender did not open its port within ${timeoutMs / 1000} s; it was killed. ` +
              `Raise the startup timeout if this machine is slow. Last lines of its output:\n${this.log.tail()}`,
            this.log.tail(),
          ),
        );
      }, timeoutMs);
    });
    try {
      this.ready = await Promise.race([ready, timeout, died]);
      if (this.ready.protocol !== PROTOCOL_VERSION) {
        throw new SessionStartError(
          'usage',
          `the server in Blender speaks protocol ${this.ready.protocol}, this harness ${PROTOCOL_VERSION}: blender/ and dist/ come from different versions`,
        );
      }
      const connecting = new AbortController();
      try {
        this.client = await Promise.race([
          connectWithRetry(this.ready.port, this.ready.auth ? this.token : undefined, connecting.signal),
          timeout,
          died, // Blender may exit between READY and the connection
        ]);
      } finally {
        connecting.abort();
      }
    } finally {
      clearTimeout(timer);
    }
    this.readyMs = performance.now() - started;
  }

  private startFailure(exit: ExitInfo, error: ErrorInfo | undefined): SessionStartError {
    const tail = this.log.tail();
    if (error) {
      const reason: StartFailure = error.type === 'AddonError' ? 'addon' : error.type === 'PortError' ? 'port' : 'usage';
      const detail = error.traceback ? `\n${error.traceback.trimEnd()}` : '';
      return new SessionStartError(
        reason,
        `Blender could not start the test server: ${error.message}${detail}`,
        tail,
        error.traceback ?? null,
      );
    }
    if (this.pid < 0) {
      return new SessionStartError('not-found', `could not run ${this.options.blender}: is it an executable Blender?`, tail);
    }
    const output = `Last lines of its output:\n${tail || '(no output)'}`;
    // Blender's banner means Blender itself ran: the add-ons it was enabling are the suspects.
    if (/^Blender \d+\.\d+/m.test(tail)) {
      const addons = this.options.addons ?? [];
      const crash = takeCrashReport(this.profile.root);
      return new SessionStartError(
        'exited',
        `${describeExit(exit)} before its server was ready` +
          (addons.length ? `, while enabling the add-on${addons.length > 1 ? 's' : ''} ${addons.join(', ')}` : '') +
          `.${crash ? ` Blender's crash report:\n${crash}\n` : ' '}${output}`,
        tail,
        crash ?? null,
      );
    }
    return new SessionStartError(
      'exited',
      `${describeExit(exit)} before its server was ready. Is ${this.options.blender} a Blender executable (3.3 or newer)? ${output}`,
      tail,
    );
  }

  /**
   * Send one request; rejects on timeout or when Blender goes away before answering. With
   * `startAfter` (the answer to the request queued before it) the timeout starts once that
   * has settled: a pipelined request waits its turn without spending its time.
   */
  request(request: Request, timeoutMs?: number, startAfter?: Promise<unknown>): Promise<Answer> {
    if (!this.client) return Promise.reject(new Error('the session is not connected'));
    return this.client.request(request, timeoutMs, startAfter);
  }

  /** Stop Blender: quit request, then SIGTERM to its group, then SIGKILL, each given graceMs. */
  async stop(options: { graceMs?: number } = {}): Promise<StopReport> {
    const grace = options.graceMs ?? 3000;
    const started = performance.now();
    const report = (stoppedBy: StopReport['stoppedBy']): StopReport => ({
      stoppedBy,
      stopMs: Math.round(performance.now() - started),
      exitCode: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null,
    });
    if (!this.alive) return this.finishStop(report('exited'));
    if (this.client) {
      const quit = this.client.request({ type: 'quit' }, grace).catch(() => undefined);
      if (await this.waitExit(grace, quit)) return this.finishStop(report('quit'));
    }
    signalGroup(this.pid, 'SIGTERM');
    if (await this.waitExit(grace)) return this.finishStop(report('SIGTERM'));
    signalGroup(this.pid, 'SIGKILL');
    await this.waitExit(10_000);
    return this.finishStop(report('SIGKILL'));
  }

  private async finishStop(report: StopReport): Promise<StopReport> {
    this.client?.close();
    this.tracked.child.stdin?.destroy();
    if (!this.alive) await this.outputDone;
    return report;
  }

  private async waitExit(ms: number, first?: Promise<unknown>): Promise<boolean> {
    const deadline = idle(ms).then(() => false);
    if (first) await Promise.race([first, deadline]);
    return Promise.race([this.exited.then(() => true), deadline]);
  }

  /**
   * After stop: anything of ours still there? Members of Blender's group, processes carrying
   * the session tag (children that left the group), processes holding Blender's stdio, Blender
   * as a zombie, then (Linux) whatever is left in the tree the supervisor tracks, killed until
   * none is left; the port still bound. Whatever is found is killed and reported.
   */
  async checkCleanup(stops: StopReport[] = []): Promise<CleanupReport> {
    const supervisor = this.tracked.supervisorPid;
    // The supervisor carries the tag too; it ends itself once it has swept.
    const all = listProcesses().filter((p) => p.pid !== supervisor);
    const leftovers: Leftover[] = [];
    const seen = new Set<number>();
    const add = (found: Leftover['found'], pid: number, command: string, killed: boolean): void => {
      if (seen.has(pid) || pid === process.pid) return;
      seen.add(pid);
      leftovers.push({ pid, command, found, killed });
    };
    if (this.pid > 0) {
      for (const p of zombieChildren(process.pid, all).filter((z) => z.pid === this.pid || z.pgid === this.pid)) {
        add('zombie', p.pid, p.command, false);
      }
      for (const p of killGroupLeftovers(this.pid, all)) add('group', p.pid, p.command, p.killed);
    }
    // Zombies are dead already, waiting for their parent to reap them.
    const tagged = processesByEnv(TAG_VARIABLE, (v) => v === this.tag, all).filter((p) => p.state !== 'Z' && !seen.has(p.pid));
    for (const p of killAndReport(tagged, 'tag')) add('tag', p.pid, p.command, p.killed);
    // Whatever inherited Blender's stdio and left both its group and its environment (a
    // daemon started with a clean env and setsid) still holds those pipes.
    for (const p of killPipeHolders(
      this.stdio,
      all.filter((q) => !seen.has(q.pid)),
    ))
      add('pipe', p.pid, p.command, p.killed);
    // What got past those (a daemon with a clean environment, its own session and stdio on
    // /dev/null; one that keeps forking): the supervisor has it, however it hid.
    if (!this.swept) {
      this.swept = true;
      const swept = await this.tracked.sweep();
      if (swept === 'lost') {
        leftovers.push({
          pid: supervisor ?? 0,
          command: 'the process supervisor was killed: what Blender started may have escaped',
          found: 'tree',
          killed: false,
        });
      } else {
        for (const p of swept) add('tree', p.pid, p.command, p.killed);
      }
    }
    if (this.display) {
      await this.display.stop();
      for (const p of killGroupLeftovers(this.display.pid)) add('group', p.pid, p.command, p.killed);
    }
    const port = this.ready?.port;
    let portBound: number | null = null;
    if (port && (await isPortBound(port))) portBound = port;
    if (portBound !== null && leftovers.length === 0) {
      leftovers.push({ pid: 0, command: `127.0.0.1:${portBound} is still bound`, found: 'port', killed: false });
    }
    return { clean: leftovers.length === 0 && portBound === null, leftovers, portBound, stops };
  }

  /** stop() then checkCleanup(), then remove the profile when this session made it. */
  async close(options: { graceMs?: number } = {}): Promise<CleanupReport> {
    const stop = await this.stop(options);
    const cleanup = await this.checkCleanup([stop]);
    await this.dispose();
    return cleanup;
  }

  private disposed = false;

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // Nobody asked for the cleanup check: what is left stays, as it would without a supervisor.
    if (!this.swept) this.tracked.release();
    if (this.alive) {
      this.tracked.child.stdout?.destroy();
      this.tracked.child.stderr?.destroy();
    } else {
      await this.outputDone;
    }
    await this.log.close();
    if (this.ownsProfile) this.profile.remove();
  }

  /** Synchronous last resort when the harness is exiting. */
  killNow(): void {
    this.tracked.kill();
    if (this.pid > 0) signalGroup(this.pid, 'SIGKILL');
    if (this.display) signalGroup(this.display.pid, 'SIGKILL');
    const all = listProcesses().filter((p) => p.pid !== this.tracked.supervisorPid);
    for (const p of processesByEnv(TAG_VARIABLE, (v) => v === this.tag, all)) signalProcess(p.pid, 'SIGKILL');
    killPipeHolders(this.stdio, all);
  }
}

function checkExecutable(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new SessionStartError('not-found', `Blender not found at ${path}: pass the path to a Blender executable, or install one`);
  }
  if (!isFile) {
    throw new SessionStartError('not-found', `${path} is not a file: pass the Blender executable itself, not its folder`);
  }
}

async function connectWithRetry(port: number, token: string | undefined, signal: AbortSignal): Promise<Client> {
  while (!signal.aborted) {
    try {
      const client = await Client.connect(port, token);
      if (!signal.aborted) return client;
      client.close(); // connected after the caller gave up
    } catch (error) {
      if (error instanceof AuthRefusedError) throw error;
      await idle(20);
    }
  }
  throw new Error('connection attempts stopped');
}
