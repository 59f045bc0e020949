// Soundness of the Avro compatibility rules, judged by avsc's schema resolution: when a level is
// called compatible, every instance generated from the writer's schema must decode with the
// reader's (BACKWARD: writer = old, reader = new; FORWARD the reverse; FULL both). Pairs are related
// (new = old after a few edits of the kinds issue 14 lists); half go through the contract rules
// with snapshots as `evc check` does, half through the checker alone. A fixed seed keeps it fast and
// repeatable; `npm run fuzz:compat:avro` searches wider.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avroPairArbitrary, describeAvroCounterexample, judgeAvro } from '../../support/avro-pairs.js';
import { SchemaChecker } from '../../../generator/compat/schema-check.js';

describe('the Avro rules are sound', () => {
  it('a level called compatible never fails Avro resolution in a direction it checks (300 related pairs)', () => {
    let skipped = 0;
    let overStrict = 0;
    const checker = new SchemaChecker();
    fc.assert(
      fc.property(avroPairArbitrary, (pair) => {
        const judgement = judgeAvro(pair, checker);
        if (judgement.skipped) skipped++;
        if (judgement.overStrict.length > 0) overStrict++;
        if (judgement.unsound.length > 0) throw new Error(describeAvroCounterexample(pair, judgement));
      }),
      { seed: 20261207, numRuns: 300, endOnFailure: false },
    );
    // Pairs avsc refuses prove nothing, and a checker that calls everything breaking proves nothing
    // either: both must stay rare.
    expect(skipped).toBeLessThan(15);
    expect(overStrict).toBeLessThan(30);
  }, 120_000);
});
