// Resolves `$ref`s across contract files into one object graph: each reference is replaced by
// (a copy of) its target, shared targets stay shared and recursive schemas become cycles. The
// parsed files themselves are never mutated, so they can be cached between runs (watch mode).
import path from 'node:path';
import type { Diagnostic } from '../model/registry.js';
import { schemaOrigin, setSchemaOrigin } from '../model/registry.js';
import {
  MAX_NESTING_DEPTH,
  memberLocation,
  nodeInfo,
  placeCopy,
  unescapePointer,
  writtenForm,
  writtenRefs,
} from './parse-file.js';
import { setOwnProperty } from '../../contract-conventions/index.js';
import type { ReferenceReach } from './source.js';

export interface RefTarget {
  /** Root-relative POSIX path of the file holding the target. */
  readonly file: string;
  /** JSON pointer inside that file ('' for the whole file). */
  readonly pointer: string;
}

export type RefProblem = { kind: 'remote' | 'outside-root' | 'malformed'; reason: string };

/**
 * Works out which file and pointer a `$ref` written in `fromFile` names. Files are keyed by their
 * path relative to the source root; with a `reach`, that path may climb (`../schemas/x.json`) as
 * long as it stays under the project root.
 */
export function parseRef(ref: string, fromFile: string, reach?: ReferenceReach): RefTarget | RefProblem {
  // A registry writes the same few references thousands of times (`../schemas/common.yaml#/Money`), and the
  // loader reads each twice (finding files, then resolving): path arithmetic was a tenth of a load. Looked up by
  // file, then by the reference's own string (no key text made per lookup).
  let byFile = parsedRefs.get(reach ?? NO_REACH);
  if (byFile === undefined) parsedRefs.set(reach ?? NO_REACH, (byFile = new Map<string, Map<string, ParsedRef>>()));
  let known = byFile.get(fromFile);
  if (known === undefined) byFile.set(fromFile, (known = new Map<string, ParsedRef>()));
  const found = known.get(ref);
  if (found !== undefined) return found;
  const parsed = parseRefOnce(ref, fromFile, reach);
  known.set(ref, parsed);
  return parsed;
}

/** Answers of parseRef by reach (a source's reach object lives as long as the source), then by file: pure, so never stale. */
const parsedRefs = new WeakMap<ReferenceReach, Map<string, Map<string, ParsedRef>>>();
type ParsedRef = Readonly<RefTarget | RefProblem>;
const NO_REACH: ReferenceReach = { sourceInProject: '', root: '', why: '' };

function parseRefOnce(ref: string, fromFile: string, reach?: ReferenceReach): RefTarget | RefProblem {
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
  let decoded: string;
  try {
    decoded = decodeURI(filePart);
  } catch {
    return {
      kind: 'malformed',
      reason: `reference "${ref}" has an invalid percent-encoding in its path (a % must start %XX, e.g. %20)`,
    };
  }
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), decoded));
  const inProject = path.posix.normalize(path.posix.join(reach?.sourceInProject ?? '', joined));
  const climbs = (p: string): boolean => p === '..' || p.startsWith('../');
  if (path.posix.isAbsolute(filePart) || climbs(reach ? inProject : joined)) {
    return {
      kind: 'outside-root',
      reason: reach
        ? `reference "${ref}" leads outside the project root ${reach.root} (${reach.why}): move the target under it, or widen the root`
        : `reference "${ref}" leads outside the contracts directory: move the target inside it`,
    };
  }
  // One key per file however it is reached (`../a/../a/x.yaml` and `../a/x.yaml` are one file).
  const file = reach ? path.posix.relative(reach.sourceInProject || '.', inProject) || '.' : joined;
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
export function referencedFiles(value: unknown, fromFile: string, reach?: ReferenceReach): Set<string> {
  const files = new Set<string>();
  const add = (ref: string): void => {
    const target = parseRef(ref, fromFile, reach);
    if ('file' in target && target.file !== fromFile) files.add(target.file);
  };
  // Read back from the parse cache: a tree whose references restoring listed, in the order the walk meets them.
  const refs = writtenRefs(value);
  if (refs !== undefined) {
    for (const ref of refs) add(ref);
    return files;
  }
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (isRefObject(node)) add(node.$ref);
    for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return files;
}

