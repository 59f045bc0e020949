// The one way every command opens contracts: read the source → load (parse, validate, resolve
// `$ref`s) → lint → stop on errors. A limit, a cache or a new diagnostic added here applies to
// lint, generate, watch, check (both sides), release, registry, topics, dlq and every later command.
import type { Diagnostic, Registry } from '../model/registry.js';
import { loadRegistry, directorySource, type LoadOptions } from '../load/index.js';
import { ContractReadError, type ContractSource } from '../load/source.js';
import { lintRegistry, hasErrors } from '../lint/index.js';
import { readRuleSwitches } from '../compat/config.js';
import { DEFAULT_CONTRACTS, InputError, type ContractsOptions } from './contracts-input.js';

// Re-exported: every command imports these from here; the CLI's flag definitions use contracts-input.ts
// directly, so defining flags does not load the pipeline.
export { DEFAULT_CONTRACTS, InputError, parseFileSize, type ContractsOptions } from './contracts-input.js';

export interface OpenedContracts {
  readonly source: ContractSource;
  readonly registry: Registry;
  /** Loader diagnostics plus lint findings (or loader diagnostics only, with `lint: false`), sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface OpenSourceOptions extends Pick<ContractsOptions, 'maxFileSize'> {
  /** What these contracts are, in error messages: `proposed`, `baseline`, `current`. */
  readonly role?: string;
  /**
   * Run the lint rules (default). A baseline read from history only needs to load: it was accepted
   * when it was written, and a lint rule added since must not make the check impossible.
   */
  readonly lint?: boolean;
  /** Throw an InputError on error diagnostics or when no document was found (default). */
  readonly stopOnErrors?: boolean;
}

/** Opens `--contracts` (a directory or one document) relative to `cwd`. */
export async function openContracts(
  options: ContractsOptions & { readonly cwd: string },
  how: OpenSourceOptions = {},
): Promise<OpenedContracts> {
  return openSource(await contractsSource(options.contracts ?? DEFAULT_CONTRACTS, options.cwd), {
    ...how,
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
  });
}

/** Opens contracts from any source (a directory, a git ref, the baseline side of a check). */
export async function openSource(source: ContractSource, how: OpenSourceOptions = {}): Promise<OpenedContracts> {
  const loadOptions: LoadOptions = how.maxFileSize === undefined ? {} : { maxFileBytes: how.maxFileSize };
  const registry = await loadRegistry(source, loadOptions);
  const diagnostics = how.lint === false ? registry.diagnostics : await lintWithSwitches(source, registry);
  if (how.stopOnErrors !== false) {
    const role = how.role === undefined ? '' : `${how.role} `;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (hasErrors(errors))
      throw new InputError(
        `the ${role}contracts (${source.label}) have ${errors.length} error${errors.length === 1 ? '' : 's'}; ` +
          `fix them (evc lint --contracts ${source.label})`,
        errors,
        'invalid',
      );
    if (registry.services.length === 0)
      throw new InputError(`no AsyncAPI document found in the ${role}contracts (${source.label})`, [], 'empty');
  }
  return { source, registry, diagnostics };
}

/**
 * Lint findings minus what evc.config.yaml's `rules.off` switches off (ids, families, categories);
 * the config's own problems are findings too, located in evc.config.yaml.
 */
async function lintWithSwitches(source: ContractSource, registry: Registry): Promise<Diagnostic[]> {
  const switches = await readRuleSwitches(source);
  const findings = lintRegistry(registry);
  if (switches.off.size === 0) return [...findings, ...switches.diagnostics];
  // Only now the rule registry (and the compatibility rules it lists) is needed.
  const { isSwitchedOff } = await import('../rules/registry.js');
  return [...findings.filter((d) => !isSwitchedOff(d.rule, switches.off)), ...switches.diagnostics];
}

/** The file-system source for `--contracts`; a missing path is an InputError that says what to pass. */
export async function contractsSource(
  contracts: string,
  cwd: string,
): Promise<Awaited<ReturnType<typeof directorySource>>> {
  try {
    return await directorySource(contracts, cwd);
  } catch (error) {
    if (error instanceof ContractReadError) throw new InputError(error.message);
    throw error;
  }
}
