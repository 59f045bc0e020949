// How CLI commands that talk to a broker (`evc dlq`, `evc topics --create`) find it: `--brokers`
// wins over `KAFKA_BROKERS`; TLS, SASL and client id come from the environment / `EVC_KAFKA_CONFIG`.
import { kafkaConnectionFromEnv, type KafkaConnectionOptions } from '../../runtime/index.js';

export const DEFAULT_BROKERS = '127.0.0.1:9092';

export const BROKERS_FLAG_HELP = `bootstrap brokers (default $KAFKA_BROKERS or ${DEFAULT_BROKERS}; TLS/SASL from KAFKA_SSL*/KAFKA_SASL* or $EVC_KAFKA_CONFIG)`;

export function connectionOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): KafkaConnectionOptions {
  const brokers = flag
    ?.split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const connection = kafkaConnectionFromEnv(flag === undefined ? env : { ...env, KAFKA_BROKERS: undefined }, {
    cwd,
    defaultBrokers: [DEFAULT_BROKERS],
  });
  return brokers === undefined || brokers.length === 0 ? connection : { ...connection, brokers };
}
