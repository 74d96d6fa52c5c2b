import { describe, expect, it } from 'vitest';
import { capWorkers, MAX_TIMER_SECONDS, maxWorkers } from './limits.js';

describe('limits', () => {
  it('is the longest whole-second wait setTimeout holds', () => {
    expect(MAX_TIMER_SECONDS).toBe(2_147_483);
    expect(MAX_TIMER_SECONDS * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('allows two workers per CPU, within memory at 512 MiB each, never more than 64 nor fewer than 1', () => {
    const GiB = 2 ** 30;
    expect(maxWorkers(2, 24 * GiB)).toBe(4);
    expect(maxWorkers(16, 4 * GiB)).toBe(8);
    expect(maxWorkers(128, 1024 * GiB)).toBe(64);
    expect(maxWorkers(1, 0.25 * GiB)).toBe(1);
  });

  it('lowers a worker count past the maximum and says so', () => {
    expect(capWorkers(3, 4)).toEqual({ workers: 3 });
    const capped = capWorkers(100_000, 4);
    expect(capped.workers).toBe(4);
    expect(capped.warning).toMatch(/^100000 is more Blenders than this machine can run at once; using 4 /);
  });
});
