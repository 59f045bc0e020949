// A record processor for unit tests, built as a receiver builds one, on one route of topic `t`: it records the
// receiver events it emits and the topics of the dead letters (and retry copies) it writes.
import { DEFAULT_PREPARATION } from '../../../runtime/consumer/event-preparation.js';
import type { ReceiverEvent } from '../../../runtime/consumer/receiver-events.js';
import { ReceiverMetrics } from '../../../runtime/consumer/receiver-metrics.js';
import { ReceiverObserver } from '../../../runtime/consumer/receiver-observer.js';
import { createRecordProcessor } from '../../../runtime/consumer/record-processor.js';
import { abortableSleep } from '../../../runtime/consumer/retry-policy.js';
import { RouteTable } from '../../../runtime/consumer/route-table.js';
import { route, silentLogger, type ConsumedRecord, type ProducerTransport } from '../../../runtime/index.js';
import type { RetrySettings } from '../../../contract-conventions/retry-settings.js';
import { CORRELATION_ID, routeCalculated, validRoute } from './fixtures.js';

export interface ProcessorUnderTestOptions {
  readonly retry: RetrySettings;
  /** Where dead letters go; by default they are only recorded in `sent`. */
  readonly deadLetters?: ProducerTransport;
}

export function processorUnderTest(handler: () => void | Promise<void>, options: ProcessorUnderTestOptions) {
  const events: ReceiverEvent[] = [];
  const sent: string[] = [];
  const observer = new ReceiverObserver(
    { onEvent: (event) => events.push(event) },
    new ReceiverMetrics(),
    silentLogger,
  );
  const routes = [route(routeCalculated('t'), handler)];
  const process = createRecordProcessor({
    groupId: 'g',
    routes: new RouteTable(routes),
    routeList: routes,
    preparation: DEFAULT_PREPARATION,
    retry: options.retry,
    deadLetterTopic: undefined,
    headerStyle: 'evc',
    deadLetterTransport: options.deadLetters ?? {
      send: async (topic) => void sent.push(topic),
      disconnect: async () => {},
    },
    observer,
    clock: () => new Date(0),
    random: () => 0.5,
    sleep: abortableSleep,
    signal: new AbortController().signal,
  });
  return { process, events, sent };
}

/** A valid RouteCalculated record of topic `t`, as a transport hands it over. */
export const validRecord: ConsumedRecord = {
  topic: 't',
  partition: 0,
  offset: '7',
  timestamp: '0',
  key: Buffer.from('TRK-0042'),
  value: Buffer.from(JSON.stringify(validRoute())),
  headers: { correlationId: Buffer.from(CORRELATION_ID) },
};
