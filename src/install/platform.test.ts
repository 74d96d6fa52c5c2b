import { describe, expect, it } from 'vitest';
import { InstallError } from './errors.js';
import {
  archCandidates,
  archiveKindOfFile,
  classifyReleaseFile,
  currentPlatform,
  dailyMatchesPlatform,
  executableName,
  isReleaseFile,
  platformInFileName,
  type Platform,
} from './platform.js';

const ALL: Platform[] = [
  { os: 'linux', arch: 'x64' },
  { os: 'linux', arch: 'arm64' },
  { os: 'macos', arch: 'x64' },
  { os: 'macos', arch: 'arm64' },
  { os: 'windows', arch: 'x64' },
  { os: 'windows', arch: 'arm64' },
];

describe('platform', () => {
  it("reads each platform's release file name", () => {
    const names = [
      'blender-4.3.2-linux-x64.tar.xz',
      'blender-4.3.2-linux-arm64.tar.xz',
      'blender-4.3.2-macos-x64.dmg',
      'blender-4.3.2-macos-arm64.dmg',
      'blender-4.3.2-windows-x64.zip',
      'blender-4.3.2-windows-arm64.zip',
    ];
    expect(names.map((n) => classifyReleaseFile(n))).toEqual(
      ALL.map((platform, i) => ({
        fileName: names[i],
        version: '4.3.2',
        platform,
        kind: archiveKindOfFile(names[i] ?? ''),
        naming: 'current',
      })),
    );
  });

  it('names the executable per OS', () => {
    expect(executableName('linux')).toBe('blender');
    expect(executableName('macos')).toBe('Blender.app/Contents/MacOS/Blender');
    expect(executableName('windows')).toBe('blender.exe');
  });

  it('reads the names used before 2.83.14 and 2.93', () => {
    expect(classifyReleaseFile('blender-2.83.13-linux64.tar.xz')).toMatchObject({
      platform: { os: 'linux', arch: 'x64' },
      naming: 'legacy',
    });
    expect(classifyReleaseFile('blender-2.83.13-macOS.dmg')).toMatchObject({ platform: { os: 'macos', arch: 'x64' }, naming: 'legacy' });
    expect(classifyReleaseFile('blender-2.83.13-windows64.zip')).toMatchObject({
      platform: { os: 'windows', arch: 'x64' },
      naming: 'legacy',
    });
    expect(classifyReleaseFile('blender-2.81a-linux-glibc217-x86_64.tar.bz2')).toMatchObject({
      version: '2.81a',
      platform: { os: 'linux', arch: 'x64' },
      kind: 'tar.bz2',
    });
  });

  it('classifies release folder files', () => {
    expect(classifyReleaseFile('blender-4.2.3-linux-x64.tar.xz')).toEqual({
      fileName: 'blender-4.2.3-linux-x64.tar.xz',
      version: '4.2.3',
      platform: { os: 'linux', arch: 'x64' },
      kind: 'tar.xz',
      naming: 'current',
    });
    expect(classifyReleaseFile('blender-4.3.0-windows-arm64.zip')).toMatchObject({
      platform: { os: 'windows', arch: 'arm64' },
      kind: 'zip',
    });
    expect(classifyReleaseFile('blender-2.83.13-linux64.tar.xz')).toMatchObject({
      platform: { os: 'linux', arch: 'x64' },
      naming: 'legacy',
    });
    expect(classifyReleaseFile('blender-2.83.13-macOS.dmg')).toMatchObject({ platform: { os: 'macos', arch: 'x64' }, naming: 'legacy' });
    expect(classifyReleaseFile('blender-2.83.13-windows64.zip')).toMatchObject({
      platform: { os: 'windows', arch: 'x64' },
      naming: 'legacy',
    });
    expect(classifyReleaseFile('blender-2.81a-linux-glibc217-x86_64.tar.bz2')).toMatchObject({ version: '2.81a', kind: 'tar.bz2' });
    // Installers and checksums are not builds.
    expect(classifyReleaseFile('blender-4.2.3-windows-x64.msi')).toBeUndefined();
    expect(classifyReleaseFile('blender-4.2.3-windows-x64.msix')).toBeUndefined();
    expect(classifyReleaseFile('blender-4.2.3.sha256')).toBeUndefined();
    // Recognised but not installed, with the reason.
    const old = classifyReleaseFile('blender-2.79b-macOS-10.6.tar.gz');
    expect(old && !isReleaseFile(old) ? old.reason : '').toMatch(/before Blender 2.80/);
    const i686 = classifyReleaseFile('blender-2.79b-linux-glibc219-i686.tar.bz2');
    expect(i686 && !isReleaseFile(i686)).toBe(true);
  });

  it('falls back to x64 only where emulation is certain', () => {
    expect(archCandidates({ os: 'windows', arch: 'arm64' })).toEqual(['arm64', 'x64']);
    expect(archCandidates({ os: 'macos', arch: 'arm64' })).toEqual(['arm64']);
    expect(archCandidates({ os: 'linux', arch: 'arm64' })).toEqual(['arm64']);
  });

  it("maps the daily builder's platform names", () => {
    expect(dailyMatchesPlatform('linux', 'x86_64', { os: 'linux', arch: 'x64' })).toBe(true);
    expect(dailyMatchesPlatform('darwin', 'arm64', { os: 'macos', arch: 'arm64' })).toBe(true);
    expect(dailyMatchesPlatform('windows', 'amd64', { os: 'windows', arch: 'x64' })).toBe(true);
    expect(dailyMatchesPlatform('windows', 'arm64', { os: 'windows', arch: 'x64' })).toBe(false);
    expect(dailyMatchesPlatform('darwin', 'x86_64', { os: 'linux', arch: 'x64' })).toBe(false);
  });

  it('reads the platform out of build file names', () => {
    expect(platformInFileName('blender-4.2.3-macos-arm64.dmg')).toEqual({ os: 'macos', arch: 'arm64' });
    expect(platformInFileName('blender-5.2.0-alpha+main.425ab43ad645-windows.amd64-release.zip')).toEqual({ os: 'windows', arch: 'x64' });
    expect(platformInFileName('blender-2.83.13-linux64.tar.xz')).toEqual({ os: 'linux', arch: 'x64' });
    expect(platformInFileName('my-build.tar.xz')).toEqual({});
    expect(archiveKindOfFile('x.TAR.XZ')).toBe('tar.xz');
    expect(archiveKindOfFile('x.tgz')).toBe('tar.gz');
    expect(archiveKindOfFile('x.exe')).toBeUndefined();
  });

  it('maps node platforms and refuses the rest', () => {
    expect(currentPlatform({}, { platform: 'darwin', arch: 'arm64' })).toEqual({ os: 'macos', arch: 'arm64' });
    expect(currentPlatform({}, { platform: 'win32', arch: 'x64' })).toEqual({ os: 'windows', arch: 'x64' });
    expect(currentPlatform({ arch: 'x64' }, { platform: 'win32', arch: 'arm64' })).toEqual({ os: 'windows', arch: 'x64' });
    expect(() => currentPlatform({}, { platform: 'freebsd', arch: 'x64' })).toThrow(InstallError);
    expect(() => currentPlatform({}, { platform: 'linux', arch: 'ia32' })).toThrow(/x64 and arm64/);
  });
});
