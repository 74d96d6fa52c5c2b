// The post step's half of the cross-run caches: main restores an entry (Blender in the install
// stage, Python packages in packages.ts) and hands back its key and paths; the post step saves
// it here, after a miss, once the job's work is done.

import { access } from 'node:fs/promises';
import { loadActionsCache, type ActionsCacheApi, type CrossRunEntry } from '../install/index.js';

export type SaveOutcome = 'saved' | 'exists' | 'unavailable' | 'failed' | 'skipped';

/** What main left in the post step's state: the entry, and whether it was a hit. */
export type CacheState = Partial<CrossRunEntry> & { cacheHit?: boolean };

/**
 * Saves the cross-run entry after a miss. Never throws: a cache that cannot be written must not
 * fail a job whose tests passed. `what` names the entry for the log.
 */
export async function saveActionsCache(
  state: CacheState,
  log: (message: string) => void = () => undefined,
  api?: ActionsCacheApi,
  what = 'Blender',
): Promise<SaveOutcome> {
  if (state.cacheHit || !state.cacheKey || !state.cachePaths || state.cachePaths.length === 0) return 'skipped';
  try {
    const cache = api ?? (await loadActionsCache());
    if (!cache.isFeatureAvailable()) {
      log(`The Actions cache service is not available here; ${what} was not saved for later runs.`);
      return 'unavailable';
    }
    for (const p of state.cachePaths) {
      try {
        await access(p);
      } catch {
        log(`Not saving ${what} to the cache: ${p} is gone.`);
        return 'skipped';
      }
    }
    const id = await cache.saveCache(state.cachePaths, state.cacheKey);
    // -1: the library already logged why (most often another job saved the same key first).
    if (id === -1) return 'failed';
    log(`Saved ${what} to the Actions cache as ${state.cacheKey}.`);
    return 'saved';
  } catch (e) {
    if (e instanceof Error && e.name === 'ReserveCacheError') {
      log(`The Actions cache already holds ${state.cacheKey}.`);
      return 'exists';
    }
    log(`Could not save ${what} to the Actions cache: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}
