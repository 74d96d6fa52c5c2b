// `blender-harness install SPEC [--mirror URL]... [--cache-dir DIR] [--json]`. The CLI face wires
// this in; `serve` and `test` call `installForCli` for their `--blender SPEC` so a spec means the
// same thing everywhere. The CLI always uses our own cache folder, even inside a workflow's `run:`
// step: only the Action has a post step to save the cross-run cache.

import { parseArgs } from 'node:util';
import {
  InstallError,
  SPEC_FORMS,
  installBlender,
  platformId,
  streamLogger,
  type InstallOptions,
  type InstallResult,
} from '../install/index.js';
import { createProgress, type TextOut } from '../report/index.js';

export interface CliIO {
  stdout: TextOut;
  stderr: TextOut;
}

export interface CliInstallFlags {
  mirrors?: string[];
  cacheDir?: string;
  noDefaultMirror?: boolean;
  sha256?: string;
  /** No progress bar or notes on stderr (for --json). */
  quiet?: boolean;
}

export const INSTALL_USAGE = `Usage: blender-harness install SPEC [--mirror URL]... [--cache-dir DIR] [--json]

Installs the Blender that SPEC names (or finds it in the cache) and prints its version and the
path of its executable (the last line of the output).

SPEC:
${SPEC_FORMS.map((f) => `  ${f}`).join('\n')}

Options:
  --mirror URL          a mirror of https://download.blender.org/release/ to try after it (repeatable)
  --no-default-mirror   do not try download.blender.org, only the --mirror ones
  --cache-dir DIR       where builds are kept (default: $BLENDER_HARNESS_CACHE_DIR or ~/.cache/blender-harness)
  --sha256 HEX          the expected sha256 of a URL spec's archive
  --json                print one JSON object instead of text
  -h, --help            show this help
`;

export function installOptionsForCli(flags: CliInstallFlags, io: CliIO, env: NodeJS.ProcessEnv = process.env): InstallOptions {
  const options: InstallOptions = {
    cacheMode: 'local',
    env,
    logger: flags.quiet ? { info: () => undefined, warning: (m) => void io.stderr.write(`warning: ${m}\n`) } : streamLogger(io.stderr),
    ...(flags.quiet ? {} : { progress: createProgress({ out: io.stderr }) }),
  };
  if (flags.mirrors?.length) options.mirrors = flags.mirrors;
  if (flags.noDefaultMirror) options.includeDefaultMirror = false;
  if (flags.cacheDir) options.cacheDir = flags.cacheDir;
  if (flags.sha256) options.sha256 = flags.sha256;
  return options;
}

export function installForCli(
  spec: string,
  flags: CliInstallFlags,
  io: CliIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InstallResult> {
  return installBlender(spec, installOptionsForCli(flags, io, env));
}

function describeSource(r: InstallResult): string {
  switch (r.source) {
    case 'download':
      return r.verified ? 'downloaded, sha256 verified' : 'downloaded, NOT verified (no checksum)';
    case 'cache':
    case 'tool-cache':
    case 'actions-cache':
      return `from the ${r.source === 'cache' ? 'cache' : r.source}`;
    case 'system':
      return 'on PATH';
    case 'path':
      return 'at the given path';
  }
}

export async function runInstallCommand(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { mirror?: string[]; 'cache-dir'?: string; json?: boolean; 'no-default-mirror'?: boolean; sha256?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        mirror: { type: 'string', multiple: true },
        'cache-dir': { type: 'string' },
        json: { type: 'boolean' },
        'no-default-mirror': { type: 'boolean' },
        sha256: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.stderr.write(`blender-harness install: ${e instanceof Error ? e.message : String(e)}\n\n${INSTALL_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(INSTALL_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr.write(
      `blender-harness install: ${positionals.length === 0 ? 'which Blender? Give a SPEC, e.g. `4.2` or `lts`' : `one SPEC at a time (got ${positionals.join(' ')})`}.\n\n${INSTALL_USAGE}`,
    );
    return 2;
  }
  const json = values.json === true;
  const flags: CliInstallFlags = { quiet: json };
  if (values.mirror) flags.mirrors = values.mirror;
  if (values['cache-dir']) flags.cacheDir = values['cache-dir'];
  if (values['no-default-mirror']) flags.noDefaultMirror = true;
  if (values.sha256) flags.sha256 = values.sha256;
  if (flags.noDefaultMirror && !flags.mirrors?.length) {
    io.stderr.write('blender-harness install: --no-default-mirror needs at least one --mirror URL.\n');
    return 2;
  }

  try {
    const r = await installForCli(positionals[0] ?? '', flags, io, env);
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: true, ...r })}\n`);
    } else {
      io.stdout.write(`Blender ${r.version} (${platformId(r.platform)}, ${describeSource(r)})\n${r.executable}\n`);
    }
    return 0;
  } catch (e) {
    const known = e instanceof InstallError;
    const message = e instanceof Error ? e.message : String(e);
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: false, error: { code: known ? e.code : 'INTERNAL', message } })}\n`);
    }
    io.stderr.write(`blender-harness install: ${message}\n`);
    if (!known && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return known ? 2 : 1;
  }
}
