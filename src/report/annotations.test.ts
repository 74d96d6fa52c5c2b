import { describe, expect, it } from 'vitest';
import type { TestResult } from '../suite/results.js';
import { relativeToWorkspace, selectAnnotations } from './annotations.js';
import * as fx from '../../test/helpers/report-fixtures.js';

describe('selectAnnotations', () => {
  it('annotates each failed test, with the file relative to the workspace', () => {
    const annotations = selectAnnotations(fx.all, { workspace: fx.WORKSPACE });
    expect(annotations).toEqual([
      {
        title: 'tests/test_ops.py > test_modifier_count failed',
        message: 'AssertionError: assert 2 == 3\n +  where 2 = len(obj.modifiers)',
        file: 'tests/test_ops.py',
        startLine: 27,
      },
      {
        title: 'tests/test_ops.py > test_export_fbx failed (error)',
        message: 'RuntimeError: Operator bpy.ops.export_scene.fbx.poll() failed, context is incorrect',
        file: 'tests/test_ops.py',
        startLine: 41,
      },
      {
        title: 'tests/test_render.py > test_bake_normals failed (crash)',
        message: 'Blender was killed by SIGSEGV while running this test; it was restarted for the next test',
      },
      {
        title: 'tests/test_render.py > test_cycles_render failed (timeout)',
        message: 'timed out after 60 s; Blender was killed and restarted for the next test',
      },
      {
        title: 'tests/test_io.py > <module> failed (import)',
        message: "ModuleNotFoundError: No module named 'numpy_stl'",
        // Already relative: taken as relative to the workspace.
        file: 'tests/test_io.py',
        startLine: 3,
      },
    ]);
  });

  it('drops the file (and line) when it lies outside the workspace', () => {
    const inBlender: TestResult = {
      ...fx.errorFailure,
      file: '/opt/blender/4.3/scripts/modules/bpy/ops.py',
      line: 109,
    };
    const sibling: TestResult = { ...fx.errorFailure, file: `${fx.WORKSPACE}-other/tests/test_ops.py` };
    const escaping: TestResult = { ...fx.errorFailure, file: '../elsewhere/test.py' };
    for (const r of [inBlender, sibling, escaping]) {
      const [a] = selectAnnotations([r], { workspace: fx.WORKSPACE });
      expect(a).toBeDefined();
      expect(a?.file).toBeUndefined();
      expect(a?.startLine).toBeUndefined();
    }
  });

  it('caps the list and ends it with how many more are in the job summary', () => {
    const many = fx.manyFailures(25);
    const annotations = selectAnnotations(many, { workspace: fx.WORKSPACE });
    expect(annotations).toHaveLength(10);
    expect(annotations.slice(0, 9).map((a) => a.startLine)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(annotations[9]).toEqual({
      title: '16 more failures',
      message: '16 more failed tests are listed in the job summary.',
    });
    expect(selectAnnotations(many, { workspace: fx.WORKSPACE, max: 3 }).at(-1)?.title).toBe('23 more failures');
  });

  it('needs no "more" entry when the failures fit exactly', () => {
    const annotations = selectAnnotations(fx.manyFailures(10), { workspace: fx.WORKSPACE });
    expect(annotations).toHaveLength(10);
    expect(annotations.every((a) => a.file === 'tests/test_bulk.py')).toBe(true);
  });

  it('returns nothing when nothing failed', () => {
    expect(selectAnnotations([fx.passed, fx.skipped], { workspace: fx.WORKSPACE })).toEqual([]);
  });

  it('puts a leaking cleanup first so the cap never hides it', () => {
    const annotations = selectAnnotations(fx.manyFailures(30), { workspace: fx.WORKSPACE, cleanup: fx.leakCleanup });
    expect(annotations).toHaveLength(10);
    expect(annotations[0]).toEqual({
      title: 'cleanup: nothing left running failed (leak)',
      message: 'Leftovers: 2 processes left behind, port 51234 still bound',
    });
    expect(annotations[9]?.title).toBe('22 more failures');
    expect(selectAnnotations([], { workspace: fx.WORKSPACE, cleanup: fx.cleanCleanup })).toEqual([]);
  });

  it('strips colour codes and shortens huge messages', () => {
    const r: TestResult = { ...fx.errorFailure, errorType: undefined, message: `\u001b[31m${'y'.repeat(5000)}` };
    const [a] = selectAnnotations([r], { workspace: fx.WORKSPACE });
    expect(a?.message).toMatch(/^y+…$/);
    expect(a?.message.length).toBe(2000);
  });
});

describe('relativeToWorkspace', () => {
  it('handles POSIX workspaces, trailing slashes and ..', () => {
    expect(relativeToWorkspace('/w/repo/tests/a.py', '/w/repo/')).toBe('tests/a.py');
    expect(relativeToWorkspace('/w/repo/tests/../src/b.py', '/w/repo')).toBe('src/b.py');
    expect(relativeToWorkspace('/w/repo', '/w/repo')).toBeUndefined();
    expect(relativeToWorkspace('/w/repository/a.py', '/w/repo')).toBeUndefined();
    expect(relativeToWorkspace('/w/repo/..hidden/a.py', '/w/repo')).toBe('..hidden/a.py');
  });

  it('handles Windows workspaces whatever the host', () => {
    const ws = 'D:\\a\\my-addon\\my-addon';
    expect(relativeToWorkspace('D:\\a\\my-addon\\my-addon\\tests\\test_ops.py', ws)).toBe('tests/test_ops.py');
    // Python on Windows may report a lower-case drive and forward slashes.
    expect(relativeToWorkspace('d:/a/my-addon/my-addon/tests/test_ops.py', ws)).toBe('tests/test_ops.py');
    expect(relativeToWorkspace('C:\\Program Files\\Blender\\4.3\\scripts\\bpy\\ops.py', ws)).toBeUndefined();
    expect(relativeToWorkspace('tests\\test_io.py', ws)).toBe('tests/test_io.py');
  });
});
