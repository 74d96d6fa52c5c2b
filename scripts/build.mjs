// Bundles the Action's entry points and the CLI into dist/. With --check, bundles into a
// temporary folder and fails when dist/ differs, so a stale dist/ never lands.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'bh-dist-')) : 'dist';
// Chunk names carry content hashes: clear old ones so dist/ holds exactly one build.
if (!check) rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: 'src/action/main.ts',
    post: 'src/action/post.ts',
    cli: 'src/cli/index.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // Several bundled CommonJS dependencies call require(); ESM output needs a real one.
  banner: {
    js: "import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);",
  },
});

if (!check) process.exit(0);

const list = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1))
        .sort()
    : [];
const fresh = list(outdir);
const committed = list('dist');
const stale = [];
for (const f of new Set([...fresh, ...committed])) {
  const a = fresh.includes(f) ? readFileSync(join(outdir, f)) : null;
  const b = committed.includes(f) ? readFileSync(join('dist', f)) : null;
  if (!a || !b || !a.equals(b)) stale.push(f);
}
rmSync(outdir, { recursive: true, force: true });
if (stale.length) {
  console.error(`dist/ is stale (${stale.join(', ')}): run \`npm run build\` and commit dist/.`);
  process.exit(1);
}
console.log('dist/ matches src/');
