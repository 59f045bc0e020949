// `evc init [dir]`: writes a starter contracts/ (settings, one sending and one receiving service)
// and opens it the way every command does, so what it leaves behind is known to lint clean.
// Exit 0 written; 2 when a file is in the way (nothing is overwritten) or the folder is unwritable.
import type { Command } from 'commander';
import path from 'node:path';
import { StarterConflictError, writeStarterContracts } from '../../init/write-starter.js';
import { InputError, openContracts } from '../../pipeline/open-contracts.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { reportInputError } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';

export async function runInit(dir: string, io: CliIO): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const shown = path.relative(io.cwd, target) || '.';
  let written: string[];
  try {
    written = writeStarterContracts(target);
  } catch (error) {
    if (error instanceof StarterConflictError) {
      io.stderr(
        `evc init: ${error.existing.map((file) => path.join(shown, file)).join(', ')} already ` +
          `exist${error.existing.length === 1 ? 's' : ''} in ${shown}; evc init never overwrites: ` +
          `run it in an empty folder (evc init my-registry), or move those files away first\n`,
      );
      return EXIT.usage;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EEXIST') {
      io.stderr(`evc init: cannot write into ${shown}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const contracts = path.join(shown, 'contracts');
  try {
    const { registry, diagnostics } = await openContracts({ contracts, cwd: io.cwd });
    if (diagnostics.length > 0) io.stdout(formatDiagnostics(diagnostics, 'text'));
    for (const file of written) io.stdout(`created ${path.join(shown, file)}\n`);
    const steps = [
      ...(shown === '.' ? [] : [`cd ${shown}`]),
      'npx evc lint       # file:line:col for every finding',
      'npx evc generate   # typed producer, consumer and validators in generated/',
      'npx evc watch      # both, again on every save',
    ];
    io.stdout(
      `\n${registry.services.length} services and ${registry.messages.length} event; every file explains itself in comments. Next:\n` +
        steps.map((step) => `  ${step}\n`).join(''),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'init', error);
    throw error;
  }
}

export function registerInitCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'folder to create contracts/ in', '.')
    .description('write a starter contracts/ folder: settings, one service sending a keyed event, one receiving it')
    .action(async (dir: string) => done(await runInit(dir, io)));
}
