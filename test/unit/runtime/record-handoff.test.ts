// The record processor's hand-over contract with transports: a record that needed no waiting comes back as
// undefined (the transport then goes on in the same turn, no promise per record), everything that waits comes
// back as a promise, and nothing is ever thrown — a failure the transport must see is a rejected promise.
import { describe, expect, it } from 'vitest';
import type { ReceiverEvent } from '../../../runtime/consumer/receiver-events.js';
import type { ConsumedRecord, ProducerTransport } from '../../../runtime/index.js';
import { processorUnderTest, validRecord } from './processor-under-test.js';

const valid = validRecord;
const notJson: ConsumedRecord = { ...valid, value: Buffer.from('{"routeId":') };

const processor = (handler: () => void | Promise<void>, deadLetters?: ProducerTransport) =>
  processorUnderTest(handler, {
    retry: { maxAttempts: 2, strategy: 'fixed', initialDelayMs: 1, jitter: 'none' },
    ...(deadLetters === undefined ? {} : { deadLetters }),
  });

const types = (events: readonly ReceiverEvent[]) => events.map((event) => event.type);

describe('record hand-over', () => {
  it('finishes a record whose synchronous handler succeeds in the same turn, with no promise', () => {
    let calls = 0;
    const { process, events } = processor(() => void (calls += 1));
    expect(process(valid)).toBeUndefined();
    expect(calls).toBe(1);
    expect(types(events)).toEqual(['handled']);
  });

  it('returns a promise that resolves once an asynchronous handler is done', async () => {
    let finished = false;
    const { process, events } = processor(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      finished = true;
    });
    const done = process(valid);
    expect(done).toBeInstanceOf(Promise);
    expect(finished).toBe(false);
    await done;
    expect(finished).toBe(true);
    expect(types(events)).toEqual(['handled']);
  });

  it('returns a promise for a synchronous handler that throws: retried in place, then dead-lettered', async () => {
    let calls = 0;
    const { process, events, sent } = processor(() => {
      calls += 1;
      throw new Error('database unavailable');
    });
    const done = process(valid);
    expect(done).toBeInstanceOf(Promise);
    await done;
    expect(calls).toBe(2);
    expect(sent).toEqual(['t-dlt']);
    expect(types(events)).toEqual(['retrying', 'dead-lettered']);
  });

  it('returns a promise for an invalid record: done once its dead letter is written', async () => {
    const { process, sent } = processor(() => {
      throw new Error('not called');
    });
    const done = process(notJson);
    expect(done).toBeInstanceOf(Promise);
    await done;
    expect(sent).toEqual(['t-dlt']);
  });

  it('rejects, never throws, when the dead-letter topic cannot be written', async () => {
    const unwritable: ProducerTransport = {
      send: async () => {
        throw new Error('broker unavailable');
      },
      disconnect: async () => {},
    };
    const { process } = processor(() => {}, unwritable);
    let done: void | Promise<void> = undefined;
    expect(() => (done = process(notJson))).not.toThrow();
    await expect(done).rejects.toThrow();
  });

  it('rejects, never throws, when something fails before the handler is reached', async () => {
    const { process } = processor(() => {});
    const broken = {
      ...valid,
      get headers(): Record<string, Buffer> {
        throw new TypeError('a broken record');
      },
    };
    let done: void | Promise<void> = undefined;
    expect(() => (done = process(broken))).not.toThrow();
    await expect(done).rejects.toThrow('a broken record');
  });
});
