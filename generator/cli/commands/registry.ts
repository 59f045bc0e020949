// `evc registry`: the contracts folder as a catalog — every message, its topic, owner and team,
// receivers and their dead-letter topics, and release status from evc.lock.yaml. Exit 0; 2 when the
// contracts cannot be read or a named message does not exist.
import type { Command } from 'commander';
import { Option } from 'commander';
import { buildCatalog } from '../../catalog/catalog.js';
import { CATALOG_FORMATS, formatCatalog, type CatalogFormat } from '../../catalog/format.js';
import { LOCKFILE } from '../../compat/history/lockfile.js';
import { InputError, loadSide, openDirectory, readLockfile } from '../../compat/inputs.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';
import { registerRegistryPushCommand } from './registry-push.js';

export interface RegistryOptions {
  readonly contracts?: string;
  readonly maxFileSize?: number;
  readonly format?: string;
}

export async function runRegistry(messages: readonly string[], options: RegistryOptions, io: CliIO): Promise<number> {
  const format = (options.format ?? 'text') as CatalogFormat;
  if (!CATALOG_FORMATS.includes(format))
    return usage(io, `--format must be one of ${CATALOG_FORMATS.join(', ')} (got ${options.format})`);
  const contracts = options.contracts ?? 'contracts';
  try {
    const source = await openDirectory(contracts, io.cwd);
    const current = await loadSide(
      source,
      'current',
      options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize },
    );
    const catalog = buildCatalog(current.registry, current.snapshot, await readLockfile(source));
    const unknown = messages.filter((name) => !catalog.entries.some((entry) => entry.message === name));
    if (unknown.length > 0)
      return usage(
        io,
        `no message named ${unknown.map((name) => JSON.stringify(name)).join(', ')}; the registry has ${catalog.entries.map((e) => e.message).join(', ')}`,
      );
    const shown =
      messages.length === 0
        ? catalog
        : { ...catalog, entries: catalog.entries.filter((entry) => messages.includes(entry.message)) };
    io.stdout(formatCatalog(shown, format, { contracts: source.label, lockfile: source.displayPath(LOCKFILE) }));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'registry', error);
    throw error;
  }
}

function usage(io: CliIO, message: string): number {
  io.stderr(`evc registry: ${message}\n`);
  return EXIT.usage;
}

export function registerRegistryCommand(
  program: Command,
  io: CliIO,
  done: (code: number) => void = (code) => void (process.exitCode = code),
): void {
  // A group whose default is the listing: `evc registry RouteCalculated` still lists that message,
  // while `evc registry push` is the push (a message named `push` is listed with `evc registry list push`).
  const registry = program
    .command('registry')
    .description('the contracts as a catalog (default: list), and the schema registry (push)');
  withContractsOptions(
    registry
      .command('list', { isDefault: true })
      .argument('[messages...]', 'only these messages')
      .description('list every message: topic, owner, receivers and their dead-letter topics, release status'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices(CATALOG_FORMATS).default('text'))
    .action(async (messages: string[], opts: RegistryOptions) => done(await runRegistry(messages, opts, io)));
  registerRegistryPushCommand(registry, io, done);
}
