// Download progress. On a terminal: one bar redrawn in place at most every 100 ms. In a log (the
// Actions log, a piped CI log): a plain line at most every few seconds plus the final one, so a
// 300 MB download costs a handful of lines, not thousands.

/** What the transport reports a download to (its ProgressSink, which this matches in shape). */
export interface ProgressDisplay {
  start(label: string, totalBytes: number | undefined): void;
  update(receivedBytes: number): void;
  restart(receivedBytes: number, note: string): void;
  finish(ok: boolean): void;
}

export interface TextOut {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function formatBytes(n: number): string {
  const [unit, power, digits] = n < 1024 ? ['B', 0, 0] : n < 1024 ** 2 ? ['KB', 1, 1] : n < 1024 ** 3 ? ['MB', 2, 1] : ['GB', 3, 2];
  return `${(n / 1024 ** power).toFixed(digits)} ${unit}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1024 ** 2).toFixed(1)} MB/s`;
}

/** Seconds as "7s" or "1m15s" (report's formatDuration takes milliseconds). */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - m * 60)).padStart(2, '0')}s`;
}

export interface ProgressState {
  label: string;
  received: number;
  total: number | undefined;
  elapsedMs: number;
  /** Bytes received in this process (a resumed download's earlier part excluded from the rate). */
  fresh: number;
}

function rateOf(s: ProgressState): number {
  return s.elapsedMs > 0 ? (s.fresh * 1000) / s.elapsedMs : 0;
}

/** "Downloading x.tar.xz: 45% (150.2 MB of 333.9 MB) at 25.1 MB/s" */
export function progressLine(s: ProgressState): string {
  const rate = formatRate(rateOf(s));
  if (s.total && s.total > 0) {
    const pct = Math.min(100, Math.floor((s.received * 100) / s.total));
    return `Downloading ${s.label}: ${pct}% (${formatBytes(s.received)} of ${formatBytes(s.total)}) at ${rate}`;
  }
  return `Downloading ${s.label}: ${formatBytes(s.received)} at ${rate}`;
}

/** "[#########-----------]  45%  150.2/333.9 MB  25.1 MB/s  ETA 7s" fitted to `width`. */
export function progressBar(s: ProgressState, width = 80): string {
  const rate = rateOf(s);
  if (!s.total || s.total <= 0) {
    return `${s.label}  ${formatBytes(s.received)}  ${formatRate(rate)}`.slice(0, width);
  }
  const frac = Math.min(1, s.received / s.total);
  const eta = rate > 0 ? (s.total - s.received) / rate : Number.NaN;
  // On a narrow terminal drop the ETA, then the rate, rather than cut a number in half.
  const parts = [
    `${String(Math.floor(frac * 100)).padStart(3)}%`,
    `${formatBytes(s.received)}/${formatBytes(s.total)}`,
    formatRate(rate),
    `ETA ${formatSeconds(eta)}`,
  ];
  let tail = parts.join('  ');
  while (parts.length > 2 && tail.length + 13 > width) {
    parts.pop();
    tail = parts.join('  ');
  }
  const barWidth = Math.max(10, Math.min(40, width - tail.length - 3));
  const filled = Math.round(frac * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${tail}`.slice(0, width);
}

export interface ProgressOptions {
  out: TextOut;
  /** 'bar' redraws in place; 'lines' prints lines. Default: bar on a TTY, lines otherwise. */
  mode?: 'bar' | 'lines';
  /** Minimum time between lines in 'lines' mode. */
  lineIntervalMs?: number;
  barIntervalMs?: number;
  now?: () => number;
  /** Where lines go in 'lines' mode, when not `out` (the Actions logger, for instance). */
  log?: (line: string) => void;
}

export function createProgress(options: ProgressOptions): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const mode = options.mode ?? (options.out.isTTY ? 'bar' : 'lines');
  const lineInterval = options.lineIntervalMs ?? 5000;
  const barInterval = options.barIntervalMs ?? 100;
  const log = options.log ?? ((line: string) => options.out.write(`${line}\n`));
  let state: ProgressState = { label: '', received: 0, total: undefined, elapsedMs: 0, fresh: 0 };
  let startedAt = 0;
  let base = 0;
  let lastDraw = 0;
  let drawn = false;

  const snapshot = (received: number): ProgressState => ({
    ...state,
    received,
    elapsedMs: now() - startedAt,
    fresh: received - base,
  });
  const draw = (): void => {
    const width = Math.max(40, (options.out.columns ?? 80) - 1);
    options.out.write(`\r${progressBar(state, width)}\x1b[K`);
    drawn = true;
  };

  return {
    start(label, totalBytes) {
      startedAt = now();
      base = 0;
      lastDraw = startedAt;
      state = { label, received: 0, total: totalBytes, elapsedMs: 0, fresh: 0 };
      if (mode === 'lines') log(progressLine(state).replace(/ at [\d.]+ MB\/s$/, ''));
      else draw();
    },
    update(received) {
      state = snapshot(received);
      const t = now();
      if (mode === 'bar') {
        if (t - lastDraw >= barInterval) {
          lastDraw = t;
          draw();
        }
      } else if (t - lastDraw >= lineInterval) {
        lastDraw = t;
        log(progressLine(state));
      }
    },
    restart(received, note) {
      // Replace the half-drawn bar with the note; the bar starts again below it.
      if (mode === 'bar' && drawn) options.out.write('\r\x1b[K');
      drawn = false;
      log(note);
      startedAt = now();
      base = received;
      lastDraw = startedAt;
      state = snapshot(received);
    },
    finish(ok) {
      if (mode === 'bar') {
        if (ok) draw();
        if (drawn) options.out.write('\n');
        drawn = false;
      } else if (ok) {
        log(`${progressLine(state)} - done`);
      }
    },
  };
}
