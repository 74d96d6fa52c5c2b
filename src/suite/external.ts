// External commands (`--run`): run through the shell while Blender is up. TAP on stdout is
// parsed and merged (subtests too); any other output leaves the exit code as the verdict.
import { execa } from 'execa';
import { Parser, type Result as TapPoint, type TapError } from 'tap-parser';
import type { Leftover } from '../session/index.js';
import { killGroupLeftovers, signalGroup } from '../session/processes.js';
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
  // Its own process group, so whatever it starts can be found and ended afterwards.
  const child = execa(command, {
    shell: true,
    cwd: options.cwd,
    env: options.env,
    detached: true,
    reject: false,
    stdin: 'ignore',
    cleanup: false,
  });
  const pgid = child.pid;
  // execa's own timeout would kill only the shell; a command it started in the background
  // would keep the pipes open and the harness waiting. So the whole group goes.
  let timedOut = false;
  const killGroup = (): void => {
    if (pgid) signalGroup(pgid, 'SIGKILL');
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  options.signal?.addEventListener('abort', killGroup, { once: true });
  let result;
  try {
    result = await child;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', killGroup);
  }
  const durationMs = performance.now() - started;
  const leftovers: Leftover[] = pgid ? killGroupLeftovers(pgid) : [];
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  const base = { suite, durationMs, stdout, stderr };
  if (timedOut) {
    return {
      results: [{ ...base, id: `${suite} > timeout`, name: 'timeout', outcome: 'failed', kind: 'timeout', message: `the command did not finish within ${options.timeoutMs / 1000} s and was killed` }],
      leftovers,
    };
  }
  const exit = result.signal ? `was killed by ${result.signal}` : `exited with code ${String(result.exitCode)}`;
  if (looksLikeTap(stdout)) {
    const tap = tapResults(suite, stdout);
    if (tap.results.length > 0) {
      const extra: TestResult[] = [];
      const anyFailed = tap.results.some((r) => r.outcome === 'failed');
      if (!tap.ok && !anyFailed) {
        extra.push({ ...base, id: `${suite} > TAP stream`, name: 'TAP stream', outcome: 'failed', kind: 'error', message: `the TAP output is incomplete or invalid${tap.summary ? `: ${tap.summary}` : ''}` });
      } else if (result.exitCode !== 0 && !anyFailed) {
        extra.push({ ...base, id: `${suite} > exit code`, name: 'exit code', outcome: 'failed', kind: 'exit-code', message: `every TAP point passed, but the command ${exit}` });
      }
      return { results: [...tap.results, ...extra], leftovers };
    }
  }
  const passed = result.exitCode === 0;
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
