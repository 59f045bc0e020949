// Resolves `$ref`s across contract files into one object graph: each reference is replaced by
// (a copy of) its target, shared targets stay shared and recursive schemas become cycles. The
// parsed files themselves are never mutated, so they can be cached between runs (watch mode).
import path from 'node:path';
import type { Diagnostic } from '../model/registry.js';
import { setNodeLocation, setSchemaOrigin } from '../model/registry.js';
import { copyNodeInfo, memberLocation, nodeInfo, unescapePointer } from './parse-file.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

export interface RefTarget {
  /** Root-relative POSIX path of the file holding the target. */
  readonly file: string;
  /** JSON pointer inside that file ('' for the whole file). */
  readonly pointer: string;
}

export type RefProblem = { kind: 'remote' | 'outside-root' | 'malformed'; reason: string };

/** Works out which file and pointer a `$ref` written in `fromFile` names. */
export function parseRef(ref: string, fromFile: string): RefTarget | RefProblem {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return {
      kind: 'remote',
      reason: `remote reference "${ref}" is refused: copy the schema into the contracts directory and refer to it by a relative path`,
    };
  }
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  if (pointer !== '' && !pointer.startsWith('/')) {
    return {
      kind: 'malformed',
      reason: `reference "${ref}" has a fragment that is not a JSON pointer (it must start with "#/")`,
    };
  }
  if (filePart === '') return { file: fromFile, pointer: decodePointer(pointer) };
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), decodeURI(filePart)));
  if (file.startsWith('../') || file === '..' || path.posix.isAbsolute(file)) {
    return {
      kind: 'outside-root',
      reason: `reference "${ref}" points outside the contracts directory: move the target inside it`,
    };
  }
  return { file, pointer: decodePointer(pointer) };
}

function decodePointer(pointer: string): string {
  try {
    return decodeURIComponent(pointer);
  } catch {
    return pointer;
  }
}

export function isRefObject(value: unknown): value is { $ref: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

/** Every file a set of parsed values refers to (for loading them before resolution). */
export function referencedFiles(value: unknown, fromFile: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (isRefObject(node)) {
      const target = parseRef(node.$ref, fromFile);
      if ('file' in target && target.file !== fromFile) files.add(target.file);
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return files;
}

/** Resolves references across the files it is given; one instance per registry load. */
export class RefResolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly copies = new Map<object, unknown>();
  private readonly reported = new Set<object>();

  constructor(
    private readonly files: ReadonlyMap<string, unknown>,
    private readonly display: (file: string) => string,
    private readonly missingFiles: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The resolved copy of `node`, which was written in `file`. */
  resolve(node: unknown, file: string): unknown {
    return this.resolveNode(node, file, []);
  }

  private resolveNode(node: unknown, file: string, chain: string[]): unknown {
    if (typeof node !== 'object' || node === null) return node;
    const done = this.copies.get(node);
    if (done !== undefined) return done;
    if (isRefObject(node)) return this.follow(node, file, chain);

    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [] : {};
    this.copies.set(node, copy);
    copyNodeInfo(node, copy);
    const info = nodeInfo(node);
    if (info) setNodeLocation(copy, info.location, info.members);
    if (Array.isArray(node)) {
      for (const item of node) (copy as unknown[]).push(this.resolveNode(item, file, []));
    } else {
      for (const [key, value] of Object.entries(node))
        setOwnProperty(copy as Record<string, unknown>, key, this.resolveNode(value, file, []));
    }
    return copy;
  }

  private follow(refNode: { $ref: string }, file: string, chain: string[]): unknown {
    const ref = refNode.$ref;
    const target = parseRef(ref, file);
    if (!('file' in target))
      return this.fail(
        refNode,
        target.kind === 'remote'
          ? 'ref-remote'
          : target.kind === 'outside-root'
            ? 'ref-outside-root'
            : 'ref-unresolved',
        target.reason,
      );
    const key = `${target.file}#${target.pointer}`;
    if (chain.includes(key)) {
      return this.fail(
        refNode,
        'ref-cycle',
        `reference cycle: ${[...chain, key].map((k) => this.display(k.split('#')[0] ?? '') + '#' + (k.split('#')[1] ?? '')).join(' → ')}`,
        'make one of the references point at a real schema instead of another reference',
      );
    }
    const document = this.files.get(target.file);
    if (document === undefined) {
      const why = this.missingFiles.get(target.file) ?? `${this.display(target.file)} does not exist`;
      return this.fail(
        refNode,
        'ref-unresolved',
        `cannot resolve "${ref}": ${why}`,
        'fix the path (relative to this file) or add the missing file',
      );
    }
    const found = lookupPointer(document, target.pointer);
    if (found === undefined) {
      return this.fail(
        refNode,
        'ref-unresolved',
        `cannot resolve "${ref}": ${this.display(target.file)} has nothing at "#${target.pointer}"`,
        'fix the JSON pointer after "#" (keys are case-sensitive)',
      );
    }
    const resolved = isRefObject(found)
      ? this.follow(found, target.file, [...chain, key])
      : this.resolveNode(found, target.file, []);
    this.copies.set(refNode, resolved);
    if (typeof resolved === 'object' && resolved !== null) {
      const location = memberLocation(refNode, '$ref') ?? { file: this.display(file), line: 1, column: 1 };
      setSchemaOrigin(resolved, { refName: refName(target), ref, location: nodeInfo(resolved)?.location ?? location });
    }
    return resolved;
  }

  private fail(refNode: { $ref: string }, rule: string, message: string, hint?: string): unknown {
    if (!this.reported.has(refNode)) {
      this.reported.add(refNode);
      const location = memberLocation(refNode, '$ref');
      this.diagnostics.push({
        file: location?.file ?? '',
        line: location?.line ?? 1,
        column: location?.column ?? 1,
        severity: 'error',
        rule,
        message,
        ...(hint ? { hint } : {}),
      });
    }
    // An unresolvable reference stays as it was written; later stages treat it as unknown.
    this.copies.set(refNode, refNode);
    return refNode;
  }
}

export function lookupPointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unescapePointer(raw);
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment))
      return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The name a reference gives its target: the last pointer segment, or the file's base name. */
function refName(target: RefTarget): string {
  const segments = target.pointer.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (last !== undefined) return unescapePointer(last);
  return path.posix.basename(target.file).replace(/\.(ya?ml|json)$/i, '');
}
