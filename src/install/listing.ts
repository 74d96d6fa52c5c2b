// Directory listings of download.blender.org and its mirrors. The main site is nginx autoindex
// (a <pre> block, one `<a href>` per line, name column padded to 50 characters and truncated
// with "..&gt;" beyond that, so only the href holds the full name). Mirrors use other indexers
// (ngx-fancyindex's <table id="list">, Apache's table). The parser reads hrefs, never the
// visible text, and keeps only the direct children of the listed folder, which makes sort links
// (?C=N&O=D), the parent link and links to other sites drop out by themselves.

export type ListingStyle = 'nginx' | 'fancyindex' | 'apache' | 'generic';

export interface ListingEntry {
  /** Decoded name without a trailing slash. */
  name: string;
  url: string;
  isDir: boolean;
  /** Bytes, when the listing shows a size (approximate for "357.7 MiB" style listings). */
  size?: number;
  /** The date column as shown, when there is one. */
  modified?: string;
}

export interface Listing {
  url: string;
  style: ListingStyle;
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

export function detectListingStyle(html: string): ListingStyle {
  if (/<table[^>]*\bid="list"/i.test(html)) return 'fancyindex';
  if (/<h1>Index of [^<]*<\/h1>\s*<hr>\s*<pre>/i.test(html)) return 'nginx';
  if (/<title>Index of /i.test(html) && /<pre>/i.test(html) && !/<table/i.test(html)) return 'nginx';
  if (/<title>Index of /i.test(html) && /\?C=N;O=D|\?C=M;O=A/.test(html)) return 'apache';
  return 'generic';
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
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

// One listing line of nginx autoindex: link, padding, "16-Jul-2024 10:27", size or "-".
const NGINX_LINE = /<a href="([^"]*)">[^<]*<\/a>\s+(\d{2}-[A-Za-z]{3}-\d{4} \d{2}:\d{2})\s+(-|\d+(?:\.\d+)?[KMG]?)\s*$/;
const FANCY_ROW =
  /<tr[^>]*>\s*<td[^>]*class="link"[^>]*>\s*<a href="([^"]*)"[^>]*>[\s\S]*?<\/a>\s*<\/td>\s*<td[^>]*class="size"[^>]*>([^<]*)<\/td>\s*<td[^>]*class="date"[^>]*>([^<]*)<\/td>/gi;
const APACHE_ROW = /<a href="([^"]*)">[^<]*<\/a>\s*<\/td>\s*<td[^>]*>\s*([^<]*?)\s*<\/td>\s*<td[^>]*>\s*([^<]*?)\s*<\/td>/gi;
const ANY_HREF = /<a\s[^>]*?href\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;

export function parseListing(html: string, url: string): Listing {
  const base = new URL(folderUrl(url));
  const style = detectListingStyle(html);
  const byUrl = new Map<string, ListingEntry>();
  const add = (href: string, size?: string, modified?: string): void => {
    const child = childOf(base, decodeHtml(href));
    if (!child || byUrl.has(child.url)) return;
    const entry: ListingEntry = { ...child };
    const bytes = !child.isDir && size !== undefined && size.trim() !== '-' ? parseSize(size) : undefined;
    if (bytes !== undefined) entry.size = bytes;
    const date = modified?.trim();
    if (date && date !== '-') entry.modified = date;
    byUrl.set(child.url, entry);
  };

  if (style === 'nginx') {
    const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(html)?.[1] ?? html;
    for (const line of pre.split(/\r?\n/)) {
      const m = NGINX_LINE.exec(line.trimEnd());
      if (m) add(m[1] ?? '', m[3], m[2]);
    }
  } else if (style === 'fancyindex') {
    for (const m of html.matchAll(FANCY_ROW)) add(m[1] ?? '', m[2], m[3]);
  } else if (style === 'apache') {
    for (const m of html.matchAll(APACHE_ROW)) add(m[1] ?? '', m[3], m[2]);
  }
  // Whatever the style, any link we did not read with its columns still counts: indexers get
  // themes and patches, and a name without a size is better than a missing build.
  for (const m of html.matchAll(ANY_HREF)) add(m[2] ?? m[3] ?? m[4] ?? '');

  return { url: base.href, style, entries: [...byUrl.values()] };
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
