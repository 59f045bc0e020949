// What a receiver tells the outside world while it works: one event type per thing that happened,
// delivered to hooks, counted in metrics and logged. A hook that throws is logged and ignored —
// observing must never change what happens to a record.
import type { RecordCoordinates } from '../contract.js';
import type { DeadLetterWriteError, EventRuntimeError, HandlerError } from '../errors.js';
import type { DeadLetterStage } from '../dead-letter-format/dead-letter-headers.js';

export type ReceiverEvent =
  | {
      readonly type: 'handled';
      readonly record: RecordCoordinates;
      readonly messageType: string;
      readonly attempts: number;
      readonly latencyMs: number;
    }
  | {
      readonly type: 'invalid';
      readonly record: RecordCoordinates;
      readonly stage: 'decode' | 'validate';
      readonly messageType: string | undefined;
      readonly error: EventRuntimeError;
    }
  | {
      readonly type: 'retrying';
      readonly record: RecordCoordinates;
      readonly messageType: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: HandlerError;
    }
  | {
      readonly type: 'dead-lettered';
      readonly record: RecordCoordinates;
      readonly deadLetterTopic: string;
      readonly stage: DeadLetterStage;
      readonly messageType: string | undefined;
      readonly attempts: number;
      readonly error: EventRuntimeError;
    }
  | {
      readonly type: 'dead-letter-failed';
      readonly record: RecordCoordinates;
      readonly deadLetterTopic: string;
      readonly error: DeadLetterWriteError;
    }
  | {
      readonly type: 'partition-paused';
      readonly topic: string;
      readonly partition: number;
      readonly offset: string;
      readonly resumeInMs: number;
      readonly reason: string;
    }
  | { readonly type: 'partition-resumed'; readonly topic: string; readonly partition: number }
  | {
      /** A failed delivery moved to a retry topic (x-retry.delays); it is handled there from `dueAt` on. */
      readonly type: 'retry-scheduled';
      readonly record: RecordCoordinates;
      readonly messageType: string;
      readonly retryTopic: string;
      /** Deliveries that failed so far, this one included. */
      readonly failedDeliveries: number;
      readonly dueAt: string;
      readonly error: HandlerError;
    }
  | {
      /** A retry topic's partition waits until its next record is due. */
      readonly type: 'retry-waiting';
      readonly topic: string;
      readonly partition: number;
      readonly offset: string;
      readonly resumeInMs: number;
    }
  /** A replayed dead letter addressed to another consumer group (EVC_REPLAY_FOR_GROUP). */
  | { readonly type: 'skipped-replay'; readonly record: RecordCoordinates; readonly forGroup: string }
  /** A retry topic's record of another group's failed delivery: every group of a source topic reads its retry topics. */
  | { readonly type: 'skipped-retry'; readonly record: RecordCoordinates; readonly forGroup: string }
  | { readonly type: 'crashed'; readonly error: Error; readonly restarting: boolean }
  | { readonly type: 'started'; readonly topics: readonly string[]; readonly groupId: string }
  | { readonly type: 'stopped'; readonly groupId: string };

export interface ReceiverHooks {
  /** Every event, in order. */
  readonly onEvent?: (event: ReceiverEvent) => void;
  /** Events that need a person's attention: a dead-letter write failed (the partition is paused), the consumer crashed. */
  readonly onError?: (error: Error, event: ReceiverEvent) => void;
}
