// `--filter stage=validate,message=RouteCalculated`: which dead letters a command acts on. A small
// fixed grammar (field, `=` or `!=`, value; comma means "and") — no expression evaluation.
import type { DeadLetterEntry } from './dead-letter-entry.js';

export type DeadLetterPredicate = (entry: DeadLetterEntry) => boolean;

const FIELDS: Readonly<Record<string, (entry: DeadLetterEntry) => string | undefined>> = {
  stage: (entry) => entry.deadLetter?.stage,
  message: (entry) => entry.messageType,
  topic: (entry) => entry.deadLetter?.originalTopic,
  error: (entry) => entry.deadLetter?.errorClass,
  group: (entry) => entry.deadLetter?.consumerGroup,
  family: (entry) => entry.deadLetter?.family,
  partition: (entry) =>
    entry.deadLetter?.originalPartition === undefined ? undefined : String(entry.deadLetter.originalPartition),
  key: (entry) => entry.key?.toString('utf8'),
};

export const FILTER_FIELDS: readonly string[] = Object.keys(FIELDS);

export class DeadLetterFilterError extends Error {
  override readonly name = 'DeadLetterFilterError';
}

export function parseDeadLetterFilter(expression: string): DeadLetterPredicate {
  const clauses = expression
    .split(',')
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '')
    .map((clause) => {
      const match = /^([a-z]+)\s*(!=|=)\s*(.*)$/.exec(clause);
      if (match === null)
        throw new DeadLetterFilterError(`cannot read filter "${clause}": expected <field>=<value> or <field>!=<value>`);
      const [, field, operator, value] = match as unknown as [string, string, '=' | '!=', string];
      const read = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
      if (read === undefined)
        throw new DeadLetterFilterError(`unknown filter field "${field}"; use one of ${FILTER_FIELDS.join(', ')}`);
      return (entry: DeadLetterEntry) => (read(entry) === value) === (operator === '=');
    });
  if (clauses.length === 0) throw new DeadLetterFilterError('empty filter');
  return (entry) => clauses.every((clause) => clause(entry));
}
