// One table of cases per lint rule: valid documents produce nothing, invalid ones a located finding.
import { describe, expect, it } from 'vitest';
import { runRule, service, summarise, type RuleCase } from '../../support/lint-harness.js';
import { lintRules } from '../../../generator/lint/index.js';
import type { LintRule } from '../../../generator/lint/rule.js';
import { topicSingleOwner } from '../../../generator/lint/rules/topic-single-owner.js';
import { messageSingleDefinition } from '../../../generator/lint/rules/message-single-definition.js';
import { messageUnsent } from '../../../generator/lint/rules/message-unsent.js';
import { messageName } from '../../../generator/lint/rules/message-name.js';
import { kafkaKeyType } from '../../../generator/lint/rules/kafka-key-type.js';
import { payloadAcceptsAnything } from '../../../generator/lint/rules/payload-accepts-anything.js';
import { patternSafety } from '../../../generator/lint/rules/pattern-safety.js';
import { enumSize } from '../../../generator/lint/rules/enum-size.js';
import { receiveSettings } from '../../../generator/lint/rules/receive-settings.js';
import { unvalidatablePropertyName } from '../../../generator/lint/rules/unvalidatable-property-name.js';
import { recursionInPlace } from '../../../generator/lint/rules/recursion-in-place.js';
import { messageIdUnique } from '../../../generator/lint/rules/message-id-unique.js';
import { operationMessageInChannel } from '../../../generator/lint/rules/operation-message-in-channel.js';
import { keywordNotEnforced } from '../../../generator/lint/rules/keyword-not-enforced.js';

/** A minimal AsyncAPI 2.6 document. */
const v2 = (body: string): string => `asyncapi: 2.6.0\ninfo:\n  title: a\n  version: '1.0.0'\n${body}`;

const sender = (
  title: string,
  topic: string,
  message: string,
  payload = '{type: object, properties: {id: {type: string}}}',
): string =>
  service(
    title,
    `channels:\n  c:\n    address: ${topic}\n    messages:\n      ${message}:\n        $ref: '#/components/messages/${message}'\noperations:\n  send${message}:\n    action: send\n    channel: {$ref: '#/channels/c'}\ncomponents:\n  messages:\n    ${message}:\n      name: ${message}\n      payload: ${payload}\n`,
  );

const receiver = (title: string, topic: string, ref: string): string =>
  service(
    title,
    `channels:\n  c:\n    address: ${topic}\n    messages:\n      m:\n        $ref: '${ref}'\noperations:\n  receive:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n`,
  );

const messageWith = (fields: string): string =>
  service(
    's',
    `channels:\n  c:\n    address: t\n    messages:\n      m:\n        $ref: '#/components/messages/M'\noperations:\n  send:\n    action: send\n    channel: {$ref: '#/channels/c'}\ncomponents:\n  messages:\n    M:\n${fields}`,
  );

/** A service receiving OrderPlaced on "orders", with `settings` (YAML lines) on its receive operation; a channel "orders-dlt" exists. */
const receiving = (settings: string, action: 'receive' | 'send' = 'receive'): Record<string, string> => ({
  'a.yaml': service(
    'a',
    `channels:\n  c:\n    address: orders\n    messages:\n      m: {name: OrderPlaced, payload: {type: object}}\n  dlt:\n    address: orders-dlt\noperations:\n  consume:\n    action: ${action}\n    channel: {$ref: '#/channels/c'}\n${settings}`,
  ),
});

