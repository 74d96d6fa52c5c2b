// npm run bench: every benchmark, each against a baseline measured in the same run.
import { existsSync } from 'node:fs';
import { testBlender } from '../test/helpers/blender.js';
import { benchSession } from './session.js';
import { benchSuite } from './suite.js';
import { benchPython } from './python.js';
import { formatTable, type Row } from './stats.js';

const blender = testBlender();
const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);
const rows: Row[] = [];

if (want('session')) rows.push(...(await benchSession(blender)));
if (want('suite')) rows.push(...(await benchSuite(blender)));
if (want('python')) rows.push(...(await benchPython(blender)));
if (want('install') && existsSync(new URL('./install.ts', import.meta.url))) {
  const { benchInstall } = await import('./install.js');
  rows.push(...(await benchInstall()));
}
console.log(`\nblender-harness bench (Blender at ${blender})\n`);
console.log(formatTable(rows));
