import { describe, expect, it } from 'vitest';
import { readDeadLetterHeaders } from '../../../runtime/index.js';
import {
  encodeDeadLetterHeaders,
  isDeadLetterHeader,
  type DeadLetterFacts,
} from '../../../runtime/dead-letter-format/dead-letter-headers.js';

const facts: DeadLetterFacts = {
  originalTopic: 'routing.events',
  originalPartition: 2,
  originalOffset: '9007199254740993',
  originalTimestamp: '1785585600123',
  consumerGroup: 'invoicing',
  stage: 'validate',
  messageType: 'RouteCalculated',
  errorClass: 'EventValidationError',
  errorMessage: 'RouteCalculated payload is invalid: /eta must match format "date-time"',
  validationErrors: [
    {
      part: 'payload',
      field: '/eta',
      rule: 'format',
      message: 'must match format "date-time"',
      params: { format: 'date-time' },
    },
  ],
  attempts: 1,
  deadLetteredAt: '2026-08-01T10:00:00.000Z',
};

const text = (headers: Record<string, Buffer>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.toString('utf8')]));

describe('dead-letter headers', () => {
  it('writes the evc family as strings', () => {
    expect(text(encodeDeadLetterHeaders(facts, 'evc'))).toEqual({
      evc_dlt_original_topic: 'routing.events',
      evc_dlt_original_partition: '2',
      evc_dlt_original_offset: '9007199254740993',
      evc_dlt_original_timestamp: '1785585600123',
      evc_dlt_consumer_group: 'invoicing',
      evc_dlt_stage: 'validate',
      evc_dlt_message_type: 'RouteCalculated',
      evc_dlt_error_class: 'EventValidationError',
      evc_dlt_error_message: 'RouteCalculated payload is invalid: /eta must match format "date-time"',
      evc_dlt_validation_errors: JSON.stringify(facts.validationErrors),
      evc_dlt_attempts: '1',
      evc_dlt_dead_lettered_at: '2026-08-01T10:00:00.000Z',
    });
  });

  it('writes Spring Kafka names with big-endian binary partition, offset and timestamp', () => {
    const headers = encodeDeadLetterHeaders(
      {
        ...facts,
        stage: 'handle',
        errorClass: 'HandlerError',
        errorCauseClass: 'TypeError',
        stacktrace: 'TypeError: x\n    at handler',
      },
      'spring',
    );
    expect(headers['kafka_dlt-original-topic']?.toString()).toBe('routing.events');
    expect(headers['kafka_dlt-original-partition']).toEqual(Buffer.from([0, 0, 0, 2]));
    expect(headers['kafka_dlt-original-offset']).toEqual(Buffer.from([0x00, 0x20, 0, 0, 0, 0, 0, 0x01]));
    expect(headers['kafka_dlt-original-timestamp']?.readBigInt64BE(0)).toBe(1785585600123n);
    expect(headers['kafka_dlt-original-timestamp-type']?.toString()).toBe('CreateTime');
    expect(headers['kafka_dlt-original-consumer-group']?.toString()).toBe('invoicing');
    expect(headers['kafka_dlt-exception-fqcn']?.toString()).toBe('HandlerError');
    expect(headers['kafka_dlt-exception-cause-fqcn']?.toString()).toBe('TypeError');
    expect(headers['kafka_dlt-exception-stacktrace']?.toString()).toContain('at handler');
    // What Spring has no name for stays in evc's family.
    expect(headers['evc_dlt_stage']?.toString()).toBe('handle');
    expect(Object.keys(headers).filter((name) => name.startsWith('evc_dlt_original'))).toEqual([]);
  });

  it.each(['evc', 'spring'] as const)('reads back what it wrote (%s)', (style) => {
    const read = readDeadLetterHeaders(encodeDeadLetterHeaders(facts, style));
    expect(read).toEqual({
      family: style,
      originalTopic: 'routing.events',
      originalPartition: 2,
      originalOffset: '9007199254740993',
      originalTimestamp: '1785585600123',
      consumerGroup: 'invoicing',
      stage: 'validate',
      rawStage: 'validate',
      messageType: 'RouteCalculated',
      errorClass: 'EventValidationError',
      errorMessage: facts.errorMessage,
      validationErrors: facts.validationErrors,
      attempts: 1,
      deadLetteredAt: '2026-08-01T10:00:00.000Z',
    });
  });

  it('reads records dead-lettered by Spring Kafka itself', () => {
    const long = (n: bigint) => {
      const bytes = Buffer.alloc(8);
      bytes.writeBigInt64BE(n);
      return bytes;
    };
    const read = readDeadLetterHeaders({
      'kafka_dlt-original-topic': Buffer.from('orders'),
      'kafka_dlt-original-partition': Buffer.from([0, 0, 0, 5]),
      'kafka_dlt-original-offset': long(42n),
      'kafka_dlt-original-timestamp': long(1700000000000n),
      'kafka_dlt-original-consumer-group': Buffer.from('billing'),
      'kafka_dlt-exception-fqcn': Buffer.from('org.springframework.kafka.listener.ListenerExecutionFailedException'),
      'kafka_dlt-exception-cause-fqcn': Buffer.from(
        'org.springframework.kafka.support.serializer.DeserializationException',
      ),
      'kafka_dlt-exception-message': Buffer.from('failed to deserialize'),
    });
    expect(read).toMatchObject({
      family: 'spring',
      originalTopic: 'orders',
      originalPartition: 5,
      originalOffset: '42',
      originalTimestamp: '1700000000000',
      consumerGroup: 'billing',
      stage: 'decode',
    });
  });

  it('reads Kafka Connect error context headers (strings)', () => {
    const read = readDeadLetterHeaders({
      '__connect.errors.topic': 'pg.public.orders',
      '__connect.errors.partition': '1',
      '__connect.errors.offset': '1234',
      '__connect.errors.connector.name': 'jdbc-sink',
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
      '__connect.errors.exception.message': 'Converting byte[] to Kafka Connect data failed',
    });
    expect(read).toEqual({
      family: 'connect',
      originalTopic: 'pg.public.orders',
      originalPartition: 1,
      originalOffset: '1234',
      stage: 'decode',
      rawStage: 'VALUE_CONVERTER',
      errorClass: 'org.apache.kafka.connect.errors.DataException',
      errorMessage: 'Converting byte[] to Kafka Connect data failed',
      connector: 'jdbc-sink',
    });
    expect(readDeadLetterHeaders({ '__connect.errors.topic': 't', '__connect.errors.stage': 'TASK_PUT' })?.stage).toBe(
      'handle',
    );
  });

  it('returns undefined for a record without dead-letter headers, and ignores garbage values', () => {
    expect(readDeadLetterHeaders({ ce_type: Buffer.from('X') })).toBeUndefined();
    const read = readDeadLetterHeaders({
      evc_dlt_original_topic: 't',
      evc_dlt_original_partition: 'two',
      evc_dlt_validation_errors: '{"not":"an array"}',
      evc_dlt_stage: 'explode',
      evc_dlt_attempts: '1e9',
    });
    expect(read).toEqual({ family: 'evc', originalTopic: 't', rawStage: 'explode' });
  });

  it('takes the last value of a repeated header', () => {
    expect(
      readDeadLetterHeaders({ evc_dlt_original_topic: [Buffer.from('first'), Buffer.from('last')] })?.originalTopic,
    ).toBe('last');
  });

  it('reads a header without a value (kafkajs gives null) as absent', () => {
    expect(readDeadLetterHeaders({ evc_dlt_original_topic: null })).toBeUndefined();
    expect(readDeadLetterHeaders({ evc_dlt_original_topic: 'orders', evc_dlt_stage: null })?.originalTopic).toBe(
      'orders',
    );
  });

  it('bounds error text so a huge message cannot overflow the record', () => {
    const headers = encodeDeadLetterHeaders({ ...facts, errorMessage: 'x'.repeat(100_000) });
    expect(headers['evc_dlt_error_message']!.length).toBeLessThan(5_000);
  });

  it("recognises every family's header names", () => {
    expect(['evc_dlt_stage', 'kafka_dlt-original-topic', '__connect.errors.topic'].every(isDeadLetterHeader)).toBe(
      true,
    );
    expect(isDeadLetterHeader('ce_type')).toBe(false);
  });
});
