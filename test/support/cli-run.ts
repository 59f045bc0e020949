// The evc CLI run in-process, as a user would from a project folder, and what it left on disk: the
// helpers the CLI and cache tests share.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../generator/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `evc <args>` with `cwd` as the working directory; stdout and stderr collected. */
export async function runEvc(cwd: string, ...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

/** Every file under `dir` with its text, by relative path ({} when there is no such folder). */
export function fileTree(dir: string): Record<string, string> {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return {};
  }
  return Object.fromEntries(
    entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
  );
}
