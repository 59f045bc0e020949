// The `evc` command line: a thin shell that parses flags, calls library functions, prints and
// returns an exit code (0 ok, 1 findings, 2 usage error or unreadable input).
import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { EXIT, UsageError, processIO, type CliIO } from './io.js';
import { registerLintCommand } from './commands/lint.js';
import { registerRulesCommand } from './commands/rules.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerWatchCommand } from './commands/watch.js';
import { registerCheckCommand } from './commands/check.js';
import { registerReleaseCommand } from './commands/release.js';
import { registerRegistryCommand } from './commands/registry.js';
import { registerTopicsCommand } from './commands/topics.js';
import { registerInitCommand } from './commands/init.js';
import { InputError, openContracts } from '../pipeline/open-contracts.js';
import { liveDescriptors } from '../emit/live-descriptors.js';
import { deadLetterTopicsOf } from '../model/receive-settings.js';

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  // `evc rules | head` closes the pipe early: that is the reader's choice, not an error.
  if (io === processIO)
    process.stdout.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : undefined,
    );
  let exitCode: number = EXIT.ok;
  const done = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('evc')
    .description('eventcontracts: event contract registry, code generator and compatibility checker for Kafka')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run evc --help for usage)');
  registerInitCommand(program, io, done);
  registerLintCommand(program, io, done);
  registerGenerateCommand(program, io, done);
  registerWatchCommand(program, io, done);
  registerCheckCommand(program, io, done);
  registerReleaseCommand(program, io, done);
  registerRegistryCommand(program, io, done);
  registerTopicsCommand(program, io, done);
  // `evc dlq` pulls in kafkajs (~200 ms to load): only when the command line may need it.
  const first = argv[0];
  const mayNeedDlq = first === undefined || first === 'dlq' || first === 'help' || first.startsWith('-');
  const { registerDlqCommand } = mayNeedDlq ? await import('./commands/dlq.js') : { registerDlqCommand: undefined };
  registerDlqCommand?.(program, io, done, {
    async loadContracts(contracts) {
      try {
        const { registry } = await openContracts({ ...contracts, cwd: io.cwd });
        return { validators: liveDescriptors(registry), deadLetterTopics: deadLetterTopicsOf(registry) };
      } catch (error) {
        if (error instanceof InputError) throw new UsageError(error.message);
        throw error;
      }
    },
  });
  registerRulesCommand(program, io, done);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`evc: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`evc: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.usage;
  }
  return exitCode;
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await main(process.argv.slice(2));
}
