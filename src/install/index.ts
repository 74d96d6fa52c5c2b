// The install stage: a version spec in, a Blender executable out. This file only says what the
// stage offers; the flow is install.ts, the channels are channels/, the stores are store/.

export {
  installBlender,
  streamLogger,
  type InstallLogger,
  type InstallOptions,
  type InstallResult,
  type InstallSource,
} from './install.js';
export { InstallError, type InstallErrorCode } from './errors.js';
export { parseSpec, SPEC_FORMS, type BlenderSpec } from './spec.js';
export { loadActionsCache, type ActionsCacheApi } from './store/actions.js';
export type { CrossRunEntry } from './store/build-store.js';
export { safeSegment } from './store/entry.js';
export { defaultCacheRoot } from './store/local.js';
export { localExecutable } from './executable.js';
export { currentPlatform, platformId, type Platform } from './platform.js';
