// Turns schema differences of one message part (payload or headers) into reported changes: what
// changed old → new, which services it hurts and why, and what to do instead.

import type { Change, ChangePart } from '../change.js';
import { directionsOf, isTransitive, type CompatibilityLevel } from '../levels.js';
import { locateInSchema } from '../locate.js';
import { avroRules } from '../avro-rules/index.js';
import { schemaRules } from '../schema-rules/index.js';
import type { SchemaFinding } from '../schema-check.js';
import type { ChangeType, SchemaDifference } from '../schema/rule.js';
import { servicesDoing, topicsOf, type MessageSnapshot } from '../snapshot.js';
import type { ContractRule, ContractRuleContext } from './rule.js';
import type { RuleCategory } from '../../rules/rule-entry.js';

const changeTypes = new Map<string, { type: ChangeType; description: string }>();
for (const rule of [...schemaRules, ...avroRules])
  for (const [id, type] of Object.entries(rule.changes)) changeTypes.set(id, { type, description: rule.description });

export function schemaChangeType(id: string): { type: ChangeType; description: string } | undefined {
  return changeTypes.get(id);
}

const PART_PREFIX: Record<ChangePart, string> = {
  payload: '',
  headers: '/headers',
  key: '/bindings/kafka/key',
  contract: '',
};

export function pointer(part: ChangePart, segments: readonly string[]): string {
  const tail = segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  return `${PART_PREFIX[part]}${tail}` || '/';
}

export function schemaPartChanges(
  ctx: ContractRuleContext,
  part: 'payload' | 'headers',
  oldMessage: MessageSnapshot,
  newMessage: MessageSnapshot,
): Change[] {
  const level = ctx.levelOf(newMessage.name);
  if (level === 'NONE' || directionsOf(level).length === 0) return [];
  if (!ctx.latest && !isTransitive(level)) return [];
  const oldSchema = oldMessage[part];
  const newSchema = newMessage[part];
  // Avro payloads on both sides are judged by Avro schema resolution (what Confluent applies); a
  // payload that changed format is compared through the JSON Schema of its JSON encoding.
  const avro = part === 'payload' && oldMessage.avro !== undefined && newMessage.avro !== undefined;
  if (!avro && oldSchema === undefined && newSchema === undefined) return [];
  const result = avro
    ? ctx.schemas.checkAvro(oldMessage.avro, newMessage.avro, { level })
    : ctx.schemas.check(oldSchema ?? true, newSchema ?? true, { level, mode: ctx.mode });
  const topics = topicsOf(ctx.current, newMessage.name);
  const topic = topics[0] ?? topicsOf(ctx.baseline, newMessage.name)[0] ?? '';
  const receivers = [
    ...new Set(
      topics.flatMap((t) => [
        ...servicesDoing(ctx.baseline, 'receive', newMessage.name, t),
        ...servicesDoing(ctx.current, 'receive', newMessage.name, t),
      ]),
    ),
  ].sort();
  const senders = [
    ...new Set(
      topics.flatMap((t) => [
        ...servicesDoing(ctx.baseline, 'send', newMessage.name, t),
        ...servicesDoing(ctx.current, 'send', newMessage.name, t),
      ]),
    ),
  ].sort();
  return result.findings.map((finding) =>
    toChange(ctx, finding, { part, level, topic, receivers, senders, message: newMessage }),
  );
}

interface Situation {
  readonly part: 'payload' | 'headers';
  readonly level: CompatibilityLevel;
  readonly topic: string;
  readonly receivers: readonly string[];
  readonly senders: readonly string[];
  readonly message: MessageSnapshot;
}

