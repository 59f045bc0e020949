// `evc dlq inspect|replay`: a thin shell over the runtime's inspectDeadLetters/replayDeadLetters
// (parse flags → call → print → exit code). Exit codes: 0 done; 1 replay left records behind
// (still invalid, loop refused, no destination) or did not reach the end; 2 usage error or an
// unreachable broker / missing topic.
import type { ContractsOptions } from '../../pipeline/open-contracts.js';
import { maxFileSizeOption } from '../contracts-options.js';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  DeadLetterFilterError,
  KafkaConnectionConfigError,
  ReplayIntoSourceError,
  TopicNotFoundError,
  deadLetterTopicVerdict,
  inspectDeadLetters,
  parseDeadLetterFilter,
  parseSince,
  replayDeadLetters,
  type DeadLetterEntry,
  type InspectResult,
  type MessageDescriptor,
  type ReplayResult,
} from '../../../runtime/index.js';
import { EXIT, processIO, type CliIO } from '../io.js';
import { BROKERS_FLAG_HELP, connectionOf, unreachableBrokerHint, type CliConnection } from '../kafka-connection.js';
import { printable } from '../../report/printable.js';

const STAGES = ['decode', 'validate', 'handle'] as const;
const ASSUME_DLT_HELP =
  'the topic is a dead-letter topic although its name does not say so (e.g. a Kafka Connect dead-letter queue)';
const FORMATS = ['text', 'json'] as const;

/** What `evc dlq` takes from a contracts directory. */
export interface DlqContracts {
  /** Name → message with precompiled validators: `replay` re-validates records before re-publishing them. */
  readonly validators: Map<string, MessageDescriptor>;
  /** Every receiver's dead-letter topic: such a topic is a dead-letter topic whatever its name. */
  readonly deadLetterTopics: ReadonlySet<string>;
}

