import { InstallError } from '../../src/install/errors.js';

/** For tests: the error of class `type` a promise rejects with; anything else fails the test. */
export async function rejectionOf<T extends Error>(p: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await p;
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}

export function installErrorOf(p: Promise<unknown>): Promise<InstallError> {
  return rejectionOf(p, InstallError);
}
