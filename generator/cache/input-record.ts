// What a command read from its contracts: the listing and a digest of every file it opened (or
// that it could not), so a cached result is reused only when every one of them is unchanged.
import type { ContractSource } from '../load/source.js';
import { contentDigest as digest } from './content-digest.js';

export interface InputRecord {
  readonly listed: readonly string[];
  /** Relative path → sha256 of its text, or null when it could not be read. */
  readonly files: Readonly<Record<string, string | null>>;
}

/** `source`, noting what is listed and read through it. */
export function recordingSource<S extends ContractSource>(source: S): { source: S; record: () => InputRecord } {
  let listed: readonly string[] = [];
  const files = new Map<string, string | null>();
  const recording: S = {
    ...source,
    async list() {
      listed = await source.list();
      return listed;
    },
    async read(relativePath: string) {
      try {
        const text = await source.read(relativePath);
        files.set(relativePath, digest(text));
        return text;
      } catch (error) {
        files.set(relativePath, null);
        throw error;
      }
    },
  };
  const record = (): InputRecord => ({
    listed: [...listed],
    files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  });
  return { source: recording, record };
}

/** True when listing and reading `source` again gives exactly what `record` saw. */
export async function inputsUnchanged(source: ContractSource, record: InputRecord): Promise<boolean> {
  const listed = await source.list();
  if (listed.length !== record.listed.length || listed.some((file, i) => file !== record.listed[i])) return false;
  // One after another, up to the first difference: the directory source reads synchronously, so asking for all at
  // once gains nothing, and after an edit the files past the edited one need not be read and digested.
  for (const [file, expected] of Object.entries(record.files)) {
    const text = await source.read(file).catch(() => null);
    if ((text === null ? null : digest(text)) !== expected) return false;
  }
  return true;
}
