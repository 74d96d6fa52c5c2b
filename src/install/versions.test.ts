import { describe, expect, it } from 'vitest';
import { compareVersions, lineOf, nearestLines, parseVersion, sortVersionsDescending } from './versions.js';

describe('versions', () => {
  it('sorts numerically, not as strings', () => {
    expect(compareVersions('4.2.10', '4.2.9')).toBeGreaterThan(0);
    expect(compareVersions('4.10.0', '4.9.5')).toBeGreaterThan(0);
    expect(compareVersions('10.0', '9.9')).toBeGreaterThan(0);
    expect(sortVersionsDescending(['4.2.1', '4.2.10', '4.2.2', '4.2.9', '4.2.0'])).toEqual(['4.2.10', '4.2.9', '4.2.2', '4.2.1', '4.2.0']);
  });

  it('treats X.Y as X.Y.0 and orders old letter releases after the bare number', () => {
    expect(compareVersions('2.83', '2.83.0')).toBe(0);
    expect(compareVersions('2.82a', '2.82')).toBeGreaterThan(0);
    expect(compareVersions('2.79b', '2.79a')).toBeGreaterThan(0);
    expect(compareVersions('2.80', '2.79b')).toBeGreaterThan(0);
  });

  it('parses and rejects', () => {
    expect(parseVersion('4.2.3')).toMatchObject({ major: 4, minor: 2, patch: 3, suffix: '' });
    expect(parseVersion('4.2.3.1')).toBeUndefined();
    expect(parseVersion('latest')).toBeUndefined();
    expect(lineOf('4.2.10')).toBe('4.2');
    expect(() => lineOf('x')).toThrow();
  });

  it('finds lines near a wanted one', () => {
    const lines = ['2.83', '2.93', '3.6', '4.0', '4.1', '4.2', '4.3', '4.4', '4.5', '5.0'];
    expect(nearestLines('4.7', lines, 4)).toEqual(['5.0', '4.5', '4.4', '4.3']);
    expect(nearestLines('3.7', lines, 4)).toEqual(['4.1', '4.0', '3.6', '2.93']);
    expect(nearestLines('9.0', lines, 2)).toEqual(['5.0', '4.5']);
    expect(nearestLines('1.0', lines, 2)).toEqual(['2.93', '2.83']);
  });
});
