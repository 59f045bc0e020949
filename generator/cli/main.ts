// The `evc` command line: a thin shell that parses flags, calls library functions, prints and
// returns an exit code (0 ok, 1 findings, 2 usage error or unreadable input).
import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { EXIT, UsageError, processIO, type CliIO } from './io.js';
import { useCacheOf } from '../cache/cache-dir.js';

type Done = (code: number) => void;
type Register = (program: Command, io: CliIO, done: Done) => Promise<void>;

/**
 * Every command, in the order `evc --help` lists them. A command's module (and what it imports:
 * kafkajs, the compatibility rules, the docs renderer, …) is loaded only when that command runs,
 * or when the command line names none (help, version, a typo), since start-up time is module loading.
 */
const COMMANDS: readonly (readonly [name: string, register: Register])[] = [
  ['init', async (p, io, done) => (await import('./commands/init.js')).registerInitCommand(p, io, done)],
  ['lint', async (p, io, done) => (await import('./commands/lint.js')).registerLintCommand(p, io, done)],
  ['generate', async (p, io, done) => (await import('./commands/generate.js')).registerGenerateCommand(p, io, done)],
  ['watch', async (p, io, done) => (await import('./commands/watch.js')).registerWatchCommand(p, io, done)],
  ['check', async (p, io, done) => (await import('./commands/check.js')).registerCheckCommand(p, io, done)],
  ['release', async (p, io, done) => (await import('./commands/release.js')).registerReleaseCommand(p, io, done)],
  ['registry', async (p, io, done) => (await import('./commands/registry.js')).registerRegistryCommand(p, io, done)],
  ['topics', async (p, io, done) => (await import('./commands/topics.js')).registerTopicsCommand(p, io, done)],
  ['docs', async (p, io, done) => (await import('./commands/docs.js')).registerDocsCommand(p, io, done)],
  ['dlq', registerDlq],
  ['rules', async (p, io, done) => (await import('./commands/rules.js')).registerRulesCommand(p, io, done)],
];

async function registerDlq(program: Command, io: CliIO, done: Done): Promise<void> {
  const { registerDlqCommand } = await import('./commands/dlq.js');
  registerDlqCommand(program, io, done, {
    async loadContracts(contracts) {
      const [{ openContracts, InputError }, { liveDescriptors }, { deadLetterTopicsOf }] = await Promise.all([
        import('../pipeline/open-contracts.js'),
        import('../emit/live-descriptors.js'),
        import('../model/receive-settings.js'),
      ]);
      try {
        const { registry } = await openContracts({ ...contracts, cwd: io.cwd });
        return { validators: liveDescriptors(registry), deadLetterTopics: deadLetterTopicsOf(registry) };
      } catch (error) {
        if (error instanceof InputError) throw new UsageError(error.message);
        throw error;
      }
    },
  });
}

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  // `evc rules | head` closes the pipe early: that is the reader's choice, not an error.
  if (io === processIO)
    process.stdout.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : undefined,
    );
  useCacheOf(io.cwd);
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
  const named = COMMANDS.find(([name]) => name === argv[0]);
  for (const [, register] of named ? [named] : COMMANDS) await register(program, io, done);
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
