import { InstallError } from './errors.js';

/** For tests: the InstallError a promise rejects with; anything else fails the test. */
export async function installErrorOf(p: Promise<unknown>): Promise<InstallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InstallError) return e;
    throw e;
  }
  throw new Error('expected an InstallError');
}
