// `oneOf`/`anyOf` unions. Branches are matched structurally, never by position: every alternative
// the writer may produce must be accepted by some branch of the reader (each branch merged with the
// keywords beside the union). The reader may add branches (SUM_TYPE_EXTENDED), never lose one the
// writer still uses (SUM_TYPE_NARROWED). anyOf → oneOf breaks values that match several branches.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { finiteValues } from '../schema/compare.js';
import { deepEqual } from '../schema/graph.js';
import { flatten, unionOf } from '../schema/merge.js';
import { T_OBJECT, declaredTypes, typeOfValue } from '../schema/types.js';
import { propertiesOf, requiredOf } from './content-model.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';

export const id = 'COMBINED_TYPE';
export const description =
  'Union branches are matched structurally: the reader may add oneOf/anyOf branches, never drop one the writer can produce.';

const branches = (v: { subject?: string }): string => v.subject ?? 'a branch';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    SUM_TYPE_EXTENDED: {
      breaks: 'never',
      what: (v) =>
        `union ${v.old === undefined || (v.new as number) > (v.old as number) ? 'gained' : 'lost'} ${branches(v)}`,
    },
    SUM_TYPE_NARROWED: {
      breaks: 'always',
      what: (v) => `union no longer accepts ${branches(v)}`,
      rejects: (v) => `values of ${branches(v)}`,
      hint: 'keep the branch in the union until no producer or stored record uses it; add new branches beside old ones',
    },
    COMBINED_TYPE_SUBSCHEMAS_CHANGED: {
      breaks: 'always',
      what: (v) => `${branches(v)} of the union changed so that no branch accepts its old values`,
      rejects: (v) => `values of ${branches(v)}`,
      hint: 'change union branches compatibly, or add the new shape as an extra branch',
    },
    COMBINED_TYPE_EXTENDED: {
      breaks: 'never',
      what: (v) => `combinator changed from ${String(v.old)} to ${String(v.new)}`,
    },
    ONE_OF_BRANCHES_OVERLAP: {
      breaks: 'always',
      what: (v) =>
        v.old !== undefined && v.new !== undefined
          ? `${branches(v)} may accept the same values as another branch of the oneOf`
          : `oneOf ${v.new === undefined ? 'lost' : 'gained'} ${branches(v)}, which may accept the same values as another branch`,
      rejects: (v) =>
        `values that now match both ${branches(v)} and the branch they matched before (oneOf requires exactly one)`,
      hint: 'make the new branch provably exclusive (a different type, or a `const` discriminator on a required property), or use anyOf',
    },
    COMBINED_TYPE_CHANGED: {
      breaks: 'always',
      what: (v) => `combinator changed from ${String(v.old)} to ${String(v.new)}`,
      rejects: () => 'values that match more than one branch',
      hint: 'keep anyOf, or make the branches mutually exclusive first',
    },
  },
  exclusive: (pair) => unionOf(pair.writer) !== undefined || unionOf(pair.reader) !== undefined,
  check(pair, ctx) {
    const wu = unionOf(pair.writer);
    const ru = unionOf(pair.reader);
    if (!wu && !ru) return []; // nothing to match (comparing the pair with itself would prove nothing)
    const found: SchemaDifference[] = [];
    const writerAlternatives: readonly JsonSchema[] = wu ? wu.branches : [pair.writerNode];
    const title = (branch: JsonSchema | undefined): string =>
      typeof branch === 'object' && typeof branch['title'] === 'string' ? ` (${branch['title']})` : '';
    const label = (i: number): string =>
      wu ? `${wu.keyword} branch ${i + 1}${title(wu.raw[i])}` : 'the previous type';

    if (!ru) {
      // The writer's union must fit, branch by branch, into the reader's single schema.
      writerAlternatives.forEach((alternative, i) => {
        const sub = ctx.compare(alternative, pair.readerNode, []);
        if (!hasBreaking(sub)) found.push(...sub);
        else
          found.push(
            ctx.change('SUM_TYPE_NARROWED', {
              path: [wu?.keyword ?? 'oneOf', String(i)],
              subject: label(i),
              writer: wu?.raw.length,
              reader: 1,
              causes: sub,
            }),
          );
      });
      return found;
    }

    if (wu && wu.keyword !== ru.keyword) {
      const anyToOne = ru.keyword === 'oneOf' && wu.raw.length > 1;
      found.push(
        ctx.change(anyToOne ? 'COMBINED_TYPE_CHANGED' : 'COMBINED_TYPE_EXTENDED', {
          writer: wu.keyword,
          reader: ru.keyword,
          subject: ru.keyword,
        }),
      );
    }
    const used = new Set<number>();
    /** Writer alternative → the reader branch that accepts it. */
    const matched = new Map<number, number>();
    writerAlternatives.forEach((alternative, i) => {
      const attempts = ru.branches.map((branch, j) => ctx.compare(alternative, branch, [ru.keyword, String(j)]));
      const preferred = attempts[i] && !hasBreaking(attempts[i]) ? i : attempts.findIndex((a) => !hasBreaking(a));
      if (preferred >= 0) {
        used.add(preferred);
        matched.set(i, preferred);
        found.push(...(attempts[preferred] ?? []));
        return;
      }
      let best = 0;
      attempts.forEach((a, j) => {
        if (a.filter((d) => d.breaking).length < (attempts[best] ?? a).filter((d) => d.breaking).length) best = j;
      });
      const causes = attempts[best] ?? [];
      if (!wu) {
        found.push(...causes);
      } else {
        const id = ru.raw.length < wu.raw.length ? 'SUM_TYPE_NARROWED' : 'COMBINED_TYPE_SUBSCHEMAS_CHANGED';
        found.push(
          ctx.change(id, {
            path: [wu.keyword, String(i)],
            subject: label(i),
            writer: wu.raw.length,
            reader: ru.raw.length,
            causes,
          }),
        );
      }
    });
    const added = ru.branches.map((_, j) => j).filter((j) => !used.has(j));
    // oneOf accepts a value only if exactly one branch matches. A writer value that the reader's
    // branch j accepts must therefore match no other reader branch k: provably (k is disjoint
    // from it), or because k only accepts values of another branch of a writer's oneOf, which
    // the value cannot match. Otherwise data that was fine may now match two branches.
    if (ru.keyword === 'oneOf') {
      const writerOneOf = wu?.keyword === 'oneOf' ? wu.branches : undefined;
      const excluded = (i: number, j: number, k: number): boolean =>
        disjoint(writerAlternatives[i], ru.branches[k]) ||
        disjoint(ru.branches[j], ru.branches[k]) ||
        (writerOneOf?.some((other, m) => m !== i && !hasBreaking(ctx.compare(ru.branches[k], other, []))) ?? false);
      ru.branches.forEach((_, k) => {
        const clash = [...matched].find(([i, j]) => j !== k && !excluded(i, j, k));
        if (clash === undefined) return;
        found.push(
          ctx.change('ONE_OF_BRANCHES_OVERLAP', {
            path: ['oneOf', String(k)],
            subject: `oneOf branch ${k + 1} (overlaps branch ${clash[1] + 1})`,
            writer: used.has(k) ? ru.raw[k] : undefined,
            reader: ru.raw[k],
          }),
        );
      });
    }
    if (added.length > 0) {
      const names = added.map((j) => `${ru.keyword} branch ${j + 1}${title(ru.raw[j])}`).join(', ');
      found.push(
        ctx.change('SUM_TYPE_EXTENDED', { subject: names, writer: wu?.raw.length ?? 1, reader: ru.raw.length }),
      );
    }
    return found;
  },
};

