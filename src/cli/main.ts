import { InstallError } from '../install/index.js';
import { SystemDepsError } from '../provision/index.js';
import { INSTALL_USAGE, runInstallCommand } from './install.js';
import { PackagesError } from '../python/index.js';
import { SessionStartError } from '../session/index.js';
import { cliIo } from './blender.js';
import { sendCommand, sendHelp } from './send.js';
import { serveCommand, serveHelp } from './serve.js';
import { testCommand, testHelp } from './test.js';
import { processIo, UsageError, type Io } from './usage.js';
import { VERSION } from '../version.js';

const commands: Record<string, { run: (argv: string[], io: Io) => Promise<number>; help: string }> = {
  test: { run: testCommand, help: testHelp },
  serve: { run: serveCommand, help: serveHelp },
  send: { run: sendCommand, help: sendHelp },
  install: { run: (argv, io) => runInstallCommand(argv, cliIo(io)), help: INSTALL_USAGE.trimEnd() },
};

function help(): string {
  return [
    'Usage: blender-harness <command> [options]   (--version, --help)',
    '',
    ...Object.values(commands).map((c) => c.help + '\n'),
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`blender-harness: unknown command ${JSON.stringify(name)}\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`blender-harness ${name}: ${usageMessage(name, error as Error)}\n`);
      return 2;
    }
    if (
      error instanceof SessionStartError ||
      error instanceof InstallError ||
      error instanceof SystemDepsError ||
      error instanceof PackagesError
    ) {
      io.err(`blender-harness ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * Node's parser ends an unknown option's message with advice about '--' that does not apply
 * here (a path after '--' is still a path). pytest's own options, what authors mostly type,
 * go through --pytest-arg.
 */
function usageMessage(command: string, error: Error): string {
  const option = /^Unknown option '([^']*)'/.exec(error.message)?.[1];
  if (option === undefined) return error.message;
  const pytest = command === 'test' ? ` pytest's own options go through --pytest-arg (--pytest-arg=${option}).` : '';
  return `unknown option ${option}.${pytest} See blender-harness ${command} --help.`;
}
