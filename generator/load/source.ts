// Where contract files come from: the working tree, another directory, or a git ref. The loader
// reads only through this interface so `evc check --against <ref>` can load history without a checkout.

export interface ContractSource {
  /** Shown in diagnostics before relative paths, e.g. `contracts` or `main:contracts`. */
  readonly label: string;
  /** Relative (POSIX) paths of every `.yaml`, `.yml` and `.json` file under the root, sorted. */
  list(): Promise<readonly string[]>;
  /** Text of one file by relative path; rejects with a `ContractReadError` when it cannot be read. */
  read(relativePath: string): Promise<string>;
  /** How a relative path is shown to users (clickable from the current directory when possible). */
  displayPath(relativePath: string): string;
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
