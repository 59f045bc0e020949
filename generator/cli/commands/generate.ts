// `evc generate`: lint, then emit TypeScript into --out; `--check` compares instead of writing
// and exits 1 listing stale files (for builds and CI).
import type { Command } from 'commander';
import path from 'node:path';
import { hasErrors } from '../../lint/index.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { generateCode, DEFAULT_RUNTIME_IMPORT } from '../../emit/index.js';
import { compareTree, writeTree } from '../../emit/output-tree.js';
import { InputError, openContracts, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';
import { readSchemaRegistrySettings, SchemaRegistrySettingsError } from '../../schema-registry/settings.js';

export interface GenerateCommandOptions extends ContractsOptions {
  readonly out: string;
  readonly check?: boolean;
  readonly runtimeImport?: string;
  readonly quiet?: boolean;
}

export async function runGenerate(options: GenerateCommandOptions, io: CliIO): Promise<number> {
  let registry;
  let source;
  try {
    ({ registry, source } = await openContracts({ ...options, cwd: io.cwd }));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.reason !== 'invalid') return reportInputError(io, 'generate', error);
    // Invalid contracts are findings for a build (exit 1), like stale files.
    io.stderr(formatDiagnostics(error.diagnostics, 'text'));
    io.stderr(`evc generate: the contracts have errors; fix them (evc lint) before generating\n`);
    return EXIT.findings;
  }
  let schemaRegistry;
  try {
    schemaRegistry = await readSchemaRegistrySettings(source);
  } catch (error) {
    if (!(error instanceof SchemaRegistrySettingsError)) throw error;
    io.stderr(`evc generate: ${error.message}\n`);
    return EXIT.usage;
  }
  const generated = generateCode(registry, {
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    schemaRegistry,
  });
  if (hasErrors(generated.diagnostics)) {
    io.stderr(formatDiagnostics(generated.diagnostics, 'text'));
    return EXIT.findings;
  }
  const outDir = path.resolve(io.cwd, options.out);
  if (options.check) {
    const diff = await compareTree(outDir, generated.files);
    const stale = [
      ...diff.changed.map((f) => `changed: ${f}`),
      ...diff.missing.map((f) => `missing: ${f}`),
      ...diff.stale.map((f) => `no longer generated: ${f}`),
    ];
    if (stale.length === 0) {
      if (!options.quiet) io.stdout(`${options.out}: up to date (${generated.files.size} files)\n`);
      return EXIT.ok;
    }
    io.stdout(stale.map((line) => `${options.out}/${line.replace(': ', ': ')}\n`).join(''));
    io.stderr(
      `evc generate --check: ${stale.length} generated file(s) differ from the contracts; run \`evc generate\` and commit the result\n`,
    );
    return EXIT.findings;
  }
  const diff = await writeTree(outDir, generated.files);
  const written = diff.changed.length + diff.missing.length;
  if (!options.quiet) {
    for (const f of diff.missing) io.stdout(`created ${path.posix.join(options.out, f)}\n`);
    for (const f of diff.changed) io.stdout(`updated ${path.posix.join(options.out, f)}\n`);
    for (const f of diff.stale) io.stdout(`removed ${path.posix.join(options.out, f)}\n`);
    io.stderr(
      `${options.out}: ${generated.files.size} files for ${registry.services.length} service(s), ${registry.messages.length} message(s); ${written} written, ${diff.stale.length} removed\n`,
    );
  }
  return EXIT.ok;
}

export function registerGenerateCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    program
      .command('generate')
      .description('emit typed TypeScript producers, consumers, validators and types from the contracts'),
  )
    .option('-o, --out <dir>', 'output directory', 'generated')
    .option('--check', 'exit 1 and list the files that differ instead of writing')
    .option(
      '--runtime-import <specifier>',
      'module the generated code imports the runtime from',
      DEFAULT_RUNTIME_IMPORT,
    )
    .action(async (opts: GenerateCommandOptions) => done(await runGenerate(opts, io)));
}
