// What a command is asked to open (`--contracts`, `--max-file-size`) and how it fails to: the part of
// the pipeline the CLI needs before it runs anything, kept apart so defining flags loads nothing else.
import type { Diagnostic } from '../model/registry.js';

/** The contract-reading settings every command accepts (flags `--contracts`, `--max-file-size`). */
export interface ContractsOptions {
  /** Contracts directory or one AsyncAPI document (default `contracts`). */
  readonly contracts?: string;
  /** Largest contract file accepted, in bytes (default: the loader's 5 MiB). */
  readonly maxFileSize?: number;
}

export const DEFAULT_CONTRACTS = 'contracts';

/**
 * The contracts could not be opened for the command: unreadable, invalid (with the diagnostics
 * that say why) or empty. Commands print it and exit 2 ("could not check" / unreadable input).
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
    /** Why: `invalid` contracts are findings to `evc generate` (exit 1); the rest is unreadable input. */
    readonly reason: 'unreadable' | 'invalid' | 'empty' = 'unreadable',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Parses `--max-file-size`: a positive whole number of bytes, optionally with a KiB/MiB suffix. */
export function parseFileSize(text: string): number {
  const match = /^\s*(\d+)\s*(b|k|kb|kib|m|mb|mib)?\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = (match?.[2] ?? 'b').toLowerCase();
  const bytes = amount * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new InputError(`--max-file-size must be a positive number of bytes, e.g. 5242880 or 5MiB (got ${text})`);
  return bytes;
}
