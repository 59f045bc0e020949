// Writes generated files into the output directory (only what changed; stale generated files
// are removed) and compares the directory with what would be generated (`--check`).
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_MARKER } from './printer.js';
import { contentDigest } from '../cache/content-digest.js';

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

/**
 * Files of the output directory known to be untouched since evc wrote them, with the digest of
 * their content (generator/cache/output-manifest.ts): compared by digest instead of read back.
 */
export type UntouchedFiles = ReadonlyMap<string, string>;

const NONE: UntouchedFiles = new Map();
const NO_FILES: ReadonlySet<string> = new Set();

// Synchronous reads: ~1,600 small files, each an await of four thread-pool round trips otherwise.
const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

async function generatedFilesIn(
  dir: string,
  kind: TreeKind,
  untouched: UntouchedFiles,
  relative = '',
): Promise<string[]> {
  const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await generatedFilesIn(dir, kind, untouched, child)));
    else if (untouched.has(child))
      out.push(child); // written by evc, so it carries the marker
    else if (kind.files.test(entry.name)) {
      const head = (readText(path.join(dir, child)) ?? '').slice(0, 200);
      if (head.includes(GENERATED_MARKER)) out.push(child);
    }
  }
  return out;
}

/**
 * `kept`: generated files whose content is not in `files` because the output directory holds them untouched
 * (generator/emit/index.ts `GeneratedCode.kept`): neither changed nor missing, and not stale.
 */
export async function compareTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  kind: TreeKind = GENERATED_CODE,
  untouched: UntouchedFiles = NONE,
  kept: ReadonlySet<string> = NO_FILES,
): Promise<TreeDifference> {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of files) {
    const known = untouched.get(file);
    if (known !== undefined && known === contentDigest(content)) continue;
    const current = readText(path.join(outDir, file));
    if (current === undefined) missing.push(file);
    else if (current !== content) changed.push(file);
  }
  const stale = (await generatedFilesIn(outDir, kind, untouched)).filter((f) => !files.has(f) && !kept.has(f)).sort();
  return { changed, missing, stale };
}

export async function writeTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  kind: TreeKind = GENERATED_CODE,
  untouched: UntouchedFiles = NONE,
  kept: ReadonlySet<string> = NO_FILES,
): Promise<TreeDifference> {
  const difference = await compareTree(outDir, files, kind, untouched, kept);
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
