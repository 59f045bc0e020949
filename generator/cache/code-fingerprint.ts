// What evc's own code and the libraries that shape its output look like right now, so a cached
// command result is never reused by a different build of evc (a rebuilt `dist/`, an edited emitter,
// another ajv): the path, size and modification time of every module, plus the libraries' versions.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** Folders (relative to a root) holding the code a fingerprint covers. */
export interface CodeTree {
  readonly root: string;
  readonly folders: readonly string[];
}

/**
 * The code a process runs, from the folder of this module. Unbundled (TypeScript sources, or tsc's output) it lives
 * in <root>/generator/cache/, beside the folders of evc's code; bundled into the CLI (scripts/build.mjs) it is part
 * of a chunk in dist/cli/, whose files are all the CLI's own code.
 */
export function codeTreeOf(moduleDir: string): CodeTree {
  return /[\\/]generator[\\/]cache$/.test(moduleDir)
    ? { root: path.resolve(moduleDir, '..', '..'), folders: ['generator', 'contract-conventions', 'runtime'] }
    : { root: path.dirname(moduleDir), folders: [path.basename(moduleDir)] };
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { root: ROOT, folders: CODE_FOLDERS } = codeTreeOf(HERE);
const CODE_FILE = /(?<!\.d)\.(c|m)?(j|t)s$/;
const LIBRARIES = ['ajv', 'ajv-formats', 'avsc', 'yaml', '@asyncapi/specs', 're2js', 'regjsparser', 'safe-regex2'];

let fingerprint: string | undefined;

export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha256').update(`evc ${ownVersion()}\n`);
  for (const library of LIBRARIES) hash.update(`${library} ${libraryVersion(library)}\n`);
  for (const folder of CODE_FOLDERS) addFolder(hash, folder);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

function addFolder(hash: ReturnType<typeof createHash>, relative: string): void {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = `${relative}/${entry.name}`;
    if (entry.isDirectory()) addFolder(hash, child);
    else if (CODE_FILE.test(entry.name)) {
      const info = statSync(path.join(ROOT, child));
      hash.update(`${child} ${info.size} ${info.mtimeMs}\n`);
    }
  }
}

function ownVersion(): string {
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      if (dir === path.dirname(dir)) return '?';
    }
  }
}

/**
 * The version of the copy of `name` a module in `from` would load: its package.json in the first `node_modules`
 * above it, as Node looks for it. Read as a file, not required: resolving eight packages through require took
 * ~10 ms of every `evc` start, and a package whose `exports` hide its package.json (re2js) had no version at all.
 */
export function libraryVersion(name: string, from = HERE): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8');
    } catch {
      if (dir === path.dirname(dir)) return requiredVersion(name);
      continue;
    }
    try {
      return (JSON.parse(text) as { version?: string }).version ?? '?';
    } catch {
      return '?';
    }
  }
}

/** Where no `node_modules` above holds it (NODE_PATH, a global folder): as require finds it. */
function requiredVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'absent';
  }
}
