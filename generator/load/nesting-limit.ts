// The nesting limit after `$ref`s are followed: files are each checked while parsing, but a chain
// of references can stack shallow files into a schema deeper than any of them. Every later stage
// (lint walkers, emitters, ajv, compatibility, the lockfile's YAML) recurses over schemas, so a
// message deeper than the limit is reported and left out of the model instead of reaching them.
import { MAX_NESTING_DEPTH } from './parse-file.js';

/**
 * The number of nested objects/arrays on the longest path from `root` (a cycle counts once), or the first
 * count found above `stopAbove`. The loader asks this of every message's payload, key and headers, so the walk
 * allocates nothing per node but its memo entry. It recurses, at most `stopAbove + 1` calls deep: a hostile
 * graph is cut off there, so it cannot overflow the stack (the limit is a few hundred).
 */
export function nestingDepth(root: unknown, stopAbove = MAX_NESTING_DEPTH): number {
  if (typeof root !== 'object' || root === null) return 0;
  // A node's depth once measured; ON_PATH while it is being measured (one table, one lookup per member).
  const depth = new Map<object, number>();
  /** Set to the answer once a count above `stopAbove` is found: every open call then returns at once. */
  let over = 0;
  // The depth of `node`, entered as the `level`th object on the path; 0 once `over` is set.
  const measure = (node: object, level: number): number => {
    if (level > stopAbove) {
      over = level;
      return 0;
    }
    depth.set(node, ON_PATH);
    let best = 0;
    const members = node as Record<string, unknown>;
    for (const key of Object.keys(members)) {
      const child = members[key];
      if (typeof child !== 'object' || child === null) continue;
      const known = depth.get(child);
      if (known === undefined) {
        const below = measure(child, level + 1);
        if (over !== 0) return 0;
        if (below > best) best = below;
      } else if (known > best) best = known;
    }
    const total = best + 1;
    depth.set(node, total);
    if (total > stopAbove) over = total;
    return total;
  };
  const total = measure(root, 1);
  return over !== 0 ? over : total;
}

/** The mark of a node on the path being measured: a cycle back to it counts once (as 0, never above `best`). */
const ON_PATH = -1;
