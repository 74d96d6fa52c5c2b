// The install stage: a version spec in, a Blender executable out. This file only says what the
// stage offers; the flow is install.ts, the channels are channels/, the stores are store/.

export {
  installBlender,
  actionsLogger,
  streamLogger,
  cacheModeFor,
  mirrorList,
  DEFAULT_RESOLVE_TTL_MS,
  DEFAULT_DAILY_TTL_MS,
  type CacheMode,
  type InstallLogger,
  type InstallOptions,
  type InstallResult,
  type InstallSource,
} from './install.js';
export { InstallError, type InstallErrorCode } from './errors.js';
export { parseSpec, SPEC_FORMS, type BlenderSpec } from './spec.js';
export {
  loadActionsCache,
  saveActionsCache,
  defaultCacheRoot,
  safeSegment,
  type ActionsCacheApi,
  type ActionsCacheState,
  type SaveOutcome,
} from './store/index.js';
export { DEFAULT_MIRROR, DEFAULT_DAILY_URL, resolveBuild, type ResolvedBuild } from './resolve.js';
export { LTS_LINES } from './lts.js';
export { localExecutable } from './system.js';
export { isRunnableFile, probeVersion, runVersion, which, type VersionRun } from './executable.js';
export { compareVersions } from './versions.js';
export { currentPlatform, executableName, platformId, releaseFileName, type Platform, type Os, type Arch } from './platform.js';
export { createProgress, type ProgressSink, type TextOut } from './progress.js';
export type { RetryPolicy } from './http.js';
