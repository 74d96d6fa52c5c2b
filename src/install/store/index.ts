// Where installed builds are kept between runs.

export type { BuildStore, CrossRunEntry, Fallback, Found, StoreLog, StoreRequest, StoreSource, Stored, VerifiedBuild } from './build-store.js';
export { checkEntry, entryKey, relativeExecutable, safeSegment, writeManifest, type CachedBuild, type EntryManifest } from './entry.js';
export { LocalCache, defaultCacheRoot, localStore, type LocalStoreOptions } from './local.js';
export {
  actionsCacheKey,
  actionsStore,
  loadActionsCache,
  saveActionsCache,
  toolCachePath,
  toolCacheVersion,
  type ActionsCacheApi,
  type ActionsCacheState,
  type ActionsStoreOptions,
  type SaveOutcome,
} from './actions.js';
