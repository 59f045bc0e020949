// Whether a topic is a dead-letter topic, before `evc dlq` reads from it or replays out of it:
// replaying an ordinary topic would re-publish live events to wherever their headers point.
// A topic counts when its name follows a dead-letter convention, when the contracts declare it as
// a receiver's dead-letter topic, or when the caller says so (a Kafka Connect
// `errors.deadletterqueue.topic.name` can be anything).

/**
 * Name endings used for dead-letter topics in the field, compared without regard to case:
 * Spring Kafka `<topic>-dlt` (3.3+) and `<topic>.DLT` (before), librdkafka-based clients'
 * `<topic>.dlq`, and the `_dlt`/`_dlq`/`-dlq`/`.dlt` spellings teams use by hand.
 */
export const DEAD_LETTER_TOPIC_ENDINGS: readonly string[] = ['-dlt', '.dlt', '_dlt', '-dlq', '.dlq', '_dlq'];

export interface DeadLetterTopicContext {
  /** Dead-letter topics the contracts declare (each receiver's `x-dead-letter` or `<topic>-dlt`). */
  readonly declared?: ReadonlySet<string>;
  /** The caller vouches for it (`--dead-letter-topic`), whatever its name. */
  readonly assumed?: boolean;
}

export type DeadLetterTopicVerdict =
  | { readonly deadLetterTopic: true; readonly because: 'name' | 'contracts' | 'assumed' }
  | { readonly deadLetterTopic: false; readonly reason: string };

export function deadLetterTopicVerdict(topic: string, context: DeadLetterTopicContext = {}): DeadLetterTopicVerdict {
  const lower = topic.toLowerCase();
  const ending = DEAD_LETTER_TOPIC_ENDINGS.find((end) => lower.endsWith(end) && lower.length > end.length);
  if (ending !== undefined) return { deadLetterTopic: true, because: 'name' };
  if (context.declared?.has(topic) === true) return { deadLetterTopic: true, because: 'contracts' };
  if (context.assumed === true) return { deadLetterTopic: true, because: 'assumed' };
  return {
    deadLetterTopic: false,
    reason:
      `${JSON.stringify(topic)} does not look like a dead-letter topic: its name does not end in ` +
      `${DEAD_LETTER_TOPIC_ENDINGS.join(', ')} (any case)` +
      (context.declared === undefined
        ? ''
        : `, and no receiver in the contracts sends its dead letters there (${context.declared.size} dead-letter topic(s) declared)`),
  };
}
