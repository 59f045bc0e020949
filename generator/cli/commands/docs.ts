// `evc docs`: the registry as a static site (index with search, a page per message, service and
// topic, the service → topic → service graph) in --out, openable from file://. `--watch` rebuilds it
// on every save through `evc watch`'s machinery. Exit 0 written; 1 the contracts have lint errors;
// 2 unreadable contracts, lockfile or config.
import type { Command } from 'commander';
import path from 'node:path';
import { documentRegistry, DOCS_TREE } from '../../docs/index.js';
import { writeTree, writtenFiles } from '../../emit/output-tree.js';
import { InputError, loadSide, openDirectory } from '../../compat/inputs.js';
import { directorySource } from '../../load/index.js';
import { hasErrors, lintRegistry } from '../../lint/index.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { EXIT, type CliIO } from '../io.js';
import { contractsOption } from './lint.js';
import { runWatch } from './watch.js';

export interface DocsOptions {
  readonly contracts: string;
  readonly out: string;
  readonly watch?: boolean;
  /** Stops `--watch` when aborted (tests). */
  readonly signal?: AbortSignal;
}

export async function runDocs(options: DocsOptions, io: CliIO): Promise<number> {
  const out = path.resolve(io.cwd, options.out);
  if (options.watch) {
    const source = await directorySource(options.contracts, io.cwd);
    return runWatch(
      {
        contracts: options.contracts,
        out: options.out,
        ...(options.signal ? { signal: options.signal } : {}),
        output: async (registry) => ({
          written: writtenFiles(await writeTree(out, await documentRegistry(source, registry), DOCS_TREE)),
          diagnostics: [],
        }),
      },
      io,
    );
  }
  try {
    const source = await openDirectory(options.contracts, io.cwd);
    const { registry } = await loadSide(source, 'current');
    const diagnostics = lintRegistry(registry);
    if (hasErrors(diagnostics)) {
      io.stderr(
        formatDiagnostics(
          diagnostics.filter((d) => d.severity === 'error'),
          'text',
        ),
      );
      io.stderr(`evc docs: ${source.label} has lint errors; fix them (evc lint) and run evc docs again\n`);
      return EXIT.findings;
    }
    const files = await documentRegistry(source, registry);
    const written = writtenFiles(await writeTree(out, files, DOCS_TREE));
    io.stdout(
      `evc docs: ${files.size} pages in ${path.relative(io.cwd, out) || '.'} (${written.length} written); open ${path.relative(io.cwd, path.join(out, 'index.html'))}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) {
      if (error.diagnostics.length > 0) io.stderr(formatDiagnostics(error.diagnostics, 'text'));
      io.stderr(`evc docs: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

export function registerDocsCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('docs')
    .description('write the registry as a static site: messages, services, topics, graph, release history')
    .addOption(contractsOption())
    .requiredOption('-o, --out <dir>', 'output directory for the site')
    .option('-w, --watch', 'rebuild the site on every change to the contracts')
    .action(async (opts: DocsOptions) => done(await runDocs(opts, io)));
}
