// `evc lint`: load the contracts, run every rule, print diagnostics; exit 1 on errors. What it
// printed is kept with the digests of the files it read (generator/cache/command-result.ts): run
// again on the same files by the same build of evc, it prints the same without loading anything.
import type { Command } from 'commander';
import { Option } from 'commander';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, summary, type DiagnosticFormat } from '../../report/diagnostics.js';
import { DEFAULT_CONTRACTS, InputError, type ContractsOptions } from '../../pipeline/contracts-input.js';
import { directorySource } from '../../load/directory-source.js';
import { contractsSlot, reusableResult, storeResult } from '../../cache/command-result.js';
import { recordingSource } from '../../cache/input-record.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';

export interface LintOptions extends ContractsOptions {
  readonly format: DiagnosticFormat;
}

/** Everything a lint run printed, and its exit code. */
interface LintOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function runLint(options: LintOptions, io: CliIO): Promise<number> {
  const source = await directorySource(options.contracts ?? DEFAULT_CONTRACTS, io.cwd).catch(() => undefined);
  const slot =
    source &&
    contractsSlot('lint', source, io.cwd, { format: options.format, maxFileSize: options.maxFileSize ?? null });
  const reused = source && slot && (await reusableResult<LintOutcome>(slot, source));
  if (reused) {
    if (reused.stdout) io.stdout(reused.stdout);
    if (reused.stderr) io.stderr(reused.stderr);
    return reused.code;
  }
  // Loaded here, not at the top: unchanged contracts never need the pipeline (most of start-up).
  const [{ openContracts, openSource }, { hasErrors }] = await Promise.all([
    import('../../pipeline/open-contracts.js'),
    import('../../lint/index.js'),
  ]);
  const recording = source && recordingSource(source);
  let opened;
  try {
    opened = recording
      ? await openSource(recording.source, {
          stopOnErrors: false,
          ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
        })
      : await openContracts({ ...options, cwd: io.cwd }, { stopOnErrors: false });
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'lint', error);
    throw error;
  }
  const { registry, diagnostics } = opened;
  const outcome = { stdout: formatDiagnostics(diagnostics, options.format), stderr: '', code: EXIT.ok as number };
  if (options.format === 'text') {
    outcome.stderr = `${opened.source.label}: ${registry.services.length} service(s), ${registry.topics.length} topic(s), ${registry.messages.length} message(s): ${summary(diagnostics)}\n`;
  }
  if (registry.services.length === 0 && diagnostics.length === 0) {
    io.stdout(outcome.stdout);
    io.stderr(`${outcome.stderr}evc lint: no AsyncAPI document found in ${opened.source.label}\n`);
    return EXIT.usage;
  }
  outcome.code = hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
  if (slot && recording) storeResult<LintOutcome>(slot, recording.record(), outcome);
  io.stdout(outcome.stdout);
  if (outcome.stderr) io.stderr(outcome.stderr);
  return outcome.code;
}

export function registerLintCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    program.command('lint').description('check contracts: AsyncAPI validity, references and registry rules'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('text'))
    .action(async (opts: LintOptions) => done(await runLint(opts, io)));
}
