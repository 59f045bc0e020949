// The nesting depth after `$ref`s are followed: the recursive measure gives exactly what the iterative one it
// replaced gave, on graphs with shared and cyclic objects, with and without a cut-off low enough to trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../../generator/load/nesting-limit.js';
import { linkedGraph } from '../../support/linked-graphs.js';

/** The measure as it was written before it recursed: an explicit stack of frames, a children list per node. */
function framesDepth(root: unknown, stopAbove: number): number {
  if (typeof root !== 'object' || root === null) return 0;
  const depth = new Map<object, number>();
  const onPath = new Set<object>();
  const frames: { node: object; children: object[]; next: number; best: number }[] = [];
  const enter = (node: object): void => {
    onPath.add(node);
    const children = Object.values(node).filter((v): v is object => typeof v === 'object' && v !== null);
    frames.push({ node, children, next: 0, best: 0 });
  };
  enter(root);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frames.length > stopAbove) return frames.length;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!;
      const known = depth.get(child);
      if (known !== undefined) frame.best = Math.max(frame.best, known);
      else if (!onPath.has(child)) enter(child);
      continue;
    }
    frames.pop();
    onPath.delete(frame.node);
    const total = frame.best + 1;
    depth.set(frame.node, total);
    if (total > stopAbove) return total;
    const parent = frames[frames.length - 1];
    if (parent) parent.best = Math.max(parent.best, total);
  }
  return depth.get(root) ?? 1;
}

/** A tree of objects and arrays plus links that make some of them shared or cyclic. */
const graph = linkedGraph(['a', 'b', 'c', 'items', 'allOf'], ['a', 'b', 'z']);

describe('nestingDepth', () => {
  it('agrees with the frame-stack measure on shared and cyclic graphs, whatever the cut-off', () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 0, max: 8 }), (root, stopAbove) => {
        expect(nestingDepth(root, stopAbove)).toBe(framesDepth(root, stopAbove));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a chain past the default limit without overflowing the stack', () => {
    let chain: unknown = {};
    for (let i = 0; i < 100_000; i++) chain = { next: chain };
    expect(nestingDepth(chain)).toBe(framesDepth(chain, 256));
    expect(nestingDepth(chain)).toBe(257);
  });

  it('measures a shallow schema exactly', () => {
    expect(nestingDepth({ type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } })).toBe(4);
    expect(nestingDepth('scalar')).toBe(0);
  });
});
