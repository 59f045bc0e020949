// `evc docs`: the registry as a static site (index with search, a page per message, service and
// topic, the service → topic → service graph) in --out, openable from file://. `--watch` rebuilds it
// on every save through `evc watch`'s machinery. Exit 0 written; 1 the contracts have errors (as
// `evc generate`: nothing is written); 2 unreadable contracts, lockfile or config.
import type { Command } from 'commander';
import path from 'node:path';
import { documentRegistry, DOCS_TREE } from '../../docs/index.js';
import { writeTree, writtenFiles } from '../../emit/output-tree.js';
import { contractsSource, InputError, openContracts, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { formatDiagnostics } from '../../report/diagnostics.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { EXIT, type CliIO } from '../io.js';
import { runWatch } from './watch.js';

export interface DocsOptions extends ContractsOptions {
  readonly out: string;
  readonly watch?: boolean;
  /** Stops `--watch` when aborted (tests). */
  readonly signal?: AbortSignal;
}

export async function runDocs(options: DocsOptions, io: CliIO): Promise<number> {
  const out = path.resolve(io.cwd, options.out);
  try {
    if (options.watch) {
      const source = await contractsSource(options.contracts ?? 'contracts', io.cwd);
      return await runWatch(
        {
          ...options,
          output: async (registry) => ({
            written: writtenFiles(await writeTree(out, await documentRegistry(source, registry), DOCS_TREE)),
            diagnostics: [],
          }),
        },
        io,
      );
    }
    let opened;
    try {
      opened = await openContracts({ ...options, cwd: io.cwd });
    } catch (error) {
      if (!(error instanceof InputError) || error.reason !== 'invalid') throw error;
      // Invalid contracts are findings, as for `evc generate`: the site is not written.
      io.stderr(formatDiagnostics(error.diagnostics, 'text'));
      io.stderr(`evc docs: the contracts have errors; fix them (evc lint) and run evc docs again\n`);
      return EXIT.findings;
    }
    const files = await documentRegistry(opened.source, opened.registry);
    const written = writtenFiles(await writeTree(out, files, DOCS_TREE));
    io.stdout(
      `evc docs: ${files.size} pages in ${path.relative(io.cwd, out) || '.'} (${written.length} written); open ${path.relative(io.cwd, path.join(out, 'index.html'))}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'docs', error);
    throw error;
  }
}

export function registerDocsCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    program
      .command('docs')
      .description('write the registry as a static site: messages, services, topics, graph, release history'),
  )
    .requiredOption('-o, --out <dir>', 'output directory for the site')
    .option('-w, --watch', 'rebuild the site on every change to the contracts')
    .action(async (opts: DocsOptions) => done(await runDocs(opts, io)));
}
