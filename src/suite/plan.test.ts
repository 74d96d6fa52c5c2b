import { describe, expect, it } from 'vitest';
import { parseShard, pythonUnits, shardUnits, type PythonItem } from './plan.js';

describe('shards', () => {
  const units = Array.from({ length: 17 }, (_, i) => ({ id: `suite${i % 3} > test ${i}` }));

  it('deals every unit into exactly one of N shards, whatever the input order', () => {
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) seen.push(...shardUnits(units, { index: i, count: 3 }).map((u) => u.id));
    expect(seen.sort()).toEqual(units.map((u) => u.id).sort());
    const reversed = [...units].reverse();
    expect(
      shardUnits(reversed, { index: 2, count: 3 })
        .map((u) => u.id)
        .sort(),
    ).toEqual(
      shardUnits(units, { index: 2, count: 3 })
        .map((u) => u.id)
        .sort(),
    );
  });

  it('keeps the input order inside a shard', () => {
    const shard = shardUnits(units, { index: 1, count: 2 });
    const order = units.filter((u) => shard.includes(u));
    expect(shard).toEqual(order);
  });

  it('parses I/N and refuses anything else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '']) expect(() => parseShard(bad)).toThrow(/--shard takes I\/N/);
  });
});

describe('Python units', () => {
  const item = (nodeid: string, keep = false): PythonItem => ({ nodeid, file: `/p/${nodeid.split('::')[0]}`, line: 1, keep_scene: keep });

  it('makes each test a unit, and a test that keeps the scene joins the one before it in its file', () => {
    const units = pythonUnits(
      [item('a.py::t1'), item('a.py::t2', true), item('a.py::t3', true), item('a.py::t4'), item('b.py::t1', true), item('b.py::t2')],
      (i) => i.file,
    );
    expect(units.map((u) => u.items.map((i) => i.nodeid))).toEqual([
      ['a.py::t1', 'a.py::t2', 'a.py::t3'],
      ['a.py::t4'],
      ['b.py::t1'],
      ['b.py::t2'],
    ]);
    expect(units.map((u) => u.id)).toEqual(['a.py::t1', 'a.py::t4', 'b.py::t1', 'b.py::t2']);
  });

  it('keeps the tests of a shared class, module or package fixture in one unit, in order', () => {
    const scoped = (nodeid: string, scope: string | null, keep = false): PythonItem => ({ ...item(nodeid, keep), scope });
    const units = pythonUnits(
      [
        scoped('a.py::TestSteps::test_01', 'a.py::TestSteps'),
        scoped('a.py::TestSteps::test_02', 'a.py::TestSteps'),
        scoped('a.py::test_free', null),
        scoped('b.py::test_1', 'b.py'),
        scoped('b.py::test_2', 'b.py'),
        scoped('b.py::test_3', 'b.py', true),
        scoped('c.py::test_1', 'c.py'),
      ],
      (i) => i.file,
    );
    expect(units.map((u) => u.items.map((i) => i.nodeid))).toEqual([
      ['a.py::TestSteps::test_01', 'a.py::TestSteps::test_02'],
      ['a.py::test_free'],
      ['b.py::test_1', 'b.py::test_2', 'b.py::test_3'],
      ['c.py::test_1'],
    ]);
    // Whole units are dealt, so a scope is never split between shards.
    const shards = [1, 2, 3].map((index) => shardUnits(units, { index, count: 3 }).flatMap((u) => u.items.map((i) => i.nodeid)));
    expect(shards.find((s) => s.includes('b.py::test_1'))).toEqual(expect.arrayContaining(['b.py::test_2', 'b.py::test_3']));
  });
});
