// Big soundness search for `evc check`: `npm run fuzz:compat -- --pairs 20000 --seed N`.
// Generates related schema pairs (test/support/schema-pairs.ts), checks each through the path
// `evc check` takes, and judges the verdicts with ajv. Prints unsound verdicts (a level called
// compatible although an instance accepted by one side is rejected by the other) and over-strict
// ones (called breaking, but no generated instance tells the schemas apart) separately, the
// over-strict ones grouped by the change ids that made them breaking; then the first unsound
// pair shrunk to its smallest form. Exit 1 when any verdict is unsound.

import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { Oracle, describeCounterexample, judge, pairsThrough } from '../test/support/schema-pairs.js';

// Most pairs go straight into the schema checker (the entry point the contract rules call); one
// in eight through the loader and one in eight through a released lockfile, which cost 3× as much.
const pairArbitrary = pairsThrough([
  'schemas',
  'schemas',
  'schemas',
  'schemas',
  'schemas',
  'schemas',
  'contracts',
  'lockfile',
]);

const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '20000' }, seed: { type: 'string', default: '0' } },
});
const pairs = Number(values.pairs);
const seed = Number(values.seed);
if (!Number.isInteger(pairs) || pairs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz:compat -- --pairs <n> --seed <integer>');
  process.exit(2);
}

const oracle = new Oracle();
const started = performance.now();
let unsound = 0;
let overStrict = 0;
let skipped = 0;
const overStrictBy = new Map<string, number>();
/** Over-strict pairs per breaking change id, direction left out (a pair counts once for each id). */
const overStrictById = new Map<string, number>();
const skippedBy = new Map<string, number>();
let index = 0;
for (const pair of fc.sample(pairArbitrary, { seed, numRuns: pairs })) {
  index++;
  const judgement = await judge(pair, oracle);
  if (judgement.skipped) {
    skipped++;
    const reason = judgement.skipped.slice(0, 100);
    skippedBy.set(reason, (skippedBy.get(reason) ?? 0) + 1);
  }
  if (judgement.unsound.length > 0) unsound++;
  if (judgement.overStrict.length > 0) {
    overStrict++;
    const ids = [...new Set(judgement.overStrict.flatMap((o) => o.ids.map((id) => id.replace(/@.*$/, ''))))].sort();
    const key = ids.join(' ') || '(no breaking id)';
    overStrictBy.set(key, (overStrictBy.get(key) ?? 0) + 1);
    for (const id of new Set(ids.map((i) => i.replace(/^\w*:/, '').replace(/!$/, ''))))
      overStrictById.set(id, (overStrictById.get(id) ?? 0) + 1);
  }
  if (index % 1000 === 0)
    console.error(`  ${index}/${pairs} pairs, ${unsound} unsound, ${overStrict} over-strict, ${skipped} skipped`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`seed ${seed}: ${pairs} pairs in ${seconds.toFixed(1)} s`);
console.log(`  unsound verdicts (pairs): ${unsound}`);
console.log(
  `  over-strict verdicts (pairs called breaking at some level with no instance telling them apart): ${overStrict}`,
);
console.log(`  skipped (the loader refused a side): ${skipped}`);
for (const [reason, n] of [...skippedBy].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${n}× ${reason}`);
if (overStrict > 0) {
  console.log('  over-strict pairs by the breaking change ids reported:');
  for (const [ids, n] of [...overStrictBy].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${n}× ${ids}`);
  console.log('  over-strict pairs per change id (a pair counts once for each id it reports):');
  for (const [id, n] of [...overStrictById].sort((a, b) => b[1] - a[1])) console.log(`    ${n}× ${id}`);
}
if (unsound > 0) {
  const result = await fc.check(
    fc.asyncProperty(pairArbitrary, async (pair) => {
      const judgement = await judge(pair, oracle);
      if (judgement.unsound.length > 0) throw new Error(describeCounterexample(pair, judgement));
    }),
    { seed, numRuns: pairs },
  );
  if (result.failed) {
    console.log(`first unsound pair, shrunk (${result.numShrinks} shrinks):`);
    console.log(String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance));
  }
  process.exit(1);
}
