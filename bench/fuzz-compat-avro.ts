// Big soundness search for the Avro compatibility rules: `npm run fuzz:compat:avro -- --pairs 20000 --seed N`.
// Generates related Avro schema pairs (test/support/avro-pairs.ts), checks each through the checker
// or the contract rules, and judges the verdicts with avsc's schema resolution on instances
// generated from the writer's schema. Prints unsound verdicts (a level called compatible although
// avsc cannot read some writer instance in a direction it checks) and over-strict ones (called
// breaking although avsc resolves and reads everything), the latter grouped by the breaking change
// ids; then the first unsound pair shrunk to its smallest form. Exit 1 when any verdict is unsound.

import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { SchemaChecker } from '../generator/compat/schema-check.js';
import { avroPairArbitrary, describeAvroCounterexample, judgeAvro } from '../test/support/avro-pairs.js';

const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '20000' }, seed: { type: 'string', default: '0' } },
});
const pairs = Number(values.pairs);
const seed = Number(values.seed);
if (!Number.isInteger(pairs) || pairs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz:compat:avro -- --pairs <n> --seed <integer>');
  process.exit(2);
}

const checker = new SchemaChecker();
const started = performance.now();
let unsound = 0;
let overStrict = 0;
let skipped = 0;
let compatibleSomewhere = 0;
let breakingSomewhere = 0;
const overStrictBy = new Map<string, number>();
const skippedBy = new Map<string, number>();
let index = 0;
for (const pair of fc.sample(avroPairArbitrary, { seed, numRuns: pairs })) {
  index++;
  const judgement = judgeAvro(pair, checker);
  if (judgement.skipped) {
    skipped++;
    const reason = judgement.skipped.slice(0, 100);
    skippedBy.set(reason, (skippedBy.get(reason) ?? 0) + 1);
    continue;
  }
  if (judgement.unsound.length > 0) unsound++;
  if (judgement.overStrict.length > 0) {
    overStrict++;
    const ids = [...new Set(judgement.overStrict.flatMap((o) => o.ids))].sort();
    const key = ids.join(' ') || '(no breaking id)';
    overStrictBy.set(key, (overStrictBy.get(key) ?? 0) + 1);
  }
  if (judgement.verdicts.some((v) => v)) compatibleSomewhere++;
  if (judgement.verdicts.some((v) => !v)) breakingSomewhere++;
  if (index % 1000 === 0)
    console.error(`  ${index}/${pairs} pairs, ${unsound} unsound, ${overStrict} over-strict, ${skipped} skipped`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`seed ${seed}: ${pairs} Avro pairs in ${seconds.toFixed(1)} s`);
console.log(
  `  pairs called compatible at some level: ${compatibleSomewhere}; breaking at some level: ${breakingSomewhere}`,
);
console.log(`  unsound verdicts (pairs): ${unsound}`);
console.log(`  over-strict verdicts (pairs called breaking at some level that avsc resolves and reads): ${overStrict}`);
console.log(`  skipped (avsc refused a generated schema): ${skipped}`);
for (const [reason, n] of [...skippedBy].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${n}× ${reason}`);
if (overStrict > 0) {
  console.log('  over-strict pairs by the breaking change ids reported:');
  for (const [ids, n] of [...overStrictBy].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${n}× ${ids}`);
}
if (unsound > 0) {
  const result = fc.check(
    fc.property(avroPairArbitrary, (pair) => {
      const judgement = judgeAvro(pair, checker);
      if (judgement.unsound.length > 0) throw new Error(describeAvroCounterexample(pair, judgement));
    }),
    { seed, numRuns: pairs },
  );
  if (result.failed) {
    console.log(`first unsound pair, shrunk (${result.numShrinks} shrinks):`);
    console.log(String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance));
  }
  process.exit(1);
}
