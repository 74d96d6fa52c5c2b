// One worker: one Blender session at a time, restarted after a crash or a hang, running
// units and turning answers into results.
import {
  ConnectionClosedError,
  describeExit,
  idle,
  Profile,
  RequestTimeoutError,
  Session,
  TAG_VARIABLE,
  tagPrefix,
  takeCrashReport,
  type CleanupReport,
  type SessionOptions,
} from '../session/index.js';
import { checkAnswer } from './expect.js';
import { runExternal } from './external.js';
import type { Unit } from './plan.js';
import type { FailureKind, TestResult } from './results.js';

export interface WorkerOptions {
  session: Omit<SessionOptions, 'profile'>;
  timeoutMs: number;
  cwd: string;
  /** Where failure locations are shown relative to. */
  relative: (file: string) => string;
}

interface PythonOutcome {
  outcome: 'passed' | 'failed' | 'error' | 'skipped';
  error: { type: string; message: string; traceback: string | null; file: string | null; line: number | null } | null;
  skip: string | null;
  duration: number;
  stdout: string;
  stderr: string;
}

export interface CollectedFile {
  file: string;
  tests: { name: string; line: number }[];
  reset: boolean;
  error: PythonOutcome['error'] & { stdout?: string; stderr?: string };
}

export class WorkerAborted extends Error {
  constructor() {
    super('the run was cancelled');
  }
}

/** A request that did not come back: Blender crashed (exit) or hung (timeout). */
class Lost extends Error {
  constructor(
    readonly kind: 'crash' | 'timeout',
    message: string,
    /** Blender's own crash report (blender.crash.txt), when it wrote one. */
    readonly report?: string,
  ) {
    super(message);
  }
}

export class Worker {
  private session: Session | undefined;
  private readonly profile = new Profile();
  readonly cleanups: CleanupReport[] = [];
  restarts = 0;
  private aborting: Promise<void> | undefined;
  private readonly cancelRuns = new AbortController();

  constructor(
    readonly index: number,
    private readonly options: WorkerOptions,
  ) {}

  /** The live session, started (again) when there is none. */
  async ensure(): Promise<Session> {
    if (this.aborting) throw new WorkerAborted();
    if (this.session?.alive) return this.session;
    if (this.session) await this.retire();
    if (this.lastReady) this.restarts += 1;
    const session = await Session.start({ ...this.options.session, profile: this.profile });
    if (this.aborting) {
      // Cancelled while it was starting: nobody else will stop this one.
      this.cleanups.push(await session.close({ graceMs: 0 }));
      throw new WorkerAborted();
    }
    this.session = session;
    this.lastReady = session.ready;
    return session;
  }

  /** What the most recent session reported when it came up. */
  lastReady: Session['ready'] | undefined;