const tables: [LintRule, RuleCase[]][] = [
  [
    topicSingleOwner,
    [
      {
        name: 'one sender, one receiver',
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': receiver('b', 'orders', 'a.yaml#/components/messages/OrderPlaced'),
        },
        expected: [],
      },
      {
        name: 'two services send to one topic',
        files: { 'a.yaml': sender('a', 'orders', 'OrderPlaced'), 'b.yaml': sender('b', 'orders', 'OrderShipped') },
        expected: [
          'b.yaml:12 error topic-single-owner: topic "orders" is sent to by "a" and "b"; "b" is not its owner',
        ],
      },
      {
        name: 'same service sends two messages to its topic',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c:\n    address: orders\n    messages:\n      x: {name: X, payload: {type: string}}\n      y: {name: Y, payload: {type: string}}\noperations:\n  sendX:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/channels/c/messages/x'}]\n  sendY:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/channels/c/messages/y'}]\n`,
          ),
        },
        expected: [],
      },
    ],
  ],
  [
    messageSingleDefinition,
    [
      {
        name: 'consumer refers to the producer message',
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': receiver('b', 'orders', 'a.yaml#/components/messages/OrderPlaced'),
        },
        expected: [],
      },
      {
        name: 'consumer copies the message',
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': service(
            'b',
            `channels:\n  c:\n    address: orders\n    messages:\n      m:\n        name: OrderPlaced\n        payload: {type: object}\noperations:\n  r:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n`,
          ),
        },
        expected: [
          'b.yaml:9 error message-single-definition: message "OrderPlaced" is defined again here, differently from its definition at a.yaml:17: both carry `name: OrderPlaced`, and AsyncAPI identifies a message by its name, so they are one message with two definitions',
        ],
      },
      {
        // AsyncAPI 3: identity is the name, else the key within its own map; a channel's inline
        // message and a component message of the same key are two messages.
        name: 'inline channel message and a component message share a key (valid AsyncAPI 3)',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  signups:\n    address: user.signups\n    messages:\n      UserSignedUp:\n        payload: {type: object, properties: {id: {type: string}}}\n  audit:\n    address: user.audit\n    messages:\n      UserSignedUp:\n        $ref: '#/components/messages/UserSignedUp'\noperations:\n  s1:\n    action: send\n    channel: {$ref: '#/channels/signups'}\n  s2:\n    action: send\n    channel: {$ref: '#/channels/audit'}\ncomponents:\n  messages:\n    UserSignedUp:\n      payload: {type: object, properties: {at: {type: string}}}\n`,
          ),
        },
        expected: [],
      },
      {
        name: 'same key, different definitions, one topic: consumers would mistake one for the other',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c1:\n    address: users\n    messages:\n      UserSignedUp:\n        payload: {type: object, properties: {id: {type: string}}}\n  c2:\n    address: users\n    messages:\n      UserSignedUp:\n        payload: {type: object, properties: {at: {type: string}}}\noperations:\n  s1:\n    action: send\n    channel: {$ref: '#/channels/c1'}\n  s2:\n    action: send\n    channel: {$ref: '#/channels/c2'}\n`,
          ),
        },
        expected: [
          'a.yaml:14 error message-single-definition: message "UserSignedUp" is defined again here, differently from its definition at a.yaml:9: both are called "UserSignedUp" on topic "users", and consumers of a topic tell messages apart by name (the ce_type header), so they would be taken for one message',
        ],
      },
      {
        name: 'the same named message written out twice, identically',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c1:\n    address: a\n    messages:\n      m: {name: Ping, payload: {type: string}}\n  c2:\n    address: b\n    messages:\n      m: {name: Ping, payload: {type: string}}\noperations:\n  s1:\n    action: send\n    channel: {$ref: '#/channels/c1'}\n  s2:\n    action: send\n    channel: {$ref: '#/channels/c2'}\n`,
          ),
        },
        expected: [],
      },
      {
        name: "a consumer's unresolved $ref is not a second definition",
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': receiver('b', 'orders', 'a.yaml#/components/messages/OrderPlacedTypo'),
        },
        loaderErrors: ['ref-unresolved'],
        expected: [],
      },
      {
        name: 'two different names',
        files: { 'a.yaml': sender('a', 'orders', 'OrderPlaced'), 'b.yaml': sender('b', 'parcels', 'ParcelPacked') },
        expected: [],
      },
    ],
  ],
  [
    messageUnsent,
    [
      {
        name: "a receiver's unresolved $ref: only the loader's error",
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': receiver('b', 'orders', 'a.yaml#/components/messages/OrderPlacedTypo'),
        },
        loaderErrors: ['ref-unresolved'],
        expected: [],
      },
      {
        name: 'received message is sent by its owner',
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': receiver('b', 'orders', 'a.yaml#/components/messages/OrderPlaced'),
        },
        expected: [],
      },
      {
        name: 'received message nobody sends',
        files: {
          'a.yaml': sender('a', 'orders', 'OrderPlaced'),
          'b.yaml': service(
            'b',
            `channels:\n  c:\n    address: refunds\n    messages:\n      m: {name: RefundIssued, payload: {type: object}}\noperations:\n  r:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n`,
          ),
        },
        expected: [
          'b.yaml:11 warning message-unsent: "b" receives "RefundIssued" on "refunds", but no document of the registry sends it',
        ],
      },
      {
        name: 'a single document may describe only its receiving side',
        files: {
          'b.yaml':
            receiver('b', 'orders', '#/components/messages/X') +
            'components:\n  messages:\n    X: {payload: {type: string}}\n',
        },
        expected: [],
      },
    ],
  ],
  [
    messageName,
    [
      {
        name: 'explicit name',
        files: { 'a.yaml': messageWith('      name: OrderPlaced\n      payload: {type: string}\n') },
        expected: [],
      },
      {
        name: 'component key names it',
        files: { 'a.yaml': messageWith('      payload: {type: string}\n') },
        expected: [],
      },
      {
        name: 'inline message without any name',
        files: {
          'a.yaml':
            service(
              's',
              `channels:\n  c:\n    address: t\noperations:\n  send:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/components/messages/x'}]\ncomponents:\n  messages:\n    x: {payload: {type: string}}\n`,
            )
              .replace("messages: [{$ref: '#/components/messages/x'}]", '')
              .replace('components:\n  messages:\n    x: {payload: {type: string}}\n', '') + '',
        },
        expected: [],
      },
      {
        name: '2.x inline message without name',
        files: {
          'a.yaml': `asyncapi: 2.6.0\ninfo: {title: s, version: '1'}\nchannels:\n  orders:\n    subscribe:\n      message:\n        payload: {type: string}\n`,
        },
        expected: [
          'a.yaml:6 warning message-name: message has no name, messageId, component key or title; generated code calls it "subscribe:ordersMessage", which changes if the document is reorganised',
        ],
      },
    ],
  ],
  [
    kafkaKeyType,
    [
      {
        name: 'string key',
        files: {
          'a.yaml': messageWith(
            '      payload: {type: string}\n      bindings:\n        kafka:\n          key: {type: string}\n',
          ),
        },
        expected: [],
      },
      {
        name: 'object key',
        files: {
          'a.yaml': messageWith(
            '      payload: {type: string}\n      bindings:\n        kafka:\n          key: {type: object, properties: {a: {type: string}}}\n',
          ),
        },
        expected: [],
      },
      {
        name: 'array key',
        files: {
          'a.yaml': messageWith(
            '      payload: {type: string}\n      bindings:\n        kafka:\n          key: {type: array}\n',
          ),
        },
        expected: [
          'a.yaml:17 error kafka-key-type: M: the key schema has type "array"; a Kafka key must be a scalar (string, number, integer, boolean) or an object',
        ],
      },
      {
        name: 'null key',
        files: {
          'a.yaml': messageWith(
            '      payload: {type: string}\n      bindings:\n        kafka:\n          key: {type: "null"}\n',
          ),
        },
        expected: [
          'a.yaml:17 error kafka-key-type: M: the key schema has type "null"; a Kafka key must be a scalar (string, number, integer, boolean) or an object',
        ],
      },
      {
        name: 'key with two types',
        files: {
          'a.yaml': messageWith(
            '      payload: {type: string}\n      bindings:\n        kafka:\n          key: {type: [string, integer]}\n',
          ),
        },
        expected: [
          'a.yaml:17 error kafka-key-type: M: the key schema allows several types (string, integer); one key must have one encoding',
        ],
      },
    ],
  ],
  [
    payloadAcceptsAnything,
    [
      {
        name: 'payload is an unresolved $ref: only the loader reports it',
        files: { 'a.yaml': messageWith("      payload: {$ref: './missing.json'}\n") },
        loaderErrors: ['ref-unresolved'],
        expected: [],
      },
      {
        name: 'JSON Schema written as YAML (application/schema+yaml) is judged like any JSON Schema',
        files: {
          'a.yaml': messageWith(
            '      payload:\n        schemaFormat: application/schema+yaml;version=draft-07\n        schema: {description: anything}\n',
          ),
        },
        expected: [
          'a.yaml:17 warning payload-accepts-anything: M: the payload schema has no constraints, so any value is accepted',
        ],
      },
      {
        name: 'Avro payload: not a JSON Schema this rule can judge',
        files: {
          'a.yaml': messageWith(
            '      payload:\n        schemaFormat: application/vnd.apache.avro;version=1.9.0\n        schema: {type: record, name: R, fields: []}\n',
          ),
        },
        expected: [],
      },
      {
        name: 'typed payload',
        files: { 'a.yaml': messageWith('      payload: {type: object, properties: {id: {type: string}}}\n') },
        expected: [],
      },
      {
        name: 'no payload',
        files: { 'a.yaml': messageWith('      summary: nothing\n') },
        expected: [
          'a.yaml:17 warning payload-accepts-anything: M: the payload schema is missing, so any value is accepted',
        ],
      },
      {
        name: 'empty payload schema',
        files: { 'a.yaml': messageWith('      payload: {description: anything goes}\n') },
        expected: [
          'a.yaml:17 warning payload-accepts-anything: M: the payload schema has no constraints, so any value is accepted',
        ],
      },
    ],
  ],
  [
    receiveSettings,
    [
      {
        name: 'topic named directly, exponential retry',
        files: receiving(
          '    x-dead-letter: {channel: orders-dlt}\n    x-retry: {maxAttempts: 5, strategy: {type: exponential, initialDelaySeconds: 0.2, multiplier: 2, maxDelaySeconds: 5}}\n',
        ),
        expected: [],
      },
      {
        name: 'dead-letter channel by $ref, fixed retry',
        files: receiving(
          "    x-dead-letter: {channel: {$ref: '#/channels/dlt'}}\n    x-retry: {maxAttempts: 2, strategy: {type: fixed, delaySeconds: 1}}\n",
        ),
        expected: [],
      },
      { name: 'no settings', files: receiving(''), expected: [] },
      {
        name: 'dead letter without channel',
        files: receiving('    x-dead-letter: {messages: []}\n'),
        expected: ['a.yaml:16 error receive-settings: x-dead-letter of "consume" names no dead-letter topic'],
      },
      {
        name: 'dead letters to the consumed topic',
        files: receiving('    x-dead-letter:\n      channel: orders\n'),
        expected: [
          'a.yaml:17 error receive-settings: x-dead-letter of "consume" is the topic it consumes ("orders"): every dead letter would be consumed and fail again',
        ],
      },
      {
        name: 'zero attempts',
        files: receiving('    x-retry: {maxAttempts: 0}\n'),
        expected: ['a.yaml:16 error receive-settings: x-retry of "consume": maxAttempts must be an integer ≥ 1, got 0'],
      },
      {
        name: 'attempts as a string',
        files: receiving("    x-retry:\n      maxAttempts: '3'\n"),
        expected: ['a.yaml:17 error receive-settings: x-retry of "consume": maxAttempts must be a number'],
      },
      {
        name: 'unknown strategy type',
        files: receiving('    x-retry:\n      strategy:\n        type: random\n'),
        expected: [
          'a.yaml:18 error receive-settings: x-retry of "consume": strategy type must be one of fixed, linear, exponential, got "random"',
        ],
      },
      {
        name: 'misspelt strategy field',
        files: receiving('    x-retry:\n      strategy:\n        type: linear\n        initalDelaySeconds: 1\n'),
        expected: [
          'a.yaml:19 error receive-settings: x-retry of "consume": strategy has an unknown field "initalDelaySeconds"',
        ],
      },
      {
        name: 'negative delay',
        files: receiving('    x-retry:\n      strategy: {type: fixed, delaySeconds: -1}\n'),
        expected: [
          'a.yaml:17 error receive-settings: x-retry of "consume": strategy delaySeconds must be ≥ 0 seconds, got -1',
        ],
      },
      {
        name: 'multiplier below 1',
        files: receiving('    x-retry:\n      strategy: {type: exponential, multiplier: 0.5}\n'),
        expected: ['a.yaml:17 error receive-settings: x-retry of "consume": strategy multiplier must be ≥ 1, got 0.5'],
      },
      {
        name: 'single retry channel (the proposal): evc has a topic per delay',
        files: receiving("    x-retry:\n      channel: {$ref: '#/channels/dlt'}\n      maxAttempts: 3\n"),
        expected: [
          'a.yaml:17 error receive-settings: x-retry of "consume": channel declares a single retry channel; evc retries through one topic per delay',
        ],
      },
      {
        name: 'retry topics by delays (default names)',
        files: receiving('    x-retry:\n      delays: [1s, 10s, 1m]\n'),
        expected: [],
      },
      {
        name: 'retry topics named by $ref and by topic, with in-place attempts',
        files: receiving(
          "    x-retry:\n      maxAttempts: 2\n      delays: [500ms, 30]\n      channels: [{$ref: '#/channels/c'}, orders-retry-b]\n",
        ),
        expected: [
          'a.yaml:19 error receive-settings: x-retry of "consume": retry topic "orders" is the consumed topic: retries would be handled as first deliveries',
        ],
      },
      {
        name: 'a delay that is no duration',
        files: receiving('    x-retry:\n      delays: [1s, 1 day]\n'),
        expected: [
          'a.yaml:17 error receive-settings: x-retry of "consume": retry delay "1 day" is not a duration like "500ms", "10s", "1m" or "1h"',
        ],
      },
      {
        name: 'delays not a list',
        files: receiving('    x-retry:\n      delays: 10s\n'),
        expected: ['a.yaml:17 error receive-settings: x-retry of "consume": delays must be a list of durations'],
      },
      {
        name: 'one channel for two delays',
        files: receiving('    x-retry:\n      delays: [1s, 2s]\n      channels: [orders-r]\n'),
        expected: [
          'a.yaml:18 error receive-settings: x-retry of "consume": retry channels must name one topic per delay (2)',
        ],
      },
      {
        name: 'a retry channel that is the dead-letter topic',
        files: receiving("    x-retry:\n      delays: [1s]\n      channels: [{$ref: '#/channels/dlt'}]\n"),
        expected: [
          'a.yaml:18 error receive-settings: x-retry of "consume": retry topic "orders-dlt" is its dead-letter topic',
        ],
      },
      {
        name: 'misspelt retry field',
        files: receiving('    x-retry:\n      maxAttempt: 3\n'),
        expected: ['a.yaml:17 error receive-settings: x-retry of "consume": unknown field "maxAttempt"'],
      },
      {
        name: 'settings on a send operation',
        files: receiving('    x-retry: {maxAttempts: 3}\n', 'send'),
        expected: [
          'a.yaml:16 error receive-settings: operation "consume" sends; x-retry applies only to receive operations',
        ],
      },
    ],
  ],
  [
    messageIdUnique,
    [
      {
        name: 'one message reused by $ref in two channels',
        files: {
          'a.yaml': v2(
            `channels:\n  a:\n    subscribe:\n      message: {$ref: '#/components/messages/M'}\n  b:\n    subscribe:\n      message: {$ref: '#/components/messages/M'}\ncomponents:\n  messages:\n    M: {messageId: m, payload: {type: string}}\n`,
          ),
        },
        expected: [],
      },
      {
        name: 'two messages, one messageId',
        files: {
          'a.yaml': v2(
            `channels:\n  a:\n    subscribe:\n      message: {messageId: m, payload: {type: string}}\n  b:\n    publish:\n      message: {messageId: m, payload: {type: number}}\n`,
          ),
        },
        expected: [
          'a.yaml:11 error message-id-unique: messageId "m" is already used by the message at a.yaml:8; AsyncAPI 2.x requires messageId to be unique across the document',
        ],
      },
      {
        name: 'a trait sets the clashing messageId',
        files: {
          'a.yaml': v2(
            `channels:\n  a:\n    subscribe:\n      message: {messageId: m, payload: {type: string}}\n  b:\n    subscribe:\n      message:\n        oneOf:\n          - {messageId: n, payload: {type: string}}\n          - {traits: [{messageId: m}], payload: {type: number}}\n`,
          ),
        },
        expected: [
          'a.yaml:14 error message-id-unique: messageId "m" is already used by the message at a.yaml:8; AsyncAPI 2.x requires messageId to be unique across the document',
        ],
      },
      {
        name: 'the same messageId in two documents is a registry question, not this rule',
        files: {
          'a.yaml': v2(`channels:\n  a:\n    subscribe:\n      message: {messageId: m, payload: {type: string}}\n`),
          'b.yaml': v2(`channels:\n  b:\n    subscribe:\n      message: {messageId: m, payload: {type: string}}\n`),
        },
        expected: [],
      },
    ],
  ],
  [
    operationMessageInChannel,
    [
      {
        name: "operation messages are $refs to its channel's messages",
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c:\n    address: t\n    messages:\n      m: {name: M, payload: {type: string}}\noperations:\n  s:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/channels/c/messages/m'}]\n`,
          ),
        },
        expected: [],
      },
      {
        name: 'operation uses a message of another channel',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c:\n    address: t\n    messages:\n      m: {name: M, payload: {type: string}}\n  d:\n    address: u\n    messages:\n      n: {name: N, payload: {type: string}}\noperations:\n  s:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages:\n      - $ref: '#/channels/c/messages/m'\n      - $ref: '#/channels/d/messages/n'\n`,
          ),
        },
        expected: [
          'a.yaml:20 error operation-message-in-channel: operation "s" uses message "N" ("#/channels/d/messages/n"), which is not a message of its channel "#/channels/c"',
        ],
      },
      {
        name: 'operation refers to a component message directly instead of through its channel',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c:\n    address: t\n    messages:\n      m: {$ref: '#/components/messages/M'}\noperations:\n  s:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/components/messages/M'}]\ncomponents:\n  messages:\n    M: {payload: {type: string}}\n`,
          ),
        },
        expected: [
          'a.yaml:14 error operation-message-in-channel: operation "s" refers to message "M" as "#/components/messages/M", not through its channel "#/channels/c"',
        ],
      },
      {
        name: 'operation without messages uses all of its channel',
        files: {
          'a.yaml': service(
            'a',
            `channels:\n  c:\n    address: t\n    messages:\n      m: {name: M, payload: {type: string}}\noperations:\n  s:\n    action: send\n    channel: {$ref: '#/channels/c'}\n`,
          ),
        },
        expected: [],
      },
    ],
  ],
];

