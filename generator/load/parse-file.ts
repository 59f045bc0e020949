// Parses one contract file (YAML or JSON) into plain JS values while remembering where every
// object, array and key was written, so later diagnostics can point at file:line:col.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isAlias, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/registry.js';
import { nodePlacement, setNodePlacement } from '../model/registry.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

/** Where a parsed object or array sits in its file. */
export interface NodeInfo {
  readonly file: string;
  /** JSON pointer inside the file, e.g. `/components/messages/RouteCalculated`. */
  readonly pointer: string;
  readonly location: SourceLocation;
  /** Location of each key (objects) or item (arrays) written under this node. */
  readonly members: ReadonlyMap<string, SourceLocation>;
  /** The parsed object this describes (for a resolver's copy, which shares its source's info: the source). */
  readonly node: object;
}

export interface ParsedFile {
  readonly file: string;
  readonly value: unknown;
}

const nodeInfos = new WeakMap<object, NodeInfo>();

export function nodeInfo(node: unknown): NodeInfo | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const info = nodeInfos.get(node);
  if (info !== undefined) return info;
  // A copy placed by placeCopy: its placement is its source's info.
  const placed = nodePlacement(node);
  return placed !== undefined && 'node' in placed ? (placed as NodeInfo) : undefined;
}

/**
 * Gives a copy of a parsed node (the resolver's) its source's info, as the model's placement of the copy: one
 * table entry per copy serves `nodeInfo`, the model's `locationOf` / `memberLocationOf` and `writtenForm`, since
 * the resolver writes this for every node of every document. False when `from` was not parsed.
 */
export function placeCopy(from: object, to: object): boolean {
  const info = nodeInfos.get(from);
  if (info === undefined) return false;
  setNodePlacement(to, info);
  return true;
}

/** The parsed node whose info `copy` was given (placeCopy): what it was copied from; undefined for a parsed node itself. */
export function writtenForm(copy: object): object | undefined {
  const info = nodeInfo(copy);
  return info !== undefined && info.node !== copy ? info.node : undefined;
}

/** The location of `key` under `node`, falling back to the node itself. */
export function memberLocation(node: unknown, key: string): SourceLocation | undefined {
  const info = nodeInfo(node);
  return info?.members.get(key) ?? info?.location;
}

export class FileParseError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics[0]?.message ?? 'cannot parse file');
    this.name = 'FileParseError';
  }
}

/**
 * How deeply objects and arrays may nest, in one file and in a message's schemas after `$ref`s are
 * followed (see nesting-limit.ts). Real contracts stay far below it (a schema level costs two:
 * `properties` and the property); every stage that walks contracts recursively is safe under it.
 */
export const MAX_NESTING_DEPTH = 256;

/** Parses YAML 1.2 (a superset of JSON). Throws FileParseError with located diagnostics. */
export function parseContractFile(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const tooDeep = (where: SourceLocation): FileParseError =>
    new FileParseError([
      {
        ...where,
        severity: 'error',
        rule: 'nesting-too-deep',
        message: `${file} nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep here`,
        hint: 'flatten the schema: move deep parts into named schemas (components/schemas) and $ref them',
      },
    ]);
  // The YAML parser recurses per nesting level: measure first, so a hostile document gets a
  // located error instead of a stack overflow reported as a syntax error.
  const deep = firstTooDeep(text, MAX_NESTING_DEPTH);
  if (deep !== undefined) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    throw tooDeep(at(deep));
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.some((error) => /call stack/i.test(error.message))) throw tooDeep(at(doc.errors[0]?.pos[0] ?? 0));
  if (doc.errors.length > 0) {
    throw new FileParseError(
      doc.errors.slice(0, 5).map((error) => ({
        ...at(error.pos[0]),
        severity: 'error' as const,
        rule: 'yaml-syntax',
        message: `cannot parse ${file}: ${firstLine(error.message)}`,
        hint: 'fix the YAML/JSON syntax at this position',
      })),
    );
  }

  // An object or array is located at the key that introduces it (`RouteCalculated:`), which is
  // where people look, rather than at its first child.
  const build = (
    node: YamlNode | null | undefined,
    pointer: string,
    keyLocation?: SourceLocation,
    depth = 0,
  ): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return build(node.resolve(doc), pointer, keyLocation, depth);
    if (isScalar(node)) return node.value;
    const location = keyLocation ?? at(node.range?.[0] ?? 0);
    // Aliases can nest what the text does not (`a: &x [*x]` is refused by yaml, chains are not).
    if (depth >= MAX_NESTING_DEPTH) throw tooDeep(location);
    const members = new Map<string, SourceLocation>();
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      nodeInfos.set(result, { file, pointer, location, members, node: result });
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = String(isScalar(keyNode) ? keyNode.value : keyNode);
        const keyAt = keyNode?.range ? at(keyNode.range[0]) : location;
        members.set(key, keyAt);
        setOwnProperty(
          result,
          key,
          build(pair.value as YamlNode | null, `${pointer}/${escapePointer(key)}`, keyAt, depth + 1),
        );
      }
      return result;
    }
    if (isSeq(node)) {
      const result: unknown[] = [];
      nodeInfos.set(result, { file, pointer, location, members, node: result });
      node.items.forEach((item, index) => {
        const itemNode = item as YamlNode | null;
        members.set(String(index), itemNode?.range ? at(itemNode.range[0]) : location);
        result.push(build(itemNode, `${pointer}/${index}`, undefined, depth + 1));
      });
      return result;
    }
    return null;
  };
  return { file, value: build(doc.contents, '') };
}

