import { execFileSync } from 'node:child_process';

let node24: string | undefined;

/**
 * The Node 24 binary the Actions runtime uses, from the npm registry's `node` package. The
 * first call may download it (npx caches it); `.ci/run` fetches it ahead of the tests.
 */
export function node24Binary(): string {
  node24 ??= execFileSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
  return node24;
}

/** The runtimes the bundled Action is tested on: the runner's node24, and Node 20. */
export function actionRuntimes(): { name: string; node: string }[] {
  return [
    { name: 'node24', node: node24Binary() },
    { name: 'node20', node: process.execPath },
  ];
}
