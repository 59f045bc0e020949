// Builds the rules for number ranges. `minimum` and `exclusiveMinimum` (and the maximum pair) are
// two ways of writing one bound, so the verdict compares the effective bounds, while the reported
// change ids say which keyword changed (Confluent: MINIMUM_*, EXCLUSIVE_MINIMUM_*, ...).

import type { SchemaObject } from '../../model/registry.js';
import type { ChangeType, SchemaDifference, SchemaRule } from '../schema/rule.js';
import { isBreaking } from '../schema/rule.js';
import { T_FRACTION, T_NUMBER } from '../schema/types.js';
import { keywordChange, show } from '../schema/values.js';

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

export function numericBoundRule(kind: 'lower' | 'upper'): SchemaRule {
  const plain = kind === 'lower' ? 'minimum' : 'maximum';
  const exclusiveKw = kind === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const tight = kind === 'lower' ? 'INCREASED' : 'DECREASED';
  const loose = kind === 'lower' ? 'DECREASED' : 'INCREASED';
  const outside = (v: unknown, exclusive: boolean): string =>
    kind === 'lower'
      ? `numbers ${exclusive ? 'up to' : 'below'} ${show(v)}`
      : `numbers ${exclusive ? 'from' : 'above'} ${show(v)}`;
  const changes: Record<string, ChangeType> = {};
  for (const [keyword, prefix, exclusive] of [
    [plain, plain.toUpperCase(), false],
    [exclusiveKw, `EXCLUSIVE_${plain.toUpperCase()}`, true],
  ] as const) {
    changes[`${prefix}_ADDED`] = {
      breaks: 'always',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => outside(v.reader, exclusive),
      hint: `leave ${keyword} out of the consumer contract and enforce it in the producer`,
    };
    changes[`${prefix}_REMOVED`] = { breaks: 'never', what: (v) => keywordChange(keyword, v.old, v.new) };
    changes[`${prefix}_${tight}`] = {
      breaks: 'always',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => `${outside(v.reader, exclusive)} that the writer allows`,
      hint: `keep ${keyword} at its old value and enforce the narrower range in the producer`,
    };
    changes[`${prefix}_${loose}`] = { breaks: 'never', what: (v) => keywordChange(keyword, v.old, v.new) };
  }

  const boundOf = (schema: SchemaObject): Bound | undefined => {
    let bound: Bound | undefined;
    const consider = (candidate: Bound): void => {
      if (!bound) bound = candidate;
      else if (kind === 'lower' ? candidate.value > bound.value : candidate.value < bound.value) bound = candidate;
      else if (candidate.value === bound.value && candidate.exclusive) bound = candidate;
    };
    const p = schema[plain];
    const e = schema[exclusiveKw];
    if (typeof p === 'number') consider({ value: p, exclusive: e === true }); // draft-04 boolean form
    if (typeof e === 'number') consider({ value: e, exclusive: true });
    return bound;
  };

  /** Whether the reader's bound admits everything the writer's does. */
  const admits = (reader: Bound | undefined, writer: Bound | undefined, integersOnly: boolean): boolean => {
    if (!reader) return true;
    if (!writer) return false;
    if (integersOnly) {
      const toInt = (b: Bound): number =>
        kind === 'lower'
          ? b.exclusive
            ? Math.floor(b.value) + 1
            : Math.ceil(b.value)
          : b.exclusive
            ? Math.ceil(b.value) - 1
            : Math.floor(b.value);
      return kind === 'lower' ? toInt(reader) <= toInt(writer) : toInt(reader) >= toInt(writer);
    }
    if (reader.value !== writer.value)
      return kind === 'lower' ? reader.value < writer.value : reader.value > writer.value;
    return !reader.exclusive || writer.exclusive;
  };

  const inside = (bound: Bound, value: number): boolean =>
    kind === 'lower'
      ? bound.exclusive
        ? value > bound.value
        : value >= bound.value
      : bound.exclusive
        ? value < bound.value
        : value <= bound.value;

  return {
    id: plain.toUpperCase(),
    description:
      kind === 'lower'
        ? 'A reader may lower or drop minimum/exclusiveMinimum, never raise or add them.'
        : 'A reader may raise or drop maximum/exclusiveMaximum, never lower or add them.',
    appliesToTypes: T_NUMBER,
    changes,
    check(pair, ctx) {
      const found: SchemaDifference[] = [];
      const readerBound = boundOf(pair.reader);
      const writerBound = boundOf(pair.writer);
      let compatible: boolean;
      let detail: string | undefined;
      const numbers = pair.writerValues?.filter((v): v is number => typeof v === 'number');
      if (numbers) {
        const rejected = readerBound ? numbers.filter((n) => !inside(readerBound, n)) : [];
        compatible = rejected.length === 0;
        if (!compatible) detail = `rejected values: ${rejected.join(', ')}`;
      } else {
        compatible = admits(readerBound, writerBound, (pair.writerTypes & T_FRACTION) === 0);
      }
      for (const [keyword, prefix] of [
        [plain, plain.toUpperCase()],
        [exclusiveKw, `EXCLUSIVE_${plain.toUpperCase()}`],
      ] as const) {
        const w = pair.writer[keyword];
        const r = pair.reader[keyword];
        if (w === r) continue;
        const wn = typeof w === 'number' ? w : w === true ? 0 : undefined;
        const rn = typeof r === 'number' ? r : r === true ? 0 : undefined;
        let id: string;
        if (rn === undefined) id = `${prefix}_REMOVED`;
        else if (wn === undefined) id = `${prefix}_ADDED`;
        else if (rn === wn) continue;
        else id = (kind === 'lower' ? rn > wn : rn < wn) ? `${prefix}_${tight}` : `${prefix}_${loose}`;
        const catalogBreaking = isBreaking(changes[id]?.breaks ?? 'always', ctx.mode);
        found.push(
          ctx.change(id, {
            path: [keyword],
            writer: w,
            reader: r,
            breaking: !compatible && catalogBreaking,
            ...(detail ? { detail } : {}),
          }),
        );
      }
      if (!compatible && found.length > 0 && !found.some((d) => d.breaking)) {
        return found.map((d) => ({ ...d, breaking: true }));
      }
      return found;
    },
  };
}
