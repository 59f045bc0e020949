// The flags every command that reads contracts takes, and how it reports contracts it cannot open:
// one definition, so `--max-file-size` (and whatever the pipeline gains next) reaches every command.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatDiagnostics } from '../report/diagnostics.js';
import { DEFAULT_CONTRACTS, InputError, parseFileSize } from '../pipeline/contracts-input.js';
import { EXIT, type CliIO } from './io.js';

export function contractsOption(): Option {
  return new Option('-c, --contracts <path>', 'contracts directory or a single AsyncAPI document').default(
    DEFAULT_CONTRACTS,
  );
}

export function maxFileSizeOption(): Option {
  return new Option('--max-file-size <bytes>', 'largest contract file accepted (bytes, or e.g. 10MiB)').argParser(
    (text: string) => {
      try {
        return parseFileSize(text);
      } catch (error) {
        throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
      }
    },
  );
}

/** Adds `--contracts` and `--max-file-size` to a command. */
export function withContractsOptions(command: Command): Command {
  return command.addOption(contractsOption()).addOption(maxFileSizeOption());
}

/** Prints why the contracts could not be opened (diagnostics first, then one line) and returns exit 2. */
export function reportInputError(io: CliIO, command: string, error: InputError): number {
  if (error.diagnostics.length > 0) io.stderr(formatDiagnostics(error.diagnostics, 'text'));
  io.stderr(`evc ${command}: ${error.message}\n`);
  return EXIT.usage;
}
