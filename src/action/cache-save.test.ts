import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionsCacheApi } from '../install/index.js';
import { saveActionsCache } from './cache-save.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bh-cache-save-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the post step saving a cross-run cache', () => {
  it('saves only after a miss, and never throws', async () => {
    const calls: string[] = [];
    const api = (available: boolean, fail?: Error): ActionsCacheApi => ({
      isFeatureAvailable: () => available,
      restoreCache: () => Promise.resolve(undefined),
      saveCache: (paths, key) => {
        calls.push(`${key}:${paths.length}`);
        if (fail) return Promise.reject(fail);
        return Promise.resolve(42);
      },
    });
    const dir = join(root, 'p');
    await mkdir(dir);
    const state = { cacheKey: 'k', cachePaths: [dir] };
    expect(await saveActionsCache({ ...state, cacheHit: true }, undefined, api(true))).toBe('skipped');
    expect(await saveActionsCache(state, undefined, api(false))).toBe('unavailable');
    expect(await saveActionsCache({ cacheKey: 'k', cachePaths: [join(root, 'gone')] }, undefined, api(true))).toBe('skipped');
    expect(await saveActionsCache(state, undefined, api(true))).toBe('saved');
    const reserve = Object.assign(new Error('already reserved'), { name: 'ReserveCacheError' });
    expect(await saveActionsCache(state, undefined, api(true, reserve))).toBe('exists');
    expect(await saveActionsCache(state, undefined, api(true, new Error('boom')))).toBe('failed');
    expect(calls).toEqual(['k:1', 'k:1', 'k:1']);
  });
});
