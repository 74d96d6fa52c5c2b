// External commands (`--run`): run through the shell while Blender is up. TAP on stdout is
// parsed and merged (subtests too); any other output leaves the exit code as the verdict.
import { Parser, type FinalResults, type Result as TapPoint, type TapError } from 'tap-parser';
import { TAG_VARIABLE, type Leftover } from '../session/index.js';
import { drainAfterExit } from '../session/output.js';
import { killAndReport, killGroupLeftovers, killPipeHolders, listProcesses, processesByEnv, signalGroup } from '../session/processes.js';
import { TrackedProcess, type TrackedExit, type TrackedStart } from '../session/tracked.js';
import type { TestResult } from './results.js';

export interface ExternalOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Ends the command (its whole process group) when the run is cancelled. */
  signal?: AbortSignal;
}

export interface ExternalOutcome {
  results: TestResult[];
  leftovers: Leftover[];
}

const looksLikeTap = (text: string): boolean => /^(TAP version \d+|1\.\.\d+|(not )?ok\b)/m.test(text);

function yamlText(diag: unknown): string | undefined {
  return diag && typeof diag === 'object' ? JSON.stringify(diag, null, 2) : undefined;
}

/** Leaf test points of a TAP stream, named `parent > child`. */
export function tapResults(suite: string, text: string): { results: TestResult[]; ok: boolean; summary: string } {
  const results: TestResult[] = [];
  const attach = (parser: Parser): void => {
    const children = new Map<string, { failed: number }>();
    parser.on('child', (child: Parser) => {
      const entry = { failed: 0 };
      children.set(child.name, entry);
      const before = results.length;
      attach(child);
      child.on('complete', () => {
        entry.failed = results.slice(before).filter((r) => r.outcome === 'failed').length;
      });
    });
    parser.on('assert', (point: TapPoint) => {
      const child = children.get(point.name);
      // A subtest's closing point repeats its children's verdict; keep it only when it fails
      // on its own (a wrong plan, a bail out) so nothing is counted twice.
      if (child && (point.ok || child.failed > 0)) return;
      const diag = point.diag as Record<string, unknown> | null;
      const skip = point.skip !== false ? point.skip : point.todo !== false ? point.todo : false;
      results.push({
        id: `${suite} > ${point.fullname || point.name}`,
        suite,
        name: point.fullname || point.name,
        outcome: skip !== false ? 'skipped' : point.ok ? 'passed' : 'failed',
        ...(skip !== false ? { skipReason: typeof skip === 'string' && skip ? skip : point.todo !== false ? 'todo' : 'skipped' } : {}),
        ...(!point.ok && skip === false
          ? {
              kind: 'assertion' as const,
              message: typeof diag?.message === 'string' ? diag.message : `${point.name} failed`,
              ...(yamlText(diag) ? { traceback: yamlText(diag) } : {}),
            }
          : {}),
        durationMs: typeof point.time === 'number' ? point.time : typeof diag?.duration_ms === 'number' ? diag.duration_ms : 0,
      });
    });
  };
  const parser = new Parser();
  attach(parser);
  let ok = true;
  let summary = '';
  parser.on('complete', (final: FinalResults) => {
    ok = final.ok;
    summary = final.failures
      .map((f: TapError) => String(f.tapError ?? ('name' in f ? f.name : '')))
      .filter(Boolean)
      .join('; ');
  });
  parser.end(text);
  return { results, ok, summary };
}

/** The command run to its exit under the tracker, its output so far, and how it ended. */
interface Execution {
  tracked: TrackedProcess;
  start: TrackedStart;
  ended: TrackedExit;
  timedOut: boolean;
  durationMs: number;
  /** Output chunks; joined only after the leftovers are found. */
  out: string[];
  err: string[];
}

async function execute(command: string, options: ExternalOptions): Promise<Execution> {
  const started = performance.now();
  // Its own session and process group, so whatever it starts can be found and ended
  // afterwards; on Linux under the process supervisor, which keeps every process the command
  // starts, whatever it does with its session, environment or stdio. The pipes behind its
  // stdout and stderr are noted before it runs: whoever inherits them (a background job, a
  // daemon out of the group) is found by them afterwards.
  const tracked =
    process.platform === 'win32'
      ? new TrackedProcess(command, [], { cwd: options.cwd, env: options.env, stdin: 'ignore', shell: true })
      : new TrackedProcess('/bin/sh', ['-c', command], { cwd: options.cwd, env: options.env, stdin: 'ignore' });
  const { child } = tracked;
  const out: string[] = [];
  const err: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => out.push(chunk));
  child.stderr?.on('data', (chunk: string) => err.push(chunk));
  // execa's own timeout would kill only the shell, so the whole group goes. What left the
  // group is found below, and reported, not killed unseen.
  let timedOut = false;
  const killGroup = (): void => {
    void tracked.started.then(({ pid }) => signalGroup(pid, 'SIGKILL'));
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  options.signal?.addEventListener('abort', killGroup, { once: true });
  const start = await tracked.started;
  let ended;
  try {
    // The verdict comes when the shell exits, not when its pipes reach EOF: a command it left
    // in the background (`sleep 200 &`) holds them open and would keep the harness waiting.
    ended = await tracked.exited;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', killGroup);
  }
  // What the shell wrote is in the pipe already; read it, then stop waiting for EOF.
  await drainAfterExit([child.stdout, child.stderr]);
  return { tracked, start, ended, timedOut, durationMs: performance.now() - started, out, err };
}