describe.each(tables.map(([rule, cases]) => [rule.id, rule, cases] as const))('lint rule %s', (_id, rule, cases) => {
  it.each(cases)('$name', async ({ files, expected, loaderErrors }) => {
    expect(summarise(await runRule(rule, files, loaderErrors))).toEqual(expected);
  });
});

describe('rule registry', () => {
  it('gives every rule a unique id, a severity and a one-line description', () => {
    const ids = lintRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of lintRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(rule.description).not.toContain('\n');
    }
  });

  it('has a table of cases for every registry rule', () => {
    const tested = new Set([
      ...tables.map(([rule]) => rule.id),
      patternSafety.id,
      enumSize.id,
      unvalidatablePropertyName.id,
      recursionInPlace.id,
      keywordNotEnforced.id,
    ]);
    expect(
      lintRules
        .filter((r) => r.detectedBy === 'registry')
        .map((r) => r.id)
        .filter((id) => !tested.has(id)),
    ).toEqual([]);
  });
});

const withPattern = (pattern: string): Record<string, string> => ({
  'a.yaml': messageWith(
    `      payload:\n        type: object\n        properties:\n          code:\n            type: string\n            pattern: ${JSON.stringify(pattern)}\n`,
  ),
});

describe('lint rule pattern-safety', () => {
  it.each([
    { name: 'anchored character classes', pattern: '^TRK-[0-9]{4,}$', expected: [] },
    {
      name: 'nested quantifier',
      pattern: '^(a+)+$',
      expected: [
        'a.yaml:21 warning pattern-safety: M payload/properties/code: pattern "^(a+)+$" has nested repetition and can backtrack catastrophically',
      ],
    },
    {
      name: 'overlapping alternation under a quantifier',
      pattern: '^(a|aa)+$',
      expected: [
        'a.yaml:21 warning pattern-safety: M payload/properties/code: pattern "^(a|aa)+$" has nested repetition and can backtrack catastrophically',
      ],
    },
    {
      name: 'backtracking with a backreference',
      pattern: '^(a+)+\\1$',
      expected: [
        'a.yaml:21 error pattern-safety: M payload/properties/code: pattern "^(a+)+\\\\1$" can backtrack catastrophically and uses backreferences or lookaround, which the linear-time engine cannot run',
      ],
    },
    {
      name: 'not an ECMAScript regular expression',
      pattern: '(?<!x',
      expected: [
        'a.yaml:21 error pattern-safety: M payload/properties/code: pattern "(?<!x" is not a valid ECMAScript (Unicode) regular expression',
      ],
    },
  ])('$name', async ({ pattern, expected }) => {
    expect(summarise(await runRule(patternSafety, withPattern(pattern)))).toEqual(expected);
  });
});

