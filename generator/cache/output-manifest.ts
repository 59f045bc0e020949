// What `evc generate` left in its output directory, file by file (size, inode, modification and
// change times, content digest), so the next run can tell which files are still exactly what it
// wrote without reading them back (~14 MB for 400 messages). Like git's index: any write to a file
// changes its ctime, which no tool can set back. A file written within RACY_MS of the record may
// change again inside one timestamp tick, so it is trusted only after its content is checked.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentDigest } from './content-digest.js';

/**
 * [relative path, size, inode, mtime ms, ctime ms, sha256 of the content, racy]. Times as Node's
 * plain stat gives them (microsecond precision; bigint stats cost twice as much for ~1,600 files).
 */
type Entry = readonly [string, number, number, number, number, string, boolean];

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
  files: ReadonlyMap<string, string>,
  untouched: ReadonlyMap<string, string> = new Map(),
  rewritten: readonly string[] = [],
): OutputManifest | undefined {
  const changed = new Set(rewritten);
  const known = (file: string): string | undefined => (changed.has(file) ? undefined : untouched.get(file));
  const racyFrom = Date.now() - RACY_MS;
  const entries: Entry[] = [];
  try {
    for (const [file, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const info = statSync(path.join(outDir, file));
      const racy = info.mtimeMs >= racyFrom || info.ctimeMs >= racyFrom;
      entries.push([
        file,
        info.size,
        info.ino,
        info.mtimeMs,
        info.ctimeMs,
        known(file) ?? contentDigest(content),
        racy,
      ]);
    }
  } catch {
    return undefined;
  }
  return { entries };
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
