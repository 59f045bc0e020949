// `pattern`: two different regular expressions cannot be proven to accept the same strings, so any
// change of pattern is breaking unless the writer has a finite set of values that all still match.

import type { SchemaRule } from '../schema/rule.js';
import { T_STRING } from '../schema/types.js';
import { keywordChange, show } from '../schema/values.js';

export const id = 'PATTERN';
export const description = 'A reader may drop a pattern, never add or change one.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_STRING,
  changes: {
    PATTERN_ADDED: {
      breaks: 'always',
      what: (v) => keywordChange('pattern', v.old, v.new),
      rejects: (v) => `strings not matching ${show(v.reader)}`,
      hint: 'validate the pattern in the producer and keep the consumer contract without it',
    },
    PATTERN_REMOVED: {
      breaks: 'never',
      what: (v) => keywordChange('pattern', v.old, v.new),
    },
    PATTERN_CHANGED: {
      breaks: 'always',
      what: (v) => keywordChange('pattern', v.old, v.new),
      rejects: (v) => `strings matching ${show(v.writer)} but not ${show(v.reader)}`,
      hint: 'keep the old pattern (or one that provably accepts more, e.g. an alternation with the old one)',
    },
  },
  check(pair, ctx) {
    const w = typeof pair.writer['pattern'] === 'string' ? pair.writer['pattern'] : undefined;
    const r = typeof pair.reader['pattern'] === 'string' ? pair.reader['pattern'] : undefined;
    if (w === r) return [];
    if (r === undefined) return [ctx.change('PATTERN_REMOVED', { path: ['pattern'], writer: w, reader: r })];
    const id = w === undefined ? 'PATTERN_ADDED' : 'PATTERN_CHANGED';
    const values = pair.writerValues?.filter((v): v is string => typeof v === 'string');
    if (values) {
      const regex = compile(r);
      if (regex) {
        const rejected = values.filter((v) => !regex.test(v));
        return [
          ctx.change(id, {
            path: ['pattern'],
            writer: w,
            reader: r,
            breaking: rejected.length > 0,
            detail:
              rejected.length > 0
                ? `rejected values: ${rejected.map((x) => show(x)).join(', ')}`
                : 'every allowed value still matches',
          }),
        ];
      }
    }
    return [ctx.change(id, { path: ['pattern'], writer: w, reader: r })];
  },
};

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
