// The small two-service registry of test/fixtures/compat/registry, held in memory, with YAML edits
// for making the "new" side of a check.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { checkCompatibility, type CheckResult } from '../../../generator/compat/check.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import type { CompatibilityLevel, CompatibilityMode } from '../../../generator/compat/levels.js';
import { memorySource } from '../../../generator/load/memory-source.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/compat/registry/', import.meta.url));

export type Files = Record<string, string>;

export function fixtureFiles(dir = FIXTURE_DIR, prefix = ''): Files {
  const files: Files = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, fixtureFiles(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

/** Edits one YAML file of a copy of `files` through the `yaml` document API. */
export function editYaml(files: Files, file: string, edit: (doc: ReturnType<typeof parseDocument>) => void): Files {
  const doc = parseDocument(files[file] ?? '');
  edit(doc);
  return { ...files, [file]: doc.toString() };
}

export const RC = ['components', 'messages', 'RouteCalculated'];

export async function checkFiles(
  oldFiles: Files,
  newFiles: Files,
  level: CompatibilityLevel = 'BACKWARD',
  mode: CompatibilityMode = 'strict',
): Promise<CheckResult> {
  const old = await loadSide(memorySource(oldFiles, 'old'), 'baseline');
  const current = await loadSide(memorySource(newFiles, 'new'), 'proposed');
  return checkCompatibility({ baselines: [old.snapshot], current: current.snapshot, level, mode });
}

export function summary(result: CheckResult): string[] {
  return result.changes.map(
    (c) => `${c.breaking ? '!' : ''}${c.rule} ${c.messageName || c.topic}${c.path ? ` ${c.path}` : ''}`,
  );
}