describe('lint rule enum-size', () => {
  const withEnum = (n: number): Record<string, string> => ({
    'a.yaml': messageWith(
      `      payload:\n        type: string\n        enum: [${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]\n`,
    ),
  });
  it.each([
    { name: 'a handful of values', n: 5, expected: [] },
    { name: 'exactly the limit', n: 500, expected: [] },
    {
      name: 'ten thousand values',
      n: 10_000,
      expected: ['a.yaml:18 warning enum-size: M payload: enum has 10000 values (more than 500)'],
    },
  ])('$name', async ({ n, expected }) => {
    expect(summarise(await runRule(enumSize, withEnum(n)))).toEqual(expected);
  });
});

describe('lint rule keyword-not-enforced', () => {
  const withItems = (items: string): Record<string, string> => ({
    'a.yaml': messageWith(`      payload:\n        type: array\n${items}`),
  });
  it.each([
    { name: 'a draft-07 tuple', items: '        items: [{type: number}, {type: number}]\n', expected: [] },
    {
      name: 'a property named like the keyword',
      items: '        items: {type: object, properties: {prefixItems: {type: string}}}\n',
      expected: [],
    },
    {
      name: 'prefixItems alone',
      items: '        prefixItems: [{type: number}]\n',
      expected: [
        "a.yaml:18 warning keyword-not-enforced: M payload: 'prefixItems' is JSON Schema 2020-12; AsyncAPI schemas are draft-07, so validators ignore it",
      ],
    },
    {
      name: 'prefixItems closed by items: false',
      items: '        prefixItems: [{type: number}]\n        items: false\n',
      expected: [
        "a.yaml:18 warning keyword-not-enforced: M payload: 'prefixItems' is JSON Schema 2020-12; AsyncAPI schemas are draft-07, so validators ignore it and 'items: false' beside it lets only empty arrays pass",
      ],
    },
  ])('$name', async ({ items, expected }) => {
    expect(summarise(await runRule(keywordNotEnforced, withItems(items)))).toEqual(expected);
  });
});

