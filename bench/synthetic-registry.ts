// Writes a synthetic contracts registry for benchmarks: `documents` AsyncAPI 3.0 services with
// `messagesPerDocument` messages each, every message with a payload, a Kafka key and headers;
// shared schemas in schemas/common.yaml, and each service receiving two messages of the previous
// one through cross-document $refs. Deterministic: the same arguments write the same bytes.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

const COMMON = {
  EventHeaders: {
    title: 'EventHeaders',
    type: 'object',
    required: ['correlationId'],
    properties: {
      correlationId: { type: 'string', format: 'uuid' },
      traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    },
  },
  EntityId: { title: 'EntityId', type: 'string', pattern: '^[A-Z]{3}-[0-9]{6}$' },
  Money: {
    title: 'Money',
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] } },
  },
  Address: {
    title: 'Address',
    type: 'object',
    additionalProperties: false,
    required: ['street', 'city', 'countryCode'],
    properties: {
      street: { type: 'string', minLength: 1, maxLength: 200 },
      city: { type: 'string', minLength: 1, maxLength: 100 },
      countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
    },
  },
  Node: {
    title: 'Node',
    type: 'object',
    properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/Node' } } },
  },
};

export function serviceName(d: number): string {
  return `service-${String(d).padStart(2, '0')}`;
}

export function messageName(d: number, m: number): string {
  return `S${String(d).padStart(2, '0')}Event${m}`;
}

function payload(d: number, m: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    type: { const: messageName(d, m) },
    id: { $ref: '../schemas/common.yaml#/EntityId' },
    occurredAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['NEW', 'ACTIVE', 'DONE', 'CANCELLED'] },
    count: { type: 'integer', minimum: 0, maximum: 1000 + m },
    note: { type: 'string', maxLength: 200 + m },
    amount: { $ref: '../schemas/common.yaml#/Money' },
    address: { $ref: '../schemas/common.yaml#/Address' },
    tags: { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 20, uniqueItems: true },
    lines: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'quantity'],
        properties: {
          sku: { type: 'string' },
          quantity: { type: 'integer', minimum: 1 },
          price: { $ref: '../schemas/common.yaml#/Money' },
        },
      },
    },
  };
  if (m % 4 === 0) properties['tree'] = { $ref: '../schemas/common.yaml#/Node' };
  if (m % 3 === 0)
    properties['choice'] = { oneOf: [{ type: 'string', maxLength: 10 }, { type: 'integer' }, { type: 'null' }] };
  return { type: 'object', additionalProperties: false, required: ['type', 'id', 'occurredAt', 'status'], properties };
}

function document(d: number, documents: number, messagesPerDocument: number): Record<string, unknown> {
  const name = serviceName(d);
  const address = `${name}.events`;
  const messages: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (let m = 0; m < messagesPerDocument; m++) {
    const msg = messageName(d, m);
    messages[msg] = {
      name: msg,
      title: `${msg} happened`,
      contentType: 'application/json',
      headers: { $ref: '../schemas/common.yaml#/EventHeaders' },
      payload: payload(d, m),
      bindings: { kafka: { key: { $ref: '../schemas/common.yaml#/EntityId' }, bindingVersion: '0.5.0' } },
    };
    channelMessages[msg] = { $ref: `#/components/messages/${msg}` };
    operations[`send${msg}`] = {
      action: 'send',
      channel: { $ref: '#/channels/events' },
      messages: [{ $ref: `#/channels/events/messages/${msg}` }],
    };
  }
  const channels: Record<string, unknown> = { events: { address, messages: channelMessages } };
  if (documents > 1) {
    const upstream = (d + documents - 1) % documents;
    const upstreamMessages: Record<string, unknown> = {};
    for (const m of [0, 1].filter((x) => x < messagesPerDocument)) {
      upstreamMessages[messageName(upstream, m)] = {
        $ref: `../${serviceName(upstream)}/asyncapi.yaml#/components/messages/${messageName(upstream, m)}`,
      };
    }
    channels['upstream'] = { address: `${serviceName(upstream)}.events`, messages: upstreamMessages };
    operations['receiveUpstream'] = {
      action: 'receive',
      channel: { $ref: '#/channels/upstream' },
      messages: Object.keys(upstreamMessages).map((msg) => ({ $ref: `#/channels/upstream/messages/${msg}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: name, version: '1.0.0', description: `Synthetic service ${d} for benchmarks.` },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

export async function writeSyntheticRegistry(dir: string, documents = 50, messagesPerDocument = 8): Promise<void> {
  await mkdir(path.join(dir, 'schemas'), { recursive: true });
  await writeFile(path.join(dir, 'evc.config.yaml'), 'compatibility: BACKWARD\nmode: strict\n');
  await writeFile(path.join(dir, 'schemas', 'common.yaml'), stringify(COMMON));
  for (let d = 0; d < documents; d++) {
    await mkdir(path.join(dir, serviceName(d)), { recursive: true });
    await writeFile(
      path.join(dir, serviceName(d), 'asyncapi.yaml'),
      stringify(document(d, documents, messagesPerDocument), { aliasDuplicateObjects: false }),
    );
  }
}
