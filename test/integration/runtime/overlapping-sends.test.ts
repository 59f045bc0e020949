// Services send as their handlers finish, so sends to one topic overlap. Every overlapping send must be acknowledged
// and its record written, in the order the sends were asked for per key, on either transport (EVC_TRANSPORT).
// @platformatic/kafka's idempotent producer refused a third of such sends with OUT_OF_ORDER_SEQUENCE_NUMBER (and
// the LogiFlow demo on it dead-lettered most of its events) until the transport sent to a topic one send at a time.
import { afterAll, describe, expect, it } from 'vitest';
import { createKafkaTransport, silentLogger } from '../../../runtime/index.js';
import { createTopics, deleteTopics, kafkaBrokers, kafkaClient, uniqueTopic } from '../kafka.js';

const SENDS = 120;
const KEYS = 4;
const topic = uniqueTopic('overlapping-sends');
afterAll(() => deleteTopics([topic]));

describe('overlapping sends to one topic', () => {
  it('are all acknowledged and written, in the order asked for per key', async () => {
    await createTopics([topic], 3);
    const producer = createKafkaTransport({ brokers: kafkaBrokers(), logger: silentLogger }).producer();
    const sends: Promise<void>[] = [];
    try {
      for (let i = 0; i < SENDS; i++) {
        const record = { key: Buffer.from(`key-${i % KEYS}`), value: Buffer.from(JSON.stringify({ i })), headers: {} };
        sends.push(producer.send(topic, [record]));
        // A few milliseconds apart at most: the next send starts while earlier ones are in flight.
        await new Promise((resolve) => setTimeout(resolve, i % 3));
      }
      const outcomes = await Promise.allSettled(sends);
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
      expect(refused).toEqual([]);
    } finally {
      await producer.disconnect();
    }

    const consumer = kafkaClient('evc-overlapping-sends').consumer({ groupId: `${topic}-reader` });
    const read = new Map<string, number[]>();
    let count = 0;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${count} of ${SENDS} records`)), 60_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            const key = message.key!.toString();
            read.set(key, [...(read.get(key) ?? []), (JSON.parse(message.value!.toString()) as { i: number }).i]);
            if (++count === SENDS) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    for (let k = 0; k < KEYS; k++) {
      const asked = Array.from({ length: SENDS }, (_, i) => i).filter((i) => i % KEYS === k);
      expect(read.get(`key-${k}`), `key-${k}`).toEqual(asked);
    }
  });
});
