// Where evc keeps derived data between runs: $EVC_CACHE_DIR, else `.evc/` in the project (the
// nearest folder at or above the working directory holding package.json or .git, else the working
// directory). Everything in it is derived from inputs it is keyed by: deleting it only costs time.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CACHE_FOLDER = '.evc';
const PROJECT_MARKERS = ['package.json', '.git'];

/** The directory commands run from; the CLI sets it, since in-process callers pass their own cwd. */
let base = process.cwd();
const resolved = new Map<string, string>();

export function useCacheOf(cwd: string): void {
  base = path.resolve(cwd);
}

export function evcCacheDir(): string {
  const configured = process.env.EVC_CACHE_DIR;
  if (configured) return path.resolve(configured);
  let dir = resolved.get(base);
  if (dir === undefined) {
    dir = path.join(projectOf(base), CACHE_FOLDER);
    resolved.set(base, dir);
  }
  return dir;
}

function projectOf(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (PROJECT_MARKERS.some((marker) => existsSync(path.join(dir, marker)))) return dir;
    if (dir === path.dirname(dir)) return cwd;
  }
}
