// Registries the docs tests build sites from: the bundled contracts, the hostile fixtures and the
// compat fixture (in memory, so tests can release versions of it).
import path from 'node:path';
import { loadSide, openDirectory, readConfig, readLockfile } from '../../../generator/compat/inputs.js';
import type { Lockfile } from '../../../generator/compat/history/lockfile.js';
import { DEFAULT_CONFIG } from '../../../generator/compat/config.js';
import { buildSiteModel, type SiteModel } from '../../../generator/docs/site-model.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import type { Registry } from '../../../generator/model/registry.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');

export async function siteOfDirectory(dir: string): Promise<{ site: SiteModel; registry: Registry }> {
  const source = await openDirectory(dir, REPO);
  const side = await loadSide(source, 'current');
  const site = buildSiteModel({
    title: source.label,
    registry: side.registry,
    snapshot: side.snapshot,
    history: await readLockfile(source),
    config: await readConfig(source),
  });
  return { site, registry: side.registry };
}

export async function siteOfFiles(
  files: Readonly<Record<string, string>>,
  history: Lockfile | undefined,
): Promise<{ site: SiteModel; registry: Registry }> {
  const side = await loadSide(memorySource(files, 'contracts'), 'current');
  const site = buildSiteModel({
    title: 'contracts',
    registry: side.registry,
    snapshot: side.snapshot,
    history,
    config: DEFAULT_CONFIG,
  });
  return { site, registry: side.registry };
}
