// The project's own module graph: every TypeScript source file and the files its relative imports, re-exports and
// dynamic imports reach (type-only ones included: a type cycle is still a cycle for a reader). Read with
// TypeScript's own import scanner, so what counts as an import is what tsc counts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface ModuleImport {
  /** Repository-relative path of the imported file (`runtime/index.ts`). */
  readonly target: string;
  /** The specifier as written. */
  readonly specifier: string;
}

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier)).replace(/\.js$/, '.ts');
  return existsSync(join(ROOT, target)) ? target : undefined;
}

/** Imports of every `.ts` file under the given folders, by repository-relative path. */
export function moduleGraph(folders: readonly string[]): Map<string, ModuleImport[]> {
  const graph = new Map<string, ModuleImport[]>();
  for (const file of folders.flatMap(sourceFiles)) {
    const scanned = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const imports: ModuleImport[] = [];
    for (const { fileName: specifier } of scanned.importedFiles) {
      const target = resolveSpecifier(file, specifier);
      if (target !== undefined) imports.push({ target, specifier });
    }
    graph.set(file, imports);
  }
  return graph;
}

/** Every cycle, each as the files along it (first file repeated at the end), found by Tarjan's SCC algorithm. */
export function importCycles(graph: ReadonlyMap<string, readonly ModuleImport[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    lowLink.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const { target } of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = graph.get(file)?.some((edge) => edge.target === file) ?? false;
    if (component.length > 1 || selfImport) components.push([...component.reverse(), component[0]!]);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components;
}
