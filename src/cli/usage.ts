import { parseDisplayMode, type DisplayMode } from '../session/index.js';

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

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
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
