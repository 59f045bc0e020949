// Small contract folders for schema-registry tests: one service sending messages on one topic whose
// name is unique to the test (the registry lives for the whole run), written to a temp folder.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export interface TestMessage {
  readonly name: string;
  /** A JSON Schema payload, or (with `avro: true`) an Avro schema. */
  readonly payload: unknown;
  readonly avro?: boolean;
  readonly key?: Record<string, unknown>;
  readonly level?: string;
}

export interface TestContracts {
  readonly topic: string;
  readonly messages: readonly TestMessage[];
  /** evc.config.yaml content (default: BACKWARD, strict). */
  readonly config?: Record<string, unknown>;
}

/** Writes `<dir>/contracts/{orders.yaml,evc.config.yaml}`; returns `dir` (the cwd for `evc`). */
export function writeContracts(
  spec: TestContracts,
  dir: string = mkdtempSync(path.join(os.tmpdir(), 'evc-sr-')),
): string {
  const messages: Record<string, unknown> = {};
  for (const m of spec.messages)
    messages[m.name] = {
      name: m.name,
      contentType: 'application/json',
      payload: m.avro ? { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: m.payload } : m.payload,
      ...(m.key ? { bindings: { kafka: { key: m.key } } } : {}),
      ...(m.level ? { 'x-evc-compatibility': m.level } : {}),
    };
  const document = {
    asyncapi: '3.0.0',
    info: { title: 'orders', version: '1.0.0', 'x-owner': 'team-orders' },
    channels: {
      orders: {
        address: spec.topic,
        messages: Object.fromEntries(spec.messages.map((m) => [m.name, { $ref: `#/components/messages/${m.name}` }])),
      },
    },
    operations: {
      sendOrders: {
        action: 'send',
        channel: { $ref: '#/channels/orders' },
        messages: spec.messages.map((m) => ({ $ref: `#/channels/orders/messages/${m.name}` })),
      },
    },
    components: { messages },
  };
  mkdirSync(path.join(dir, 'contracts'), { recursive: true });
  writeFileSync(path.join(dir, 'contracts', 'orders.yaml'), stringify(document));
  writeFileSync(
    path.join(dir, 'contracts', 'evc.config.yaml'),
    stringify(spec.config ?? { compatibility: 'BACKWARD', mode: 'strict' }),
  );
  return dir;
}

/** An order-placed payload: closed object with `orderId`, plus `extra` properties. */
export function orderPayload(
  extra: Record<string, unknown> = {},
  required: string[] = ['orderId'],
): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required,
    properties: { orderId: { type: 'string' }, ...extra },
  };
}
