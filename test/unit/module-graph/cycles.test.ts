// No import cycles among the project's modules: a cycle makes load order matter and hides which module depends on
// which. The table cases check the cycle finder itself; the last case runs it over the real tree.
import { describe, expect, it } from 'vitest';
import { importCycles, moduleGraph, type ModuleImport } from './module-graph.js';

const graphOf = (edges: Record<string, string[]>): Map<string, ModuleImport[]> =>
  new Map(
    Object.entries(edges).map(([file, targets]) => [file, targets.map((target) => ({ target, specifier: target }))]),
  );

const cases: [name: string, edges: Record<string, string[]>, cycles: string[][]][] = [
  ['no edges', { a: [], b: [] }, []],
  ['a chain', { a: ['b'], b: ['c'], c: [] }, []],
  ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, []],
  ['two files importing each other', { a: ['b'], b: ['a'] }, [['a', 'b', 'a']]],
  ['a three-file loop', { a: ['b'], b: ['c'], c: ['a'] }, [['a', 'b', 'c', 'a']]],
  ['a self-import', { a: ['a'] }, [['a', 'a']]],
  [
    'two separate loops',
    { a: ['b'], b: ['a'], c: ['d'], d: ['c'] },
    [
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ],
  ],
  ['an import of a file outside the graph', { a: ['outside'] }, []],
];

describe('importCycles', () => {
  it.each(cases)('%s', (_name, edges, cycles) => {
    expect(importCycles(graphOf(edges))).toEqual(cycles);
  });

  it('finds none in the project', () => {
    const graph = moduleGraph(['contract-conventions', 'generator', 'runtime', 'bench', 'scripts', 'examples', 'test']);
    expect(graph.size).toBeGreaterThan(200);
    const cycles = importCycles(graph).map((cycle) => [...new Set(cycle)].sort());
    expect(cycles).toEqual([]);
  });
});
