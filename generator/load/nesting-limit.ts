// The nesting limit after `$ref`s are followed: files are each checked while parsing, but a chain
// of references can stack shallow files into a schema deeper than any of them. Every later stage
// (lint walkers, emitters, ajv, compatibility, the lockfile's YAML) recurses over schemas, so a
// message deeper than the limit is reported and left out of the model instead of reaching them.
import { MAX_NESTING_DEPTH } from './parse-file.js';

/** The number of nested objects/arrays on the longest path from `root` (a cycle counts once). */
export function nestingDepth(root: unknown, stopAbove = MAX_NESTING_DEPTH): number {
  if (typeof root !== 'object' || root === null) return 0;
  const depth = new Map<object, number>();
  const onPath = new Set<object>();
  // Iterative post-order, so measuring a hostile graph cannot overflow the stack itself.
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
