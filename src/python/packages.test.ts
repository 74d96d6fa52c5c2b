import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requirementSetHash } from './packages.js';

const dir = mkdtempSync(join(tmpdir(), 'bh-reqhash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('requirementSetHash', () => {
  it('is the same set whatever the order or repetition of specifiers', () => {
    expect(requirementSetHash(['numpy', 'requests>=2'], [], dir)).toBe(requirementSetHash(['requests>=2', 'numpy', 'numpy'], [], dir));
    expect(requirementSetHash(['numpy'], [], dir)).not.toBe(requirementSetHash(['numpy==1.26'], [], dir));
  });

  it('follows a requirements file and the files it names with -r and -c', () => {
    writeFileSync(join(dir, 'base.txt'), 'numpy\n');
    writeFileSync(join(dir, 'pins.txt'), 'numpy==1.26\n');
    writeFileSync(join(dir, 'test.txt'), '-r base.txt\n--constraint=pins.txt\npytest-mock\n');
    const before = requirementSetHash([], ['test.txt'], dir);
    expect(requirementSetHash([], [join(dir, 'test.txt')], '/')).toBe(before);
    writeFileSync(join(dir, 'pins.txt'), 'numpy==2.0\n');
    const pinned = requirementSetHash([], ['test.txt'], dir);
    expect(pinned).not.toBe(before);
    writeFileSync(join(dir, 'base.txt'), 'numpy\nscipy\n');
    expect(requirementSetHash([], ['test.txt'], dir)).not.toBe(pinned);
  });

  it('survives a file that names itself', () => {
    writeFileSync(join(dir, 'loop.txt'), '-r loop.txt\nrequests\n');
    expect(requirementSetHash([], ['loop.txt'], dir)).toMatch(/^[0-9a-f]{64}$/);
  });
});
