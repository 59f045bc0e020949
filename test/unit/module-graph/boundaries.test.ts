// The boundary between generator and runtime: what both must agree on lives in contract-conventions/, which
// imports neither side; the generator reaches it only through its index, and reaches the runtime itself only where
// it uses the runtime as a library (the CLI: `evc dlq`, `evc topics`, broker and registry flags; schema-registry/:
// pushing and checking schemas with the runtime's registry client), and only through the runtime's public entry.
import { describe, expect, it } from 'vitest';
import { moduleGraph } from './module-graph.js';

const graph = moduleGraph(['contract-conventions', 'generator', 'runtime']);

function importsInto(fromFolder: string, toFolder: string): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph)
    if (file.startsWith(`${fromFolder}/`))
      for (const { target } of imports) if (target.startsWith(`${toFolder}/`)) found.push(`${file} -> ${target}`);
  return found;
}

describe('generator / runtime boundary', () => {
  it('sees the graph (the check would pass vacuously otherwise)', () => {
    expect(importsInto('generator', 'contract-conventions').length).toBeGreaterThan(5);
    expect(importsInto('runtime', 'contract-conventions').length).toBeGreaterThan(5);
  });

  it('contract-conventions imports nothing from the generator or the runtime', () => {
    expect([
      ...importsInto('contract-conventions', 'generator'),
      ...importsInto('contract-conventions', 'runtime'),
    ]).toEqual([]);
  });

  it('the generator imports contract-conventions only through its index', () => {
    const deep = importsInto('generator', 'contract-conventions').filter(
      (edge) => !edge.endsWith('-> contract-conventions/index.ts'),
    );
    expect(deep).toEqual([]);
  });

  it('the generator imports the runtime only from the CLI, schema-registry/ and avro/, and only its public entry', () => {
    // avro/ builds the runtime's Avro binary codec at generate time, so avsc's refusals are findings.
    const runtimeUsers = ['generator/cli/', 'generator/schema-registry/', 'generator/avro/'];
    const outside = importsInto('generator', 'runtime').filter(
      (edge) => !(runtimeUsers.some((folder) => edge.startsWith(folder)) && edge.endsWith('-> runtime/index.ts')),
    );
    expect(outside).toEqual([]);
  });

  it('the runtime imports nothing from the generator', () => {
    expect(importsInto('runtime', 'generator')).toEqual([]);
  });
});