function toChange(ctx: ContractRuleContext, finding: SchemaFinding, s: Situation): Change {
  const entry = changeTypes.get(finding.id);
  const backward = finding.direction === 'backward';
  const oldValue = backward ? finding.writer : finding.reader;
  const newValue = backward ? finding.reader : finding.writer;
  let what = entry
    ? entry.type.what({
        old: oldValue,
        new: newValue,
        ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
      })
    : finding.id;
  if (s.part === 'headers') what = `header ${what}`;
  const cause = firstBreakingCause(finding);
  // Causes carry paths relative to the node the finding was made at: put them under it.
  if (cause)
    what += ` (closest match: ${describeCause(cause, finding.direction)} at ${pointer(s.part, [...finding.path.slice(0, finding.path.length - finding.at.length), ...cause.path])})`;
  const newNode = backward ? finding.readerNode : finding.writerNode;
  const oldNode = backward ? finding.writerNode : finding.readerNode;
  // Point at the proposed file (where a reviewer can act); the old one only when nothing else is known.
  const location = locateInSchema(newNode, finding.at) ?? s.message.location ?? locateInSchema(oldNode, finding.at);
  let why: string | undefined;
  let hint: string | undefined;
  if (finding.breaking) {
    const rejects =
      entry?.type.rejects?.({
        writer: finding.writer,
        reader: finding.reader,
        ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
      }) ?? 'data the writer may produce';
    const detail = finding.detail ? ` (${finding.detail})` : '';
    const whoReads =
      s.receivers.length > 0 ? `receivers ${s.receivers.join(', ')}` : `consumers of ${s.topic || s.message.name}`;
    const whoWrites = s.senders.length > 0 ? s.senders.join(', ') : 'producers';
    if (backward) {
      why = `${whoReads} reading with the new contract would reject ${rejects}${detail}, which the old contract allowed (records already in ${s.topic || 'the topic'}, or written by ${whoWrites} before upgrading)`;
      hint = entry?.type.hint ?? 'keep the old definition, or publish the new shape as a new message';
    } else {
      why = `${whoReads} still on the old contract would reject ${rejects}${detail}, which ${whoWrites} may write once on the new contract (level ${s.level} requires old readers to keep working)`;
      hint = `upgrade ${s.receivers.length > 0 ? s.receivers.join(', ') : 'every consumer'} before any producer writes the new form, or keep the old definition`;
    }
  } else if (finding.detail) {
    what += ` (${finding.detail})`;
  }
  return ctx.change({
    rule: finding.id,
    breaking: finding.breaking,
    ...(entry?.type.warns ? { warning: true } : {}),
    topic: s.topic,
    messageName: s.message.name,
    path: pointer(s.part, finding.path),
    part: s.part,
    what,
    ...(why ? { why } : {}),
    ...(hint ? { hint } : {}),
    ...(location ? { location } : {}),
    level: s.level,
    direction: finding.direction,
    impacted: finding.breaking ? s.receivers : [],
    description: entry?.description ?? finding.id,
  });
}

function firstBreakingCause(d: SchemaDifference): SchemaDifference | undefined {
  for (const cause of d.causes ?? []) {
    if (!cause.breaking) continue;
    return firstBreakingCause(cause) ?? cause;
  }
  return undefined;
}

function describeCause(cause: SchemaDifference, direction: SchemaFinding['direction']): string {
  const entry = changeTypes.get(cause.id);
  const backward = direction === 'backward';
  return entry
    ? entry.type.what({
        old: backward ? cause.writer : cause.reader,
        new: backward ? cause.reader : cause.writer,
        ...(cause.subject !== undefined ? { subject: cause.subject } : {}),
      })
    : cause.id;
}

/** A contract rule that checks one message part of every message both versions declare. */
export function schemaPartRule(
  id: string,
  category: RuleCategory,
  description: string,
  part: 'payload' | 'headers',
): ContractRule {
  return {
    id,
    category,
    description,
    reports: {},
    reportsSchemaChanges: true,
    check(ctx) {
      const found: Change[] = [];
      for (const [name, oldMessage] of ctx.baseline.messages) {
        const newMessage = ctx.current.messages.get(name);
        if (newMessage) found.push(...schemaPartChanges(ctx, part, oldMessage, newMessage));
      }
      return found;
    },
  };
}
