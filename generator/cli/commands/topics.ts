// `evc topics [--create]`: the Kafka topics the registry needs — every channel with its binding's
// partitions, replicas and topic configuration, and every dead-letter and retry topic its receivers use — as a
// plan, or created on a cluster (missing ones only; existing ones are compared, never altered).
// Exit 0 done; 1 an existing topic's partitions differ from the contract; 2 usage error,
// unreadable contracts or an unreachable broker.
import type { Command } from 'commander';
import { Option } from 'commander';
import { planTopics, type PlannedTopic, type TopicPlan } from '../../catalog/topic-plan.js';
import { InputError, openContracts } from '../../pipeline/open-contracts.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { printable } from '../../report/printable.js';
import { formatRetryDelay } from '../../../contract-conventions/index.js';
import { EXIT, type CliIO } from '../io.js';
import { BROKERS_FLAG_HELP, connectionOf, unreachableBrokerHint, type CliConnection } from '../kafka-connection.js';

const FORMATS = ['text', 'json'] as const;

export interface TopicsFlags {
  readonly contracts?: string;
  readonly maxFileSize?: number;
  readonly create?: boolean;
  readonly brokers?: string;
  readonly format?: (typeof FORMATS)[number];
}

export async function runTopics(
  flags: TopicsFlags,
  io: CliIO,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const format = flags.format ?? 'text';
  let plan: TopicPlan;
  try {
    const { registry } = await openContracts({ ...flags, cwd: io.cwd }, { role: 'current' });
    plan = planTopics(registry);
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'topics', error);
    throw error;
  }
  for (const problem of plan.problems) {
    io.stderr(
      `${problem.at === undefined ? '' : `${problem.at.file}:${problem.at.line}:${problem.at.column}: `}warning: ${printable(problem.message)}\n`,
    );
  }
  if (!flags.create) {
    io.stdout(
      format === 'json'
        ? `${JSON.stringify({ topics: plan.topics.map(jsonTopic) }, null, 2)}\n`
        : planText(plan.topics),
    );
    return EXIT.ok;
  }
  // kafkajs is loaded only when a broker is needed (~200 ms).
  const { ensureTopics } = await import('../../../runtime/index.js');
  let result: Awaited<ReturnType<typeof ensureTopics>>;
  let cli: CliConnection | undefined;
  try {
    cli = connectionOf(flags.brokers, env, io.cwd);
    if (cli.note !== undefined) io.stderr(`evc topics: ${cli.note}\n`);
    result = await ensureTopics({
      ...cli.connection,
      topics: plan.topics.map((t) => ({
        topic: t.topic,
        ...(t.partitions === undefined ? {} : { partitions: t.partitions }),
        ...(t.replicas === undefined ? {} : { replicas: t.replicas }),
        config: t.config,
      })),
    });
  } catch (error) {
    io.stderr(
      `evc topics: could not create topics: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}${unreachableBrokerHint(cli, error)}\n`,
    );
    return EXIT.usage;
  }
  const mismatched = result.existing.filter((topic) => topic.declaredPartitions !== undefined);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ created: result.created, existing: result.existing }, null, 2)}\n`);
  } else {
    const lines = [`evc topics: created ${result.created.length}, already there ${result.existing.length}`];
    for (const topic of result.created) lines.push(`  created  ${printable(topic)}`);
    for (const topic of result.existing) {
      lines.push(
        `  exists   ${printable(topic.topic)} (${topic.partitions} partitions${topic.declaredPartitions === undefined ? '' : `; the contract declares ${topic.declaredPartitions} — not changed: adding partitions moves keys to other partitions, decide it deliberately`})`,
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return mismatched.length > 0 ? EXIT.findings : EXIT.ok;
}

function planText(topics: readonly PlannedTopic[]): string {
  const width = Math.max(0, ...topics.map((t) => printable(t.topic).length));
  const lines = topics.map((t) => {
    const size = `${t.partitions ?? 'default'} partitions, ${t.replicas ?? 'default'} replicas`;
    const config = Object.entries(t.config).map(([name, value]) => `${name}=${value}`);
    const purpose =
      t.purpose === 'events'
        ? 'events'
        : t.purpose === 'retries'
          ? `retries of ${t.retriesOf!.topic} after ${formatRetryDelay(t.retriesOf!.delayMs)}`
          : `dead letters of ${t.deadLettersOf!.join(', ')}`;
    return `${printable(t.topic).padEnd(width)}  ${printable(purpose)}; ${size}${config.length === 0 ? '' : `; ${printable(config.join(', '))}`}`;
  });
  return `${lines.join('\n')}\n`;
}

function jsonTopic(topic: PlannedTopic): Record<string, unknown> {
  const { declaredAt, ...rest } = topic;
  return declaredAt === undefined
    ? rest
    : { ...rest, declaredAt: `${declaredAt.file}:${declaredAt.line}:${declaredAt.column}` };
}

export function registerTopicsCommand(
  program: Command,
  io: CliIO,
  done: (code: number) => void = (code) => void (process.exitCode = code),
): void {
  withContractsOptions(
    program
      .command('topics')
      .description(
        'list the Kafka topics the contracts need (events, dead letters and retries); --create makes the missing ones',
      ),
  )
    .option('--create', 'create missing topics on the cluster (existing ones are compared, never changed)')
    .option('--brokers <list>', BROKERS_FLAG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .action(async (flags: TopicsFlags) => done(await runTopics(flags, io)));
}
