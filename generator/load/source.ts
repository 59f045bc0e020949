// Where contract files come from: the working tree, another directory, or a git ref. The loader
// reads only through this interface so `evc check --against <ref>` can load history without a checkout.

/**
 * Files the loader reads from a contracts directory: AsyncAPI documents and shared schemas (YAML,
 * JSON), and Avro schemas (`.avsc`, JSON), whose named types any Avro payload may use by name.
 */
export function isContractFile(file: string): boolean {
  return /\.(ya?ml|json|avsc)$/i.test(file);
}

export interface ContractSource {
  /** Shown in diagnostics before relative paths, e.g. `contracts` or `main:contracts`. */
  readonly label: string;
  /** Relative (POSIX) paths of every contract file (`isContractFile`) under the root, sorted. */
  list(): Promise<readonly string[]>;
  /** Text of one file by relative path; rejects with a `ContractReadError` when it cannot be read. */
  read(relativePath: string): Promise<string>;
  /** How a relative path is shown to users (clickable from the current directory when possible). */
  displayPath(relativePath: string): string;
  /** How far `$ref`s may reach beyond the source root; without it they stay inside the source root. */
  readonly reach?: ReferenceReach;
}

/**
 * The project root bounds where `$ref`s may lead: anywhere under it (`../schemas/x.json` from a
 * service folder is normal), never above it and never to the network.
 */
export interface ReferenceReach {
  /** The source root's path inside the project root (POSIX; '' when they are the same folder). */
  readonly sourceInProject: string;
  /** The project root as shown in refusals. */
  readonly root: string;
  /** Why that folder is the root, and how to widen it, for refusals. */
  readonly why: string;
}

export class ContractReadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractReadError';
  }
}

/** The file does not exist in the source: callers decide by type (e.g. no lockfile yet), never by message text. */
export class ContractFileMissing extends ContractReadError {
  constructor(path: string, message: string) {
    super(path, message);
    this.name = 'ContractFileMissing';
  }
}
