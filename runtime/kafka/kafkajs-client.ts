// The one way this project builds a kafkajs client: with the TimeoutNegativeWarning fix of
// kafkajs-throttle-timer.ts installed first. The fix is process-wide, and each module that called it before
// building its own client was one more place to forget it (`npm run kafka:start` and the demo printed the
// warning on Node 24 that way).
import { Kafka, type KafkaConfig } from 'kafkajs';
import { fixKafkajsThrottleTimer } from './kafkajs-throttle-timer.js';

export function newKafkajsClient(config: KafkaConfig): Kafka {
  fixKafkajsThrottleTimer();
  return new Kafka(config);
}
