// `evc check`: compares the contracts with a git ref, another directory, or the released history,
// prints the changes, and exits 0 (compatible), 1 (breaking changes) or 2 (could not check).

import type { Command } from 'commander';
import { Option } from 'commander';
import { CONFIG_FILE } from '../../compat/config.js';
import { historyFindings } from '../../compat/config-findings.js';
import { runCompatibilityGate, todayUtc } from '../../compat/gate.js';
import {
  InputError,
  loadSide,
  openDirectory,
  readConfig,
  recordingSource,
  resolveBaseline,
} from '../../compat/inputs.js';
import { COMPATIBILITY_LEVELS, parseLevel, parseMode } from '../../compat/levels.js';
import { CHECK_FORMATS, formatCheckResult, type CheckFormat } from '../../compat/report/index.js';
import type { Diagnostic } from '../../model/registry.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';
import { runCheckAgainstRegistry } from './check-registry.js';

export interface CheckOptions {
  /** Git ref (branch, tag, HEAD~1, commit) or directory to compare with; the lockfile history when absent. */
  readonly against?: string;
  /** Contracts directory (default `contracts`). */
  readonly contracts?: string;
  readonly maxFileSize?: number;
  /** Overrides the configured default level (messages with `x-evc-compatibility` keep theirs). */
  readonly level?: string;
  /** Overrides the configured mode: strict or lenient. */
  readonly mode?: string;
  readonly format?: string;
  /** Schema registry URL to compare with (its latest versions; all of them for transitive levels). */
  readonly againstRegistry?: string;
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<number> {
  const format = (options.format ?? 'text') as CheckFormat;
  if (!CHECK_FORMATS.includes(format))
    return usage(io, `--format must be one of ${CHECK_FORMATS.join(', ')} (got ${options.format})`);
  const levelOverride = options.level === undefined ? undefined : parseLevel(options.level);
  if (options.level !== undefined && !levelOverride)
    return usage(io, `--level must be one of ${COMPATIBILITY_LEVELS.join(', ')} (got ${options.level})`);
  const modeOverride = options.mode === undefined ? undefined : parseMode(options.mode);
  if (options.mode !== undefined && !modeOverride)
    return usage(io, `--mode must be strict or lenient (got ${options.mode})`);
  const contracts = options.contracts ?? 'contracts';
  if (options.againstRegistry !== undefined) {
    if (options.against !== undefined) return usage(io, '--against and --against-registry exclude each other');
    return runCheckAgainstRegistry(
      {
        url: options.againstRegistry,
        contracts,
        ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
        format,
        ...(levelOverride ? { level: levelOverride } : {}),
        ...(modeOverride ? { mode: modeOverride } : {}),
      },
      io,
    );
  }
  // EVC_TIMING=1 prints where the time goes (to stderr), for benchmarks and slow CI runs.
  const timing = process.env['EVC_TIMING'] ? phaseTimer(io) : undefined;
  try {
    const currentSource = recordingSource(await openDirectory(contracts, io.cwd));
    const config = await readConfig(currentSource);
    const sideOptions = options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize };
    const current = await loadSide(currentSource, 'proposed', sideOptions);
    timing?.('load proposed contracts');
    const baseline = await resolveBaseline({
      ...(options.against !== undefined ? { against: options.against } : {}),
      contracts,
      cwd: io.cwd,
      current: currentSource,
      ...sideOptions,
    });
    timing?.(`load baseline (${baseline.label})`);
    const level = levelOverride ?? config.compatibility;
    const mode = modeOverride ?? config.mode;
    if (baseline.snapshots.length === 0) io.stderr(formatDiagnostics([nothingReleased(baseline.label)], 'text'));
    const outcome = runCompatibilityGate({
      config,
      baselines: baseline.snapshots,
      current: current.snapshot,
      level,
      mode,
      today: todayUtc(),
    });
    timing?.('compare');
    if (outcome.diagnostics.length > 0) io.stderr(formatDiagnostics(outcome.diagnostics, 'text'));
    if (!outcome.result) return usage(io, `${CONFIG_FILE} has errors`);
    io.stdout(formatCheckResult(outcome.result, format, { against: baseline.label, mode }));
    timing?.('report');
    return outcome.result.compatible ? EXIT.ok : EXIT.findings;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'check', error);
    throw error;
  }
}

function nothingReleased(lockfile: string): Diagnostic {
  return {
    file: lockfile,
    line: 1,
    column: 1,
    severity: historyFindings.missing.severity,
    rule: historyFindings.missing.id,
    message: 'nothing released yet: there is no history to check against',
    hint: "run 'evc release' to record the first version, or pass --against <git-ref|dir>",
  };
}

function phaseTimer(io: CliIO): (phase: string) => void {
  let last = performance.now();
  io.stderr(`evc check: ${performance.now().toFixed(0)} ms since process start\n`);
  return (phase) => {
    const now = performance.now();
    io.stderr(`evc check: ${phase}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}

function usage(io: CliIO, message: string): number {
  io.stderr(`evc check: ${message}\n`);
  return EXIT.usage;
}

export function registerCheckCommand(
  program: Command,
  io: CliIO,
  done: (code: number) => void = (code) => void (process.exitCode = code),
): void {
  withContractsOptions(
    program
      .command('check')
      .description('check that the contracts are compatible with a git ref, a directory, or the released history'),
  )
    .option(
      '-a, --against <ref|dir>',
      'git ref (branch, tag, HEAD~1, commit) or contracts directory to compare with (default: the lockfile history)',
    )
    .option(
      '--against-registry <url>',
      'compare with the subjects of a Confluent-compatible schema registry (Apicurio: …/apis/ccompat/v7)',
    )
    .addOption(
      new Option('-l, --level <level>', 'compatibility level (default: evc.config.yaml, else BACKWARD)').choices(
        COMPATIBILITY_LEVELS,
      ),
    )
    .addOption(
      new Option('--mode <mode>', 'Confluent rule set (default: evc.config.yaml, else strict)').choices([
        'strict',
        'lenient',
      ]),
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
    .action(async (opts: CheckOptions) => done(await runCheck(opts, io)));
}
