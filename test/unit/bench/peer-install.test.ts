// `npm ci` installs what users need, not the peer benchmark's tools: those come on demand into a
// git-ignored cache outside node_modules, at a pinned version.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASYNCAPI_CLI, peerPrefix } from '../../../bench/peer-install.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const json = (file: string) => JSON.parse(readFileSync(path.join(repo, file), 'utf8')) as Record<string, unknown>;

describe('peer tools of the benchmark', () => {
  it('are not dependencies of the project, so npm ci does not install them', () => {
    const manifest = json('package.json') as { dependencies?: object; devDependencies?: object };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain(ASYNCAPI_CLI.name);
    const lock = json('package-lock.json') as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((key) => key.includes('@asyncapi/cli'))).toEqual([]);
  });

  it('install into a pinned, git-ignored folder outside node_modules', () => {
    expect(ASYNCAPI_CLI.version).toMatch(/^\d+\.\d+\.\d+$/);
    const prefix = peerPrefix(ASYNCAPI_CLI);
    expect(path.relative(repo, prefix)).toBe(path.join('.cache', 'peers', `asyncapi-cli@${ASYNCAPI_CLI.version}`));
    const ignored = execFileSync('git', ['check-ignore', '--no-index', path.relative(repo, prefix)], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(ignored.trim()).toBe(path.relative(repo, prefix));
  });
});
