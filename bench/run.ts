// `npm run bench`: every figure the issues ask for, measured in one run on this machine —
// lint/generate (example and 50-document registries, cold and warm, peak memory, beside
// @asyncapi/parser), evc check on 400 messages, evc docs on the same 400 messages, and runtime throughput against raw kafkajs on a
// real broker (started here unless KAFKA_BROKERS is set). Prints figures; asserts nothing.
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { benchLintGenerate } from './lint-generate.js';
import { benchCompat } from './compat.js';
import { benchRuntimeThroughput } from './runtime-throughput.js';
import { benchTransports, transportLines } from './transport-throughput.js';
import { benchPeers } from './peers.js';
import { benchDocs } from './docs.js';
import { namedBrokers, withBenchBroker } from './bench-broker.js';

const repo = path.resolve(import.meta.dirname, '..');
const print = (title: string, figures: Record<string, number | string>): void => {
  process.stdout.write(`\n## ${title}\n`);
  for (const [name, value] of Object.entries(figures)) {
    const shown =
      typeof value === 'string'
        ? value
        : Number.isInteger(value)
          ? String(value)
          : value < 10
            ? value.toFixed(3)
            : value.toFixed(0);
    process.stdout.write(`${name.padEnd(92)} ${shown.padStart(9)}\n`);
  }
};

process.stdout.write(
  `evc benchmarks — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
// Cold-process figures run the compiled CLI.
execFileSync('npm', ['run', '-s', 'build'], { cwd: repo, stdio: 'inherit' });
const only = new Set(process.argv.slice(2));
const wants = (name: string): boolean => only.size === 0 || only.has(name);

if (wants('lint')) print('lint and generate', await benchLintGenerate());
if (wants('check'))
  print(
    'evc check (50 documents / 400 messages; 5 edits in 5 documents: 2 breaking payload changes, a key change, 2 compatible)',
    await benchCompat(),
  );
if (wants('docs')) print('evc docs (50 documents / 400 messages)', await benchDocs());
if (wants('peers'))
  print(
    'peers: evc vs the AsyncAPI CLI (asyncapi generate models, asyncapi diff), cold processes, same run',
    await benchPeers(),
  );
if (wants('transport')) {
  // One JSON line per client and direction (bench/transport-throughput.ts), with the load they were measured under.
  const figures = await withBenchBroker((brokers) => benchTransports(brokers));
  process.stdout.write(`${transportLines(figures)}\n`);
  process.stdout.write(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
}
if (wants('runtime')) {
  const named = namedBrokers();
  print(
    `runtime throughput, 1 KB messages, ${named.length > 0 ? `KAFKA_BROKERS=${named.join(',')}` : 'local broker'}`,
    await withBenchBroker((brokers) => benchRuntimeThroughput(brokers)),
  );
}
