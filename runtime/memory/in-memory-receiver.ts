// An EventReceiver on the in-memory broker: the production receiver (same processor, retries,
// dead letters, pauses) with memory as transport, for unit tests and the generator's tests.
import { createReceiver, type ManagedEventReceiver, type ReceiverOptions } from '../consumer/receiver.js';
import { silentLogger } from '../logger.js';
import type { InMemoryBroker } from './in-memory-broker.js';

/** Receiver options; the logger defaults to silent here (tests), not to the console. */
export interface InMemoryReceiverOptions extends ReceiverOptions {
  /** Where a group without committed offsets starts; default the beginning of each partition. */
  readonly fromBeginning?: boolean;
}

export function createInMemoryReceiver(broker: InMemoryBroker, options: InMemoryReceiverOptions): ManagedEventReceiver {
  return createReceiver({ logger: silentLogger, ...options }, ({ pauses }) => ({
    consumer: broker.consumer(options.groupId, { fromBeginning: options.fromBeginning ?? true, pauses }),
    deadLetters: broker.producer(),
    ownsDeadLetters: true,
  }));
}
