// ContractSource over a git ref: reads the contracts as they were at a branch, tag or commit
// straight from the object database (`git ls-tree` + one `git cat-file --batch`), without a
// checkout or a temporary clone, so `evc check --against main` costs two git processes.

import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { ContractFileMissing, ContractReadError, isContractFile, type ContractSource } from '../load/source.js';

/** The ref does not exist, the directory did not exist at it, or git is unavailable: exit 2. */
export class GitSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitSourceError';
  }
}

export interface GitSourceOptions {
  /** Any revision git understands: a branch, tag, `HEAD~1`, a commit id, `origin/main`. */
  readonly ref: string;
  /** Contracts directory, relative to `cwd` (or absolute), inside the repository. */
  readonly directory: string;
  readonly cwd: string;
}

export interface GitSource extends ContractSource {
  readonly commit: string;
  /** The contracts directory relative to the repository root ('' for the root). */
  readonly directory: string;
}

export async function gitSource(options: GitSourceOptions): Promise<GitSource> {
  if (options.ref.startsWith('-')) throw new GitSourceError(`'${options.ref}' is not a git ref`);
  // One process for both answers: the repository root, then the commit the ref names.
  const answer = await gitResult(
    ['rev-parse', '--show-toplevel', '--verify', '--quiet', '--end-of-options', `${options.ref}^{commit}`],
    options.cwd,
  );
  const [root = '', commit = ''] = answer.stdout.trim().split('\n');
  if (answer.code !== 0 && root === '') {
    throw new GitSourceError(
      `cannot read git ref '${options.ref}': ${options.cwd} is not inside a git repository (${answer.stderr.trim() || `git exited ${answer.code}`})`,
    );
  }
  if (answer.code !== 0 || commit === '') {
    throw new GitSourceError(
      `unknown git ref '${options.ref}': no branch, tag or commit by that name (try 'git fetch' if it is a remote branch)`,
    );
  }
  // The working directory may be a symlinked path: compare real paths on both sides.
  const absolute = path.resolve(await realpathOf(options.cwd), options.directory);
  const directory = toPosix(path.relative(await realpathOf(root), absolute));
  if (directory.startsWith('..') || path.isAbsolute(directory)) {
    throw new GitSourceError(`contracts directory ${options.directory} is outside the git repository at ${root}`);
  }
  const listing = await git(
    ['ls-tree', '-r', '--name-only', '-z', commit, '--', directory === '' ? '.' : directory],
    root,
  );
  const prefix = directory === '' ? '' : `${directory}/`;
  const files = listing
    .split('\0')
    .filter((f) => f !== '' && f.startsWith(prefix))
    .map((f) => f.slice(prefix.length));
  if (files.length === 0) {
    throw new GitSourceError(
      `contracts directory '${directory || '.'}' did not exist at ${options.ref} (${commit.slice(0, 12)})`,
    );
  }
  const contractFiles = files.filter(isContractFile).sort();
  const known = new Set(files);
  let contents: Promise<Map<string, string>> | undefined;
  const label = `${options.ref}:${directory || '.'}`;

  const source: GitSource = {
    label,
    commit,
    directory,
    // `$ref`s may reach the rest of the repository as it was at that commit, as they do in the working tree.
    reach: { sourceInProject: directory, root: `${options.ref}:/`, why: 'the git repository' },
    async list() {
      return contractFiles;
    },
    async read(relativePath) {
      const normalized = path.posix.normalize(relativePath);
      if (normalized.startsWith('../')) {
        // Outside the contracts directory (the loader checked it stays inside the repository).
        const inRepository = path.posix.normalize(path.posix.join(directory, normalized));
        const text = (await readBlobs(root, commit, '', [inRepository])).get(inRepository);
        if (text === undefined)
          throw new ContractReadError(relativePath, `${options.ref}:${inRepository} does not exist at ${options.ref}`);
        return text;
      }
      if (!known.has(normalized))
        throw new ContractFileMissing(
          relativePath,
          `${source.displayPath(relativePath)} does not exist at ${options.ref}`,
        );
      contents ??= readBlobs(root, commit, prefix, contractFiles);
      const all = await contents;
      const text = all.get(normalized) ?? (await readBlobs(root, commit, prefix, [normalized])).get(normalized);
      if (text === undefined)
        throw new ContractReadError(relativePath, `cannot read ${source.displayPath(relativePath)} from git`);
      return text;
    },
    displayPath(relativePath) {
      return `${options.ref}:${path.posix.normalize(prefix + relativePath)}`;
    },
  };
  return source;
}

/** Reads many blobs with one `git cat-file --batch` process. */
function readBlobs(
  root: string,
  commit: string,
  prefix: string,
  files: readonly string[],
): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new GitSourceError(`cannot run git: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitSourceError(`git cat-file failed: ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      const result = new Map<string, string>();
      let offset = 0;
      for (const file of files) {
        const headerEnd = out.indexOf(0x0a, offset);
        if (headerEnd < 0) break;
        const header = out.subarray(offset, headerEnd).toString();
        offset = headerEnd + 1;
        const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!match) continue; // "<name> missing"
        const size = Number(match[2]);
        if (match[1] === 'blob') result.set(file, out.subarray(offset, offset + size).toString('utf8'));
        offset += size + 1;
      }
      resolve(result);
    });
    child.stdin.end(files.map((f) => `${commit}:${prefix}${f}\n`).join(''));
  });
}

function gitResult(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new GitSourceError(`cannot run git: ${error.message}`));
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

async function realpathOf(p: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(p).catch(() => p);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
