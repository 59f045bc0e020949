// Unions, as Avro resolves them: every branch of a writer's union must be readable (by some branch
// of the reader's union, or by the reader's one type), and a writer's single type is read by the
// first reader branch that can read it. So widening a type to a union that contains it is
// compatible, and dropping a branch old data may use is not. When no branch can read a writer
// type but one of the same kind (a record of the same name) comes close, that branch's own
// differences are reported, which say more than "no branch".

import { nameMatch } from '../avro/resolution.js';
import { branchKey, isNamed, nodeLabel, type AvroNode } from '../avro/schema.js';
import type { AvroRule, AvroRuleContext } from '../avro/rule.js';
import { hasBreaking, type SchemaDifference } from '../schema/rule.js';

export const id = 'AVRO_UNION';
export const description =
  'Every branch of a writer’s union is read by some branch of the reader’s (or its one type); reader branches may be added.';

export const rule: AvroRule = {
  id,
  description,
  unions: true,
  changes: {
    MISSING_UNION_BRANCH: {
      breaks: 'always',
      what: (v) => `type ${String(v.old)} → ${String(v.new)}: branch ${String(v.subject)} has no counterpart`,
      rejects: (v) => `${String(v.subject)} values (no branch of ${String(v.reader)} reads them)`,
      hint: 'keep the branch in the union (readers may ignore it), and add new branches rather than replacing old ones',
    },
    TYPE_WIDENED_TO_UNION: {
      breaks: 'never',
      what: (v) => `type ${String(v.old)} → ${String(v.new)}`,
    },
    UNION_BRANCH_ADDED: {
      breaks: 'never',
      what: (v) => `type ${String(v.old)} → ${String(v.new)}`,
    },
  },
  applies: () => true,
  check({ writer, reader }, ctx) {
    const values = { writer: nodeLabel(writer), reader: nodeLabel(reader) };
    const found: SchemaDifference[] = [];
    const writerBranches = writer.kind === 'union' ? writer.branches : [writer];
    const used = new Set<AvroNode>();
    for (const branch of writerBranches) {
      // Paths name the writer's branch only where the writer is a union.
      const path = writer.kind === 'union' ? [branchKey(branch)] : [];
      const resolved = resolveBranch(branch, reader, path, ctx);
      if (resolved.readBy) used.add(resolved.readBy);
      if (resolved.readBy === undefined && resolved.closest === undefined)
        found.push(ctx.change('MISSING_UNION_BRANCH', { ...values, subject: branchKey(branch), path }));
      found.push(...resolved.differences);
    }
    if (writer.kind !== 'union' && used.size > 0) found.push(ctx.change('TYPE_WIDENED_TO_UNION', values));
    if (writer.kind === 'union' && reader.kind === 'union' && reader.branches.some((b) => !used.has(b)))
      found.push(
        ctx.change('UNION_BRANCH_ADDED', {
          ...values,
          detail: `${reader.branches
            .filter((b) => !used.has(b))
            .map(nodeLabel)
            .join(', ')} read no writer branch`,
        }),
      );
    return found;
  },
};

interface Resolution {
  /** The reader branch (or the reader itself) that reads the writer type. */
  readonly readBy?: AvroNode;
  /** Set when no branch reads it but one of its kind comes close: its differences are reported. */
  readonly closest?: AvroNode;
  readonly differences: readonly SchemaDifference[];
}

function resolveBranch(branch: AvroNode, reader: AvroNode, path: readonly string[], ctx: AvroRuleContext): Resolution {
  const candidates = reader.kind === 'union' ? reader.branches : [reader];
  // Avro reads a writer type with the first reader branch that can read it.
  for (const candidate of candidates) {
    const differences = ctx.compare(branch, candidate, path);
    if (!hasBreaking(differences)) return { readBy: candidate, differences };
  }
  const closest = candidates.find((c) => sameKind(branch, c));
  return closest ? { closest, differences: ctx.compare(branch, closest, path) } : { differences: [] };
}

function sameKind(writer: AvroNode, reader: AvroNode): boolean {
  if (writer.kind !== reader.kind) return false;
  return !isNamed(writer) || !isNamed(reader) || nameMatch(writer, reader) !== undefined;
}
