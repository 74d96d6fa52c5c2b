// External commands (`--run`): run through the shell while Blender is up. TAP on stdout is
// parsed and merged (subtests too); any other output leaves the exit code as the verdict.
import type { Writable } from 'node:stream';
import { execa } from 'execa';
import { Parser, type Result as TapPoint, type TapError } from 'tap-parser';
import type { Leftover } from '../session/index.js';
import { drainAfterExit } from '../session/output.js';
import { killGroupLeftovers, killPipeHolders, listProcesses, signalGroup, stdioLinks } from '../session/processes.js';
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
  parser.on('complete', (final) => {
    ok = final.ok;
    summary = final.failures.map((f: TapError) => String(f.tapError ?? ('name' in f ? f.name : ''))).filter(Boolean).join('; ');
  });
  parser.end(text);
  return { results, ok, summary };
}

export async function runExternal(command: string, options: ExternalOptions): Promise<ExternalOutcome> {
  const suite = `run: ${command}`;
  const started = performance.now();
  // Its own process group, so whatever it starts can be found and ended afterwards. The
  // shell first waits on fd 3 until the harness has noted which pipes are its stdout and
  // stderr, then becomes `sh -c command` (same pid): whatever inherits those pipes (a
  // background job, a daemon out of the group) is found by them afterwards.
  // Windows has no /proc to find pipe holders by, so its shell starts at once.
  const gated = process.platform !== 'win32';
  const child = execa(gated ? '/bin/sh' : command, gated ? ['-c', 'read _ <&3; exec 3<&-; exec /bin/sh -c "$0"', command] : [], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    reject: false,
    shell: !gated,
    stdio: ['ignore', 'pipe', 'pipe', gated ? 'pipe' : 'ignore'],
    buffer: false,
    cleanup: false,
  });
  child.catch(() => undefined);
  const pgid = child.pid;
  const stdio = pgid ? stdioLinks(pgid, [1, 2]) : [];
  const gate = child.stdio[3] as unknown as Writable | undefined;
  gate?.on('error', () => undefined);
  gate?.end('\n');
  const out: string[] = [];
  const err: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => out.push(chunk));
  child.stderr?.on('data', (chunk: string) => err.push(chunk));
  // The verdict comes when the shell exits, not when its pipes reach EOF: a command it left
  // in the background (`sleep 200 &`) holds them open and would keep the harness waiting.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
  });
  // execa's own timeout would kill only the shell, so the whole group goes.
  let timedOut = false;
  const killGroup = (): void => {
    if (pgid) signalGroup(pgid, 'SIGKILL');
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  options.signal?.addEventListener('abort', killGroup, { once: true });
  let ended;
  try {
    ended = await exited;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', killGroup);
  }
  // What the shell wrote is in the pipe already; read it, then stop waiting for EOF.
  await drainAfterExit([child.stdout, child.stderr]);
  const durationMs = performance.now() - started;
  const all = listProcesses();
  const inGroup: Leftover[] = pgid ? killGroupLeftovers(pgid, all) : [];
  const seen = new Set(inGroup.map((l) => l.pid));
  const leftovers = [...inGroup, ...killPipeHolders(stdio, all.filter((p) => !seen.has(p.pid)))];
  const stdout = out.join('');
  const stderr = err.join('');
  const base = { suite, durationMs, stdout, stderr };
  if (timedOut) {
    return {
      results: [{ ...base, id: `${suite} > timeout`, name: 'timeout', outcome: 'failed', kind: 'timeout', message: `the command did not finish within ${options.timeoutMs / 1000} s and was killed` }],
      leftovers,
    };
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
        extra.push({ ...base, id: `${suite} > TAP stream`, name: 'TAP stream', outcome: 'failed', kind: 'error', message: `the TAP output is incomplete or invalid${tap.summary ? `: ${tap.summary}` : ''}` });
      } else if (ended.code !== 0 && !anyFailed) {
        extra.push({ ...base, id: `${suite} > exit code`, name: 'exit code', outcome: 'failed', kind: 'exit-code', message: `every TAP point passed, but the command ${exit}` });
      }
      return { results: [...tap.results, ...extra], leftovers };
    }
  }
  const passed = ended.code === 0;
  return {
    results: [
      {
        ...base,
        id: `${suite} > exit code`,
        name: 'exit code',
        outcome: passed ? 'passed' : 'failed',
        ...(passed ? {} : { kind: 'exit-code' as const, message: `the command ${exit}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}` }),
      },
    ],
    leftovers,
  };
}
