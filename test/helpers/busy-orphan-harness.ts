// Started as its own process by the tests: starts a session, has it run CODE (which holds
// Blender's main thread: an endless loop, a long sleep), and once the code has printed
// BH_BUSY says Blender's pid; then waits to be killed. Proves that Blender and everything
// it started go away when the harness dies by SIGKILL, busy or not.
//   BH_CODE=CODE node --import tsx busy-orphan-harness.ts BLENDER
// (CODE by environment: in argv, this process would match the markers the test looks for.)
import { Session } from '../../src/session/index.js';

const blender = process.argv[2] ?? 'blender';
const code = process.env.BH_CODE ?? 'while True:\n    pass';
let busy!: () => void;
const marked = new Promise<void>((resolve) => (busy = resolve));
const session = await Session.start({ blender, onOutput: (line) => line === 'BH_BUSY' && busy() });
const said = 'import sys\nsys.__stdout__.write("BH_BUSY\\n")\nsys.__stdout__.flush()\n';
void session.request({ type: 'exec', code: said + code }, 600_000).catch(() => undefined);
await marked;
process.stdout.write(`${JSON.stringify({ pid: session.pid, port: session.port })}\n`);
setInterval(() => undefined, 60_000);
