// The public surface of `eventcontracts/runtime`, pinned: adding or removing a name is a decision made here, in
// review, not a side effect of `export *`. Also checks that everything generated code imports is in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as runtime from '../../../runtime/index.js';
import { ROOT } from '../module-graph/module-graph.js';
import { TYPES, VALUES } from '../../support/runtime-public-exports.js';

/** Every name `runtime/index.ts` exports, read from its export declarations (it has no `export *`). */
function declaredExports(): { values: string[]; types: string[]; star: number } {
  const file = ts.createSourceFile(
    'index.ts',
    readFileSync(join(ROOT, 'runtime/index.ts'), 'utf8'),
    ts.ScriptTarget.ES2022,
  );
  const values: string[] = [];
  const types: string[] = [];
  let star = 0;
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) {
      star++;
      continue;
    }
    for (const element of clause.elements)
      (statement.isTypeOnly || element.isTypeOnly ? types : values).push(element.name.text);
  }
  return { values: values.sort(), types: types.sort(), star };
}

/** Names generated code imports from the runtime, over the committed output and the golden files. */
function namesGeneratedCodeImports(): Set<string> {
  const names = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js)$/.test(entry.name))
        for (const match of readFileSync(join(ROOT, path), 'utf8').matchAll(
          /import (?:type )?\{([^}]*)\} from "eventcontracts\/runtime"/g,
        ))
          for (const name of match[1]!.split(',')) names.add(name.trim());
    }
  };
  walk('generated');
  walk('test/golden');
  return names;
}

describe('eventcontracts/runtime public exports', () => {
  it('are exactly the pinned names, with no `export *` that could add more unseen', () => {
    const declared = declaredExports();
    expect(declared.star).toBe(0);
    expect(declared.values).toEqual([...VALUES].sort());
    expect(declared.types).toEqual([...TYPES].sort());
  });

  it('export at run time exactly the pinned values', () => {
    expect(Object.keys(runtime).sort()).toEqual([...VALUES].sort());
  });

  it('include every name generated code imports', () => {
    const imported = namesGeneratedCodeImports();
    expect(imported.size).toBeGreaterThan(5);
    const pinned = new Set([...VALUES, ...TYPES]);
    expect([...imported].filter((name) => !pinned.has(name))).toEqual([]);
  });
});
