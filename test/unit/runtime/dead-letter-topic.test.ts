// Which topics `evc dlq` treats as dead-letter topics: the naming conventions in the field, the
// contracts' declared dead-letter topics, or the caller's word — nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_TOPIC_ENDINGS, deadLetterTopicVerdict } from '../../../runtime/index.js';

const cases: readonly (readonly [string, Parameters<typeof deadLetterTopicVerdict>[1], string | false])[] = [
  ['routing.events-dlt', {}, 'name'], // Spring Kafka 3.3+, evc's default
  ['routing.events.DLT', {}, 'name'], // Spring Kafka before 3.3
  ['routing.events.dlq', {}, 'name'], // librdkafka-based clients (@drarzter/kafka-client)
  ['orders_DLQ', {}, 'name'],
  ['orders-dlq', {}, 'name'],
  ['routing.events', {}, false],
  ['routing.events.retry.1', {}, false],
  ['dlt', {}, false], // nothing before the ending: not a topic's dead-letter topic
  ['-dlt', {}, false],
  ['sandwich-dltx', {}, false],
  ['connect-errors', {}, false], // a Kafka Connect errors.deadletterqueue.topic.name
  ['connect-errors', { declared: new Set(['connect-errors']) }, 'contracts'],
  ['connect-errors', { declared: new Set(['other']) }, false],
  ['connect-errors', { assumed: true }, 'assumed'],
];

describe('deadLetterTopicVerdict', () => {
  it.each(cases)('%s %o → %s', (topic, context, expected) => {
    const verdict = deadLetterTopicVerdict(topic, context);
    expect(verdict.deadLetterTopic ? verdict.because : false).toBe(expected);
  });

  it('says why a topic is refused and how many topics the contracts declare', () => {
    const verdict = deadLetterTopicVerdict('routing.events', { declared: new Set(['a-dlt', 'b-dlt']) });
    expect(verdict).toEqual({
      deadLetterTopic: false,
      reason:
        '"routing.events" does not look like a dead-letter topic: its name does not end in ' +
        '-dlt, .dlt, _dlt, -dlq, .dlq, _dlq (any case), and no receiver in the contracts sends its dead letters there ' +
        '(2 dead-letter topic(s) declared)',
    });
  });

  it('accepts a topic exactly when a convention, the contracts or the caller vouch for it', () => {
    const topicName = fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/);
    fc.assert(
      fc.property(topicName, fc.boolean(), fc.array(topicName, { maxLength: 3 }), (topic, assumed, declared) => {
        const verdict = deadLetterTopicVerdict(topic, { assumed, declared: new Set(declared) });
        const named = DEAD_LETTER_TOPIC_ENDINGS.some(
          (ending) => topic.toLowerCase().endsWith(ending) && topic.length > ending.length,
        );
        expect(verdict.deadLetterTopic).toBe(named || assumed || declared.includes(topic));
      }),
    );
    fc.assert(
      fc.property(topicName, fc.constantFrom(...DEAD_LETTER_TOPIC_ENDINGS), fc.boolean(), (topic, ending, upper) => {
        const named = topic + (upper ? ending.toUpperCase() : ending);
        expect(deadLetterTopicVerdict(named)).toEqual({ deadLetterTopic: true, because: 'name' });
      }),
    );
  });
});