/**
 * Whether no value can match both schemas, as far as cheap evidence shows: different types, no
 * common allowed value, or a property both require with no common allowed value (a discriminator).
 */
export function disjoint(a: JsonSchema | undefined, b: JsonSchema | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === false || b === false) return true;
  if (a === true || b === true) return false;
  const fa = flatten(a);
  const fb = flatten(b);
  if ((typesOf(fa) & typesOf(fb)) === 0) return true;
  const va = finiteValues(fa);
  const vb = finiteValues(fb);
  if (va && vb && !va.some((x) => vb.some((y) => deepEqual(x, y)))) return true;
  const objects = (typesOf(fa) & typesOf(fb)) === T_OBJECT;
  if (objects) {
    const requiredA = requiredOf(fa);
    const requiredB = requiredOf(fb);
    const propsA = propertiesOf(fa);
    const propsB = propertiesOf(fb);
    for (const name of requiredA) {
      if (!requiredB.has(name)) continue;
      const pa = propsA[name];
      const pb = propsB[name];
      if (pa !== undefined && pb !== undefined && disjoint(pa, pb)) return true;
    }
  }
  return false;
}

function typesOf(schema: SchemaObject): number {
  const values = finiteValues(schema);
  let mask = declaredTypes(schema);
  if (values) mask &= values.reduce<number>((m, v) => m | typeOfValue(v), 0);
  return mask;
}
