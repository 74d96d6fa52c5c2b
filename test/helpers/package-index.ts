// A local Python package index (PEP 503 "simple" pages) on 127.0.0.1, holding wheels the tests
// build: small projects of their own, and wheels made from the Debian-packaged pytest and its
// dependencies (pure Python), so pip can install pytest here without reaching PyPI. It counts
// requests, so a test can prove that a cached run asked nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface WheelSpec {
  name: string;
  version: string;
  /** Files inside the wheel, e.g. {'tinypkg/__init__.py': 'VALUE = 42\n'}. */
  files: Record<string, string>;
  requires?: string[];
}

// Debian's Python, not whichever python3 is first on PATH: its dist-packages hold the pytest
// that the wheels below are made of.
const PYTHON = '/usr/bin/python3';

const BUILD = String.raw`
import base64, hashlib, importlib.metadata as md, importlib.util, json, os, sys, zipfile

def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

def write(out, name, version, files, requires):
    norm = name.replace("-", "_")
    info = f"{norm}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = dict(files)
    files[f"{info}/METADATA"] = meta.encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: blender-harness tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    lines = [f"{n},{record_hash(d)},{len(d)}" for n, d in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = ("\n".join(lines) + "\n").encode()
    path = os.path.join(out, f"{norm}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as z:
        for n, d in files.items():
            z.writestr(n, d)
    return path

def installed(module, beside):
    if module.endswith(".py"):  # a top-level file, in the folder of the distribution's first module
        full = os.path.join(beside, module)
        yield module, open(full, "rb").read()
        return
    spec = importlib.util.find_spec(module)
    if spec.submodule_search_locations:
        root = list(spec.submodule_search_locations)[0]
        base = os.path.dirname(root)
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for n in names:
                if not n.endswith(".pyc"):
                    full = os.path.join(folder, n)
                    yield os.path.relpath(full, base).replace(os.sep, "/"), open(full, "rb").read()
    else:
        yield os.path.basename(spec.origin), open(spec.origin, "rb").read()

out, request = sys.argv[1], json.loads(sys.argv[2])
made = []
for w in request.get("wheels", []):
    made.append(write(out, w["name"], w["version"], {k: v.encode() for k, v in w["files"].items()}, w.get("requires", [])))
for dist, modules in request.get("installed", {}).items():
    d = md.distribution(dist)
    first = importlib.util.find_spec(modules[0])
    beside = os.path.dirname(list(first.submodule_search_locations)[0] if first.submodule_search_locations else first.origin)
    files = {n: data for m in modules for n, data in installed(m, beside)}
    made.append(write(out, d.metadata["Name"], d.version, files, d.requires or []))
print(json.dumps(made))
`;

/** The Debian-packaged pytest and what it needs, by distribution and its top-level modules. */
export const PYTEST_FROM_DEBIAN: Record<string, string[]> = {
  pytest: ['pytest', '_pytest', 'py.py'],
  pluggy: ['pluggy'],
  iniconfig: ['iniconfig'],
  packaging: ['packaging'],
  attrs: ['attr', 'attrs'],
};

export interface PackageIndex {
  /** The index URL for pip: http://127.0.0.1:PORT/simple/ */
  url: string;
  /** Requests so far (any path). */
  requests: () => number;
  close: () => Promise<void>;
}

/** Builds the wheels into a fresh folder; returns the folder. */
export async function buildWheels(request: { wheels?: WheelSpec[]; installed?: Record<string, string[]> }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-wheels-'));
  try {
    await execa(PYTHON, ['-c', BUILD, dir, JSON.stringify(request)], { env: { ...process.env, PYTHONNOUSERSITE: '1', PYTHONPATH: '' } });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/** Serves every wheel in `dir` as a PEP 503 index. */
export async function startPackageIndex(dir: string): Promise<PackageIndex> {
  const byProject = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.whl'))) {
    const project = (file.split('-')[0] ?? file).toLowerCase().replace(/[-_.]+/g, '-');
    byProject.set(project, [...(byProject.get(project) ?? []), file]);
  }
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const project = /^\/simple\/([^/]+)\/?$/
      .exec(path)?.[1]
      ?.toLowerCase()
      .replace(/[-_.]+/g, '-');
    if (path === '/simple/' || path === '/simple') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${[...byProject.keys()].map((p) => `<a href="/simple/${p}/">${p}</a>`).join('\n')}</body></html>`);
      return;
    }
    if (project !== undefined) {
      const files = byProject.get(project);
      if (!files) {
        res.writeHead(404).end('not found');
        return;
      }
      const links = files.map((f) => {
        const sha = createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex');
        return `<a href="/files/${f}#sha256=${sha}">${f}</a>`;
      });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>\n${links.join('<br>\n')}\n</body></html>`);
      return;
    }
    const file = /^\/files\/([^/]+\.whl)$/.exec(path)?.[1];
    if (file && byProject.get((file.split('-')[0] ?? '').toLowerCase().replace(/[-_.]+/g, '-'))?.includes(file)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(readFileSync(join(dir, file)));
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
