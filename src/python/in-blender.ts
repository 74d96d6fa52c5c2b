// Runs one of the harness's helper scripts in Blender's own Python (a probe, pip, the coverage
// combine): `blender --background --factory-startup --python blender/SCRIPT -- ARGS`, or that
// Python's interpreter directly when the script needs no bpy. The script's answer is its last
// line: the prefix wire.json gives that script, then JSON.
import { join } from 'node:path';
import { execa } from 'execa';
import { LineSplitter } from '../session/lines.js';
import { blenderScriptsDir } from '../session/paths.js';
import { wire } from '../session/wire.js';

const ANSWER_PREFIX = {
  'python_packages.py': wire.lines.packages,
  'coverage_report.py': wire.lines.coverage,
} as const;

/** The helper scripts in blender/ that answer this way. */
export type HelperScript = keyof typeof ANSWER_PREFIX;

export class InBlenderError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'InBlenderError';
  }
}

export interface InBlenderResult {
  answer: Record<string, unknown> | undefined;
  /** Everything Blender and the script printed, but the answer line. */
  output: string;
  exitCode: number | undefined;
}

export interface InBlenderOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  onLine?: (line: string) => void;
  /**
   * Blender's Python interpreter, for a script that needs no bpy: it starts in a tenth of
   * Blender's time. Tried first; Blender runs the script when it fails to.
   */
  python?: string;
}

export async function runInBlender(
  blender: string,
  script: HelperScript,
  args: readonly string[],
  options: InBlenderOptions = {},
): Promise<InBlenderResult> {
  if (options.python) {
    const direct = await run(options.python, [join(blenderScriptsDir(), script), '--', ...args], script, options).catch(() => undefined);
    if (direct?.answer) return direct;
  }
  return run(blender, ['--background', '--factory-startup', '--python', join(blenderScriptsDir(), script), '--', ...args], script, options);
}

async function run(command: string, argv: readonly string[], script: HelperScript, options: InBlenderOptions): Promise<InBlenderResult> {
  const child = execa(command, argv, {
    stdin: 'ignore',
    all: true,
    reject: false,
    env: { ...(options.env ?? process.env), PIP_ROOT_USER_ACTION: 'ignore', PIP_NO_INPUT: '1' },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    forceKillAfterDelay: 2000,
  });
  const onLine = options.onLine;
  if (onLine) {
    const splitter = new LineSplitter();
    child.all?.on('data', (chunk: Buffer) => splitter.push(chunk.toString('utf8')).forEach(onLine));
  }
  const r = await child;
  const output = r.all ?? '';
  const prefix = ANSWER_PREFIX[script];
  const last = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(prefix));
  let answer: Record<string, unknown> | undefined;
  try {
    answer = last ? (JSON.parse(last.slice(prefix.length)) as Record<string, unknown>) : undefined;
  } catch {
    answer = undefined;
  }
  if (r.isCanceled) throw new InBlenderError('the run was cancelled', output);
  if (r.timedOut) throw new InBlenderError(`Blender did not finish ${script} within ${(options.timeoutMs ?? 0) / 1000} s`, output);
  // The answer line is ours, not something to show the user among pip's last lines.
  const shown = answer
    ? output
        .split('\n')
        .filter((l) => l !== last)
        .join('\n')
    : output;
  return { answer, output: shown, exitCode: r.exitCode };
}
