// Started as its own process by the tests: starts a session, prints Blender's pid, then
// waits to be killed. Proves that Blender goes away when the harness dies by SIGKILL.
import { Session } from '../../src/session/index.js';

const session = await Session.start({ blender: process.argv[2] ?? 'blender' });
process.stdout.write(`${JSON.stringify({ pid: session.pid, port: session.port })}\n`);
setInterval(() => undefined, 60_000);
