// `evc init`'s library side: writes the starter contracts into a folder, never over anything that
// is already there (an existing registry is the user's work; mixing a starter into it helps no one).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { STARTER_CONTRACTS } from './starter-contracts.js';

export class StarterConflictError extends Error {
  override readonly name = 'StarterConflictError';
  constructor(
    /** What is in the way, relative to the target folder. */
    readonly existing: readonly string[],
  ) {
    super(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}`);
  }
}

/** Writes the starter under `dir` (created if needed); returns the files written, relative to `dir`. */
export function writeStarterContracts(dir: string): string[] {
  const files = Object.keys(STARTER_CONTRACTS);
  const inTheWay = files.filter((file) => existsSync(path.join(dir, file)));
  const contracts = path.join(dir, 'contracts');
  if (inTheWay.length === 0 && existsSync(contracts) && readdirSync(contracts).length > 0) inTheWay.push('contracts/');
  if (inTheWay.length > 0) throw new StarterConflictError(inTheWay);
  for (const file of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, STARTER_CONTRACTS[file]!, { flag: 'wx' }); // wx: never replace a file that appeared meanwhile
  }
  return files;
}
