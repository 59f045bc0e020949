// The package as users get it: `npm pack` (which builds dist/ through `prepare`), the tarball installed into an
// empty ESM project, then every export path imported from plain Node, generated code compiled against the installed
// types and run, and the `evc` bin run from the project's node_modules/.bin.
// Install uses the npm cache first (`--prefer-offline`: after `npm ci` every dependency is there) and the registry
// only for what is missing.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedCodeCompilerOptions } from '../support/compile.js';
import { VALUES } from '../support/runtime-public-exports.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ourPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
};

let work: string;
let project: string;

async function node(script: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
  return stdout;
}

async function evc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(project, 'node_modules', 'eventcontracts', 'bin', 'evc.js');
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: project });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'evc-packed-'));
  const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  project = join(work, 'project');
  cpSync(join(ROOT, 'contracts'), join(project, 'contracts'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'packed-check', private: true, type: 'module' }));
  await run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed!.filename)], {
    cwd: project,
  });
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball, installed', () => {
  it('exports only paths whose files exist', () => {
    const installed = join(project, 'node_modules', 'eventcontracts');
    for (const [path, target] of Object.entries(ourPackage.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target as Record<string, string>);
      for (const file of files) expect(existsSync(join(installed, file)), `${path} -> ${file}`).toBe(true);
    }
  });

  it('imports every export path from plain Node ESM', async () => {
    const paths = Object.keys(ourPackage.exports).filter((path) => path !== './package.json');
    expect(paths).toEqual(['./runtime']);
    const names = JSON.parse(
      await node(`console.log(JSON.stringify(Object.keys(await import('eventcontracts/runtime')).sort()))`),
    ) as string[];
    expect(names).toEqual([...VALUES].sort());
    const version = await node(
      `import p from 'eventcontracts/package.json' with { type: 'json' }; console.log(p.version)`,
    );
    expect(version.trim()).toBe(ourPackage.version);
  });

  it('runs the evc bin: --version, lint, generate', async () => {
    expect((await evc('--version')).stdout.trim()).toBe(ourPackage.version);
    const lint = await evc('lint');
    expect(lint).toMatchObject({ code: 0 });
    expect(lint.stdout + lint.stderr).toMatch(/4 service\(s\), 3 topic\(s\), 4 message\(s\): 0 errors/);
    expect(await evc('generate', '--out', 'generated')).toMatchObject({ code: 0 });
    // Same contracts, same output as the repository's committed generated/.
    expect(readFileSync(join(project, 'generated', 'messages.ts'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'generated', 'messages.ts'), 'utf8'),
    );
  });

  it('compiles generated code against the installed types, and runs its validators on the installed runtime', async () => {
    const { baseUrl: _baseUrl, paths: _paths, ...options } = generatedCodeCompilerOptions();
    const program = ts.createProgram([join(project, 'generated', 'index.ts')], options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
    const runtimeFile = program.getSourceFiles().find((file) => file.fileName.endsWith('runtime/index.d.ts'));
    expect(runtimeFile?.fileName).toContain(join('node_modules', 'eventcontracts', 'dist'));
    const verdict = await node(
      `const v = await import('./generated/validators/route-calculated.js');` +
        `const ok = v.validatePayload({}); console.log(JSON.stringify([ok, v.validatePayload.errors.length > 0]))`,
    );
    expect(JSON.parse(verdict)).toEqual([false, true]);
  });
});
