// `evc watch`: for people editing contracts. Re-lints and regenerates on every save and prints
// only what changed since the last run: new or fixed diagnostics and the files it rewrote.
import type { Command } from 'commander';
import path from 'node:path';
import { watchContractTree } from '../../load/contract-tree-watch.js';
import { isContractFile } from '../../load/source.js';
import { hasErrors } from '../../lint/index.js';
import { contractsSource, InputError, openContracts, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { generateCode, DEFAULT_RUNTIME_IMPORT } from '../../emit/index.js';
import { precompileValidators } from '../../emit/validator-workers.js';
import { CONFIG_FILE } from '../../compat/config.js';
import {
  readSchemaRegistrySettings,
  SchemaRegistrySettingsError,
  type SchemaRegistrySettings,
} from '../../schema-registry/settings.js';
import { GENERATED_CODE, writeTree, writtenFiles } from '../../emit/output-tree.js';
import { recordOutput, untouchedFiles, type OutputManifest } from '../../cache/output-manifest.js';
import type { Diagnostic, Registry } from '../../model/registry.js';
import { EXIT, type CliIO } from '../io.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { configFindings } from '../../compat/config-findings.js';

export interface WatchOptions extends ContractsOptions {
  readonly out: string;
  readonly runtimeImport?: string;
  /** Stops watching when aborted (tests, Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly debounceMs?: number;
  /** What each cycle makes of a lint-clean registry: the generated code by default (`evc docs --watch`: the site). */
  readonly output?: WatchOutput;
}

/** Writes what the registry turns into below `out`; returns the files written (and removed, marked so). */
export type WatchOutput = (
  registry: Registry,
  /** evc.config.yaml `schemaRegistry:` settings, as `evc generate` applies them. */
  schemaRegistry: SchemaRegistrySettings,
) => Promise<{ readonly written: readonly string[]; readonly diagnostics: readonly Diagnostic[] }>;

export interface WatchCycle {
  readonly added: readonly Diagnostic[];
  readonly fixed: readonly Diagnostic[];
  readonly written: readonly string[];
  readonly milliseconds: number;
}

const key = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;

/** One lint + generate pass, reporting the difference with the previous pass. */
export function createWatchCycle(options: WatchOptions, io: CliIO): () => Promise<WatchCycle> {
  let previous = new Map<string, Diagnostic>();
  const output = options.output ?? generatedCode(options, io);
  return async () => {
    const started = performance.now();
    const opened = await openContracts({ ...options, cwd: io.cwd }, { stopOnErrors: false });
    const { registry } = opened;
    // The same schemaRegistry settings `evc generate` applies (wire format), or why they cannot be read.
    const settings = await readSchemaRegistrySettings(opened.source).catch((error: unknown) => {
      if (!(error instanceof SchemaRegistrySettingsError)) throw error;
      const file = opened.source.displayPath(CONFIG_FILE);
      return {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: configFindings.schemaRegistry.id,
        message: error.message,
      } as const;
    });
    const diagnostics = 'rule' in settings ? [...opened.diagnostics, settings] : opened.diagnostics;
    const current = new Map(diagnostics.map((d) => [key(d), d]));
    const added = diagnostics.filter((d) => !previous.has(key(d)));
    const fixed = [...previous.values()].filter((d) => !current.has(key(d)));
    previous = current;
    let written: readonly string[] = [];
    if (!hasErrors(diagnostics) && registry.services.length > 0) {
      // `settings` is read, not a diagnostic, here: an unreadable one is an error above.
      const result = await output(registry, settings as SchemaRegistrySettings);
      written = result.written;
      added.push(...result.diagnostics);
    }
    return { added, fixed, written, milliseconds: performance.now() - started };
  };
}

function generatedCode(options: WatchOptions, io: CliIO): WatchOutput {
  // What the last cycle left in the output directory: files still untouched are not read back.
  let previous: OutputManifest | undefined;
  return async (registry, schemaRegistry) => {
    const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
    // The first cycle (or an edit of a schema every message shares) compiles on worker threads when it is a lot.
    await precompileValidators(registry.messages, runtimeImport);
    const generated = generateCode(registry, { runtimeImport, schemaRegistry });
    if (hasErrors(generated.diagnostics)) return { written: [], diagnostics: generated.diagnostics };
    const outDir = path.resolve(io.cwd, options.out);
    const untouched = previous === undefined ? undefined : untouchedFiles(outDir, previous);
    const diff = await writeTree(outDir, generated.files, GENERATED_CODE, untouched);
    previous = recordOutput(outDir, generated, untouched, diff.changed);
    return { written: writtenFiles(diff), diagnostics: [] };
  };
}

export async function runWatch(options: WatchOptions, io: CliIO): Promise<number> {
  const cycle = createWatchCycle(options, io);
  const report = (result: WatchCycle): void => {
    if (result.added.length) io.stdout(formatDiagnostics(result.added, 'text'));
    for (const d of result.fixed) io.stdout(`fixed: ${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]\n`);
    for (const f of result.written) io.stdout(`generated ${path.posix.join(options.out, f)}\n`);
    io.stderr(
      `[evc watch] ${result.added.length} new, ${result.fixed.length} fixed, ${result.written.length} file(s) written in ${result.milliseconds.toFixed(0)} ms\n`,
    );
  };
  let source;
  try {
    source = await contractsSource(options.contracts ?? 'contracts', io.cwd);
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'watch', error);
    throw error;
  }
  report(await cycle());
  io.stderr(`[evc watch] watching ${source.label} (Ctrl-C to stop)\n`);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const watcher = watchContractTree(source.root, ({ file, folder }) => {
    if (!folder && !isContractFile(file)) return; // editors' temporary and backup files
    clearTimeout(timer);
    // Editors write a file in several steps; wait until they are done.
    timer = setTimeout(() => {
      running = running
        .then(async () => report(await cycle()))
        .catch((error: unknown) => io.stderr(`[evc watch] ${String(error)}\n`));
    }, options.debounceMs ?? 30);
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
  });
  await running;
  return EXIT.ok;
}

export function registerWatchCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    program
      .command('watch')
      .description('re-lint and regenerate on every change to the contracts, printing only what changed'),
  )
    .option('-o, --out <dir>', 'output directory', 'generated')
    .option(
      '--runtime-import <specifier>',
      'module the generated code imports the runtime from',
      DEFAULT_RUNTIME_IMPORT,
    )
    .action(async (opts: WatchOptions) => done(await runWatch(opts, io)));
}
