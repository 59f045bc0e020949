// `multipleOf`: the reader's step must divide the writer's (10 → 2 is fine, 2 → 10 is not).

import type { SchemaRule } from '../schema/rule.js';
import { T_FRACTION, T_NUMBER } from '../schema/types.js';
import { keywordChange, show } from '../schema/values.js';

export const id = 'MULTIPLE_OF';
export const description =
  "A reader's multipleOf must divide the writer's; adding one breaks unless every writer value is a multiple.";

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_NUMBER,
  changes: {
    MULTIPLE_OF_ADDED: {
      breaks: 'always',
      what: (v) => keywordChange('multipleOf', v.old, v.new),
      rejects: (v) => `numbers that are not multiples of ${show(v.reader)}`,
      hint: 'round in the producer and leave multipleOf out of the consumer contract',
    },
    MULTIPLE_OF_REMOVED: { breaks: 'never', what: (v) => keywordChange('multipleOf', v.old, v.new) },
    MULTIPLE_OF_REDUCED: { breaks: 'never', what: (v) => keywordChange('multipleOf', v.old, v.new) },
    MULTIPLE_OF_EXPANDED: {
      breaks: 'always',
      what: (v) => keywordChange('multipleOf', v.old, v.new),
      rejects: (v) => `multiples of ${show(v.writer)} that are not multiples of ${show(v.reader)}`,
      hint: 'keep the finer step in the consumer contract',
    },
    MULTIPLE_OF_CHANGED: {
      breaks: 'always',
      what: (v) => keywordChange('multipleOf', v.old, v.new),
      rejects: (v) => `multiples of ${show(v.writer)} that are not multiples of ${show(v.reader)}`,
      hint: 'use a step that divides the old one',
    },
  },
  check(pair, ctx) {
    const w = typeof pair.writer['multipleOf'] === 'number' ? pair.writer['multipleOf'] : undefined;
    const r = typeof pair.reader['multipleOf'] === 'number' ? pair.reader['multipleOf'] : undefined;
    if (w === r) return [];
    const at = { path: ['multipleOf'], writer: w, reader: r };
    if (r === undefined) return [ctx.change('MULTIPLE_OF_REMOVED', at)];
    const numbers = pair.writerValues?.filter((v): v is number => typeof v === 'number');
    if (numbers) {
      const rejected = numbers.filter((n) => !divides(r, n));
      const id = w === undefined ? 'MULTIPLE_OF_ADDED' : divides(r, w) ? 'MULTIPLE_OF_REDUCED' : 'MULTIPLE_OF_CHANGED';
      return [
        ctx.change(id, {
          ...at,
          breaking: rejected.length > 0,
          ...(rejected.length > 0 ? { detail: `rejected values: ${rejected.join(', ')}` } : {}),
        }),
      ];
    }
    if (w === undefined) {
      // Every integer is a multiple of 1 (or of 1/n): harmless for integer writers.
      const integersOnly = (pair.writerTypes & T_FRACTION) === 0;
      return [
        ctx.change('MULTIPLE_OF_ADDED', { ...at, ...(integersOnly && divides(r, 1) ? { breaking: false } : {}) }),
      ];
    }
    if (divides(r, w)) return [ctx.change('MULTIPLE_OF_REDUCED', at)];
    if (divides(w, r)) return [ctx.change('MULTIPLE_OF_EXPANDED', at)];
    return [ctx.change('MULTIPLE_OF_CHANGED', at)];
  },
};

/** Whether `value` is a multiple of `step`, tolerating binary floating point. */
function divides(step: number, value: number): boolean {
  if (step === 0) return false;
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}
