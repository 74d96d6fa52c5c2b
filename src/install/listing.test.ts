import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseListing, releaseLines } from './listing.js';

const FIX = new URL('../../fixtures/releases/', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, FIX), 'utf8');

describe('nginx autoindex listings', () => {
  it('reads the /release/ root: line folders only, numerically', () => {
    const listing = parseListing(read('nginx/release/index.html'), 'https://download.blender.org/release/');
    const lines = releaseLines(listing);
    expect(lines).toContain('4.2');
    expect(lines).toContain('2.80');
    expect(lines).toContain('5.1');
    // Not release lines: letter suffixes, alphas, the benchmark folder.
    expect(lines).not.toContain('2.49');
    expect(lines.some((l) => l.includes('alpha'))).toBe(false);
    expect(listing.entries.find((e) => e.name === 'BlenderBenchmark2.0')?.isDir).toBe(true);
    expect(listing.entries.some((e) => e.name === '..' || e.url.endsWith('/release/'))).toBe(false);
    expect(listing.entries.find((e) => e.name === 'GPL-license.txt')).toMatchObject({ isDir: false });
  });

  it('reads a line folder, keeping full names where the text is cut at 50 characters', () => {
    const listing = parseListing(read('nginx/release/Blender4.2/index.html'), 'https://download.blender.org/release/Blender4.2/');
    const names = listing.entries.map((e) => e.name);
    expect(names).toContain('blender-4.2.10-linux-x64.tar.xz');
    expect(names).toContain('blender-4.2.3.sha256');
    expect(names).toContain('blender-4.2-release-notes-and-corrective-releases-list.txt');
    expect(names.some((n) => n.includes('..>') || n.includes('&gt;'))).toBe(false);
    const linux = listing.entries.find((e) => e.name === 'blender-4.2.10-linux-x64.tar.xz');
    expect(linux?.url).toBe('https://download.blender.org/release/Blender4.2/blender-4.2.10-linux-x64.tar.xz');
  });
});

describe('other index styles', () => {
  it('reads an ngx-fancyindex mirror page, ignoring sort and parent links', () => {
    const html = read('fancyindex/release/Blender4.2/index.html');
    const listing = parseListing(html, 'https://mirror.example.org/blender/release/Blender4.2/');
    expect(listing.entries.some((e) => e.url.includes('?'))).toBe(false);
    expect(listing.entries.some((e) => e.name.startsWith('Parent'))).toBe(false);
    const linux = listing.entries.find((e) => e.name === 'blender-4.2.3-linux-x64.tar.xz');
    expect(linux?.url).toBe('https://mirror.example.org/blender/release/Blender4.2/blender-4.2.3-linux-x64.tar.xz');
    expect(releaseLines(parseListing(read('fancyindex/release/index.html'), 'https://mirror.example.org/blender/release/'))).toContain(
      '5.0',
    );
  });

  it('reads an Apache table listing', () => {
    const html = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of /blender/release/Blender4.2</title>
 </head>
 <body>
<h1>Index of /blender/release/Blender4.2</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/blender/release/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="blender-4.2.3-linux-x64.tar.xz">blender-4.2.3-linux-x64.tar.xz</a></td><td align="right">2024-10-15 10:00  </td><td align="right">324M</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="blender-4.2.3.sha256">blender-4.2.3.sha256</a></td><td align="right">2024-10-15 10:00  </td><td align="right">576 </td><td>&nbsp;</td></tr>
   <tr><th colspan="5"><hr></th></tr>
</table>
</body></html>`;
    const listing = parseListing(html, 'https://mirror.example.org/blender/release/Blender4.2');
    expect(listing.url).toBe('https://mirror.example.org/blender/release/Blender4.2/');
    expect(listing.entries.map((e) => e.name)).toEqual(['blender-4.2.3-linux-x64.tar.xz', 'blender-4.2.3.sha256']);
  });

  it('falls back to any link that is a direct child of the folder', () => {
    const html = `<html><body><ul>
      <li><a href='blender-4.2.3-linux-x64.tar.xz'>Linux</a></li>
      <li><a href="https://mirror.example.org/release/Blender4.2/blender-4.2.3.sha256">sums</a></li>
      <li><a href="https://elsewhere.example.com/release/Blender4.2/evil.tar.xz">other host</a></li>
      <li><a href="sub/deeper.tar.xz">too deep</a></li>
      <li><a href="blender%204.2%20notes.txt">escaped</a></li>
      <li><a href=../>up</a></li>
    </ul></body></html>`;
    const listing = parseListing(html, 'https://mirror.example.org/release/Blender4.2/');
    expect(listing.entries.map((e) => e.name)).toEqual(['blender-4.2.3-linux-x64.tar.xz', 'blender-4.2.3.sha256', 'blender 4.2 notes.txt']);
  });
});
