import { describe, expect, it } from 'vitest';
import { discoverSuites, DiscoveryError, nodeIdFile } from './discover.js';

describe('finding suites', () => {
  it('lists command scripts and hands folders, .py files and node ids to pytest as given', () => {
    const found = discoverSuites([
      'fixtures/suites/known',
      'fixtures/suites/pytest_project/tests/test_marks.py::test_xfail',
      'fixtures/suites/malformed',
    ]);
    expect(found.scripts.map((s) => s.path.replace(/^.*fixtures\//, ''))).toContain('suites/known/steps.yaml');
    expect(found.python).toEqual({
      args: ['fixtures/suites/known', 'fixtures/suites/pytest_project/tests/test_marks.py::test_xfail'],
      required: true,
      any: true,
      files: expect.arrayContaining([expect.stringMatching(/known\/test_outcomes\.py$/), expect.stringMatching(/test_marks\.py$/)]),
      unittestNamed: [],
    });
  });

  it('needs no pytest for folders of command scripts only', () => {
    const found = discoverSuites(['fixtures/suites/malformed']);
    expect(found.python).toEqual({ args: [], required: false, any: false, files: [], unittestNamed: [] });
  });

  it('names what is wrong with a path', () => {
    expect(() => discoverSuites(['no/such.py::test_x'])).toThrow(DiscoveryError);
    expect(() => discoverSuites(['no/such.py::test_x'])).toThrow('no/such.py: no such file or folder');
    expect(() => discoverSuites(['fixtures/suites/known::test_x'])).toThrow(/node id names a test in a \.py file/);
    expect(() => discoverSuites(['README.md'])).toThrow(/README\.md is not a suite/);
    expect(nodeIdFile('tests/test_x.py::TestY::test_z[a::b]')).toBe('tests/test_x.py');
  });
});
