import { parseDisplayMode, type DisplayMode } from '../session/index.js';
import { MAX_TIMER_SECONDS } from '../suite/limits.js';

/** A mistake in how the harness was called: exit code 2, with what to do instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Writes to a stream until its reader goes away (`blender-harness test | head`): then the rest
 * is dropped instead of an EPIPE crash, so the run still ends Blender, writes its report files
 * and exits with its own code.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let gone = false;
  let watching = false;
  return (text) => {
    if (gone) return;
    if (!watching) {
      watching = true;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        gone = true;
      });
    }
    stream.write(text);
  };
}

export const processIo: Io = {
  out: writerTo(process.stdout),
  err: writerTo(process.stderr),
};

export function parseDisplayFlag(value: string | undefined): DisplayMode | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDisplayMode(value);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
}

export function parseNumber(flag: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) {
    throw new UsageError(`${flag} takes a number ${min > 0 && min < 1 ? '> 0' : `>= ${min}`}, not ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * A duration flag in seconds, as milliseconds. Node's timers hold at most 2^31 - 1 ms and fire
 * at once for longer waits, so a larger value is refused, naming the maximum.
 */
export function parseSeconds(flag: string, value: string | undefined, fallback: number, min: number): number {
  const seconds = parseNumber(flag, value, fallback, min);
  if (seconds > MAX_TIMER_SECONDS) {
    throw new UsageError(
      `${flag} takes at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(value)}`,
    );
  }
  return seconds * 1000;
}
