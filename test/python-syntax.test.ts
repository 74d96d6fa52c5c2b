// Blender 3.3 ships Python 3.10; the oldest Blender the tests run (Debian's 3.4) has 3.11. So the
// grammar of everything under blender/ is checked against 3.10 here, where no Blender runs it.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../blender', import.meta.url));

const CHECK = `
import ast, pathlib, sys
bad = []
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.py"))
for path in files:
    try:
        ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=(3, 10))
    except SyntaxError as exc:
        bad.append(f"{path}:{exc.lineno}: {exc.msg}")
print(len(files))
print("\\n".join(bad))
`;

describe('the Blender-side Python', () => {
  it('parses as Python 3.10 (Blender 3.3)', async () => {
    const { stdout } = await execa('python3', ['-c', CHECK, root]);
    const [count, ...errors] = stdout.split('\n');
    expect(Number(count)).toBeGreaterThanOrEqual(8);
    expect(errors.filter(Boolean)).toEqual([]);
  });
});
