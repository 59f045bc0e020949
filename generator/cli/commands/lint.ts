// `evc lint`: load the contracts, run every rule, print diagnostics; exit 1 on errors.
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadRegistry, directorySource } from '../../load/index.js';
import { lintRegistry, hasErrors } from '../../lint/index.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, summary, type DiagnosticFormat } from '../../report/diagnostics.js';
import { EXIT, type CliIO } from '../io.js';
import { ContractReadError } from '../../load/source.js';
import { readRuleSwitches } from '../../compat/config.js';
import { isSwitchedOff } from '../../rules/registry.js';

export interface LintOptions {
  readonly contracts: string;
  readonly format: DiagnosticFormat;
  readonly maxFileSize?: number;
}

export async function runLint(options: LintOptions, io: CliIO): Promise<number> {
  let source;
  try {
    source = await directorySource(options.contracts, io.cwd);
  } catch (error) {
    if (error instanceof ContractReadError) {
      io.stderr(`evc lint: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const registry = await loadRegistry(source, options.maxFileSize ? { maxFileBytes: options.maxFileSize } : {});
  // evc.config.yaml may switch rules or categories off; its own problems are reported like the others.
  const switches = await readRuleSwitches(source);
  const diagnostics = [
    ...lintRegistry(registry).filter((d) => !isSwitchedOff(d.rule, switches.off)),
    ...switches.diagnostics,
  ];
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

export function contractsOption(): Option {
  return new Option('-c, --contracts <path>', 'contracts directory or a single AsyncAPI document').default('contracts');
}

export function registerLintCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('lint')
    .description('check contracts: AsyncAPI validity, references and registry rules')
    .addOption(contractsOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('text'))
    .option('--max-file-size <bytes>', 'largest contract file accepted', (v) => Number.parseInt(v, 10))
    .action(async (opts: LintOptions) => done(await runLint(opts, io)));
}
