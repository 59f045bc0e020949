// The Avro comparison engine: walks a writer schema and a reader schema together, the way Avro's
// schema resolution does (Java's SchemaCompatibility, which Confluent and Apicurio apply), and asks
// every rule what it sees at each node pair. Pairs are memoized and a pair met again while it is
// being compared counts as compatible (as in SchemaCompatibility), so recursive records terminate.

import type { ChangeType, SchemaDifference } from '../schema/rule.js';
import type { AvroChangeInit, AvroPair, AvroRule, AvroRuleContext } from './rule.js';
import type { AvroNode } from './schema.js';

export class AvroComparison {
  private readonly memo = new Map<AvroNode, Map<AvroNode, SchemaDifference[]>>();
  private readonly inProgress = new Map<AvroNode, Set<AvroNode>>();
  private readonly changeTypes = new Map<string, ChangeType>();

  constructor(private readonly rules: readonly AvroRule[]) {
    for (const rule of rules) for (const [id, type] of Object.entries(rule.changes)) this.changeTypes.set(id, type);
  }

  compare(writer: AvroNode, reader: AvroNode, path: readonly string[]): SchemaDifference[] {
    const found = this.comparePair(writer, reader);
    return path.length === 0 ? found : found.map((d) => ({ ...d, path: [...path, ...d.path] }));
  }

  private comparePair(writer: AvroNode, reader: AvroNode): SchemaDifference[] {
    const cached = this.memo.get(writer)?.get(reader);
    if (cached) return cached;
    const active = this.inProgress.get(writer);
    if (active?.has(reader)) return [];
    if (active) active.add(reader);
    else this.inProgress.set(writer, new Set([reader]));
    try {
      const result = this.runRules({ writer, reader });
      let perWriter = this.memo.get(writer);
      if (!perWriter) this.memo.set(writer, (perWriter = new Map<AvroNode, SchemaDifference[]>()));
      perWriter.set(reader, result);
      return result;
    } finally {
      this.inProgress.get(writer)?.delete(reader);
    }
  }

  private runRules(pair: AvroPair): SchemaDifference[] {
    const unions = pair.writer.kind === 'union' || pair.reader.kind === 'union';
    const found: SchemaDifference[] = [];
    for (const rule of this.rules) {
      if (Boolean(rule.unions) !== unions || !rule.applies(pair)) continue;
      found.push(...rule.check(pair, this.contextFor(pair)));
    }
    return found;
  }

  private contextFor(pair: AvroPair): AvroRuleContext {
    return {
      compare: (writer, reader, path) => this.compare(writer, reader, path),
      change: (id: string, init: AvroChangeInit = {}): SchemaDifference => {
        const type = this.changeTypes.get(id);
        if (!type) throw new Error(`Unknown Avro change type ${id}: add it to a rule's changes`);
        const path = init.path ?? [];
        const { writer, reader } = pair;
        return {
          id,
          path,
          at: path,
          writer: init.writer,
          reader: init.reader,
          subject: init.subject,
          detail: init.detail,
          causes: init.causes,
          breaking: type.breaks !== 'never',
          ...((init.writerNode ?? writer.json) ? { writerNode: init.writerNode ?? writer.json } : {}),
          ...((init.readerNode ?? reader.json) ? { readerNode: init.readerNode ?? reader.json } : {}),
        };
      },
    };
  }
}
