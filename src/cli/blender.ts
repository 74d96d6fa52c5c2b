import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { UsageError, type Io } from './usage.js';

export interface ResolvedBlender {
  executable: string;
  version?: string;
}

/** --blender: a path (file or folder holding one), or Blender on PATH when absent. */
export async function resolveBlender(spec: string | undefined, _io: Io): Promise<ResolvedBlender> {
  if (spec && spec !== 'system') {
    const path = resolve(spec);
    try {
      const stat = statSync(path);
      return { executable: stat.isDirectory() ? join(path, 'blender') : path };
    } catch {
      throw new UsageError(`--blender ${spec}: no such file; pass the path to a Blender executable`);
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, process.platform === 'win32' ? 'blender.exe' : 'blender');
    try {
      accessSync(candidate, constants.X_OK);
      return { executable: candidate };
    } catch {
      // keep looking
    }
  }
  throw new UsageError('no Blender on PATH: pass --blender PATH, or install one (apt-get install blender)');
}
