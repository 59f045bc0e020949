// Dead-letter topic naming: where a receiver's dead letters go. The runtime writes there; `evc topics`,
// `evc registry` and the generated routes name the same topic, so they all call `deadLetterTopicFor`.

/** Spring Kafka's default suffix since 3.3 (`.DLT` before): Java and TypeScript consumers of a topic agree on one DLT. */
export const DEFAULT_DEAD_LETTER_SUFFIX = '-dlt';

/**
 * Where a consumer's dead letters go: one topic for all, a map from source topic to DLT, or a
 * function; anything not covered goes to `<topic>-dlt`.
 */
export type DeadLetterTopicOption = string | Readonly<Record<string, string>> | ((sourceTopic: string) => string);

export function deadLetterTopicFor(sourceTopic: string, option: DeadLetterTopicOption | undefined): string {
  if (typeof option === 'string') return option;
  if (typeof option === 'function') return option(sourceTopic);
  if (option !== undefined && Object.hasOwn(option, sourceTopic)) return option[sourceTopic]!;
  return `${sourceTopic}${DEFAULT_DEAD_LETTER_SUFFIX}`;
}