describe('receive settings as the generator reads them', () => {
  it('takes the dead-letter topic from a $ref-ed channel address and keeps the retry policy as written', async () => {
    const { loadRegistry } = await import('../../../generator/load/index.js');
    const { memorySource } = await import('../../../generator/load/memory-source.js');
    const { receiveSettingsOf } = await import('../../../generator/model/receive-settings.js');
    const registry = await loadRegistry(
      memorySource(
        receiving(
          "    x-dead-letter: {channel: {$ref: '#/channels/dlt'}}\n    x-retry: {maxAttempts: 2, strategy: {type: fixed, delaySeconds: 1}}\n",
        ),
      ),
    );
    const operation = registry.services[0]!.operations[0]!;
    expect(receiveSettingsOf(operation)).toEqual({
      settings: {
        deadLetterTopic: 'orders-dlt',
        retry: { maxAttempts: 2, strategy: { type: 'fixed', delaySeconds: 1 } },
      },
      problems: [],
    });
  });

  it('leaves an invalid setting out rather than generating it', async () => {
    const { loadRegistry } = await import('../../../generator/load/index.js');
    const { memorySource } = await import('../../../generator/load/memory-source.js');
    const { receiveSettingsOf } = await import('../../../generator/model/receive-settings.js');
    const registry = await loadRegistry(
      memorySource(receiving('    x-dead-letter: {channel: orders}\n    x-retry: {maxAttempts: 0}\n')),
    );
    const result = receiveSettingsOf(registry.services[0]!.operations[0]!);
    expect(result.settings).toEqual({});
    expect(result.problems).toHaveLength(2);
  });
});

