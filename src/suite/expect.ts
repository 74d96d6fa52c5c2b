import { isDeepStrictEqual } from 'node:util';
import type { Answer } from '../session/index.js';
import type { Expectation } from './script.js';

export interface Mismatch {
  message: string;
  errorType: string;
  traceback?: string;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Compare one answer with a step's expectations; undefined when every one holds. */
export function checkAnswer(answer: Answer, expect: Expectation): Mismatch | undefined {
  if (expect.error) {
    if (answer.ok) {
      return {
        errorType: 'expect.error',
        message: `expected ${expect.error.type ?? 'an error'}, but the request succeeded with ${show(answer.result)}`,
      };
    }
    if (expect.error.type && answer.error.type !== expect.error.type) {
      return {
        errorType: 'expect.error',
        message: `expected error ${expect.error.type}, got ${answer.error.type}: ${answer.error.message}`,
        ...(answer.error.traceback ? { traceback: answer.error.traceback } : {}),
      };
    }
    if (expect.error.message && !expect.error.message.test(answer.error.message)) {
      return {
        errorType: 'expect.error',
        message: `error message ${show(answer.error.message)} does not match /${expect.error.message.source}/`,
      };
    }
  } else if (!answer.ok) {
    return {
      errorType: answer.error.type,
      message: answer.error.message,
      ...(answer.error.traceback ? { traceback: answer.error.traceback } : {}),
    };
  }
  if (expect.result && answer.ok && !isDeepStrictEqual(answer.result, expect.result.value)) {
    return { errorType: 'expect.result', message: `expected result ${show(expect.result.value)}, got ${show(answer.result)}` };
  }
  const stdout = answer.stdout ?? '';
  if (expect.stdout && !expect.stdout.test(stdout)) {
    return { errorType: 'expect.stdout', message: `stdout ${show(stdout)} does not match /${expect.stdout.source}/` };
  }
  return undefined;
}
