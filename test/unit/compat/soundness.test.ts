// Soundness of `evc check`, judged by ajv (the generated validators' configuration): when a level is
// called compatible, no generated instance may tell the old and new payload schemas apart in a
// direction that level checks. Pairs are related (new = old with a few edits), property names are
// drawn partly from the JSON Schema vocabulary and Object.prototype, and the check runs the path
// `evc check` takes (contracts → loader → contract rules → schema rules; the old side also through
// a released lockfile). A fixed seed keeps it fast and repeatable; `npm run fuzz:compat` searches wider.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Oracle, describeCounterexample, judge, pairArbitrary } from '../../support/schema-pairs.js';

describe('evc check is sound', () => {
  it('a level called compatible never rejects what it promises to accept (200 related pairs)', async () => {
    const oracle = new Oracle();
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(pairArbitrary, async (pair) => {
        const judgement = await judge(pair, oracle);
        if (judgement.skipped) skipped++;
        if (judgement.unsound.length > 0) throw new Error(describeCounterexample(pair, judgement));
      }),
      { seed: 20261206, numRuns: 200, endOnFailure: false },
    );
    // Pairs the loader refuses prove nothing: they must stay rare.
    expect(skipped).toBeLessThan(10);
  }, 120_000); // a few seconds alone; generous for a loaded CI machine
});
