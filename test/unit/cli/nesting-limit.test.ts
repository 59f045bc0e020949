// Deeply nested contracts (issue 16, item 6): every command meets a document nested past the limit
// (in one file, or through a chain of $refs across shallow files) with one located nesting-too-deep
// error and its usual exit code, never a stack overflow; just under the limit every command works.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../generator/cli/main.js';
import { createWatchCycle } from '../../../generator/cli/commands/watch.js';
import type { CliIO } from '../../../generator/cli/io.js';
import { hasErrors } from '../../../generator/lint/index.js';
import { formatDiagnostics } from '../../../generator/report/diagnostics.js';
import { MAX_NESTING_DEPTH } from '../../../generator/load/parse-file.js';

interface Run {
  readonly code: number;
  readonly out: string;
}

async function evc(args: string[], cwd: string): Promise<Run> {
  let out = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}

/** A schema nested `levels` deep as JSON (flow style keeps a 500-level file small). */
function nested(levels: number, leaf: string): string {
  let schema = leaf;
  for (let i = 0; i < levels; i++) schema = `{"type":"object","properties":{"p":${schema}}}`;
  return schema;
}

function service(payload: string): string {
  return `{"asyncapi":"3.0.0","info":{"title":"deep","version":"1.0.0"},"channels":{"c":{"address":"deep.events","messages":{"m":{"name":"Deep","payload":${payload}}}}},"operations":{"s":{"action":"send","channel":{"$ref":"#/channels/c"}}}}\n`;
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-deep-'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"deep","private":true}\n');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'contracts', file)), { recursive: true });
    writeFileSync(path.join(dir, 'contracts', file), text);
  }
  return dir;
}

const config = 'compatibility: BACKWARD\n';

/** `links` files of `perFile` levels each, every one ending in a $ref to the next. */
function chain(links: number, perFile: number): Record<string, string> {
  const files: Record<string, string> = {
    'evc.config.yaml': config,
    'deep/asyncapi.json': service('{"$ref":"../schemas/s0.json"}'),
  };
  for (let i = 0; i < links; i++)
    files[`schemas/s${i}.json`] =
      `${nested(perFile, i + 1 < links ? `{"$ref":"./s${i + 1}.json"}` : '{"type":"string"}')}\n`;
  return files;
}

/** Every command, as a user runs it, with its exit code and output. */
async function everyCommand(dir: string): Promise<Record<string, Run>> {
  const io: CliIO = { cwd: dir, stdout: () => undefined, stderr: () => undefined };
  const cycle = await createWatchCycle({ contracts: 'contracts', out: 'generated' }, io)();
  return {
    lint: await evc(['lint'], dir),
    generate: await evc(['generate'], dir),
    'generate --check': await evc(['generate', '--check'], dir),
    'release --dry-run': await evc(['release', '--dry-run'], dir),
    release: await evc(['release'], dir),
    // After a release, check compares the contracts with the recorded (equally deep) history.
    check: await evc(['check'], dir),
    registry: await evc(['registry'], dir),
    topics: await evc(['topics'], dir),
    'watch (one cycle)': {
      code: hasErrors(cycle.added) ? 1 : 0,
      out: formatDiagnostics(cycle.added, 'text'),
    },
  };
}

describe(`nesting limit (${MAX_NESTING_DEPTH} levels)`, () => {
  it.each([
    [
      'one file nested 500 schema levels',
      { 'evc.config.yaml': config, 'a.json': service(nested(500, '{"type":"string"}')) },
    ],
    [
      'one file nested 5000 schema levels',
      { 'evc.config.yaml': config, 'a.json': service(nested(5000, '{"type":"string"}')) },
    ],
    ['40 shallow files chained by $ref (400 levels)', chain(40, 10)],
  ])('%s: every command reports nesting-too-deep, located, and exits non-zero', async (_name, files) => {
    const results = await everyCommand(project(files));
    for (const [command, run] of Object.entries(results)) {
      expect(run.out, command).toMatch(/\.json:\d+:\d+: error: .*\[nesting-too-deep\]/);
      expect(run.out, command).not.toMatch(/RangeError|call stack|yaml-syntax/i);
      expect([1, 2], `${command}: ${run.out}`).toContain(run.code);
    }
  });

  it('just under the limit every command works (nothing recurses past what the limit allows)', async () => {
    // 120 schema levels = 240 nested objects, plus the document's own 8 levels.
    const dir = project({ 'evc.config.yaml': config, 'a.json': service(nested(120, '{"type":"string"}')) });
    const results = await everyCommand(dir);
    for (const [command, run] of Object.entries(results)) {
      expect(run.out, command).not.toMatch(/nesting-too-deep|RangeError|call stack/i);
      expect(run.code, `${command}: ${run.out}`).toBe(0);
    }
  });
});