export interface DlqCommandOptions {
  /** Reads `--contracts` through the shared open-the-contracts step. Wired by the CLI entry. */
  readonly loadContracts?: (contracts: ContractsOptions) => Promise<DlqContracts>;
  /** Environment for `KAFKA_BROKERS`, TLS/SASL (`KAFKA_SSL*`, `KAFKA_SASL*`) and `EVC_KAFKA_CONFIG`; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface DlqInspectFlags {
  readonly brokers?: string;
  readonly contracts?: string;
  readonly maxFileSize?: number;
  readonly assumeDlt?: boolean;
  readonly format: (typeof FORMATS)[number];
  readonly limit?: number;
  readonly since?: string;
  readonly stage?: (typeof STAGES)[number];
}

export interface DlqReplayFlags {
  readonly brokers?: string;
  readonly to?: string;
  readonly filter?: string;
  readonly dryRun?: boolean;
  readonly limit?: number;
  readonly contracts?: string;
  readonly unvalidated?: boolean;
  readonly assumeDlt?: boolean;
  readonly maxFileSize?: number;
  readonly maxReplays?: number;
  readonly format: (typeof FORMATS)[number];
}

export function registerDlqCommand(
  program: Command,
  io: CliIO = processIO,
  done: (code: number) => void = (code) => void (process.exitCode = code),
  options: DlqCommandOptions = {},
): void {
  const dlq = program.command('dlq').description('look into and replay dead-letter topics');
  dlq
    .command('inspect')
    .description('show what waits in a dead-letter topic, why, and since when (commits nothing)')
    .argument('<dlt-topic>', 'dead-letter topic, e.g. routing.events-dlt')
    .option('--brokers <list>', BROKERS_FLAG_HELP)
    .option('-c, --contracts <dir>', 'also recognise the dead-letter topics these contracts declare')
    .addOption(maxFileSizeOption())
    .option('--assume-dlt', ASSUME_DLT_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--limit <n>', 'show at most n records (default 100)', positiveInteger)
    .option('--since <time>', 'only records dead-lettered since an ISO time or a duration ago (15m, 2h, 3d)')
    .addOption(new Option('--stage <stage>', 'only records that failed at this stage').choices(STAGES))
    .action(async (topic: string, flags: DlqInspectFlags) => done(await runDlqInspect(topic, flags, io, options)));
  dlq
    .command('replay')
    .description('re-publish dead letters to their original topic with original key and headers')
    .argument('<dlt-topic>', 'dead-letter topic, e.g. routing.events-dlt')
    .option('--brokers <list>', BROKERS_FLAG_HELP)
    .option('--to <topic>', "publish to this topic instead of each record's original topic")
    .option('--filter <expr>', 'only matching records, e.g. stage=validate or message=RouteCalculated (comma: and)')
    .option('--dry-run', 'show what would be replayed; send and commit nothing')
    .option('--limit <n>', 'replay at most n records', positiveInteger)
    .option('-c, --contracts <dir>', 're-validate against these contracts first; still-invalid records stay')
    .option('--unvalidated', 'replay without re-validating (no contracts for these records); use with care')
    .option('--assume-dlt', ASSUME_DLT_HELP)
    .addOption(maxFileSizeOption())
    .option('--max-replays <n>', 'refuse records replayed this often already (default 3)', positiveInteger)
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .action(async (topic: string, flags: DlqReplayFlags) => done(await runDlqReplay(topic, flags, io, options)));
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`expected a positive integer, got "${text}"`);
  return value;
}

export async function runDlqInspect(
  topic: string,
  flags: DlqInspectFlags,
  io: CliIO,
  options: DlqCommandOptions = {},
): Promise<number> {
  if (flags.since !== undefined) {
    try {
      parseSince(flags.since);
    } catch (error) {
      io.stderr(`evc dlq inspect: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const contracts = await contractsOf(flags, 'inspect', io, options);
  if (contracts === 'failed') return EXIT.usage;
  if (!isDeadLetterTopic(topic, flags, contracts, 'inspect', io)) return EXIT.usage;
  let result: InspectResult;
  let cli: CliConnection | undefined;
  try {
    cli = connectionOf(flags.brokers, options.env ?? process.env, io.cwd);
    if (cli.note !== undefined) io.stderr(`evc dlq inspect: ${cli.note}\n`);
    result = await inspectDeadLetters({
      ...cli.connection,
      topic,
      ...(flags.limit === undefined ? {} : { limit: flags.limit }),
      ...(flags.since === undefined ? {} : { since: flags.since }),
      ...(flags.stage === undefined ? {} : { stage: flags.stage }),
    });
  } catch (error) {
    io.stderr(`evc dlq inspect: ${failureText(error)}${unreachableBrokerHint(cli, error)}\n`);
    return EXIT.usage;
  }
  io.stdout(flags.format === 'json' ? `${JSON.stringify(inspectJson(result), null, 2)}\n` : inspectText(result));
  return EXIT.ok;
}

export async function runDlqReplay(
  topic: string,
  flags: DlqReplayFlags,
  io: CliIO,
  options: DlqCommandOptions = {},
): Promise<number> {
  if (flags.filter !== undefined) {
    try {
      parseDeadLetterFilter(flags.filter);
    } catch (error) {
      io.stderr(`evc dlq replay: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  if (flags.contracts === undefined && flags.unvalidated !== true) {
    io.stderr(
      'evc dlq replay: pass --contracts <dir> so records are re-validated before they go back ' +
        '(records still invalid stay in the dead-letter topic), or --unvalidated to replay them unchecked\n',
    );
    return EXIT.usage;
  }
  if (flags.to === topic) {
    io.stderr(
      `evc dlq replay: --to ${printable(topic)} is the topic being replayed: every record would come straight back; pass the topic the records belong on\n`,
    );
    return EXIT.usage;
  }
  const contracts = await contractsOf(flags, 'replay', io, options);
  if (contracts === 'failed') return EXIT.usage;
  if (!isDeadLetterTopic(topic, flags, contracts, 'replay', io)) return EXIT.usage;
  const validators = contracts?.validators;
  let result: ReplayResult;
  let cli: CliConnection | undefined;
  try {
    cli = connectionOf(flags.brokers, options.env ?? process.env, io.cwd);
    if (cli.note !== undefined) io.stderr(`evc dlq replay: ${cli.note}\n`);
    result = await replayDeadLetters({
      ...cli.connection,
      topic,
      dryRun: flags.dryRun ?? false,
      ...(flags.to === undefined ? {} : { to: flags.to }),
      ...(flags.filter === undefined ? {} : { filter: flags.filter }),
      ...(flags.limit === undefined ? {} : { limit: flags.limit }),
      ...(flags.maxReplays === undefined ? {} : { maxReplays: flags.maxReplays }),
      ...(validators === undefined ? {} : { validators }),
    });
  } catch (error) {
    io.stderr(`evc dlq replay: ${failureText(error)}${unreachableBrokerHint(cli, error)}\n`);
    return EXIT.usage;
  }
  io.stdout(flags.format === 'json' ? `${JSON.stringify(result, jsonReplacer, 2)}\n` : replayText(result));
  const leftBehind = result.counts['still-invalid'] + result.counts['loop-refused'] + result.counts['no-destination'];
  return leftBehind > 0 || !result.complete ? EXIT.findings : EXIT.ok;
}

/** Reads `--contracts` when given; 'failed' after saying why on stderr. */
async function contractsOf(
  flags: { readonly contracts?: string; readonly maxFileSize?: number },
  command: 'inspect' | 'replay',
  io: CliIO,
  options: DlqCommandOptions,
): Promise<DlqContracts | undefined | 'failed'> {
  const dir = flags.contracts;
  if (dir === undefined) return undefined;
  if (options.loadContracts === undefined) {
    io.stderr(`evc dlq ${command}: --contracts needs the generator, which this build of the CLI does not provide\n`);
    return 'failed';
  }
  try {
    return await options.loadContracts({
      contracts: dir,
      ...(flags.maxFileSize === undefined ? {} : { maxFileSize: flags.maxFileSize }),
    });
  } catch (error) {
    io.stderr(`evc dlq ${command}: cannot read the contracts in ${dir}: ${failureText(error)}\n`);
    return 'failed';
  }
}

function isDeadLetterTopic(
  topic: string,
  flags: { readonly assumeDlt?: boolean; readonly contracts?: string },
  contracts: DlqContracts | undefined,
  command: 'inspect' | 'replay',
  io: CliIO,
): boolean {
  const verdict = deadLetterTopicVerdict(topic, {
    ...(contracts === undefined ? {} : { declared: contracts.deadLetterTopics }),
    assumed: flags.assumeDlt === true,
  });
  if (verdict.deadLetterTopic) return true;
  const hints = [
    ...(flags.contracts === undefined ? ['--contracts <dir> if the contracts declare it (x-dead-letter)'] : []),
    '--assume-dlt if it is one all the same (e.g. a Kafka Connect dead-letter queue)',
  ];
  io.stderr(
    `evc dlq ${command}: ${printable(verdict.reason)}; pass the dead-letter topic, or ${hints.join(', or ')}\n`,
  );
  return false;
}

function failureText(error: unknown): string {
  if (
    error instanceof TopicNotFoundError ||
    error instanceof ReplayIntoSourceError ||
    error instanceof DeadLetterFilterError ||
    error instanceof KafkaConnectionConfigError
  )
    return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

// --- printing ---------------------------------------------------------------------------------

function bytesText(bytes: Buffer | null): string {
  if (bytes === null) return '(null)';
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `base64:${bytes.toString('base64')}`;
  }
}

function inspectText(result: InspectResult): string {
  const lines: string[] = [];
  const ranges = result.partitions.map((p) => `${p.partition}:${p.low}..${p.high}`).join(' ');
  lines.push(
    `${printable(result.topic)}: ${result.matched} dead letter(s) matched of ${result.scanned} read (partitions ${ranges})${result.limited ? `, showing ${result.entries.length}` : ''}${result.complete ? '' : ' — INCOMPLETE (timed out)'}`,
  );
  for (const entry of result.entries) lines.push(...entryText(entry));
  return `${lines.join('\n')}\n`;
}

function entryText(entry: DeadLetterEntry): string[] {
  const info = entry.deadLetter;
  const at = info?.deadLetteredAt ?? new Date(Number(entry.timestamp)).toISOString();
  const origin =
    info?.originalTopic === undefined
      ? '(unknown origin)'
      : `${info.originalTopic}[${info.originalPartition ?? '?'}]@${info.originalOffset ?? '?'}`;
  const lines = [
    '',
    `${entry.partition}/${entry.offset}  ${printable(at, 40)}  ${info?.stage ?? '?'}  ${printable(entry.messageType ?? '(unknown message)', 80)}  from ${printable(origin, 200)}`,
    `    ${printable(`${info?.errorClass ?? 'unknown error'}: ${info?.errorMessage ?? ''}`, 500)}`,
    `    key ${printable(bytesText(entry.key), 80)} · group ${printable(info?.consumerGroup ?? '?', 80)} · attempts ${info?.attempts ?? '?'} · replayed ${entry.replayCount}× · ${info?.family ?? 'no'} headers`,
  ];
  for (const failure of info?.validationErrors ?? [])
    lines.push(
      `    ${failure.part} ${printable(failure.field, 120)} [${printable(failure.rule, 40)}] ${printable(failure.message, 200)}`,
    );
  return lines;
}

function inspectJson(result: InspectResult): unknown {
  return {
    topic: result.topic,
    scanned: result.scanned,
    matched: result.matched,
    limited: result.limited,
    complete: result.complete,
    partitions: result.partitions.map(({ partition, low, high }) => ({ partition, low, high })),
    entries: result.entries.map((entry) => ({
      partition: entry.partition,
      offset: entry.offset,
      timestamp: entry.timestamp,
      messageType: entry.messageType ?? null,
      replayCount: entry.replayCount,
      key: entry.key === null ? null : bytesText(entry.key),
      value: bytesText(entry.value),
      headers: Object.fromEntries(
        Object.entries(entry.originalHeaders).map(([name, value]) => [name, bytesText(value)]),
      ),
      deadLetter: entry.deadLetter ?? null,
    })),
  };
}

function replayText(result: ReplayResult): string {
  const { counts } = result;
  const lines = [
    `${printable(result.topic)}: ${result.dryRun ? `${counts['would-replay']} would be replayed (dry run)` : `${counts.replayed} replayed`}, ${counts['still-invalid']} still invalid, ${counts['loop-refused']} refused (replay limit), ${counts['no-destination']} without destination, ${counts['filtered-out']} filtered out${result.stoppedEarly === undefined ? '' : ` — stopped early (${result.stoppedEarly})`}${result.complete ? '' : ' — INCOMPLETE (timed out)'}`,
  ];
  for (const record of result.records) {
    const target = record.destination === undefined ? '' : ` → ${printable(record.destination, 200)}`;
    lines.push(
      `  ${record.partition}/${record.offset} ${record.outcome}${target} ${printable(record.messageType ?? '', 80)}${record.reason === undefined ? '' : `: ${printable(record.reason, 400)}`}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
