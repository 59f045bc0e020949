// Loading the two sides of a check: the proposed contracts (a directory) and what they are
// compared with (a git ref, another directory, or the lockfile history). Failures that mean
// "could not check" are `InputError`s (exit 2), carrying the lint diagnostics when documents are invalid.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Registry } from '../model/registry.js';
import { ContractFileMissing, ContractReadError, type ContractSource } from '../load/source.js';
import { contractsSource, InputError, openSource, type OpenSourceOptions } from '../pipeline/open-contracts.js';
import { ConfigError } from './config-error.js';
import { readCompatibilityConfig, type CompatibilityConfig } from './config.js';
import { historyFindings } from './config-findings.js';
import { GitSourceError, gitSource } from './git-source.js';
import { LOCKFILE, LockfileError, parseLockfile, snapshotsOfLockfile, type Lockfile } from './history/lockfile.js';
import { snapshotOfRegistry, type RegistrySnapshot } from './snapshot.js';

export { InputError };

export interface LoadedSide {
  readonly source: ContractSource;
  readonly registry: Registry;
  readonly snapshot: RegistrySnapshot;
}

/** How a side is opened: the pipeline's options (`maxFileSize`, whether lint rules run). */
export type SideOptions = Pick<OpenSourceOptions, 'maxFileSize' | 'lint'>;

/** Opens one side through the shared pipeline; invalid documents are an InputError with their diagnostics. */
export async function loadSide(source: ContractSource, role: string, how: SideOptions = {}): Promise<LoadedSide> {
  const { registry } = await openSource(withoutHistory(source), { ...how, role });
  try {
    return { source, registry, snapshot: snapshotOfRegistry(registry, source.label) };
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(`${source.label}: ${error.message}`, error.diagnostics);
    throw error;
  }
}

export async function openDirectory(dir: string, cwd: string): Promise<ContractSource> {
  return contractsSource(dir, cwd);
}

export async function readConfig(source: ContractSource): Promise<CompatibilityConfig> {
  try {
    return await readCompatibilityConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message, error.diagnostics);
    if (error instanceof ContractReadError) throw new InputError(error.message);
    throw error;
  }
}

/** The lockfile in a contracts source, if it has one. */
export async function readLockfile(source: ContractSource): Promise<Lockfile | undefined> {
  // Directory sources do not list registry files (evc.config.yaml, evc.lock.yaml): ask for it directly.
  let text: string;
  try {
    text = await source.read(LOCKFILE);
  } catch (error) {
    if (error instanceof ContractFileMissing) return undefined;
    if (error instanceof ContractReadError) throw new InputError(error.message);
    throw error;
  }
  try {
    return parseLockfile(text, source.displayPath(LOCKFILE));
  } catch (error) {
    if (error instanceof LockfileError)
      throw new InputError(error.message, [
        {
          file: source.displayPath(LOCKFILE),
          line: 1,
          column: 1,
          severity: historyFindings.invalid.severity,
          rule: historyFindings.invalid.id,
          message: error.message,
          hint: 'restore it from version control; evc release is the only writer of evc.lock.yaml',
        },
      ]);
    if (error instanceof ContractReadError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * The source without the lockfile: it is history, not a contract, and grows with every release, so
 * the loader should not parse it (`readLockfile` reads it from the source itself).
 */
export function withoutHistory(source: ContractSource): ContractSource {
  return { ...source, list: async () => (await source.list()).filter((file) => file !== LOCKFILE) };
}

/**
 * Remembers the text of every file read through `source`, so the baseline can recognise files
 * that did not change (most of them, in a pull request).
 */
export function recordingSource(
  source: ContractSource,
): ContractSource & { readonly texts: ReadonlyMap<string, string> } {
  const texts = new Map<string, string>();
  return {
    // Keep what the loader reads beyond the interface (a directory source's single `only` document).
    ...source,
    texts,
    async read(relativePath) {
      const text = await source.read(relativePath);
      texts.set(relativePath, text);
      return text;
    },
  };
}

/**
 * The baseline, showing each file that is byte-identical to the proposed one under the proposed
 * file's name. The loader caches parsed files by name and text, so unchanged files are parsed once
 * for both sides (the slowest part of a check); their positions are the same lines either way.
 */
export function sharingSource(
  baseline: ContractSource,
  current: { readonly texts: ReadonlyMap<string, string>; displayPath(relativePath: string): string },
): ContractSource {
  const same = new Set<string>();
  return {
    label: baseline.label,
    list: () => baseline.list(),
    async read(relativePath) {
      const text = await baseline.read(relativePath);
      if (current.texts.get(relativePath) === text) same.add(relativePath);
      return text;
    },
    displayPath: (relativePath) =>
      same.has(relativePath) ? current.displayPath(relativePath) : baseline.displayPath(relativePath),
  };
}

export interface Baseline {
  /** Oldest first; the last is what "the previous version" means. Empty: nothing released yet. */
  readonly snapshots: readonly RegistrySnapshot[];
  readonly label: string;
}

/**
 * What to compare with: `against` names an existing directory (compared as contracts), else a git
 * ref (the contracts directory as it was at that ref); without it, the lockfile history of the
 * current contracts. Older released versions (for transitive levels) come from the lockfile found
 * on the baseline side.
 */
export async function resolveBaseline(options: {
  against?: string;
  contracts: string;
  cwd: string;
  /** The proposed contracts; when loaded through `recordingSource`, unchanged files are parsed once. */
  current: ContractSource & { readonly texts?: ReadonlyMap<string, string> };
  maxFileSize?: number;
}): Promise<Baseline> {
  const { against } = options;
  if (against === undefined) {
    const lock = await readLockfile(options.current);
    return {
      snapshots: lock ? snapshotsOfLockfile(lock, options.current.displayPath(LOCKFILE)) : [],
      label: options.current.displayPath(LOCKFILE),
    };
  }
  const asDirectory = await stat(path.resolve(options.cwd, against)).catch(() => undefined);
  let source: ContractSource;
  if (asDirectory?.isDirectory()) {
    source = await openDirectory(against, options.cwd);
  } else if (against.endsWith('/') || against.endsWith(path.sep)) {
    throw new InputError(`--against ${against}: no such directory`);
  } else {
    try {
      source = await gitSource({ ref: against, directory: options.contracts, cwd: options.cwd });
    } catch (error) {
      if (error instanceof GitSourceError) throw new InputError(error.message);
      throw error;
    }
  }
  const texts = options.current.texts;
  const side = await loadSide(
    texts ? sharingSource(source, { texts, displayPath: (p) => options.current.displayPath(p) }) : source,
    'baseline',
    // The baseline was accepted when it was written: a lint rule added since must not block the check.
    { lint: false, ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }) },
  );
  const lock = await readLockfile(source).catch(() => undefined);
  const history = lock ? snapshotsOfLockfile(lock, source.displayPath(LOCKFILE)) : [];
  // The baseline's own contracts are the latest; its released history precedes them.
  return { snapshots: [...history, side.snapshot], label: source.label };
}
