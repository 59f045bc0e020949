// `evc lint`: load the contracts, run every rule, print diagnostics; exit 1 on errors.
import type { Command } from 'commander';
import { Option } from 'commander';
import { hasErrors } from '../../lint/index.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, summary, type DiagnosticFormat } from '../../report/diagnostics.js';
import { InputError, openContracts, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';

export interface LintOptions extends ContractsOptions {
  readonly format: DiagnosticFormat;
}

export async function runLint(options: LintOptions, io: CliIO): Promise<number> {
  let opened;
  try {
    opened = await openContracts({ ...options, cwd: io.cwd }, { stopOnErrors: false });
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'lint', error);
    throw error;
  }
  const { source, registry, diagnostics } = opened;
  io.stdout(formatDiagnostics(diagnostics, options.format));
  if (options.format === 'text') {
    io.stderr(
      `${source.label}: ${registry.services.length} service(s), ${registry.topics.length} topic(s), ${registry.messages.length} message(s): ${summary(diagnostics)}\n`,
    );
  }
  if (registry.services.length === 0 && diagnostics.length === 0) {
    io.stderr(`evc lint: no AsyncAPI document found in ${source.label}\n`);
    return EXIT.usage;
  }
  return hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
}

export function registerLintCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    program.command('lint').description('check contracts: AsyncAPI validity, references and registry rules'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('text'))
    .action(async (opts: LintOptions) => done(await runLint(opts, io)));
}
