// Writes generated files into the output directory (only what changed; stale generated files
// are removed) and compares the directory with what would be generated (`--check`).
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_MARKER } from './printer.js';

export interface TreeDifference {
  readonly changed: string[];
  readonly missing: string[];
  /** Files carrying our header that would no longer be generated. */
  readonly stale: string[];
}

/** Which files of the output directory a writer owns: generated code by default; `evc docs` owns `.html`. */
export interface TreeKind {
  readonly files: RegExp;
}

/** Generated code: what `evc generate` owns in its output directory. */
export const GENERATED_CODE: TreeKind = { files: /\.(ts|js)$/ };

async function generatedFilesIn(dir: string, kind: TreeKind, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await generatedFilesIn(dir, kind, child)));
    else if (kind.files.test(entry.name)) {
      const head = (await readFile(path.join(dir, child), 'utf8').catch(() => '')).slice(0, 200);
      if (head.includes(GENERATED_MARKER)) out.push(child);
    }
  }
  return out;
}

export async function compareTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  kind: TreeKind = GENERATED_CODE,
): Promise<TreeDifference> {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined);
    if (current === undefined) missing.push(file);
    else if (current !== content) changed.push(file);
  }
  const stale = (await generatedFilesIn(outDir, kind)).filter((f) => !files.has(f)).sort();
  return { changed, missing, stale };
}

export async function writeTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  kind: TreeKind = GENERATED_CODE,
): Promise<TreeDifference> {
  const difference = await compareTree(outDir, files, kind);
  for (const file of [...difference.changed, ...difference.missing]) {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files.get(file)!);
  }
  for (const file of difference.stale) await rm(path.join(outDir, file), { force: true });
  return difference;
}

/** What a write did, file by file, for people watching: new and changed files, then removed ones (marked so). */
export function writtenFiles(difference: TreeDifference): string[] {
  return [...difference.missing, ...difference.changed, ...difference.stale.map((f) => `${f} (removed)`)];
}
