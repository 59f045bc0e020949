// `evc lint` honours evc.config.yaml's rules.off (a rule id or a whole category) and reports the
// config's own mistakes, located, among its diagnostics.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLint } from '../../../generator/cli/commands/lint.js';

const hostile = path.resolve(import.meta.dirname, '../../fixtures/hostile');
const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-lint-off-'));
cpSync(hostile, dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(config: string | undefined): Promise<{ code: number; rules: string[]; out: string }> {
  const file = path.join(dir, 'evc.config.yaml');
  if (config === undefined) rmSync(file, { force: true });
  else writeFileSync(file, config);
  let out = '';
  const code = await runLint(
    { contracts: dir, format: 'json' },
    { stdout: (t) => void (out += t), stderr: () => undefined, cwd: dir },
  );
  const rules = (JSON.parse(out) as { rule: string }[]).map((d) => d.rule);
  return { code, rules, out };
}

describe('evc lint and rules.off', () => {
  it('drops a rule switched off by id, and a whole category', async () => {
    const all = await lint(undefined);
    const [first] = all.rules;
    expect(first).toBeDefined();
    expect((await lint(`rules:\n  off: [${first}]\n`)).rules).not.toContain(first);
    expect((await lint('rules:\n  off: [SPEC, PAYLOAD, MESSAGE_SET, NAMING, KEY, TOPIC, DELIVERY]\n')).rules).toEqual(
      [],
    );
  });

  it('reports an unknown name in rules.off at its place, as an error', async () => {
    const { code, out } = await lint('rules:\n  off: [no-such-rule]\n');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/evc\.config\.yaml$/),
        line: 2,
        column: 9,
        rule: 'config-unknown-rule',
      }),
    );
  });
});