export const WIDEN_ROOT_HINT =
  'the project root is the nearest folder above the contracts holding evc.config.yaml, package.json or .git; ' +
  'to widen it, set EVC_PROJECT_ROOT to a folder that holds both files';

/** Past this depth the resolver stops copying (4× the nesting limit, so the loader's check still sees it). */
const RESOLVE_DEPTH_LIMIT = 4 * MAX_NESTING_DEPTH;
/** The chain of references followed to reach a node, where none was (chains are copied, never changed). */
const NO_CHAIN: readonly string[] = Object.freeze([]);

/** Copies of nodes with no parse info (placeCopy records the written form of all others). */
const written = new WeakMap<object, object>();

/** The object as it was written in its file (its `$ref`s unresolved), for rules about how something was referenced. */
export function writtenNode(resolved: unknown): unknown {
  return typeof resolved === 'object' && resolved !== null
    ? (writtenForm(resolved) ?? written.get(resolved))
    : undefined;
}

/** What a reference names: the raw node, the file it is written in, and the chain of references followed to it. */
type Found = { node: unknown; file: string; chain: string[] };
/** Why a reference names nothing. */
type Unfound = { rule: string; message: string; hint?: string };

/** Resolves references across the files it is given; one instance per registry load. */
export class RefResolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly copies = new Map<object, unknown>();
  private readonly reported = new Set<object>();
  /** What locateFirst found, by target. */
  private readonly located = new Map<string, Found>();
  /** The same, by the target object parseRef gave. */
  private readonly locatedTargets = new Map<RefTarget, Found>();

  constructor(
    private readonly files: ReadonlyMap<string, unknown>,
    private readonly display: (file: string) => string,
    private readonly missingFiles: ReadonlyMap<string, string> = new Map(),
    private readonly reach?: ReferenceReach,
  ) {}

  /** The resolved copy of `node`, which was written in `file`. */
  resolve(node: unknown, file: string): unknown {
    return this.resolveNode(node, file, NO_CHAIN);
  }

  private resolveNode(node: unknown, file: string, chain: readonly string[], depth = 0): unknown {
    if (typeof node !== 'object' || node === null) return node;
    const done = this.copies.get(node);
    if (done !== undefined) return done;
    if (depth > RESOLVE_DEPTH_LIMIT) {
      // Only a chain of references through many files gets here (each file is within the limit):
      // stop copying; the loader's nesting check reports the message this belongs to.
      return node;
    }
    if (isRefObject(node)) return this.follow(node, file, chain, depth);

    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [] : {};
    this.copies.set(node, copy);
    // One placement per copy gives its location, its parse info and its written form.
    if (!placeCopy(node, copy)) written.set(copy, node);
    // A member starts no chain of references: one shared empty chain, and keys rather than [key, value] pairs, since
    // this runs for every node of every document.
    // Scalars (most members) are taken as they are, without a call.
    if (Array.isArray(node)) {
      for (const item of node)
        (copy as unknown[]).push(
          typeof item === 'object' && item !== null ? this.resolveNode(item, file, NO_CHAIN, depth + 1) : item,
        );
    } else {
      const members = node as Record<string, unknown>;
      for (const key of Object.keys(members)) {
        const member = members[key];
        setOwnProperty(
          copy as Record<string, unknown>,
          key,
          typeof member === 'object' && member !== null ? this.resolveNode(member, file, NO_CHAIN, depth + 1) : member,
        );
      }
    }
    return copy;
  }

  private follow(refNode: { $ref: string }, file: string, chain: readonly string[], depth = 0): unknown {
    const ref = refNode.$ref;
    const target = parseRef(ref, file, this.reach);
    if (!('file' in target))
      return this.fail(
        refNode,
        target.kind === 'remote'
          ? 'ref-remote'
          : target.kind === 'outside-root'
            ? 'ref-outside-root'
            : 'ref-unresolved',
        target.reason,
        target.kind === 'outside-root' && this.reach ? WIDEN_ROOT_HINT : undefined,
      );
    const found = chain.length === 0 ? this.locateFirst(target, ref) : this.locate(target, ref, chain);
    if ('rule' in found) return this.fail(refNode, found.rule, found.message, found.hint);
    const resolved = isRefObject(found.node)
      ? this.follow(found.node, found.file, [...found.chain], depth)
      : this.resolveNode(found.node, found.file, NO_CHAIN, depth);
    this.copies.set(refNode, resolved);
    // The first name wins (setSchemaOrigin): a target most references share is named once, not once per reference.
    if (typeof resolved === 'object' && resolved !== null && !schemaOrigin(resolved)?.refName) {
      // The reference's own position only when the target has none (its key positions are read on demand).
      const location = nodeInfo(resolved)?.location ??
        memberLocation(refNode, '$ref') ?? { file: this.display(file), line: 1, column: 1 };
      setSchemaOrigin(resolved, { refName: refName(target), ref, location });
    }
    return resolved;
  }

  /**
   * locate for a reference met while copying (no chain yet). What it finds depends on the target alone, and a
   * registry names the same few targets thousands of times: each is looked up once.
   */
  private locateFirst(target: RefTarget, ref: string): Found | Unfound {
    // parseRef gives one target object per file and reference text: most references are found by it, without a key.
    const same = this.locatedTargets.get(target);
    if (same !== undefined) return same;
    const key = `${target.file}#${target.pointer}`;
    const known = this.located.get(key);
    if (known !== undefined) {
      this.locatedTargets.set(target, known);
      return known;
    }
    const found = this.locate(target, ref, NO_CHAIN);
    // A failure's message quotes the reference as written, which differs between references to one target.
    if ('node' in found) {
      this.located.set(key, found);
      this.locatedTargets.set(target, found);
    }
    return found;
  }

  /**
   * The raw node a reference names and the file it is written in. A reference met partway along
   * the pointer (`#/components/messages/A/payload` where `A` is itself a `$ref`, perhaps to another
   * file) is followed first and the rest of the pointer applies to its target, as JSON Reference
   * resolution requires; every reference followed joins the chain, so cycles end in a diagnostic.
   */
  private locate(target: RefTarget, ref: string, chain: readonly string[]): Found | Unfound {
    const key = `${target.file}#${target.pointer}`;
    if (chain.includes(key)) return this.cycle([...chain, key]);
    const stack = [...chain, key];
    let file = target.file;
    let current = this.files.get(file);
    if (current === undefined) {
      const why = this.missingFiles.get(file) ?? `${this.display(file)} does not exist`;
      return {
        rule: 'ref-unresolved',
        message: `cannot resolve "${ref}": ${why}`,
        hint: 'fix the path (relative to this file) or add the missing file',
      };
    }
    const segments = target.pointer === '' || target.pointer === '/' ? [] : target.pointer.slice(1).split('/');
    for (const raw of segments) {
      // A reference partway along: continue from its target (a chain of them grows the stack, so it ends).
      for (const hops = [...stack]; isRefObject(current);) {
        const next = parseRef(current.$ref, file, this.reach);
        if (!('file' in next)) return { rule: 'ref-unresolved', message: `cannot resolve "${ref}": ${next.reason}` };
        const inner = this.locate(next, current.$ref, hops);
        if ('node' in inner) {
          hops.push(`${next.file}#${next.pointer}`);
          current = inner.node;
          file = inner.file;
        } else if (inner.rule === 'ref-cycle') return inner;
        else return { ...inner, message: inner.message.replace(/^cannot resolve "[^"]*"/, `cannot resolve "${ref}"`) };
      }
      const segment = unescapePointer(raw);
      if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment))
        return {
          rule: 'ref-unresolved',
          message: `cannot resolve "${ref}": ${this.display(target.file)} has nothing at "#${target.pointer}"`,
          hint: 'fix the JSON pointer after "#" (keys are case-sensitive)',
        };
      current = (current as Record<string, unknown>)[segment];
    }
    return { node: current, file, chain: stack };
  }

  private cycle(keys: readonly string[]): { rule: string; message: string; hint: string } {
    const shown = keys.map((k) => {
      const hash = k.indexOf('#');
      return `${this.display(k.slice(0, hash))}#${k.slice(hash + 1)}`;
    });
    return {
      rule: 'ref-cycle',
      message: `reference cycle: ${shown.join(' → ')}`,
      hint: 'make one of the references point at a real schema instead of another reference',
    };
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

/** The name a reference gives its target: the last pointer segment, or the file's base name. */
function refName(target: RefTarget): string {
  const segments = target.pointer.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (last !== undefined) return unescapePointer(last);
  return path.posix.basename(target.file).replace(/\.(ya?ml|json)$/i, '');
}
