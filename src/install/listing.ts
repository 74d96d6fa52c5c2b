// Directory listings of download.blender.org and its mirrors. The main site is nginx autoindex
// (a <pre> block, name column truncated with "..&gt;" beyond 50 characters, so only the href holds
// the full name); mirrors use other indexers (ngx-fancyindex, Apache tables). The parser reads
// hrefs, never the visible text or the columns, and keeps only the direct children of the listed
// folder, which makes sort links (?C=N&O=D), the parent link and links to other sites drop out by
// themselves, whatever the indexer.

export interface ListingEntry {
  /** Decoded name without a trailing slash. */
  name: string;
  url: string;
  isDir: boolean;
}

export interface Listing {
  url: string;
  entries: ListingEntry[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The folder URL a listing describes, always ending in "/". */
export function folderUrl(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

function childOf(base: URL, href: string): { name: string; url: string; isDir: boolean } | undefined {
  if (href.startsWith('?') || href.startsWith('#') || href.startsWith('javascript:') || href.startsWith('mailto:')) {
    return undefined;
  }
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return undefined;
  }
  if (u.origin !== base.origin || u.search !== '') return undefined;
  if (!u.pathname.startsWith(base.pathname) || u.pathname === base.pathname) return undefined;
  const rest = u.pathname.slice(base.pathname.length);
  const isDir = rest.endsWith('/');
  const bare = isDir ? rest.slice(0, -1) : rest;
  if (bare === '' || bare.includes('/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(bare);
  } catch {
    name = bare;
  }
  u.hash = '';
  return { name, url: u.href, isDir };
}

const ANY_HREF = /<a\s[^>]*?href\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;

export function parseListing(html: string, url: string): Listing {
  const base = new URL(folderUrl(url));
  const byUrl = new Map<string, ListingEntry>();
  for (const m of html.matchAll(ANY_HREF)) {
    const child = childOf(base, decodeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
    if (child && !byUrl.has(child.url)) byUrl.set(child.url, child);
  }
  return { url: base.href, entries: [...byUrl.values()] };
}

/** Release line folders (`Blender4.2/`) in the /release/ listing, as "4.2". */
export function releaseLines(listing: Listing): string[] {
  const out: string[] = [];
  for (const e of listing.entries) {
    if (!e.isDir) continue;
    const m = /^Blender(\d+)\.(\d+)$/.exec(e.name);
    if (m) out.push(`${Number(m[1])}.${Number(m[2])}`);
  }
  return out;
}

/** Folder name of a line, as the release tree spells it. */
export function lineFolder(line: string): string {
  return `Blender${line}/`;
}
