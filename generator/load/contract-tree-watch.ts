// Watching a contracts folder for `evc watch`, by directory: editors that save by writing a temporary
// file and renaming it over the original (vim, JetBrains, …) replace the file's inode, and a watch
// on the file itself goes deaf after the first such save. A directory watch sees every name that
// appears, changes or disappears in it; folders that appear or disappear are re-resolved on the
// fly so new folders are watched too.
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { SKIPPED_DIRS } from './directory-source.js';

export interface ContractTreeChange {
  /** Absolute path of the name that changed. */
  readonly file: string;
  /** A folder appeared or disappeared (its files may have come or gone with it). */
  readonly folder: boolean;
}

export interface ContractTreeWatch {
  close(): void;
}

export function watchContractTree(root: string, onChange: (change: ContractTreeChange) => void): ContractTreeWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  /** Brings the set of watched folders in line with the disk; returns the folders that came or went. */
  const resolveFolders = (): string[] => {
    const present = new Set([root, ...foldersUnder(root)]);
    const changed: string[] = [];
    for (const [folder, watcher] of watchers)
      if (!present.has(folder)) {
        watcher.close();
        watchers.delete(folder);
        changed.push(folder);
      }
    for (const folder of present) if (!watchers.has(folder) && watchFolder(folder)) changed.push(folder);
    return changed;
  };

  const watchFolder = (folder: string): boolean => {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (event, name) => {
        if (closed) return;
        // 'rename': a name appeared or disappeared here, which may be a folder.
        const folders = event === 'rename' ? resolveFolders() : [];
        for (const changed of folders) onChange({ file: changed, folder: true });
        if (name !== null) onChange({ file: path.join(folder, name.toString()), folder: false });
      });
    } catch {
      return false; // gone between listing and watching: the next resolve forgets it
    }
    // A watched folder that is deleted reports an error on some platforms instead of an event.
    watcher.on('error', () => {
      if (closed) return;
      for (const changed of resolveFolders()) onChange({ file: changed, folder: true });
    });
    watchers.set(folder, watcher);
    return true;
  };

  resolveFolders();
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function foldersUnder(root: string): string[] {
  const out: string[] = [];
  const visit = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // removed while we looked
    }
    for (const entry of entries)
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
        const child = path.join(folder, entry.name);
        out.push(child);
        visit(child);
      }
  };
  visit(root);
  return out;
}