/** What the command left running, found (group, pipes, tag, supervisor's tree) and killed. */
async function endLeftovers({ tracked, start }: Execution, env: Record<string, string>): Promise<Leftover[]> {
  const { pid: pgid, stdio } = start;
  // The supervisor carries the command's tag too; it ends itself once it has swept.
  const all = listProcesses().filter((p) => p.pid !== tracked.supervisorPid);
  const leftovers: Leftover[] = pgid > 0 ? killGroupLeftovers(pgid, all) : [];
  const seen = new Set(leftovers.map((l) => l.pid));
  leftovers.push(
    ...killPipeHolders(
      stdio,
      all.filter((p) => !seen.has(p.pid)),
    ),
  );
  for (const l of leftovers) seen.add(l.pid);
  // A tag of this command's own (the caller's choice) finds what left the group and the pipes.
  const tag = env[TAG_VARIABLE];
  if (tag) {
    const tagged = processesByEnv(TAG_VARIABLE, (v) => v === tag, all).filter((p) => p.state !== 'Z' && !seen.has(p.pid));
    for (const l of killAndReport(tagged, 'tag')) {
      seen.add(l.pid);
      leftovers.push(l);
    }
  }
  // Whatever got past all that is still in the supervisor's tree: killed until none is left.
  const swept = await tracked.sweep();
  if (swept === 'lost') {
    leftovers.push({
      pid: tracked.supervisorPid ?? 0,
      command: 'the process supervisor was killed: what the command started may have escaped',
      found: 'tree',
      killed: false,
    });
  } else {
    for (const p of swept) if (!seen.has(p.pid)) leftovers.push({ pid: p.pid, command: p.command, found: 'tree', killed: p.killed });
  }
  return leftovers;
}

/** The results of an ended command: its TAP points when it wrote TAP, else its exit code. */
function verdict(suite: string, run: Execution, timeoutMs: number): TestResult[] {
  const { ended } = run;
  const stdout = run.out.join('');
  const stderr = run.err.join('');
  const base = { suite, durationMs: run.durationMs, stdout, stderr };
  if (run.timedOut) {
    return [
      {
        ...base,
        id: `${suite} > timeout`,
        name: 'timeout',
        outcome: 'failed',
        kind: 'timeout',
        message: `the command did not finish within ${timeoutMs / 1000} s and was killed`,
      },
    ];
  }
  const exit = ended.error
    ? `could not be started (${ended.error})`
    : ended.signal
      ? `was killed by ${ended.signal}`
      : `exited with code ${String(ended.code)}`;
  if (looksLikeTap(stdout)) {
    const tap = tapResults(suite, stdout);
    if (tap.results.length > 0) {
      const extra: TestResult[] = [];
      const anyFailed = tap.results.some((r) => r.outcome === 'failed');
      if (!tap.ok && !anyFailed) {
        extra.push({
          ...base,
          id: `${suite} > TAP stream`,
          name: 'TAP stream',
          outcome: 'failed',
          kind: 'error',
          message: `the TAP output is incomplete or invalid${tap.summary ? `: ${tap.summary}` : ''}`,
        });
      } else if (ended.code !== 0 && !anyFailed) {
        extra.push({
          ...base,
          id: `${suite} > exit code`,
          name: 'exit code',
          outcome: 'failed',
          kind: 'exit-code',
          message: `every TAP point passed, but the command ${exit}`,
        });
      }
      return [...tap.results, ...extra];
    }
  }
  const passed = ended.code === 0;
  return [
    {
      ...base,
      id: `${suite} > exit code`,
      name: 'exit code',
      outcome: passed ? 'passed' : 'failed',
      ...(passed
        ? {}
        : {
            kind: 'exit-code' as const,
            message: `the command ${exit}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
          }),
    },
  ];
}

export async function runExternal(command: string, options: ExternalOptions): Promise<ExternalOutcome> {
  const run = await execute(command, options);
  const leftovers = await endLeftovers(run, options.env);
  return { results: verdict(`run: ${command}`, run, options.timeoutMs), leftovers };
}
