import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, formatSeconds, progressBar, progressLine } from './progress.js';

function sink(isTTY: boolean): { out: { write(s: string): void; isTTY: boolean; columns: number }; text: () => string } {
  let text = '';
  return { out: { write: (s: string) => void (text += s), isTTY, columns: 100 }, text: () => text };
}

describe('progress', () => {
  it('formats sizes, rates and times', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(350 * 1024 * 1024)).toBe('350.0 MB');
    expect(formatSeconds(75)).toBe('1m15s');
    expect(formatSeconds(Number.NaN)).toBe('?');
    const s = { label: 'b.tar.xz', received: 50 * 1024 * 1024, total: 200 * 1024 * 1024, elapsedMs: 2000, fresh: 50 * 1024 * 1024 };
    expect(progressLine(s)).toBe('Downloading b.tar.xz: 25% (50.0 MB of 200.0 MB) at 25.0 MB/s');
    expect(progressLine({ ...s, total: undefined })).toBe('Downloading b.tar.xz: 50.0 MB at 25.0 MB/s');
    const bar = progressBar(s, 80);
    expect(bar).toMatch(/^\[#+-+\] {2}25% {2}50\.0 MB\/200\.0 MB {2}25\.0 MB\/s {2}ETA 6s$/);
    expect(bar.length).toBeLessThanOrEqual(80);
  });

  it('prints log lines at most every interval, plus the final one', () => {
    let now = 0;
    const s = sink(false);
    const p = createProgress({ out: s.out, now: () => now, lineIntervalMs: 5000 });
    p.start('b.tar.xz', 100 * 1024 * 1024);
    for (let i = 1; i <= 100; i++) {
      now += 200; // 20 s in total
      p.update(i * 1024 * 1024);
    }
    p.finish(true);
    const lines = s.text().trim().split('\n');
    expect(lines[0]).toBe('Downloading b.tar.xz: 0% (0 B of 100.0 MB)');
    expect(lines.length).toBe(1 + 4 + 1);
    expect(lines.at(-1)).toMatch(/100% \(100\.0 MB of 100\.0 MB\) at 5\.0 MB\/s - done$/);
    expect(s.text()).not.toContain('\r');
  });

  it('redraws a bar in place on a terminal, throttled', () => {
    let now = 0;
    const s = sink(true);
    const p = createProgress({ out: s.out, now: () => now, barIntervalMs: 100 });
    p.start('b.tar.xz', 1000);
    for (let i = 1; i <= 100; i++) {
      now += 10;
      p.update(i * 10);
    }
    p.restart(500, 'Resuming b.tar.xz at 500 B');
    p.finish(true);
    const draws = s.text().split('\r').length - 1;
    expect(draws).toBeGreaterThanOrEqual(10);
    expect(draws).toBeLessThanOrEqual(13);
    expect(s.text()).toContain('Resuming b.tar.xz at 500 B\n');
    expect(s.text().endsWith('\n')).toBe(true);
  });
});
