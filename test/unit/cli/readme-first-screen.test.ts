// The README's first screen is a newcomer's whole manual: how to install, the two set-up commands
// (demo, tests) and that they name real scripts, how to start and stop the bundled broker and
// where it listens, and how to begin a registry of one's own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
/** Everything before the first section heading. */
const firstScreen = readme.slice(0, readme.indexOf('\n## '));
const scripts = (
  JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('README first screen', () => {
  it('has exactly two set-up commands, install first, each running a script that exists', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(firstScreen)?.[1] ?? '';
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '');
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    for (const command of commands)
      for (const [, script] of command.matchAll(/npm (?:run )?(\w[\w:-]*)/g))
        if (script !== 'ci') expect(scripts, script).toHaveProperty(script!);
  });

  it('says how to start and stop the bundled broker, on which port, and how the tools find it', () => {
    expect(scripts).toHaveProperty('kafka:start');
    expect(scripts).toHaveProperty('kafka:stop');
    expect(firstScreen).toContain('`npm run kafka:start`');
    expect(firstScreen).toContain('`npm run kafka:stop`');
    expect(firstScreen).toContain('`KAFKA_BROKERS=127.0.0.1:<port>`');
    expect(firstScreen).toContain('`.kafka/run/state.json`');
    expect(firstScreen).toMatch(/`evc dlq`, `evc topics --create` and `npm run demo` use it/);
  });

  it('says how to start a registry of your own', () => {
    expect(firstScreen).toContain('npx evc init');
  });
});
