// One worker: one Blender session at a time, restarted after a crash or a hang, running
// units and turning answers into results.
import { randomBytes } from 'node:crypto';
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
  wire,
  type Answer,
  type CleanupReport,
  type ErrorInfo,
  type SessionOptions,
} from '../session/index.js';
import { checkAnswer } from './expect.js';
import { runExternal } from './external.js';
import { testName, type PythonItem, type PythonUnit, type Unit } from './plan.js';
import type { FailureKind, TestResult } from './results.js';

export interface WorkerOptions {
  session: Omit<SessionOptions, 'profile'>;
  timeoutMs: number;
  cwd: string;
  /** Where failure locations are shown relative to. */
  relative: (file: string) => string;
  /** What each session's pytest collects: the same in every worker, so node ids agree. */
  pytest: { args: string[]; freshScene: boolean };
}

/** An error as the Blender side describes it. */
interface PyError extends ErrorInfo {
  /** An assert, pytest.fail() or a strict XPASS: the test's verdict, not an error in it. */
  assertion?: boolean;
}

/** The answer to a `test` request: one pytest item's setup, call and teardown. */
interface PythonOutcome {
  nodeid: string;
  outcome: 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed' | 'not-run';
  phase: 'setup' | 'call' | 'teardown' | null;
  error: PyError | null;
  teardown_error: PyError | null;
  skip: string | null;
  xfail: string | null;
  xpass: string | null;
  duration: number;
  stdout: string;
  stderr: string;
  log: string;
  /** pytest wants the run to stop (-x, --maxfail, pytest.exit()). */
  stop: string | null;
}

/** The answer to a `collect` request: this Blender's pytest session. */
export interface Collection {
  pytest: string;
  rootdir: string;
  inifile: string | null;
  items: PythonItem[];
  errors: (PyError & { nodeid: string; stdout?: string; stderr?: string })[];
  deselected: number;
}

/** pytest could not collect: not installed, a usage error, a broken root conftest.py, a crash. */
export class CollectFailed extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const COLLECT_TIMEOUT_MS = 120_000;

export class WorkerAborted extends Error {
  constructor() {
    super('the run was cancelled');
  }
}

