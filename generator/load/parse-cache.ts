// Parsed contract files cached by content hash: in memory for watch mode and repeated loads, and
// on disk (next to the compiled AsyncAPI validators) so a fresh `evc lint` skips YAML parsing of
// files it has seen before. A file seen before with one section edited (`info.version` bumped) is
// parsed section by section, and only the edited section is parsed again. A cache miss or an
// unreadable entry just means parsing again.
import {
  FileParseError,
  deserializeParsed,
  parseContractFile,
  restoreParsed,
  serializedForm,
  serializeParsed,
  type ParsedFile,
  type SerializedParse,
} from './parse-file.js';
import { topLevelSections, type TopLevelSection } from './top-level-sections.js';
import { keyedEntryFile, readCacheEntry, writeCacheEntry } from '../cache/cache-entry.js';
import { contentDigest } from '../cache/content-digest.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

/** Bump when the cached format or the parser's output changes. */
const FORMAT = 3;
const memory = new Map<string, ParsedFile | FileParseError>();
/** Sections by content hash, serialized: each use restores fresh objects, positioned where that document has them. */
const sectionMemory = new Map<string, string>();
/** The content hash each parsed document root came from, for verdicts cached by content (validate-spec.ts). */
const hashes = new WeakMap<object, string>();

export function contentHashOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? hashes.get(value) : undefined;
}

export function parseCached(text: string, displayFile: string): ParsedFile | FileParseError {
  const hash = contentDigest(`v${FORMAT}\0${displayFile}\0${text}`);
  const remembered = memory.get(hash);
  if (remembered) return remembered;
  const file = keyedEntryFile('parsed', hash);
  let parsed: ParsedFile | FileParseError | undefined;
  try {
    const stored = readCacheEntry(file);
    if (stored === undefined) throw new Error('not cached');
    parsed = deserializeParsed(stored, displayFile);
  } catch {
    const sectioned = bySections(text);
    if (sectioned !== undefined) {
      writeCacheEntry(file, JSON.stringify(sectioned));
      parsed = restoreParsed(sectioned, displayFile);
    } else {
      try {
        parsed = parseContractFile(text, displayFile);
        writeCacheEntry(file, serializeParsed(parsed));
      } catch (error) {
        if (!(error instanceof FileParseError)) throw error;
        parsed = error;
      }
    }
  }
  if (memory.size > 2000) memory.clear();
  memory.set(hash, parsed);
  if (!(parsed instanceof FileParseError) && typeof parsed.value === 'object' && parsed.value !== null)
    hashes.set(parsed.value, hash);
  return parsed;
}

/**
 * The document put together from its top-level sections, each parsed on its own (or read back) with its
 * lines shifted to where the section sits; undefined when the text does not split exactly or a section
 * does not parse (then the whole text is parsed, and its errors are reported as the whole parse words them).
 */
function bySections(text: string): SerializedParse | undefined {
  const sections = topLevelSections(text);
  if (sections === undefined) return undefined;
  const value: Record<string, unknown> = {};
  const root: number[] = [];
  const nodes: number[][] = [root];
  for (const section of sections) {
    const form = sectionForm(section);
    if (form === undefined) return undefined;
    const sectionValue = form.value as Record<string, unknown> | null;
    const [sectionRoot, ...rest] = form.nodes;
    const keys = typeof sectionValue === 'object' && sectionValue !== null ? Object.keys(sectionValue) : [];
    if (keys.length !== 1 || keys[0] !== section.key || sectionRoot?.length !== 4) return undefined;
    const shift = section.lineOffset;
    // The document is located at its first key, as the first section is; each key where its section has it.
    if (root.length === 0) root.push(sectionRoot[0]! + shift, sectionRoot[1]!);
    root.push(sectionRoot[2]! + shift, sectionRoot[3]!);
    setOwnProperty(value, section.key, sectionValue![section.key]);
    for (const entry of rest) nodes.push(entry.map((n, i) => (i % 2 === 0 ? n + shift : n)));
  }
  return { value, nodes };
}

/** One section parsed as a document of its own (lines counted from its first line), or undefined if it does not parse. */
function sectionForm(section: TopLevelSection): SerializedParse | undefined {
  const hash = contentDigest(`s${FORMAT}\0${section.text}`);
  const remembered = sectionMemory.get(hash);
  if (remembered !== undefined) return JSON.parse(remembered) as SerializedParse;
  const file = keyedEntryFile('sections', hash);
  const stored = readCacheEntry(file);
  let serialized: string;
  if (stored !== undefined) serialized = stored;
  else {
    try {
      serialized = JSON.stringify(serializedForm(parseContractFile(section.text, 'section')));
    } catch (error) {
      if (!(error instanceof FileParseError)) throw error;
      return undefined;
    }
    writeCacheEntry(file, serialized);
  }
  if (sectionMemory.size > 10_000) sectionMemory.clear();
  sectionMemory.set(hash, serialized);
  return JSON.parse(serialized) as SerializedParse;
}
