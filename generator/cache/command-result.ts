// Whole-command results under `.evc/results/`: what `evc lint` printed or what `evc generate` left
// in its output directory, kept per command and options, reused only when the same build of evc
// (code-fingerprint.ts) reads exactly the same contract files again (input-record.ts). One slot per
// command + options: a new run overwrites it.
import path from 'node:path';
import { evcCacheDir } from './cache-dir.js';
import { cacheKey, readCacheEntry, writeCacheEntry } from './cache-entry.js';
import { codeFingerprint } from './code-fingerprint.js';
import { inputsUnchanged, type InputRecord } from './input-record.js';
import type { ContractSource } from '../load/source.js';
import type { DirectorySource } from '../load/directory-source.js';

/** Bump when the stored shape changes. */
const FORMAT = 3;

/** A command and everything besides the contract files that shapes its result (options, cwd, env). */
export interface ResultSlot {
  readonly command: string;
  readonly key: unknown;
}

/**
 * The slot of `command` reading `source` from `cwd`: where the contracts are, how they are shown
 * (diagnostics print paths relative to `cwd`) and how far `$ref`s may reach, plus the command's own
 * `options` (output directory, format, file-size limit, …).
 */
export function contractsSlot(
  command: string,
  source: DirectorySource,
  cwd: string,
  options: Readonly<Record<string, unknown>>,
): ResultSlot {
  const where = { cwd, label: source.label, root: source.root, only: source.only ?? null, reach: source.reach ?? null };
  return { command, key: { ...where, options } };
}

interface Stored<T> {
  readonly slot: string;
  readonly inputs: InputRecord;
  readonly value: T;
}

function slotId(slot: ResultSlot): string {
  return cacheKey([FORMAT, codeFingerprint(), slot.command, slot.key]);
}

const fileOf = (id: string): string => path.join(evcCacheDir(), 'results', `${id}.json`);

/** What the last run stored for `slot`, whatever it read: a hint, to be checked before it is trusted. */
export function lastResult<T>(slot: ResultSlot): { readonly inputs: InputRecord; readonly value: T } | undefined {
  const id = slotId(slot);
  const text = readCacheEntry(fileOf(id));
  if (text === undefined) return undefined;
  try {
    const stored = JSON.parse(text) as Stored<T>;
    return stored.slot === id && typeof stored.inputs === 'object' && stored.inputs !== null ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The stored result of `slot`, when the contracts `source` reads are unchanged since it was stored. */
export async function reusableResult<T>(slot: ResultSlot, source: ContractSource): Promise<T | undefined> {
  const last = lastResult<T>(slot);
  return last !== undefined && (await inputsUnchanged(source, last.inputs)) ? last.value : undefined;
}

export function storeResult<T>(slot: ResultSlot, inputs: InputRecord, value: T): void {
  const id = slotId(slot);
  writeCacheEntry(fileOf(id), JSON.stringify({ slot: id, inputs, value } satisfies Stored<T>));
}