/**
 * The offset of the first object or array nested deeper than `limit`, or undefined. A cheap scan
 * that counts flow brackets outside quoted strings and block indentation steps; it errs on the side of
 * letting the real parser (and the exact check while building) decide.
 */
export function firstTooDeep(text: string, limit: number): number | undefined {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || c === '-') {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== '#' && c !== '\r' && flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      }
    }
    if (c === '"' || c === "'") {
      // Skip the quoted scalar (YAML doubles '' inside single quotes; JSON escapes with \).
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '{' || c === '[') flow++;
    else if ((c === '}' || c === ']') && flow > 0) flow--;
    if (flow + indents.length > limit + 1) return i;
  }
  return undefined;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * A parsed file as JSON, source positions included, for the on-disk parse cache: reading it back
 * costs a JSON.parse instead of a YAML parse (~50× less). Positions are listed per object/array
 * in the order a depth-first walk over `Object.keys` meets them, on both sides.
 */
export function serializeParsed(parsed: ParsedFile): string {
  return JSON.stringify(serializedForm(parsed));
}

/** The form serializeParsed writes, as an object. */
export function serializedForm(parsed: ParsedFile): SerializedParse {
  const nodes: number[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const info = nodeInfos.get(value);
    const keys = Object.keys(value);
    nodes.push(info?.location.line ?? 1, info?.location.column ?? 1);
    for (const key of keys) {
      const at = info?.members.get(key);
      nodes.push(at?.line ?? 1, at?.column ?? 1);
    }
    for (const key of keys) walk((value as Record<string, unknown>)[key]);
  };
  walk(parsed.value);
  return { value: parsed.value, nodes };
}

export function deserializeParsed(text: string, file: string): ParsedFile {
  // JSON.parse defines `__proto__` keys as own properties, so cached contracts stay inert too.
  return restoreParsed(JSON.parse(text) as SerializedParse, file);
}

/**
 * What serializeParsed writes: the value, and per object/array (depth-first) its line and column then its keys',
 * all in one list (an entry per node is 2 + 2 × its key count long, so lines sit at even indexes): one array per
 * file rather than per node, since every file read back is held in memory whole.
 */
export interface SerializedParse {
  readonly value: unknown;
  readonly nodes: readonly number[];
}

/** A parsed file from its serialized form (deserializeParsed without the JSON text). */
export function restoreParsed({ value, nodes }: SerializedParse, file: string): ParsedFile {
  let next = 0;
  const refs: string[] = [];
  const walk = (node: unknown, parent: PackedNodeInfo | undefined, key: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    const info = new PackedNodeInfo(file, node, nodes, next, parent, key);
    next += 2 + 2 * keys.length;
    nodeInfos.set(node, info);
    if (!Array.isArray(node)) {
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string') refs.push(ref);
    }
    for (const child of keys) {
      const member = (node as Record<string, unknown>)[child];
      if (typeof member === 'object' && member !== null) walk(member, info, child);
    }
  };
  walk(value, undefined, '');
  if (typeof value === 'object' && value !== null) refsWritten.set(value, refs);
  return { file, value };
}

/** The `$ref` texts of each file read back, in the order a depth-first walk meets them (by its parsed root). */
const refsWritten = new WeakMap<object, readonly string[]>();

/**
 * Every `$ref` string written in a file read back from the parse cache (restoreParsed), in depth-first order
 * over `Object.keys`, as a walk over its value would find them: the loader asks which files a file refers to, and
 * restoring already walked every node. Undefined for a value parsed from its text (it may share nodes: YAML
 * aliases), which the caller walks itself.
 */
export function writtenRefs(value: unknown): readonly string[] | undefined {
  return typeof value === 'object' && value !== null ? refsWritten.get(value) : undefined;
}

/**
 * The positions of a node read back from the parse cache. Its pointer and its members' locations are
 * worked out when first asked for — a diagnostic, a message's name — not for each of the thousands of
 * nodes a registry holds: building them all was most of reading a file back, and its garbage.
 */
class PackedNodeInfo implements NodeInfo {
  private locationOf: SourceLocation | undefined;
  private pointerText: string | undefined;
  private memberMap: ReadonlyMap<string, SourceLocation> | undefined;

  constructor(
    readonly file: string,
    readonly node: object,
    /** The file's positions (SerializedParse.nodes): this node's line and column at `at`, then its keys'. */
    private readonly positions: readonly number[],
    private readonly at: number,
    private readonly parent: PackedNodeInfo | undefined,
    private readonly key: string,
  ) {}

  /** Made on first use, like the pointer and members: most nodes of a file read back are never asked where they are. */
  get location(): SourceLocation {
    this.locationOf ??= {
      file: this.file,
      line: this.positions[this.at] ?? 1,
      column: this.positions[this.at + 1] ?? 1,
    };
    return this.locationOf;
  }

  get pointer(): string {
    this.pointerText ??= this.parent === undefined ? '' : `${this.parent.pointer}/${escapePointer(this.key)}`;
    return this.pointerText;
  }

  get members(): ReadonlyMap<string, SourceLocation> {
    if (this.memberMap === undefined) {
      const members = new Map<string, SourceLocation>();
      const { file, positions, at } = this;
      Object.keys(this.node).forEach((key, i) =>
        members.set(key, { file, line: positions[at + 2 + i * 2] ?? 1, column: positions[at + 3 + i * 2] ?? 1 }),
      );
      this.memberMap = members;
    }
    return this.memberMap;
  }
}
