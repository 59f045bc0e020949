// The one way this project builds a kafkajs client: with the fixes of kafkajs 2.2.4 installed first (the
// TimeoutNegativeWarning of kafkajs-throttle-timer.ts, the endless stop of kafkajs-stop-race.ts). The fixes are
// process-wide, and each module that installed them before building its own client was one more place to forget
// one (`npm run kafka:start` and the demo printed the warning on Node 24 that way).
import { Kafka, type KafkaConfig } from 'kafkajs';
import { fixKafkajsStopRace } from './kafkajs-stop-race.js';
import { fixKafkajsThrottleTimer } from './kafkajs-throttle-timer.js';

/** Installs every kafkajs fix (each once per process); also for a client the application built itself. */
export function installKafkajsFixes(): void {
  fixKafkajsThrottleTimer(); // no TimeoutNegativeWarning on Node 23+
  fixKafkajsStopRace(); // a consumer stopped while the broker set changes stops, instead of spinning forever
}

export function newKafkajsClient(config: KafkaConfig): Kafka {
  installKafkajsFixes();
  return new Kafka(config);
}
