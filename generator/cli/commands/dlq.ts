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
  TopicNotFoundError,
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
import { BROKERS_FLAG_HELP, connectionOf } from '../kafka-connection.js';
import { printable } from '../../report/printable.js';

const STAGES = ['decode', 'validate', 'handle'] as const;
const FORMATS = ['text', 'json'] as const;

export interface DlqCommandOptions {
  /**
   * Builds descriptors (name → message with precompiled validators) from a contracts directory, so
   * `replay --contracts DIR` re-validates records before re-publishing them. Wired by the CLI entry.
   */
  readonly loadValidators?: (contracts: ContractsOptions) => Promise<Map<string, MessageDescriptor>>;
  /** Environment for `KAFKA_BROKERS`, TLS/SASL (`KAFKA_SSL*`, `KAFKA_SASL*`) and `EVC_KAFKA_CONFIG`; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface DlqInspectFlags {
  readonly brokers?: string;
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
  let result: InspectResult;
  try {
    result = await inspectDeadLetters({
      ...connectionOf(flags.brokers, options.env ?? process.env, io.cwd),
      topic,
      ...(flags.limit === undefined ? {} : { limit: flags.limit }),
      ...(flags.since === undefined ? {} : { since: flags.since }),
      ...(flags.stage === undefined ? {} : { stage: flags.stage }),
    });
  } catch (error) {
    io.stderr(`evc dlq inspect: ${failureText(error)}\n`);
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
  let validators: Map<string, MessageDescriptor> | undefined;
  if (flags.contracts !== undefined) {
    if (options.loadValidators === undefined) {
      io.stderr(
        'evc dlq replay: --contracts needs the generator to build validators, which this build of the CLI does not provide\n',
      );
      return EXIT.usage;
    }
    try {
      validators = await options.loadValidators({
        contracts: flags.contracts,
        ...(flags.maxFileSize === undefined ? {} : { maxFileSize: flags.maxFileSize }),
      });
    } catch (error) {
      io.stderr(`evc dlq replay: cannot load validators from ${flags.contracts}: ${failureText(error)}\n`);
      return EXIT.usage;
    }
  }
  let result: ReplayResult;
  try {
    result = await replayDeadLetters({
      ...connectionOf(flags.brokers, options.env ?? process.env, io.cwd),
      topic,
      dryRun: flags.dryRun ?? false,
      ...(flags.to === undefined ? {} : { to: flags.to }),
      ...(flags.filter === undefined ? {} : { filter: flags.filter }),
      ...(flags.limit === undefined ? {} : { limit: flags.limit }),
      ...(flags.maxReplays === undefined ? {} : { maxReplays: flags.maxReplays }),
      ...(validators === undefined ? {} : { validators }),
    });
  } catch (error) {
    io.stderr(`evc dlq replay: ${failureText(error)}\n`);
    return EXIT.usage;
  }
  io.stdout(flags.format === 'json' ? `${JSON.stringify(result, jsonReplacer, 2)}\n` : replayText(result));
  const leftBehind = result.counts['still-invalid'] + result.counts['loop-refused'] + result.counts['no-destination'];
  return leftBehind > 0 || !result.complete ? EXIT.findings : EXIT.ok;
}

function failureText(error: unknown): string {
  if (
    error instanceof TopicNotFoundError ||
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
