// Builds the rules for numeric bounds that only ever tighten in one direction (maxLength, minItems,
// maxProperties...): a reader may raise an upper bound or lower a lower bound, never the reverse.

import type { ChangeType, SchemaDifference, SchemaRule } from '../schema/rule.js';
import { keywordChange, show } from '../schema/values.js';

export interface BoundSpec {
  readonly id: string;
  readonly keyword: string;
  readonly kind: 'lower' | 'upper';
  readonly appliesToTypes: number;
  /** What the bound measures, for messages: "characters", "items", "properties". */
  readonly unit: string;
  readonly description: string;
  /** Prefix of the change ids, e.g. `MAX_LENGTH` → `MAX_LENGTH_ADDED`, `_REMOVED`, `_INCREASED`, `_DECREASED`. */
  readonly changePrefix: string;
  /** Size of a writer value (e.g. string length) to check `enum`/`const` writers value by value. */
  readonly measure?: (value: unknown) => number | undefined;
}

export function boundRule(spec: BoundSpec): SchemaRule {
  const { keyword, kind, unit } = spec;
  const tighter = kind === 'upper' ? 'DECREASED' : 'INCREASED';
  const looser = kind === 'upper' ? 'INCREASED' : 'DECREASED';
  const beyond = (limit: unknown): string =>
    kind === 'upper' ? `more than ${show(limit)} ${unit}` : `fewer than ${show(limit)} ${unit}`;
  const changes: Record<string, ChangeType> = {
    [`${spec.changePrefix}_ADDED`]: {
      breaks: 'always',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => `values with ${beyond(v.reader)}`,
      hint: `leave ${keyword} out of the consumer's contract and enforce the limit in the producer, or add it in a new message version`,
    },
    [`${spec.changePrefix}_REMOVED`]: {
      breaks: 'never',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => `values with ${beyond(v.writer)}`,
    },
    [`${spec.changePrefix}_${tighter}`]: {
      breaks: 'always',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => `values with ${beyond(v.reader)} (the writer allows up to ${show(v.writer)})`,
      hint: `keep ${keyword} where it was and enforce the stricter limit in the producer only`,
    },
    [`${spec.changePrefix}_${looser}`]: {
      breaks: 'never',
      what: (v) => keywordChange(keyword, v.old, v.new),
      rejects: (v) => `values with ${beyond(v.writer)} (the reader still allows up to ${show(v.reader)})`,
    },
  };

  return {
    id: spec.id,
    description: spec.description,
    changes,
    appliesToTypes: spec.appliesToTypes,
    check(pair, ctx) {
      const w = numberOrUndefined(pair.writer[keyword]);
      const r = numberOrUndefined(pair.reader[keyword]);
      if (w === r) return [];
      const at = { path: [keyword], writer: w, reader: r };
      // A writer with a finite set of values is compatible exactly when every value still fits.
      let breakingOverride: boolean | undefined;
      let detail: string | undefined;
      if (pair.writerValues && spec.measure && r !== undefined) {
        const rejected = pair.writerValues.filter((value) => {
          const size = spec.measure?.(value);
          return size !== undefined && (kind === 'upper' ? size > r : size < r);
        });
        breakingOverride = rejected.length > 0;
        detail =
          rejected.length > 0
            ? `rejected values: ${rejected.map((x) => show(x)).join(', ')}`
            : 'every allowed value still fits';
      }
      const trivialLower = kind === 'lower' && r !== undefined && r <= 0;
      let id: string;
      if (r === undefined) id = `${spec.changePrefix}_REMOVED`;
      else if (w === undefined) id = `${spec.changePrefix}_ADDED`;
      else
        id = (kind === 'upper' ? r < w : r > w) ? `${spec.changePrefix}_${tighter}` : `${spec.changePrefix}_${looser}`;
      const out: SchemaDifference = ctx.change(id, {
        ...at,
        ...(detail ? { detail } : {}),
        ...(breakingOverride !== undefined ? { breaking: breakingOverride } : trivialLower ? { breaking: false } : {}),
      });
      return [out];
    },
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringLength(value: unknown): number | undefined {
  return typeof value === 'string' ? [...value].length : undefined;
}
