// What `evc generate` left in its output directory, file by file (size, inode, modification and
// change times, content digest), so the next run can tell which files are still exactly what it
// wrote without reading them back (~14 MB for 400 messages). Like git's index: any write to a file
// changes its ctime, which no tool can set back. A file written within RACY_MS of the record may
// change again inside one timestamp tick, so it is trusted only after its content is checked.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentDigest } from './content-digest.js';

/**
 * [relative path, size, inode, mtime ms, ctime ms, sha256 of the content, racy, origin]. Times as Node's
 * plain stat gives them (microsecond precision; bigint stats cost twice as much for ~1,600 files). The origin
 * names what the content was made from where one key does (a validator module: its compiled module and header),
 * else ''; manifests recorded before it existed lack it.
 */
type Entry = readonly [string, number, number, number, number, string, boolean, string?];

/** Generated files as `recordOutput` records them (generator/emit/index.ts `GeneratedCode`). */
export interface RecordedFiles {
  readonly files: ReadonlyMap<string, string>;
  /** Files not in `files` because the output directory holds them untouched (they must be in `untouched`). */
  readonly kept?: ReadonlySet<string>;
  readonly origins?: ReadonlyMap<string, string>;
}

export interface OutputManifest {
  readonly entries: readonly Entry[];
}

const RACY_MS = 50;

/**
 * Records `files` as they are now in `outDir` (call right after writing or comparing them). The
 * digests of `untouched` files (untouchedFiles) are reused, except for those just `rewritten`.
 */
export function recordOutput(
  outDir: string,
  { files, kept = new Set(), origins = new Map() }: RecordedFiles,
  untouched: ReadonlyMap<string, string> = new Map(),
  rewritten: readonly string[] = [],
): OutputManifest | undefined {
  const changed = new Set(rewritten);
  const known = (file: string): string | undefined => (changed.has(file) ? undefined : untouched.get(file));
  const racyFrom = Date.now() - RACY_MS;
  const entries: Entry[] = [];
  try {
    for (const file of [...files.keys(), ...kept].sort((a, b) => (a < b ? -1 : 1))) {
      const content = files.get(file);
      const digest = known(file) ?? (content === undefined ? undefined : contentDigest(content));
      if (digest === undefined) return undefined; // a kept file that is not untouched: nothing to vouch for it
      const info = statSync(path.join(outDir, file));
      const racy = info.mtimeMs >= racyFrom || info.ctimeMs >= racyFrom;
      entries.push([file, info.size, info.ino, info.mtimeMs, info.ctimeMs, digest, racy, origins.get(file) ?? '']);
    }
  } catch {
    return undefined;
  }
  return { entries };
}

/**
 * Which generated files need not be made again: those still untouched in the output directory (`untouched`) that
 * were recorded with the origin they would be made from now (the same origin gives the same content).
 */
export function keepOutput(
  manifest: OutputManifest,
  untouched: ReadonlyMap<string, string>,
): (file: string, origin: string) => boolean {
  const recorded = new Map<string, string>();
  for (const [file, , , , , , , origin] of manifest.entries)
    if (typeof origin === 'string' && origin !== '' && untouched.has(file)) recorded.set(file, origin);
  return (file, origin) => recorded.get(file) === origin;
}

/** The recorded files still untouched in `outDir`, with the digest of their content. */
export function untouchedFiles(outDir: string, manifest: OutputManifest): Map<string, string> {
  const untouched = new Map<string, string>();
  try {
    for (const [file, size, ino, mtime, ctime, hash, racy] of manifest.entries) {
      const target = path.join(outDir, file);
      const info = statSync(target, { throwIfNoEntry: false });
      if (info === undefined) continue;
      const same = info.size === size && info.ino === ino && info.mtimeMs === mtime && info.ctimeMs === ctime;
      if (same && (!racy || contentDigest(readFileSync(target)) === hash)) untouched.set(file, hash);
    }
  } catch {
    // an unreadable file or a manifest of another shape: trust less, never more
  }
  return untouched;
}

/**
 * True when `outDir` holds exactly the recorded files, untouched, and no other file `owned` could
 * match (a generated file that would have to be removed).
 */
export function outputUnchanged(outDir: string, manifest: OutputManifest, owned: RegExp): boolean {
  try {
    const recorded = new Set(manifest.entries.map(([file]) => file));
    if (filesIn(outDir, '', owned).some((file) => !recorded.has(file))) return false;
    return untouchedFiles(outDir, manifest).size === manifest.entries.length;
  } catch {
    return false;
  }
}

function filesIn(root: string, relative: string, owned: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesIn(root, child, owned));
    else if (owned.test(entry.name)) out.push(child);
  }
  return out;
}
