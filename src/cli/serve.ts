import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Session, wire } from '../session/index.js';
import { resolveBlender } from './blender.js';
import { checkPackageFlags, packageOptions, packagesHelp, pythonPathsFor } from './packages.js';
import { formatCleanup } from '../report/index.js';
import { parseDisplayFlag, parseNumber, UsageError, type Io } from './usage.js';

export const serveHelp = `blender-harness serve [--blender PATH|SPEC] [--mirror URL]... [--addon PATH]... [--port N] [--no-auth]
                     [--addon-path PATH]...
                     [--startup-timeout S] [--gui] [--display auto|virtual|none]
                     [--python-package SPEC]... [--requirements FILE]... [--python-index-url URL]
  Starts Blender headless (or with its window, --gui) with the test server, prints how to
  connect, and keeps it until Ctrl-C or a quit request; then prints the cleanup report.
  --display virtual runs it on its own Xvfb display; auto does so when there is no DISPLAY
  (the default with --gui). --addon-path installs an add-on without enabling it.
${packagesHelp}`;

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      blender: { type: 'string' },
      mirror: { type: 'string', multiple: true },
      addon: { type: 'string', multiple: true },
      'addon-path': { type: 'string', multiple: true },
      port: { type: 'string' },
      'no-auth': { type: 'boolean' },
      'startup-timeout': { type: 'string' },
      gui: { type: 'boolean' },
      display: { type: 'string' },
      ...packageOptions,
    },
    strict: true,
  });
  const display = parseDisplayFlag(values.display);
  const port = parseNumber('--port', values.port, 0);
  if (!Number.isInteger(port) || port > 65535)
    throw new UsageError(`--port takes a TCP port, 0 to 65535 (0: any free one), not ${JSON.stringify(values.port)}`);
  const startupTimeoutMs = parseNumber('--startup-timeout', values['startup-timeout'], 120, 1) * 1000;
  for (const addon of values['addon-path'] ?? []) {
    if (!existsSync(addon))
      throw new UsageError(`--addon-path ${addon}: no such file or folder (give the add-on's folder, .py file or .zip)`);
  }
  checkPackageFlags(values);
  const blender = await resolveBlender(values.blender, io, values.mirror);
  const { pythonPaths } = await pythonPathsFor(values, blender, {}, io);
  const session = await Session.start({
    blender,
    addons: values.addon ?? [],
    addonPaths: (values['addon-path'] ?? []).map((a) => resolve(a)),
    pythonPaths,
    port,
    auth: !values['no-auth'],
    startupTimeoutMs,
    gui: values.gui === true,
    ...(display ? { display } : {}),
  });
  const auth = session.ready.auth;
  io.out(
    [
      `Blender ${session.ready.blender} (Python ${session.ready.python}, pid ${session.pid}) serving on 127.0.0.1:${session.port}` +
        (session.display ? ` with its window on virtual display ${session.display.display}` : ''),
      auth ? `token: ${session.token}` : 'authentication is off: any local process can run code in this Blender',
      'connect with:',
      `  export ${wire.environment.port}=${session.port}${auth ? ` ${wire.environment.token}=${session.token}` : ''}`,
      `  blender-harness send '{"type":"exec","code":"import bpy; result = bpy.app.version_string"}'`,
      'Ctrl-C (or a quit request) stops it.',
      '',
    ].join('\n'),
  );
  const interrupted = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const why = await Promise.race([session.exited.then(() => 'Blender exited'), interrupted]);
  io.out(`stopping (${why})\n`);
  // An interactive Blender takes longer to quit (it saves its session-recovery file first).
  const cleanup = await session.close({ graceMs: values.gui ? 15_000 : 3000 });
  io.out(formatCleanup(cleanup) + '\n');
  return cleanup.clean ? 0 : 1;
}
