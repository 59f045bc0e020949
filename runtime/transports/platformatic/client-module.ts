// Loads @platformatic/kafka when a platformatic producer or consumer first connects, not when the runtime is
// imported: the client's modules take about 0.5 s of CPU to load, which every service on kafkajs would otherwise
// pay at start-up for a client it never runs.
export type PlatformaticKafka = typeof import('@platformatic/kafka');

let loading: Promise<PlatformaticKafka> | undefined;

/** The client's module, loaded once per process. */
export function loadPlatformaticKafka(): Promise<PlatformaticKafka> {
  loading ??= import('@platformatic/kafka');
  return loading;
}
