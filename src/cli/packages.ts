// The flags that give Blender's Python the packages a suite needs, shared by test and serve.
import { existsSync } from 'node:fs';
import { isIndexUrl, preparePackages } from '../python/index.js';
import { UsageError, type Io } from './usage.js';

export const packageOptions = {
  'python-package': { type: 'string', multiple: true },
  requirements: { type: 'string', multiple: true },
  'python-index-url': { type: 'string' },
} as const;

export const packagesHelp = `  --python-package SPEC and --requirements FILE install packages into Blender's own Python
  (with its pip, into the harness's cache, reused while the set is unchanged); pytest is added
  when there are Python tests and Blender's Python lacks it. --python-index-url URL: pip's index.`;

export interface PackageFlags {
  'python-package'?: string[];
  requirements?: string[];
  'python-index-url'?: string;
}

/** Checked before Blender is looked for, as every flag is. */
export function checkPackageFlags(values: PackageFlags): void {
  for (const file of values.requirements ?? []) {
    if (!existsSync(file)) throw new UsageError(`--requirements ${file}: no such file`);
  }
  const url = values['python-index-url'];
  if (url !== undefined && !isIndexUrl(url))
    throw new UsageError(`--python-index-url takes an http(s):// or file:// URL, not ${JSON.stringify(url)}`);
  for (const spec of values['python-package'] ?? []) {
    if (!spec.trim() || spec.trim().startsWith('-'))
      throw new UsageError(`--python-package takes a requirement such as numpy or "requests>=2", not ${JSON.stringify(spec)}`);
  }
}

/** Installs what the flags ask for (and pytest or coverage.py when needed): the folders for sys.path, and Blender's Python when it was probed. */
export async function pythonPathsFor(
  values: PackageFlags,
  blender: string,
  needs: { pytest?: boolean; coverage?: boolean },
  io: Io,
  signal?: AbortSignal,
): Promise<{ pythonPaths: string[]; python?: string }> {
  const prepared = await preparePackages({
    blender,
    packages: values['python-package'] ?? [],
    requirements: values.requirements ?? [],
    pytest: needs.pytest === true,
    coverage: needs.coverage === true,
    ...(values['python-index-url'] ? { indexUrl: values['python-index-url'] } : {}),
    log: (line) => io.out(`${line}\n`),
    ...(signal ? { signal } : {}),
  });
  return { pythonPaths: prepared.site ? [prepared.site] : [], ...(prepared.probe ? { python: prepared.probe.executable } : {}) };
}
