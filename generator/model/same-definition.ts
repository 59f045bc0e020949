// Whether two resolved definitions say the same thing (a message written out twice, identically):
// structural equality over the cyclic graphs the loader builds, ignoring parser-added `x-parser-*`.

export function sameDefinition(a: unknown, b: unknown): boolean {
  const assumed = new Map<object, Set<object>>();
  // Iterative, so a deep schema cannot overflow the stack; a pair met again is assumed equal
  // (the standard co-inductive check for cyclic graphs).
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const seen = assumed.get(x) ?? new Set<object>();
    if (seen.has(y)) continue;
    seen.add(y);
    assumed.set(x, seen);
    const keys = (o: object): string[] => Object.keys(o).filter((k) => !k.startsWith('x-parser-'));
    const xs = keys(x);
    const ys = keys(y);
    if (xs.length !== ys.length) return false;
    for (const key of xs) {
      if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
      pending.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}