const withPayload = (payload: string): Record<string, string> => ({
  'a.yaml': service(
    's',
    `channels:\n  c:\n    address: t\n    messages:\n      M:\n        $ref: '#/components/messages/M'\noperations:\n  send:\n    action: send\n    channel: {$ref: '#/channels/c'}\ncomponents:\n  messages:\n    M:\n      name: M\n      payload:\n${payload}`,
  ),
});

describe('lint rule unvalidatable-property-name', () => {
  it.each([
    {
      name: 'prototype method names and keyword names are plain properties',
      payload:
        '        type: object\n        properties:\n          toString: {type: string}\n          constructor: {type: string}\n          description: {type: string}\n        required: [constructor]\n',
      expected: [],
    },
    {
      name: 'a declared __proto__ property',
      payload:
        '        type: object\n        properties:\n          id: {type: string}\n          __proto__: {type: string}\n',
      expected: ['a.yaml:23 error unvalidatable-property-name: M payload/properties: property name "__proto__"'],
    },
    {
      name: '__proto__ required at depth',
      payload:
        '        type: object\n        properties:\n          inner:\n            type: object\n            required: [__proto__]\n',
      expected: ['error unvalidatable-property-name: M payload/properties/inner/required: property name "__proto__"'],
    },
  ])('$name', async ({ payload, expected }) => {
    const found = summarise(await runRule(unvalidatablePropertyName, withPayload(payload)));
    expect(found).toHaveLength(expected.length);
    expected.forEach((fragment, i) => expect(found[i]).toContain(fragment));
  });
});

