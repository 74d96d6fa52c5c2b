import { which } from '../executables/index.js';
import { localExecutable } from '../install/index.js';
import { ensureRunnable } from '../provision/index.js';
import { installForCli, type CliIO } from './install.js';
import type { Io } from './usage.js';

export function cliIo(io: Io): CliIO {
  return { stdout: { write: io.out }, stderr: { write: io.err, isTTY: process.stderr.isTTY === true } };
}

/**
 * --blender for serve and test: any install spec (a path, a version, lts, daily, a URL), with
 * the --mirror URLs to try after download.blender.org.
 * Without it, Blender on PATH, else the newest LTS, downloaded once and cached.
 */
export async function resolveBlender(spec: string | undefined, io: Io, mirrors: readonly string[] = []): Promise<string> {
  const chosen = spec ?? (which(process.platform === 'win32' ? 'blender.exe' : 'blender') ? 'system' : 'lts');
  // Missing shared libraries are named with their packages (the CLI installs nothing itself).
  const log = (m: string): void => io.err(`${m}\n`);
  const onMachine = await localExecutable(chosen, process.cwd());
  if (onMachine) {
    await ensureRunnable(onMachine, { mode: 'none', log });
    // Its version comes with the session's READY line; asking `blender --version` first would
    // start Blender once more (most of a second) before every run.
    return onMachine;
  }
  const result = await installForCli(chosen, mirrors.length ? { mirrors: [...mirrors] } : {}, cliIo(io));
  await ensureRunnable(result.executable, { mode: 'none', log });
  return result.executable;
}
