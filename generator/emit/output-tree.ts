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

async function generatedFilesIn(dir: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await generatedFilesIn(dir, child)));
    else if (/\.(ts|js)$/.test(entry.name)) {
      const head = (await readFile(path.join(dir, child), 'utf8').catch(() => '')).slice(0, 200);
      if (head.includes(GENERATED_MARKER)) out.push(child);
    }
  }
  return out;
}

export async function compareTree(outDir: string, files: ReadonlyMap<string, string>): Promise<TreeDifference> {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined);
    if (current === undefined) missing.push(file);
    else if (current !== content) changed.push(file);
  }
  const stale = (await generatedFilesIn(outDir)).filter((f) => !files.has(f)).sort();
  return { changed, missing, stale };
}

export async function writeTree(outDir: string, files: ReadonlyMap<string, string>): Promise<TreeDifference> {
  const difference = await compareTree(outDir, files);
  for (const file of [...difference.changed, ...difference.missing]) {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files.get(file)!);
  }
  for (const file of difference.stale) await rm(path.join(outDir, file), { force: true });
  return difference;
}
