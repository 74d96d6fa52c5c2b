// The interface between the install flow and where builds are kept between runs, so the flow
// reads the same whichever store holds them: our own folder (local.ts) or the runner's tool
// cache with @actions/cache across runs (actions.ts).

import type { ResolvedBuild } from '../resolve.js';
import type { InstallError } from '../errors.js';
import type { Platform } from '../platform.js';
import type { BlenderSpec } from '../spec.js';
import type { CachedBuild } from './entry.js';

/** The @actions/cache key and paths a build was (or is to be) kept under across runs. */
export interface CrossRunEntry {
  cacheKey: string;
  cachePaths: string[];
}

export interface Found {
  hit: CachedBuild;
  source: 'cache' | 'tool-cache' | 'actions-cache';
  crossRun?: CrossRunEntry;
  /** Why an offline fallback was used: a warning to show, and a note for the result. */
  warning?: string;
  note?: string;
}

export interface Stored {
  dir: string;
  executable: string;
  crossRun?: CrossRunEntry;
  /** Whether the Action's post step should save `crossRun`. */
  saveCache?: boolean;
}

export type VerifiedBuild = ResolvedBuild & { sha256: string };

export interface BuildStore {
  /** A build the spec names that can be used without asking the network. */
  known(): Promise<Found | undefined>;
  /** Resolving failed for the network (or a challenge): a build to use instead, if any. */
  offline(error: InstallError): Promise<Found | undefined>;
  /** Remembers a resolved build, and finds it if the store has it. */
  find(build: VerifiedBuild): Promise<Found | undefined>;
  /** A fresh folder to download and unpack into; the flow removes it afterwards. */
  stage(): Promise<string>;
  keep(tree: string, build: VerifiedBuild): Promise<Stored>;
  /** Unverified builds are used from a folder of their own and never looked up again. */
  unverifiedDir(): Promise<string>;
}

export interface StoreLog {
  warning(message: string): void;
  /** Logged and kept in the result's notes. */
  note(message: string): void;
}

export interface StoreRequest {
  spec: BlenderSpec;
  platform: Platform;
  env: NodeJS.ProcessEnv;
  log: StoreLog;
}
