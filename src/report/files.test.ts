// Reports are written whole or not at all, and a path that cannot take one is refused before
// anything is created (issue 13, case 12).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportPathProblem, writeReport } from './files.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'bh-files-'));

describe('report files', () => {
  it('refuses /proc and other places no file can be made, even as root, and creates nothing checking', () => {
    expect(reportPathProblem('/proc/x.tap')).toMatch(/^\/proc\/x\.tap: cannot write in \/proc \(E[A-Z]+\)$/);
    expect(reportPathProblem('/proc/no/such/dir/x.tap')).toMatch(/cannot write in \/proc/);
    expect(existsSync('/proc/no')).toBe(false);
    const dir = fresh();
    expect(reportPathProblem(join(dir, 'a/b/c/x.tap'))).toBeUndefined();
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]); // the probe is gone
    expect(reportPathProblem(dir)).toMatch(/is a folder/);
    writeFileSync(join(dir, 'file'), '');
    expect(reportPathProblem(join(dir, 'file/x.tap'))).toMatch(/is a file, so no folder can be made there/);
  });

  it('writes into devices in place and follows a symlink to the file it names', () => {
    expect(reportPathProblem('/dev/null')).toBeUndefined();
    writeReport('/dev/null', 'TAP version 14\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const dir = fresh();
    writeFileSync(join(dir, 'real.tap'), 'old');
    symlinkSync(join(dir, 'real.tap'), join(dir, 'link.tap'));
    writeReport(join(dir, 'link.tap'), 'new');
    expect(readFileSync(join(dir, 'real.tap'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.tap', 'real.tap']);
  });

  it('replaces a report whole, keeping its permissions, and makes missing folders', () => {
    const dir = fresh();
    const file = join(dir, 'r.tap');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeReport(file, 'new report');
    expect(readFileSync(file, 'utf8')).toBe('new report');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    writeReport(join(dir, 'x/y/j.xml'), '<testsuites/>');
    expect(readFileSync(join(dir, 'x/y/j.xml'), 'utf8')).toBe('<testsuites/>');
    expect(readdirSync(dir).sort()).toEqual(['r.tap', 'x']);
  });

  it('leaves the old report, no partial file and no new folders when the disk fills up mid-write', () => {
    // RLIMIT_FSIZE makes a write fail part-way with EFBIG, as a full disk fails it with ENOSPC.
    const dir = fresh();
    writeFileSync(join(dir, 'r.tap'), 'the previous complete report\n');
    const script = join(dir, 'write.ts');
    writeFileSync(
      script,
      [
        `import { writeReport } from ${JSON.stringify(join(import.meta.dirname, 'files.ts'))};`,
        `const big = 'not ok 1 - x\\n'.repeat(20000);`,
        `for (const f of [${JSON.stringify(join(dir, 'r.tap'))}, ${JSON.stringify(join(dir, 'new/deeper/j.xml'))}]) {`,
        `  try { writeReport(f, big); console.log('written'); } catch (e) { console.log(e.code); }`,
        `}`,
      ].join('\n'),
    );
    const out = execFileSync('sh', ['-c', `ulimit -f 64 && exec "$0" --import tsx "$1"`, process.execPath, script], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['EFBIG', 'EFBIG']);
    expect(readFileSync(join(dir, 'r.tap'), 'utf8')).toBe('the previous complete report\n');
    expect(readdirSync(dir).sort()).toEqual(['r.tap', 'write.ts']);
  });
});
