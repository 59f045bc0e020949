// `evc docs` as a library: a loaded registry plus the history and settings beside it (evc.lock.yaml,
// evc.config.yaml) → the site's files. Used by the command and by its watch mode.
import { readConfig, readLockfile } from '../compat/inputs.js';
import { snapshotOfRegistry } from '../compat/snapshot.js';
import type { TreeKind } from '../emit/output-tree.js';
import type { ContractSource } from '../load/source.js';
import type { Registry } from '../model/registry.js';
import { buildSite } from './site.js';

export { buildSite, renderSite, buildSiteModel } from './site.js';

/** The files `evc docs` owns in its output folder (stale pages are removed, nothing else is touched). */
export const DOCS_TREE: TreeKind = { files: /\.html$/ };

/** Throws the compat inputs' `InputError` when the lockfile or config cannot be read. */
export async function documentRegistry(source: ContractSource, registry: Registry): Promise<Map<string, string>> {
  return buildSite({
    title: source.label,
    registry,
    snapshot: snapshotOfRegistry(registry, source.label),
    history: await readLockfile(source),
    config: await readConfig(source),
  });
}