  private async retire(graceMs = 3000): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) this.cleanups.push(await session.close({ graceMs }));
  }

  /** Send a request; a crash or a hang becomes a Lost error and the session is retired. */
  private async send(request: Record<string, unknown>, timeoutMs: number): Promise<Awaited<ReturnType<Session['request']>>> {
    const session = await this.ensure();
    try {
      return await session.request(request, timeoutMs);
    } catch (error) {
      if (error instanceof RequestTimeoutError) {
        await this.retire(200);
        throw new Lost('timeout', `timed out after ${timeoutMs / 1000} s; Blender was killed and restarted for the next test`);
      }
      if (error instanceof ConnectionClosedError) {
        const exit = await Promise.race([session.exited, idle(5000).then(() => undefined)]);
        const report = takeCrashReport(this.profile.root);
        await this.retire(200);
        throw new Lost('crash', `${describeExit(exit)} while running this test; it was restarted for the next test`, report);
      }
      throw error;
    }
  }

  async collect(path: string): Promise<CollectedFile> {
    try {
      const answer = await this.send({ type: 'collect', files: [path] }, this.options.timeoutMs);
      if (!answer.ok) throw new Error(answer.error.message);
      return (answer.result as CollectedFile[])[0] as CollectedFile;
    } catch (error) {
      if (!(error instanceof Lost)) throw error;
      const message = `${error.kind === 'crash' ? 'importing it crashed Blender' : 'importing it hung'}: ${error.message}`;
      return { file: path, tests: [], reset: true, error: { type: error.kind === 'crash' ? 'Crash' : 'Timeout', message, traceback: null, file: path, line: null } };
    }
  }

  async run(unit: Unit, onResult: (r: TestResult) => void): Promise<void> {
    if (unit.kind === 'python') await this.runModule(unit, onResult);
    else if (unit.kind === 'script') await this.runScript(unit, onResult);
    else await this.runCommand(unit, onResult);
  }

  private async runModule(unit: Extract<Unit, { kind: 'python' }>, onResult: (r: TestResult) => void): Promise<void> {
    let lost: string | undefined;
    for (const test of unit.tests) {
      if (lost) {
        onResult({ id: `${unit.suite} > ${test.name}`, suite: unit.suite, name: test.name, outcome: 'skipped', skipReason: `not run: ${lost}`, durationMs: 0 });
        continue;
      }
      const result = await this.runPython(unit, test);
      onResult(result);
      // HARNESS_RESET = False: later tests build on state that died with Blender, as in a script.
      if (!unit.reset && (result.kind === 'crash' || result.kind === 'timeout')) {
        lost = `${test.name} ${result.kind === 'crash' ? 'crashed' : 'hung'} Blender, and the module's shared state (HARNESS_RESET = False) is gone`;
      }
    }
  }

  private async runPython(unit: Extract<Unit, { kind: 'python' }>, test: { name: string; line: number }): Promise<TestResult> {
    const base = { id: `${unit.suite} > ${test.name}`, suite: unit.suite, name: test.name };
    const started = performance.now();
    let answer;
    try {
      answer = await this.send({ type: 'test', file: unit.path, name: test.name, reset: unit.reset }, this.options.timeoutMs);
    } catch (error) {
      if (!(error instanceof Lost)) throw error;
      return {
        ...base,
        outcome: 'failed',
        kind: error.kind,
        message: error.message,
        ...(error.report ? { traceback: `Blender's crash report:\n${error.report}` } : {}),
        file: this.options.relative(unit.path),
        ...(test.line ? { line: test.line } : {}),
        durationMs: performance.now() - started,
      };
    }
    if (!answer.ok) {
      return { ...base, outcome: 'failed', kind: 'error', errorType: answer.error.type, message: answer.error.message, durationMs: performance.now() - started };
    }
    const r = answer.result as PythonOutcome;
    const output = { ...(r.stdout ? { stdout: r.stdout } : {}), ...(r.stderr ? { stderr: r.stderr } : {}) };
    if (r.outcome === 'passed' || r.outcome === 'skipped') {
      return { ...base, outcome: r.outcome, ...(r.outcome === 'skipped' ? { skipReason: r.skip ?? 'skipped' } : {}), durationMs: r.duration * 1000, ...output };
    }
    const kind: FailureKind = r.outcome === 'failed' ? 'assertion' : 'error';
    return {
      ...base,
      outcome: 'failed',
      kind,
      message: r.error?.message ?? r.outcome,
      ...(r.error?.type ? { errorType: r.error.type } : {}),
      ...(r.error?.traceback ? { traceback: r.error.traceback } : {}),
      ...(r.error?.file ? { file: this.options.relative(r.error.file) } : {}),
      ...(r.error?.line ? { line: r.error.line } : {}),
      durationMs: r.duration * 1000,
      ...output,
    };
  }

  private async runScript(unit: Extract<Unit, { kind: 'script' }>, onResult: (r: TestResult) => void): Promise<void> {
    const { script } = unit;
    let lost: string | undefined;
    if (script.reset) {
      try {
        await this.send({ type: 'reset' }, this.options.timeoutMs);
      } catch (error) {
        if (!(error instanceof Lost)) throw error;
        lost = `the reset before the script ${error.message}`;
      }
    }
    for (const step of script.steps) {
      const base = {
        id: `${unit.suite} > ${step.name}`,
        suite: unit.suite,
        name: step.name,
        file: this.options.relative(unit.path),
        ...(step.line ? { line: step.line } : {}),
      };
      if (step.skip !== undefined || lost) {
        onResult({ ...base, outcome: 'skipped', skipReason: step.skip ?? `not run: ${lost}`, durationMs: 0 });
        continue;
      }
      const started = performance.now();
      const timeoutMs = step.timeoutMs ?? script.timeoutMs ?? this.options.timeoutMs;
      try {
        const answer = await this.send(step.request, timeoutMs);
        const durationMs = performance.now() - started;
        const output = { ...(answer.stdout ? { stdout: answer.stdout } : {}), ...(answer.stderr ? { stderr: answer.stderr } : {}) };
        const mismatch = checkAnswer(answer, step.expect);
        if (!mismatch) onResult({ ...base, outcome: 'passed', durationMs, ...output });
        else {
          const expectation = mismatch.errorType.startsWith('expect.');
          onResult({
            ...base,
            outcome: 'failed',
            kind: expectation ? 'assertion' : 'error',
            errorType: mismatch.errorType,
            message: mismatch.message,
            ...(mismatch.traceback ? { traceback: mismatch.traceback } : {}),
            durationMs,
            ...output,
          });
        }
      } catch (error) {
        if (!(error instanceof Lost)) throw error;
        onResult({
          ...base,
          outcome: 'failed',
          kind: error.kind,
          message: error.message,
          ...(error.report ? { traceback: `Blender's crash report:\n${error.report}` } : {}),
          durationMs: performance.now() - started,
        });
        // The steps after this one build on state that died with Blender.
        lost = `step "${step.name}" ${error.kind === 'crash' ? 'crashed' : 'hung'} Blender, and the state later steps build on is gone`;
      }
    }
  }

  private async runCommand(unit: Extract<Unit, { kind: 'run' }>, onResult: (r: TestResult) => void): Promise<void> {
    const session = await this.ensure();
    const env: Record<string, string> = {
      // Tagged like the sessions, so a post step finds what a cancelled run left of it.
      [TAG_VARIABLE]: `${tagPrefix()}run`,
      BLENDER_HARNESS_PORT: String(session.port),
      BLENDER_PATH: this.options.session.blender,
      ...(session.ready.auth ? { BLENDER_HARNESS_TOKEN: session.token } : {}),
    };
    const outcome = await runExternal(unit.command, { cwd: this.options.cwd, env, timeoutMs: this.options.timeoutMs, signal: this.cancelRuns.signal });
    for (const r of outcome.results) onResult(r);
    if (outcome.leftovers.length) {
      this.cleanups.push({ clean: false, leftovers: outcome.leftovers, portBound: null, stops: [] });
    }
  }

  /** Stop the session and check what it left; remove the profile. */
  async close(graceMs?: number): Promise<void> {
    await this.retire(graceMs);
    this.profile.remove();
  }

  /** Cancel: end Blender now, whatever it is doing. */
  abort(): Promise<void> {
    // Called from the cancel handler and again from the run's cleanup: both wait for one stop.
    this.cancelRuns.abort();
    this.aborting ??= this.retire(0).then(() => this.profile.remove());
    return this.aborting;
  }
}
