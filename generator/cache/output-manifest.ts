// What `evc generate` left in its output directory, file by file (size, inode, modification and
// change times), so a run with unchanged inputs can tell the tree is still exactly what it wrote
// without reading its files back (~14 MB for 400 messages). Like git's index: any write to a file
// changes its ctime, which no tool can set back. Files written within RACY_MS of the record may be
// changed again inside one timestamp tick, so they are checked by content digest instead.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** [relative path, size, inode, mtime ns, ctime ns, sha256 of the content or null]. */
type Entry = readonly [string, string, string, string, string, string | null];

export interface OutputManifest {
  readonly entries: readonly Entry[];
}

const RACY_MS = 50n;
const digest = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** Records `files` as they are now in `outDir` (call right after writing or checking them). */
export function recordOutput(outDir: string, files: ReadonlyMap<string, string>): OutputManifest | undefined {
  const racyFrom = (BigInt(Date.now()) - RACY_MS) * 1_000_000n;
  const entries: Entry[] = [];
  try {
    for (const [file, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const info = statSync(path.join(outDir, file), { bigint: true });
      const racy = info.mtimeNs >= racyFrom || info.ctimeNs >= racyFrom;
      entries.push([
        file,
        `${info.size}`,
        `${info.ino}`,
        `${info.mtimeNs}`,
        `${info.ctimeNs}`,
        racy ? digest(content) : null,
      ]);
    }
  } catch {
    return undefined;
  }
  return { entries };
}

/**
 * True when `outDir` holds exactly the recorded files, unchanged, and no other file `owned` could
 * match (a generated file that would have to be removed).
 */
export function outputUnchanged(outDir: string, manifest: OutputManifest, owned: RegExp): boolean {
  try {
    const recorded = new Set(manifest.entries.map(([file]) => file));
    if (filesIn(outDir, '', owned).some((file) => !recorded.has(file))) return false;
    for (const [file, size, ino, mtime, ctime, hash] of manifest.entries) {
      const target = path.join(outDir, file);
      const info = statSync(target, { bigint: true });
      const same =
        `${info.size}` === size && `${info.ino}` === ino && `${info.mtimeNs}` === mtime && `${info.ctimeNs}` === ctime;
      if (!same || (hash !== null && digest(readFileSync(target)) !== hash)) return false;
    }
    return true;
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
