// Soundness of `evc check`, judged by ajv (the generated validators' configuration): when a level is
// called compatible, no generated instance may tell the old and new payload schemas apart in a
// direction that level checks. Pairs are related (new = old with a few edits), property names are
// drawn partly from the JSON Schema vocabulary and Object.prototype, and the check runs the path
// `evc check` takes (contracts → loader → contract rules → schema rules; the old side also through
// a released lockfile). A fixed seed keeps it fast and repeatable; `npm run fuzz:compat` searches wider.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Oracle,
  describeCounterexample,
  inPlaceRecursionWorldArbitrary,
  judge,
  observedDefaultsWorldArbitrary,
  pairArbitrary,
  pairsThrough,
  type PairCase,
} from '../../support/schema-pairs.js';

/** Fails with the shrunk counterexample when any pair is called compatible unsoundly; returns how many were skipped. */
async function assertSound(
  pairs: fc.Arbitrary<PairCase>,
  seed: number,
  numRuns: number,
  instances?: number,
): Promise<number> {
  const oracle = new Oracle();
  let skipped = 0;
  await fc.assert(
    fc.asyncProperty(pairs, async (pair) => {
      const judgement = await judge(pair, oracle, instances);
      if (judgement.skipped) skipped++;
      if (judgement.unsound.length > 0) throw new Error(describeCounterexample(pair, judgement));
    }),
    { seed, numRuns, endOnFailure: false },
  );
  return skipped;
}

describe('evc check is sound', () => {
  it('a level called compatible never rejects what it promises to accept (200 related pairs)', async () => {
    // Pairs the loader refuses prove nothing: they must stay rare.
    expect(await assertSound(pairArbitrary, 20261206, 200)).toBeLessThan(10);
  }, 120_000); // a few seconds alone; generous for a loaded CI machine

  it('defaults the validators fill in are judged where something observes them (150 pairs)', async () => {
    const pairs = pairsThrough(['schemas', 'schemas', 'contracts'], observedDefaultsWorldArbitrary);
    expect(await assertSound(pairs, 20261207, 150)).toBeLessThan(5);
  }, 120_000);

  it('recursion that never moves into the value is never called compatible unsoundly (30 pairs)', async () => {
    // Straight into the checker: the proposed contracts would be refused by lint (recursion-in-place).
    // Few pairs and instances: ajv's own validators overflow the stack on these schemas, which is slow.
    await assertSound(pairsThrough(['schemas'], inPlaceRecursionWorldArbitrary), 20261207, 30, 6);
  }, 120_000);
});
