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
const FORMAT = 4;
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
  // The document's own entry (its position, then each section key's), then each section's nodes below its key.
  const root: number[] = [];
  const below: number[] = [];
  for (const section of sections) {
    const form = sectionForm(section);
    if (form === undefined) return undefined;
    const sectionValue = form.value as Record<string, unknown> | null;
    const keys = typeof sectionValue === 'object' && sectionValue !== null ? Object.keys(sectionValue) : [];
    // A section's root entry is its position and its one key's: 4 numbers.
    if (keys.length !== 1 || keys[0] !== section.key || form.nodes.length < 4) return undefined;
    const shift = section.lineOffset;
    // The document is located at its first key, as the first section is; each key where its section has it.
    if (root.length === 0) root.push(form.nodes[0]! + shift, form.nodes[1]!);
    root.push(form.nodes[2]! + shift, form.nodes[3]!);
    setOwnProperty(value, section.key, sectionValue![section.key]);
    // Every entry is of even length, so lines are at the even indexes of the whole list.
    for (let i = 4; i < form.nodes.length; i++) below.push(i % 2 === 0 ? form.nodes[i]! + shift : form.nodes[i]!);
  }
  return { value, nodes: root.concat(below) };
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
