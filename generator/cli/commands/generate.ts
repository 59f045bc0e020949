// `evc generate`: lint, then emit TypeScript into --out; `--check` compares instead of writing
// and exits 1 listing stale files (for builds and CI). When the same build of evc last saw exactly
// these contract files and the output directory is still what it left there, nothing is loaded,
// linted or emitted again (see generator/cache/command-result.ts).
import type { Command } from 'commander';
import path from 'node:path';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { DEFAULT_RUNTIME_IMPORT } from '../../emit/runtime-import.js';
import { GENERATED_CODE } from '../../emit/output-tree.js';
import { DEFAULT_CONTRACTS, InputError, type ContractsOptions } from '../../pipeline/contracts-input.js';
import { directorySource } from '../../load/directory-source.js';
import type { ContractSource } from '../../load/source.js';
import { contractsSlot, lastResult, storeResult, type ResultSlot } from '../../cache/command-result.js';
import { inputsUnchanged, recordingSource } from '../../cache/input-record.js';
import {
  keepOutput,
  outputUnchanged,
  recordOutput,
  untouchedFiles,
  type OutputManifest,
} from '../../cache/output-manifest.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';

export interface GenerateCommandOptions extends ContractsOptions {
  readonly out: string;
  readonly check?: boolean;
  readonly runtimeImport?: string;
  readonly quiet?: boolean;
}

/** What a run left behind, for the next run with unchanged contracts. */
interface GeneratedTree {
  readonly files: number;
  readonly services: number;
  readonly messages: number;
  readonly output: OutputManifest;
}

export async function runGenerate(options: GenerateCommandOptions, io: CliIO): Promise<number> {
  const outDir = path.resolve(io.cwd, options.out);
  const source = await directorySource(options.contracts ?? DEFAULT_CONTRACTS, io.cwd).catch(() => undefined);
  if (source === undefined) return generateFresh(options, io, outDir);
  const slot = contractsSlot('generate', source, io.cwd, {
    outDir,
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    maxFileSize: options.maxFileSize ?? null,
  });
  const last = lastResult<GeneratedTree>(slot);
  const reused =
    last !== undefined &&
    (await inputsUnchanged(source, last.inputs)) &&
    outputUnchanged(outDir, last.value.output, GENERATED_CODE.files)
      ? last.value
      : undefined;
  if (reused !== undefined) {
    if (options.quiet) return EXIT.ok;
    if (options.check) io.stdout(`${options.out}: up to date (${reused.files} files)\n`);
    else io.stderr(`${summaryOf(options.out, reused)}; 0 written, 0 removed\n`);
    return EXIT.ok;
  }
  return generateFresh(options, io, outDir, { slot, source, previous: last?.value.output });
}

const summaryOf = (out: string, tree: Omit<GeneratedTree, 'output'>): string =>
  `${out}: ${tree.files} files for ${tree.services} service(s), ${tree.messages} message(s)`;

async function generateFresh(
  options: GenerateCommandOptions,
  io: CliIO,
  outDir: string,
  cache?: {
    readonly slot: ResultSlot;
    readonly source: ContractSource;
    readonly previous?: OutputManifest | undefined;
  },
): Promise<number> {
  // Loaded here, not at the top: an unchanged registry never needs the pipeline (most of start-up).
  const [
    { openContracts, openSource },
    { hasErrors },
    { generateCode },
    { precompileValidators },
    { compareTree, writeTree },
    settings,
  ] = await Promise.all([
    import('../../pipeline/open-contracts.js'),
    import('../../lint/index.js'),
    import('../../emit/index.js'),
    import('../../emit/validator-workers.js'),
    import('../../emit/output-tree.js'),
    import('../../schema-registry/settings.js'),
  ]);
  const recording = cache === undefined ? undefined : recordingSource(cache.source);
  let registry;
  let source;
  try {
    ({ registry, source } =
      recording === undefined
        ? await openContracts({ ...options, cwd: io.cwd })
        : await openSource(
            recording.source,
            options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize },
          ));
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
    schemaRegistry = await settings.readSchemaRegistrySettings(source);
  } catch (error) {
    if (!(error instanceof settings.SchemaRegistrySettingsError)) throw error;
    io.stderr(`evc generate: ${error.message}\n`);
    return EXIT.usage;
  }
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
  // Files still exactly as the last run wrote them are compared by digest, not read back; those made from what
  // they would be made from now (validator modules of unchanged schemas) are not even made again.
  const untouched = cache?.previous === undefined ? undefined : untouchedFiles(outDir, cache.previous);
  const keep =
    cache?.previous === undefined || untouched === undefined ? undefined : keepOutput(cache.previous, untouched);
  await precompileValidators(registry.messages, runtimeImport);
  const generated = generateCode(registry, { runtimeImport, schemaRegistry, ...(keep ? { keep } : {}) });
  if (hasErrors(generated.diagnostics)) {
    io.stderr(formatDiagnostics(generated.diagnostics, 'text'));
    return EXIT.findings;
  }
  const tree = {
    files: generated.files.size + generated.kept.size,
    services: registry.services.length,
    messages: registry.messages.length,
  };
  // Remembered only when the output directory now holds exactly the generated files.
  const remember = (rewritten: readonly string[]): void => {
    const output = cache && recording ? recordOutput(outDir, generated, untouched, rewritten) : undefined;
    if (cache && recording && output) storeResult<GeneratedTree>(cache.slot, recording.record(), { ...tree, output });
  };
  if (options.check) {
    const diff = await compareTree(outDir, generated.files, GENERATED_CODE, untouched, generated.kept);
    // Nothing was written: each line says what `evc generate` would do to the file, in the words it uses when it
    // does it (created/updated/removed), so a reader never takes a checked file for a written one.
    const stale = [
      ...diff.missing.map((f) => `would create ${path.posix.join(options.out, f)}`),
      ...diff.changed.map((f) => `would update ${path.posix.join(options.out, f)}`),
      ...diff.stale.map((f) => `would remove ${path.posix.join(options.out, f)}`),
    ];
    if (stale.length === 0) {
      remember([]);
      if (!options.quiet) io.stdout(`${options.out}: up to date (${tree.files} files)\n`);
      return EXIT.ok;
    }
    io.stdout(stale.map((line) => `${line}\n`).join(''));
    io.stderr(
      `evc generate --check: ${stale.length} generated file(s) differ from the contracts; run \`evc generate\` and commit the result\n`,
    );
    return EXIT.findings;
  }
  const diff = await writeTree(outDir, generated.files, GENERATED_CODE, untouched, generated.kept);
  remember(diff.changed);
  const written = diff.changed.length + diff.missing.length;
  if (!options.quiet) {
    for (const f of diff.missing) io.stdout(`created ${path.posix.join(options.out, f)}\n`);
    for (const f of diff.changed) io.stdout(`updated ${path.posix.join(options.out, f)}\n`);
    for (const f of diff.stale) io.stdout(`removed ${path.posix.join(options.out, f)}\n`);
    io.stderr(`${summaryOf(options.out, tree)}; ${written} written, ${diff.stale.length} removed\n`);
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
