// A virtual X display (Xvfb) for sessions that need one: the GUI mode, and GPU work (EEVEE,
// viewport) on Blenders or machines without headless EGL. Started per session, in its own
// process group, and stopped and checked with the session.
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { SessionStartError } from './errors.js';
import { which } from '../executables/index.js';
import { signalGroup } from './processes.js';

export type DisplayMode = 'auto' | 'virtual' | 'none';

export function parseDisplayMode(text: string): DisplayMode {
  if (text === 'auto' || text === 'virtual' || text === 'none') return text;
  throw new Error(`display takes auto, virtual or none, not ${JSON.stringify(text)}`);
}

const findXvfb = (env: NodeJS.ProcessEnv = process.env): string | undefined => which('Xvfb', env);

/** Whether `auto` means a virtual display here: Xvfb is installed and there is no DISPLAY. */
export function wantsVirtualDisplay(mode: DisplayMode, env: NodeJS.ProcessEnv = process.env): boolean {
  if (mode === 'virtual') return true;
  if (mode === 'none' || process.platform !== 'linux') return false;
  return !env.DISPLAY && !env.WAYLAND_DISPLAY && findXvfb(env) !== undefined;
}

export class VirtualDisplay {
  private constructor(
    private readonly exited: Promise<unknown>,
    readonly pid: number,
    /** `:N`, for DISPLAY. */
    readonly display: string,
  ) {}

  static async start(env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000): Promise<VirtualDisplay> {
    const xvfb = findXvfb(env);
    if (!xvfb) {
      throw new SessionStartError(
        'usage',
        'a virtual display was asked for, but Xvfb is not installed: apt-get install xvfb (Debian/Ubuntu), or pass --display none',
      );
    }
    // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    const child = execa(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
      // The caller's tag in its environment: a later step can find it even if we die.
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      reject: false,
      cleanup: false,
      buffer: false,
    });
    child.catch(() => undefined);
    const pid = child.pid;
    if (pid === undefined) throw new SessionStartError('usage', `could not start ${xvfb}`);
    const fd3 = child.stdio[3];
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err = (err + String(c)).slice(-2000)));
    const display = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(
        () => reject(new SessionStartError('timeout', `Xvfb did not start within ${timeoutMs / 1000} s:\n${err}`)),
        timeoutMs,
      );
      timer.unref();
      fd3.on('data', (chunk: Buffer) => {
        text += String(chunk);
        const m = /(\d+)\n/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(`:${m[1]}`);
        }
      });
      void child.then(() => {
        clearTimeout(timer);
        reject(new SessionStartError('exited', `Xvfb exited before it was ready:\n${err}`));
      });
    }).catch((error: unknown) => {
      signalGroup(pid, 'SIGKILL');
      throw error;
    });
    return new VirtualDisplay(
      child.then(() => undefined),
      pid,
      display,
    );
  }

  /** Stop Xvfb (SIGTERM lets it remove its lock and socket), then SIGKILL if it lingers. */
  async stop(graceMs = 2000): Promise<void> {
    signalGroup(this.pid, 'SIGTERM');
    const exited = this.exited.then(() => true);
    if (!(await Promise.race([exited, delay(graceMs, false, { ref: false })]))) {
      signalGroup(this.pid, 'SIGKILL');
      await exited;
    }
  }
}