/** A request's answer, or why it has none. */
type Settled = { answer: Answer } | { lost: Lost };

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
  private async send(request: Record<string, unknown>, timeoutMs: number, startAfter?: Promise<unknown>, on?: Session): Promise<Answer> {
    // A pipelined request goes to the Blender its predecessor went to, never to a new one.
    const session = on ?? (await this.ensure());
    try {
      return await session.request(request, timeoutMs, startAfter);
    } catch (error) {
      // With a request pipelined behind another, both fail when Blender goes: only the one
      // that was running retires the session, never a fresh one started since.
      const current = this.session === session;
      if (error instanceof RequestTimeoutError) {
        if (current) await this.retire(200);
        throw new Lost('timeout', `timed out after ${timeoutMs / 1000} s; Blender was killed and restarted for the next test`);
      }
      if (error instanceof ConnectionClosedError) {
        const exit = await Promise.race([session.exited, idle(5000).then(() => undefined)]);
        const report = this.session === session ? takeCrashReport(this.profile.root) : undefined;
        if (this.session === session) await this.retire(200);
        throw new Lost('crash', `${describeExit(exit)} while running this test; it was restarted for the next test`, report);
      }
      throw error;
    }
  }

  /** Start this session's pytest session (once per Blender process) and return what it collected. */
  async collect(): Promise<Collection> {
    const { args, freshScene } = this.options.pytest;
    let answer;
    try {
      // Importing pytest and every test module is not one test: a short --timeout must not cut it off.
      answer = await this.send(
        { type: 'collect', args, cwd: this.options.cwd, fresh_scene: freshScene },
        Math.max(this.options.timeoutMs, COLLECT_TIMEOUT_MS),
      );
    } catch (error) {
      if (!(error instanceof Lost)) throw error;
      throw new CollectFailed(
        error.kind === 'crash' ? 'Crash' : 'Timeout',
        `collecting the Python tests ${error.kind === 'crash' ? 'crashed Blender' : 'hung'}: ${error.message}`,
        error.report,
      );
    }
    if (!answer.ok) throw new CollectFailed(answer.error.type, answer.error.message, answer.error.traceback ?? undefined);
    this.collectedIn = this.session;
    return answer.result as Collection;
  }

  /** The session the current Blender's pytest session collected in; a restart needs a new one. */
  private collectedIn: Session | undefined;
  /** Why pytest asked to stop the run (-x, --maxfail), once it has. */
  stopReason: string | undefined;

  /**
   * Run one unit. `claimNext` takes the unit this worker runs after it off the queue. Python
   * units run as one stream: each test is torn down for the one after it (so fixtures whose
   * scope goes on stay up, as pytest's own loop keeps them), and the next test's request is
   * sent before this one's answer arrives, so Blender goes from test to test without waiting
   * for the round trip. Returns the claimed unit that is not Python, for the caller to run.
   */
  async run(unit: Unit, onResult: (r: TestResult) => void, claimNext: () => Unit | undefined = () => undefined): Promise<Unit | undefined> {
    if (unit.kind === 'python') return this.runPython(unit, onResult, claimNext);
    if (unit.kind === 'script') await this.runScript(unit, onResult);
    else await this.runCommand(unit, onResult);
    return undefined;
  }

  /** Python tests this worker has taken and not finished (units, remaining items only). */
  private streaming: { item: PythonItem; unit: PythonUnit; done: boolean }[] = [];
  private claimedOther: Unit | undefined;

  /** Units taken but not run, when a run ends in an error: another worker can run them. */
  unfinished(): Unit[] {
    const units = new Map<PythonUnit, PythonItem[]>();
    for (const entry of this.streaming) if (!entry.done) units.set(entry.unit, [...(units.get(entry.unit) ?? []), entry.item]);
    const left: Unit[] = [...units].map(([unit, items]) => ({ ...unit, id: items[0]?.nodeid ?? unit.id, items }));
    if (this.claimedOther) left.push(this.claimedOther);
    this.streaming = [];
    this.claimedOther = undefined;
    return left;
  }

  private async runPython(
    first: PythonUnit,
    onResult: (r: TestResult) => void,
    claimNext: () => Unit | undefined,
  ): Promise<Unit | undefined> {
    const plan = first.items.map((item) => ({ item, unit: first, done: false }));
    this.streaming = plan;
    this.claimedOther = undefined;
    let exhausted = false;
    /** Make the plan reach index i (claiming Python units as needed); false when it cannot. */
    const reach = (i: number): boolean => {
      while (plan.length <= i && !exhausted) {
        const unit = claimNext();
        if (unit?.kind === 'python') plan.push(...unit.items.map((item) => ({ item, unit, done: false })));
        else {
          exhausted = true;
          this.claimedOther = unit;
        }
      }
      return plan.length > i;
    };
    type Sent = { session: Session; answer: Promise<Settled> };
    const inFlight = new Map<number, Sent>();
    const sendAt = (i: number, session: Session, startAfter?: Promise<unknown>): Sent => {
      const entry = plan[i] as (typeof plan)[number];
      const next = reach(i + 1) ? plan[i + 1]?.item.nodeid : undefined;
      const sent = { session, answer: this.sendTest(entry.item.nodeid, next, session, startAfter) };
      inFlight.set(i, sent);
      return sent;
    };
    let lost: { unit: PythonUnit; why: string } | undefined;
    for (let i = 0; reach(i); i++) {
      const entry = plan[i] as (typeof plan)[number];
      // Only a test that keeps the scene builds on what died. One that shares a fixture is set up
      // again in the new Blender, and the tests that keep its scene after it build on that.
      if (lost?.unit === entry.unit && !entry.item.keep_scene) lost = undefined;
      if (lost?.unit === entry.unit) {
        onResult({ ...this.pythonBase(entry.item), outcome: 'skipped', skipReason: `not run: ${lost.why}`, durationMs: 0 });
        entry.done = true;
        continue;
      }
      const started = performance.now();
      let sent = inFlight.get(i);
      inFlight.delete(i);
      if (sent && sent.session !== this.session) sent = undefined; // sent to a Blender that is gone
      if (!sent) {
        const restarted = await this.ensureCollected();
        if (restarted) {
          onResult({
            ...this.pythonBase(entry.item),
            outcome: 'failed',
            kind: 'setup',
            message: restarted,
            ...this.where(entry.item),
            durationMs: 0,
          });
          entry.done = true;
          continue;
        }
        sent = sendAt(i, await this.ensure());
      }
      // Pipelined: the next test's request waits in Blender while this one runs.
      if (this.stopReason === undefined && reach(i + 1) && plan[i + 1]?.unit !== lost?.unit && !inFlight.has(i + 1)) {
        sendAt(i + 1, sent.session, sent.answer);
      }
      const settled = await sent.answer;
      const result = this.pythonResult(entry.item, settled, started);
      entry.done = true;
      if (result) onResult(result);
      if ((result?.kind === 'crash' || result?.kind === 'timeout') && entry.unit.items.length > 1) {
        // Tests that keep the scene build on state that died with Blender, as in a script.
        lost = {
          unit: entry.unit,
          why: `${entry.item.nodeid} ${result.kind === 'crash' ? 'crashed' : 'hung'} Blender, and the scene the tests after it build on is gone`,
        };
      }
      if (this.stopReason !== undefined) break;
    }
    // What was claimed and not run goes back when the run stops early (-x); the caller drops it.
    this.streaming = [];
    const other = this.claimedOther;
    this.claimedOther = undefined;
    return other;
  }

  /** Runs one Python test in `session` (told the next, for its fixtures); a lost Blender settles it too. */
  private sendTest(nodeid: string, next: string | undefined, session: Session, startAfter?: Promise<unknown>): Promise<Settled> {
    return this.send({ type: 'test', nodeid, next: next ?? null }, this.options.timeoutMs, startAfter, session).then(
      (a) => ({ answer: a }),
      (error: unknown) => {
        if (error instanceof Lost) return { lost: error };
        throw error;
      },
    );
  }

  /** Collect in this Blender if it has not yet (after a restart); a message when that fails. */
  private async ensureCollected(): Promise<string | undefined> {
    if (this.session?.alive && this.collectedIn === this.session) return undefined;
    // A fresh Blender (after a crash or a hang): its pytest session collects again, and
    // session and module fixtures are set up again there.
    try {
      await this.collect();
      return undefined;
    } catch (error) {
      if (!(error instanceof CollectFailed)) throw error;
      return `Blender was restarted, but collecting again failed: ${error.message}`;
    }
  }

  private where(item: PythonItem): Pick<TestResult, 'file' | 'line'> {
    return { file: this.options.relative(item.file), ...(item.line ? { line: item.line } : {}) };
  }

  private pythonBase(item: PythonItem): Pick<TestResult, 'id' | 'suite' | 'name'> {
    return { id: item.nodeid, suite: this.options.relative(item.file), name: testName(item.nodeid) };
  }

  /** A test's answer as a result; undefined for a test pytest did not run (the run stopped). */
  private pythonResult(item: PythonItem, settled: Settled, started: number): TestResult | undefined {
    const base = this.pythonBase(item);
    const where = this.where(item);
    if ('lost' in settled) {
      const error = settled.lost;
      return {
        ...base,
        outcome: 'failed',
        kind: error.kind,
        message: error.message,
        ...(error.report ? { traceback: `Blender's crash report:\n${error.report}` } : {}),
        ...where,
        durationMs: performance.now() - started,
      };
    }
    const { answer } = settled;
    if (!answer.ok) {
      return {
        ...base,
        outcome: 'failed',
        kind: 'error',
        errorType: answer.error.type,
        message: answer.error.message,
        ...where,
        durationMs: performance.now() - started,
      };
    }
    const r = answer.result as PythonOutcome;
    if (r.stop) this.stopReason ??= r.stop;
    if (r.outcome === 'not-run') return undefined;
    const output = {
      ...(r.stdout ? { stdout: r.stdout } : {}),
      ...(r.stderr ? { stderr: r.stderr } : {}),
      ...(r.log ? { log: r.log } : {}),
    };
    const durationMs = r.duration * 1000;
    if (r.outcome === 'passed') return { ...base, outcome: 'passed', durationMs, ...output };
    if (r.outcome === 'skipped') return { ...base, outcome: 'skipped', skipReason: r.skip || 'skipped', durationMs, ...output };
    if (r.outcome === 'xfailed')
      return {
        ...base,
        outcome: 'skipped',
        skipReason: `xfail${r.xfail ? `: ${r.xfail}` : ''}`,
        xfail: r.xfail ?? '',
        durationMs,
        ...output,
      };
    const error = r.error;
    const phase = r.outcome === 'error' && (r.phase === 'setup' || r.phase === 'teardown') ? r.phase : undefined;
    const said = error ? `${error.type}: ${error.message}` : r.outcome;
    let message = phase ? `error in ${phase} of ${r.nodeid}: ${said}` : error?.message || said;
    let traceback = error?.traceback ?? undefined;
    if (r.teardown_error) {
      message += `; and error in teardown: ${r.teardown_error.type}: ${r.teardown_error.message}`;
      traceback = [traceback, r.teardown_error.traceback].filter(Boolean).join('\n\n--- teardown ---\n');
    }
    const kind: FailureKind = error?.assertion && !phase ? 'assertion' : 'error';
    return {
      ...base,
      outcome: 'failed',
      kind,
      message,
      ...(error?.type ? { errorType: error.type } : {}),
      ...(phase ? { phase } : {}),
      ...(traceback ? { traceback } : {}),
      ...(error?.file ? { file: this.options.relative(error.file) } : where),
      ...(error?.file && error.line ? { line: error.line } : {}),
      durationMs,
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
      // Tagged like the sessions, so a post step finds what a cancelled run left of it; a tag
      // of its own, so its cleanup check finds what it left and nothing of another worker's.
      [TAG_VARIABLE]: `${tagPrefix()}run-${randomBytes(6).toString('hex')}`,
      [wire.environment.port]: String(session.port),
      BLENDER_PATH: this.options.session.blender,
      ...(session.ready.auth ? { [wire.environment.token]: session.token } : {}),
    };
    const outcome = await runExternal(unit.command, {
      cwd: this.options.cwd,
      env,
      timeoutMs: this.options.timeoutMs,
      signal: this.cancelRuns.signal,
    });
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
