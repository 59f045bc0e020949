// How CLI commands that talk to a broker (`evc dlq`, `evc topics --create`) find it: `--brokers`
// wins over `KAFKA_BROKERS` (or `brokers` in $EVC_KAFKA_CONFIG); without either, the bundled broker
// when `npm run kafka:start` runs one, else 127.0.0.1:9092. TLS, SASL and client id come from the
// environment / `EVC_KAFKA_CONFIG`.
import path from 'node:path';
import { kafkaConnectionFromEnv, type KafkaConnectionOptions } from '../../runtime/index.js';
import { BUNDLED_BROKER_STATE, runningBundledBroker } from './bundled-broker.js';

export const DEFAULT_BROKERS = '127.0.0.1:9092';

export const BROKERS_FLAG_HELP = `bootstrap brokers (default $KAFKA_BROKERS, else the broker of npm run kafka:start, else ${DEFAULT_BROKERS}; TLS/SASL from KAFKA_SSL*/KAFKA_SASL* or $EVC_KAFKA_CONFIG)`;

/** Said when no broker was named and none runs locally: what to do about it. */
export const NO_BROKER_HINT =
  `no broker was named, and no running broker of npm run kafka:start is recorded in ${BUNDLED_BROKER_STATE} ` +
  `in this folder or above it, so ${DEFAULT_BROKERS} was tried: start the bundled one (npm run kafka:start), ` +
  'or pass --brokers host:port, or set KAFKA_BROKERS (a broker started from another folder printed its ' +
  'KAFKA_BROKERS=… line when it started)';

export interface CliConnection {
  readonly connection: KafkaConnectionOptions;
  /** Where the brokers came from. */
  readonly from: 'flag' | 'environment' | 'bundled' | 'default';
  /** A line for stderr saying which broker is used, when the user did not name it. */
  readonly note?: string;
}

export function connectionOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): CliConnection {
  const brokers = flag
    ?.split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const bundled = runningBundledBroker(cwd);
  const defaults = bundled?.brokers ?? [DEFAULT_BROKERS];
  const connection = kafkaConnectionFromEnv(flag === undefined ? env : { ...env, KAFKA_BROKERS: undefined }, {
    cwd,
    defaultBrokers: [...defaults],
  });
  if (brokers !== undefined && brokers.length > 0) return { connection: { ...connection, brokers }, from: 'flag' };
  const usedDefaults = connection.brokers?.join(',') === defaults.join(',');
  if (!usedDefaults) return { connection, from: 'environment' };
  if (bundled === undefined) return { connection, from: 'default' };
  return {
    connection,
    from: 'bundled',
    note: `using the broker started by npm run kafka:start: ${bundled.brokers.join(',')} (${path.relative(cwd, bundled.stateFile) || bundled.stateFile})`,
  };
}

/** What to add to a failure message: how to name a broker, when none was named and none could be reached. */
export function unreachableBrokerHint(cli: CliConnection | undefined, error: unknown): string {
  if (cli?.from !== 'default' || !(error instanceof Error)) return '';
  const unreachable =
    /^KafkaJS(Connection|NumberOfRetriesExceeded|BrokerNotFound|NonRetriable)/.test(error.name) ||
    /ECONNREFUSED|Connection (error|timeout)/i.test(error.message);
  return unreachable ? `\n  ${NO_BROKER_HINT}` : '';
}
