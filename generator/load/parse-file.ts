// Parses one contract file (YAML or JSON) into plain JS values while remembering where every
// object, array and key was written, so later diagnostics can point at file:line:col.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isAlias, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/registry.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

/** Where a parsed object or array sits in its file. */
export interface NodeInfo {
  readonly file: string;
  /** JSON pointer inside the file, e.g. `/components/messages/RouteCalculated`. */
  readonly pointer: string;
  readonly location: SourceLocation;
  /** Location of each key (objects) or item (arrays) written under this node. */
  readonly members: ReadonlyMap<string, SourceLocation>;
}

export interface ParsedFile {
  readonly file: string;
  readonly value: unknown;
}

const nodeInfos = new WeakMap<object, NodeInfo>();

export function nodeInfo(node: unknown): NodeInfo | undefined {
  return typeof node === 'object' && node !== null ? nodeInfos.get(node) : undefined;
}

/** Gives a node built by someone else (e.g. the resolver's copies) the same source info. */
export function copyNodeInfo(from: object, to: object): void {
  const info = nodeInfos.get(from);
  if (info) nodeInfos.set(to, info);
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

/** Parses YAML 1.2 (a superset of JSON). Throws FileParseError with located diagnostics. */
export function parseContractFile(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
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
  const build = (node: YamlNode | null | undefined, pointer: string, keyLocation?: SourceLocation): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return build(node.resolve(doc), pointer, keyLocation);
    if (isScalar(node)) return node.value;
    const location = keyLocation ?? at(node.range?.[0] ?? 0);
    const members = new Map<string, SourceLocation>();
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      nodeInfos.set(result, { file, pointer, location, members });
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = String(isScalar(keyNode) ? keyNode.value : keyNode);
        const keyAt = keyNode?.range ? at(keyNode.range[0]) : location;
        members.set(key, keyAt);
        setOwnProperty(result, key, build(pair.value as YamlNode | null, `${pointer}/${escapePointer(key)}`, keyAt));
      }
      return result;
    }
    if (isSeq(node)) {
      const result: unknown[] = [];
      nodeInfos.set(result, { file, pointer, location, members });
      node.items.forEach((item, index) => {
        const itemNode = item as YamlNode | null;
        members.set(String(index), itemNode?.range ? at(itemNode.range[0]) : location);
        result.push(build(itemNode, `${pointer}/${index}`));
      });
      return result;
    }
    return null;
  };
  return { file, value: build(doc.contents, '') };
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
  const nodes: number[][] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const info = nodeInfos.get(value);
    const keys = Object.keys(value);
    const entry = [info?.location.line ?? 1, info?.location.column ?? 1];
    for (const key of keys) {
      const at = info?.members.get(key);
      entry.push(at?.line ?? 1, at?.column ?? 1);
    }
    nodes.push(entry);
    for (const key of keys) walk((value as Record<string, unknown>)[key]);
  };
  walk(parsed.value);
  return JSON.stringify({ value: parsed.value, nodes });
}

export function deserializeParsed(text: string, file: string): ParsedFile {
  // JSON.parse defines `__proto__` keys as own properties, so cached contracts stay inert too.
  const { value, nodes } = JSON.parse(text) as { value: unknown; nodes: number[][] };
  let next = 0;
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const entry = nodes[next++] ?? [1, 1];
    const keys = Object.keys(node);
    const members = new Map<string, SourceLocation>();
    keys.forEach((key, i) => members.set(key, { file, line: entry[2 + i * 2] ?? 1, column: entry[3 + i * 2] ?? 1 }));
    nodeInfos.set(node, { file, pointer, location: { file, line: entry[0] ?? 1, column: entry[1] ?? 1 }, members });
    for (const key of keys) walk((node as Record<string, unknown>)[key], `${pointer}/${escapePointer(key)}`);
  };
  walk(value, '');
  return { file, value };
}
