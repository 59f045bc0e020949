// Source locations of schema nodes and keywords, for `file:line` in reports and GitHub annotations
// on the changed line. The loader records a position for every parsed node and member.

import { locationOf, memberLocationOf, type SourceLocation } from '../model/registry.js';

/** The location of `node`, or of the member reached by `segments` below it when recorded. */
export function locateInSchema(node: unknown, segments: readonly string[]): SourceLocation | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  let current: unknown = node;
  let best = locationOf(node);
  for (const segment of segments) {
    best = memberLocationOf(current, segment) ?? best;
    if (typeof current !== 'object' || current === null) break;
    current = (current as Record<string, unknown>)[segment];
  }
  return best;
}
