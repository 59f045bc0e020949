// Recursion that never moves into the instance: a schema that reaches itself through keywords that
// apply to the same value (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, dependent
// schemas), e.g. `D = anyOf [integer, D]`. A validator applies such a schema to one value without
// end (ajv's code recurses until the stack overflows), so what it accepts is not defined. Recursion
// through a property, an item or a property name moves one level into the value and terminates.
// Read by the lint rule that refuses such schemas and by the compatibility checker ("cannot judge").

import type { JsonSchema } from './registry.js';

/** Keywords whose subschemas apply to the value the schema itself applies to. */
const IN_PLACE_SINGLE = ['not', 'if', 'then', 'else'] as const;
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const IN_PLACE_MAPS = ['dependentSchemas', 'dependencies'] as const;

/** One step from a schema to a subschema applied to the same value: `node[keyword]` or `node[keyword][member]`. */
export interface InPlaceEdge {
  readonly keyword: string;
  /** Index in a list, or name in a map; absent for a single subschema. */
  readonly member?: string;
  /** The object holding the subschema (the list or map for members), for source locations. */
  readonly container: object;
  readonly target: object;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The subschemas of `node` that apply to the same value (objects only: `true`/`false` end recursion). */
export function inPlaceEdges(node: object): InPlaceEdge[] {
  if (!isObject(node)) return [];
  const edges: InPlaceEdge[] = [];
  for (const keyword of IN_PLACE_SINGLE) {
    const sub = node[keyword];
    if (isObject(sub)) edges.push({ keyword, container: node, target: sub });
  }
  for (const keyword of IN_PLACE_LISTS) {
    const list = node[keyword];
    if (Array.isArray(list))
      list.forEach((sub, i) => {
        if (isObject(sub)) edges.push({ keyword, member: String(i), container: list, target: sub });
      });
  }
  for (const keyword of IN_PLACE_MAPS) {
    const map = node[keyword];
    if (!isObject(map)) continue;
    // Names are data; draft-07 `dependencies` may hold lists of names, which are not schemas.
    for (const name of Object.keys(map)) {
      const sub = map[name];
      if (isObject(sub)) edges.push({ keyword, member: name, container: map, target: sub });
    }
  }
  return edges;
}

const verdicts = new WeakMap<object, boolean>();
const IN_PLACE_KEYWORDS: readonly string[] = [...IN_PLACE_SINGLE, ...IN_PLACE_LISTS, ...IN_PLACE_MAPS];

/** Whether `node` has any in-place keyword (a plain loop: this runs for every node lint visits). */
function hasInPlaceKeyword(node: Record<string, unknown>): boolean {
  for (let i = 0; i < IN_PLACE_KEYWORDS.length; i++) if (node[IN_PLACE_KEYWORDS[i]!] !== undefined) return true;
  return false;
}

/**
 * Whether applying `schema` to a value may recurse without end: the schema lies on, or reaches, a
 * cycle of in-place subschemas. Memoized per node (schema graphs are immutable once loaded).
 */
export function recursesInPlace(schema: JsonSchema | object | undefined): boolean {
  if (!isObject(schema)) return false;
  // Most schema nodes have no in-place subschema at all, so cannot recurse in place: answered without the search
  // (and without a memo entry), since lint asks this of every node of every message.
  if (!hasInPlaceKeyword(schema)) return false;
  const known = verdicts.get(schema);
  if (known !== undefined) return known;
  // Tarjan's strongly connected components over in-place edges; a component is bad when it has a
  // cycle (more than one node, or an edge to itself) or reaches a bad component. Iterative, so a
  // long chain of definitions cannot overflow the stack.
  const index = new Map<object, number>();
  const low = new Map<object, number>();
  const stack: object[] = [];
  const onStack = new Set<object>();
  type Frame = { node: object; edges: InPlaceEdge[]; next: number; bad: boolean };
  const frames: Frame[] = [];
  const open = (node: object): void => {
    index.set(node, index.size);
    low.set(node, index.size - 1);
    stack.push(node);
    onStack.add(node);
    frames.push({ node, edges: inPlaceEdges(node), next: 0, bad: false });
  };
  open(schema);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    if (frame.next < frame.edges.length) {
      const target = (frame.edges[frame.next++] as InPlaceEdge).target;
      if (target === frame.node) frame.bad = true;
      const done = verdicts.get(target);
      if (done !== undefined) frame.bad ||= done;
      else if (!index.has(target)) open(target);
      else if (onStack.has(target)) {
        low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        frame.bad = true; // a cycle through `target`
      }
      continue;
    }
    frames.pop();
    const parent = frames[frames.length - 1];
    const nodeLow = low.get(frame.node) as number;
    if (nodeLow === index.get(frame.node)) {
      // Root of a component: every member shares the verdict of the component.
      const members: object[] = [];
      for (;;) {
        const member = stack.pop() as object;
        onStack.delete(member);
        members.push(member);
        if (member === frame.node) break;
      }
      const bad = frame.bad || members.length > 1;
      for (const m of members) verdicts.set(m, bad);
      if (parent) parent.bad ||= bad;
    } else if (parent) {
      // Still inside the parent's component: the parent learns the lower link and what was found.
      low.set(parent.node, Math.min(low.get(parent.node) as number, nodeLow));
      parent.bad ||= frame.bad;
    }
  }
  return verdicts.get(schema) ?? false;
}

/**
 * The in-place edges of `schema`'s graph (everything reachable from it, through any keyword) that
 * close a cycle, each once: where to point a diagnostic. Paths are JSON-pointer-like, from `path`.
 */
export function unguardedRecursionEdges(
  nodes: Iterable<{ node: object; path: string }>,
): { edge: InPlaceEdge; path: string }[] {
  const found: { edge: InPlaceEdge; path: string }[] = [];
  const finished = new Set<object>();
  const active = new Set<object>();
  const visit = (node: object, path: string): void => {
    if (finished.has(node)) return;
    active.add(node);
    for (const edge of inPlaceEdges(node)) {
      const at = `${path}/${edge.keyword}${edge.member !== undefined ? `/${edge.member}` : ''}`;
      if (active.has(edge.target)) found.push({ edge, path: at });
      else if (!finished.has(edge.target) && recursesInPlace(edge.target)) visit(edge.target, at);
    }
    active.delete(node);
    finished.add(node);
  };
  for (const { node, path } of nodes) if (recursesInPlace(node)) visit(node, path);
  return found;
}
