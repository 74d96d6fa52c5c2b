// Blender's Python packages in the Action: the set the inputs name (and pytest when the suites
// need it), restored from the Actions cache under a key of its own, so a changed requirement
// set does not throw away the Blender build's entry, and saved by the post step after a miss.
import { existsSync } from 'node:fs';
import * as core from '@actions/core';
import { loadActionsCache } from '../install/index.js';
import { installPlan, planPackages, type PackagesOptions } from '../python/index.js';
import type { ActionConfig } from './inputs.js';
import { STATE } from './state.js';

export const PACKAGES_CACHE_PREFIX = 'blender-harness-python-';

/** The folders to put first on sys.path (none when the run needs no packages), and Blender's Python when it was asked. */
export async function preparePython(
  config: ActionConfig,
  blender: string,
  signal: AbortSignal,
  /** Whether the suites hold Python tests, so pytest must be importable. */
  pytest: boolean,
): Promise<{ pythonPaths: string[]; python?: string }> {
  const options: PackagesOptions = {
    blender,
    packages: config.pythonPackages,
    requirements: config.requirements,
    pytest,
    coverage: config.coverage !== undefined,
    ...(config.pythonIndexUrl ? { indexUrl: config.pythonIndexUrl } : {}),
    cwd: config.workspace,
    log: (line) => core.info(line),
    signal,
  };
  const { plan, probe } = await planPackages(options);
  const python = probe ? { python: probe.executable } : {};
  if (!plan) return { pythonPaths: [], ...python };
  return core.group(`Python packages for Blender (${plan.specs.join(' ') || 'requirements'})`, async () => {
    const key = `${PACKAGES_CACHE_PREFIX}${plan.key}`;
    let hit = existsSync(plan.site);
    if (!hit && config.cache) {
      try {
        const cache = await loadActionsCache();
        if (cache.isFeatureAvailable()) hit = (await cache.restoreCache([plan.site], key)) !== undefined && existsSync(plan.site);
      } catch (error) {
        core.info(`The Actions cache could not be read (${error instanceof Error ? error.message : String(error)}); installing.`);
      }
      if (hit) core.info(`Restored the packages from the Actions cache (${key}).`);
    }
    const prepared = await installPlan(plan, options);
    if (prepared.installed && config.cache) core.saveState(STATE.packages, JSON.stringify({ cacheKey: key, cachePaths: [plan.site] }));
    if (!prepared.installed) core.info(`Python packages in place: ${plan.site}`);
    core.setOutput('python-packages-cache-hit', String(!prepared.installed));
    return { pythonPaths: [plan.site], ...python };
  });
}
