// ContractSource over the file system: a contracts directory, or a single document in one.
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import {
  ContractFileMissing,
  ContractReadError,
  isContractFile,
  type ContractSource,
  type ReferenceReach,
} from './source.js';

/** Folders never read for contracts (nor watched by `evc watch`). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);
/** The registry's own files: settings and release history, not contracts (the lockfile grows with every release). */
const REGISTRY_FILES = new Set(['evc.config.yaml', 'evc.lock.yaml']);

export interface DirectorySource extends ContractSource {
  /** Absolute directory relative paths are resolved against. */
  readonly root: string;
  /** When the user named one document, only that one is a main document. */
  readonly only?: string;
}

/** Folders that mark a project root: `$ref`s may reach anywhere under the nearest one. */
export const PROJECT_ROOT_MARKERS = ['evc.config.yaml', 'package.json', '.git'] as const;

/** `target` is a contracts directory or one document; throws ContractReadError when it does not exist. */
export async function directorySource(
  target: string,
  cwd = process.cwd(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DirectorySource> {
  const absolute = path.resolve(cwd, target);
  const info = statOf(absolute);
  if (!info)
    throw new ContractReadError(
      target,
      `${target} does not exist: pass --contracts with a contracts directory or an AsyncAPI document`,
    );
  const root = info.isDirectory() ? absolute : registryRootOf(absolute, cwd);
  const only = info.isDirectory() ? undefined : toPosix(path.relative(root, absolute));
  const label = toPosix(path.relative(cwd, root)) || '.';
  const reach = referenceReach(root, cwd, env);
  const source: DirectorySource = {
    label,
    root,
    reach,
    ...(only === undefined ? {} : { only }),
    // Synchronous file system calls: a registry is a hundred small files and folders, and each asynchronous call
    // is several thread-pool round trips that a new process spends mostly waiting (~20 ms of a lint).
    async list() {
      return only !== undefined ? [only] : walk(root, '').sort();
    },
    async read(relativePath) {
      try {
        return readFileSync(path.join(root, relativePath), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          throw new ContractFileMissing(relativePath, `${source.displayPath(relativePath)} does not exist`);
        throw new ContractReadError(
          relativePath,
          `cannot read ${source.displayPath(relativePath)}: ${code ?? String(error)}`,
        );
      }
    },
    displayPath(relativePath) {
      const relative = path.relative(cwd, path.join(root, relativePath));
      return toPosix(
        relative.startsWith('..') && path.isAbsolute(root) && relative.split('/').length > 6
          ? path.join(root, relativePath)
          : relative,
      );
    },
  };
  return source;
}

/**
 * A single document still belongs to a registry: its `$ref`s may reach sibling services. Its root
 * is the nearest ancestor holding `evc.config.yaml`, else the nearest project root (package.json or
 * .git), else the working directory when the file is inside it, else the file's own directory.
 */
function registryRootOf(file: string, cwd: string): string {
  for (const markers of [['evc.config.yaml'], PROJECT_ROOT_MARKERS]) {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      for (const marker of markers) if (exists(path.join(dir, marker))) return dir;
      if (dir === path.dirname(dir)) break;
    }
  }
  const fromCwd = path.relative(cwd, file);
  return fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? path.dirname(file) : cwd;
}

/**
 * The project root bounds `$ref`s: EVC_PROJECT_ROOT when it holds the contracts, else the nearest
 * folder at or above the contracts root holding evc.config.yaml, package.json or .git. A document
 * outside any project (downloaded examples, a collection of specs) may reach anywhere under its
 * top-level folder (`/home`, `/tmp`, …): that still keeps `../../etc/passwd`-style references out.
 */
function referenceReach(root: string, cwd: string, env: Readonly<Record<string, string | undefined>>): ReferenceReach {
  const inside = (dir: string): boolean => {
    const relative = path.relative(dir, root);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const reachOf = (dir: string, why: string): ReferenceReach => ({
    sourceInProject: toPosix(path.relative(dir, root)),
    root: dir,
    why,
  });
  const configured = env.EVC_PROJECT_ROOT;
  if (configured) {
    const dir = path.resolve(cwd, configured);
    if (inside(dir)) return reachOf(dir, 'set by EVC_PROJECT_ROOT');
  }
  for (let dir = root; ; dir = path.dirname(dir)) {
    for (const marker of PROJECT_ROOT_MARKERS)
      if (exists(path.join(dir, marker)))
        return reachOf(dir, `the nearest folder at or above the contracts holding ${marker}`);
    if (dir === path.dirname(dir)) break;
  }
  const top = root.split(path.sep).slice(0, 2).join(path.sep) || path.sep;
  return reachOf(top, 'no folder above the contracts holds evc.config.yaml, package.json or .git');
}

/** A file's stat, or undefined when it cannot be had (missing, no permission, a file in its path). */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const exists = (file: string): boolean => statOf(file) !== undefined;

function walk(root: string, relative: string): string[] {
  const entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) files.push(...walk(root, child));
    } else if (isContractFile(entry.name) && !(relative === '' && REGISTRY_FILES.has(entry.name))) {
      files.push(child);
    }
  }
  return files;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
