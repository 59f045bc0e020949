// Peer tools the benchmark compares evc with, installed on demand into .cache/peers/ (git-ignored,
// outside node_modules) at a pinned version: `npm ci` stays fast for everyone who never runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The AsyncAPI CLI, pinned: a newer one would change what the comparison measures. */
export const ASYNCAPI_CLI = { name: '@asyncapi/cli', version: '6.2.0' } as const;

export interface PeerPackage {
  readonly name: string;
  readonly version: string;
}

/** Where `peer` lives once installed: its own npm prefix, one folder per name and version. */
export function peerPrefix(peer: PeerPackage, cacheRoot: string = path.join(ROOT, '.cache', 'peers')): string {
  return path.join(cacheRoot, `${peer.name.replace(/^@/, '').replace(/\//g, '-')}@${peer.version}`);
}

/**
 * The installed package's folder, installing it first when needed (tens of seconds, once), or
 * why it could not be installed. `log` hears what takes time.
 */
export function installedPeer(
  peer: PeerPackage,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  cacheRoot?: string,
): { readonly dir: string } | { readonly unavailable: string } {
  const prefix = peerPrefix(peer, cacheRoot);
  const dir = path.join(prefix, 'node_modules', ...peer.name.split('/'));
  const installedVersion = (): string | undefined => {
    try {
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      return undefined;
    }
  };
  if (installedVersion() === peer.version) return { dir };
  mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into this project's.
  if (!existsSync(path.join(prefix, 'package.json')))
    writeFileSync(path.join(prefix, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
  log(`installing ${peer.name}@${peer.version} into ${path.relative(ROOT, prefix)} (first run only)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(
    npm,
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `${peer.name}@${peer.version}`],
    { cwd: prefix, encoding: 'utf8', env: { ...process.env, npm_config_engine_strict: 'false' } },
  );
  if (run.status !== 0 || installedVersion() !== peer.version)
    return {
      unavailable: `npm install ${peer.name}@${peer.version} failed (exit ${run.status ?? run.signal}): ${(run.stderr || run.error?.message || '').trim().split('\n')[0] ?? ''}`,
    };
  return { dir };
}