/** A message whose payload is `#/components/schemas/Node`, with `schemas` (YAML lines under components.schemas). */
const withSchemas = (schemas: string): Record<string, string> => ({
  'a.yaml': service(
    's',
    `channels:\n  c:\n    address: t\n    messages:\n      M:\n        $ref: '#/components/messages/M'\noperations:\n  send:\n    action: send\n    channel: {$ref: '#/channels/c'}\ncomponents:\n  messages:\n    M:\n      name: M\n      payload: {$ref: '#/components/schemas/Node'}\n  schemas:\n${schemas}`,
  ),
});

describe('lint rule recursion-in-place', () => {
  it.each([
    {
      name: 'recursion through a property and an array item (a tree) is fine',
      schemas:
        "    Node:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n",
      expected: [],
    },
    {
      name: 'a union branch that is the union itself',
      schemas: "    Node:\n      anyOf:\n        - {type: integer}\n        - {$ref: '#/components/schemas/Node'}\n",
      expected: [
        "a.yaml:24 error recursion-in-place: M payload/anyOf/1: the schema refers back to itself through 'anyOf'",
      ],
    },
    {
      name: 'nested combinators through a second definition (not, allOf)',
      schemas:
        "    Node:\n      anyOf:\n        - anyOf: [{type: integer}]\n        - allOf: [{$ref: '#/components/schemas/Other'}]\n    Other:\n      not: {$ref: '#/components/schemas/Node'}\n",
      expected: [
        "error recursion-in-place: M payload/anyOf/1/allOf/0/not: the schema refers back to itself through 'not'",
      ],
    },
    {
      name: 'a recursive definition below a property is reported once, where the cycle closes',
      schemas:
        "    Node:\n      type: object\n      properties:\n        a: {$ref: '#/components/schemas/Loop'}\n        b: {$ref: '#/components/schemas/Loop'}\n    Loop:\n      oneOf: [{const: 1}, {$ref: '#/components/schemas/Loop'}]\n",
      expected: [
        "error recursion-in-place: M payload/properties/a/oneOf/1: the schema refers back to itself through 'oneOf'",
      ],
    },
  ])('$name', async ({ schemas, expected }) => {
    const found = summarise(await runRule(recursionInPlace, withSchemas(schemas)));
    expect(found).toHaveLength(expected.length);
    expected.forEach((fragment, i) => expect(found[i]).toContain(fragment));
  });
});
