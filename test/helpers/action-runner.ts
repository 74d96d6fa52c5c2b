// Runs the bundled Action the way the runner does: `node dist/main.js` with INPUT_* and the
// GITHUB_* / RUNNER_* files and folders, then the post step with the state main saved.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The runner sets every declared input, its default when the workflow gives none. */
function inputDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')]));
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

/** Parses the env-file format core writes: `name<<delimiter\nvalue\ndelimiter` or `name=value`. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export class ActionRun {
  readonly dir = mkdtempSync(join(tmpdir(), 'bh-action-'));
  readonly files = {
    output: join(this.dir, 'output'),
    summary: join(this.dir, 'summary.md'),
    state: join(this.dir, 'state'),
    env: join(this.dir, 'env'),
    path: join(this.dir, 'path'),
  };
  readonly temp = join(this.dir, 'runner-temp');
  /** A command line the step runs through, before the node binary and script (e.g. into a chroot). */
  wrap: string[] = [];
  constructor(
    readonly node: string,
    readonly toolCache = join(mkdtempSync(join(tmpdir(), 'bh-toolcache-'))),
    readonly workspace = ROOT,
  ) {
    mkdirSync(this.temp, { recursive: true });
    for (const f of Object.values(this.files)) writeFileSync(f, '');
  }

  env(inputs: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
    for (const [name, value] of Object.entries({ ...inputDefaults(), ...inputs }))
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    return {
      ...env,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_OUTPUT: this.files.output,
      GITHUB_STEP_SUMMARY: this.files.summary,
      GITHUB_STATE: this.files.state,
      GITHUB_ENV: this.files.env,
      GITHUB_PATH: this.files.path,
      GITHUB_WORKSPACE: this.workspace,
      RUNNER_TEMP: this.temp,
      RUNNER_TOOL_CACHE: this.toolCache,
      ...extra,
    };
  }

  /** Start a step; `onLine` sees stdout as it comes (to send a signal mid-run). */
  start(step: 'main' | 'post', env: NodeJS.ProcessEnv, onLine?: (line: string, pid: number) => void): Promise<StepResult> {
    const state = step === 'post' ? parseFileCommand(readFileSync(this.files.state, 'utf8')) : {};
    for (const [k, v] of Object.entries(state)) env[`STATE_${k}`] = v;
    const [command = this.node, ...args] = [...this.wrap, this.node, join(ROOT, 'dist', `${step}.js`)];
    const child = spawn(command, args, { cwd: this.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, child.pid ?? 0);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stdout += chunk));
    return new Promise((resolve) => {
      child.on('close', (code, signal) => {
        resolve({
          code,
          signal,
          stdout,
          outputs: parseFileCommand(readFileSync(this.files.output, 'utf8')),
          summary: readFileSync(this.files.summary, 'utf8'),
          state: parseFileCommand(readFileSync(this.files.state, 'utf8')),
        });
      });
    });
  }
}
