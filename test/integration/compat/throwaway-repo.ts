// A throwaway git repository holding a copy of the example registry, for `evc check --against
// <git-ref>` tests: git with a fixed identity, YAML edits through the `yaml` document API, and
// `evc check` run in-process with its output captured.

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { runCheck, type CheckOptions } from '../../../generator/cli/commands/check.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CheckRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ThrowawayRepo {
  readonly dir: string;
  git(...args: string[]): string;
  editYaml(file: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void;
  check(options: CheckOptions, cwd?: string): Promise<CheckRun>;
  /** `evc <args>` as a real process in the repository. */
  evc(...args: string[]): SpawnSyncReturns<string>;
  remove(): void;
}

/** A new repository with the project's `contracts/` copied in (without its lockfile), not yet committed. */
export function throwawayRepo(prefix: string): ThrowawayRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(path.join(REPO_ROOT, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  // A registry that was never released: tests that need a history record it themselves.
  rmSync(path.join(dir, 'contracts', 'evc.lock.yaml'), { force: true });
  const repo: ThrowawayRepo = {
    dir,
    git: (...args) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'evc',
          GIT_AUTHOR_EMAIL: 'evc@example.com',
          GIT_COMMITTER_NAME: 'evc',
          GIT_COMMITTER_EMAIL: 'evc@example.com',
        },
      }),
    editYaml(file, edit) {
      const full = path.join(dir, file);
      const doc = parseDocument(readFileSync(full, 'utf8'));
      edit(doc);
      writeFileSync(full, doc.toString());
    },
    async check(options, cwd = dir) {
      let stdout = '';
      let stderr = '';
      const code = await runCheck(options, {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        cwd,
      });
      return { code, stdout, stderr };
    },
    evc: (...args) =>
      // `--import` resolves from the working directory (the throwaway repo): give node the project's tsx.
      spawnSync(
        process.execPath,
        [
          '--import',
          pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
          path.join(REPO_ROOT, 'generator/cli/main.ts'),
          ...args,
        ],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  return repo;
}
