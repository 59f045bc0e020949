// `evc release`: checks the contracts against the recorded history at the configured level, then
// records a new version of every changed message in the lockfile. Unchanged contracts: no-op.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { LOCKFILE, serializeLockfile } from '../../compat/history/lockfile.js';
import { planRelease } from '../../compat/history/release.js';
import { InputError, loadSide, openDirectory, readConfig, readLockfile } from '../../compat/inputs.js';
import { COMPATIBILITY_LEVELS, parseLevel } from '../../compat/levels.js';
import { formatCheckResult } from '../../compat/report/index.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';

export interface ReleaseOptions {
  readonly contracts?: string;
  readonly maxFileSize?: number;
  readonly level?: string;
  /** Check and report what would be recorded without writing the lockfile. */
  readonly dryRun?: boolean;
}

export async function runRelease(options: ReleaseOptions, io: CliIO): Promise<number> {
  const levelOverride = options.level === undefined ? undefined : parseLevel(options.level);
  if (options.level !== undefined && !levelOverride) {
    io.stderr(`evc release: --level must be one of ${COMPATIBILITY_LEVELS.join(', ')} (got ${options.level})\n`);
    return EXIT.usage;
  }
  const contracts = options.contracts ?? 'contracts';
  try {
    const source = await openDirectory(contracts, io.cwd);
    const config = await readConfig(source);
    const current = await loadSide(
      source,
      'proposed',
      options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize },
    );
    const previous = await readLockfile(source);
    const level = levelOverride ?? config.compatibility;
    const plan = planRelease(current.snapshot, previous, level, config.mode);
    const lockPath = source.displayPath(LOCKFILE);
    if (!plan.check.compatible) {
      io.stdout(formatCheckResult(plan.check, 'text', { against: lockPath, mode: config.mode }));
      io.stderr(
        `evc release: refused: the contracts are not ${level} compatible with the released history; nothing recorded\n`,
      );
      return EXIT.findings;
    }
    if (!plan.changed) {
      io.stdout(`evc release: nothing to release: ${lockPath} is up to date\n`);
      return EXIT.ok;
    }
    const summary =
      plan.released.length > 0
        ? plan.released.map((r) => `${r.message} v${r.version}`).join(', ')
        : 'topics and services updated, no new schema versions';
    if (!options.dryRun)
      await writeFile(path.resolve(io.cwd, contracts, LOCKFILE), serializeLockfile(plan.lockfile), 'utf8');
    io.stdout(`evc release: ${options.dryRun ? 'would record' : 'recorded'} ${summary} in ${lockPath}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'release', error);
    throw error;
  }
}

export function registerReleaseCommand(
  program: Command,
  io: CliIO,
  done: (code: number) => void = (code) => void (process.exitCode = code),
): void {
  withContractsOptions(
    program
      .command('release')
      .description(
        'record the current version of every message in contracts/evc.lock.yaml after a compatibility check',
      ),
  )
    .addOption(
      new Option('-l, --level <level>', 'compatibility level (default: evc.config.yaml)').choices(COMPATIBILITY_LEVELS),
    )
    .option('--dry-run', 'check and report without writing the lockfile')
    .action(async (opts: ReleaseOptions) => done(await runRelease(opts, io)));
}
