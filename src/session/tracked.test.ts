import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supervisorPython } from './tracked.js';

describe.runIf(process.platform === 'linux')('the Python that runs the process supervisor', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is the one an official build bundles beside its executable (X.Y/python/bin/python3.N)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-official-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'blender'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'blender'), 0o755);
    mkdirSync(join(dir, '4.2', 'python', 'bin'), { recursive: true });
    symlinkSync('/usr/bin/python3', join(dir, '4.2', 'python', 'bin', 'python3.11'));
    expect(supervisorPython(join(dir, 'blender'))).toBe(join(dir, '4.2', 'python', 'bin', 'python3.11'));
  });

  it("is the system's python3 for a Blender without one (Debian's, a wrapper script)", () => {
    expect(supervisorPython('/usr/bin/blender')).toBe('/usr/bin/python3');
    expect(supervisorPython()).toBe('/usr/bin/python3');
  });
});
