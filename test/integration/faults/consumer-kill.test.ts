// Fault: a consumer process is killed with SIGKILL in the middle of fetched batches and started
// again. Nothing may be lost, and what is handled twice must be exactly the records that were
// handled but not yet committed — never more than one fetched batch per partition (the bound
// documented in runtime/README.md). The consumer is a real child process (consumer-process.ts), so
// the kill gives it no chance to commit or leave the group.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createKafkaEventSender, silentLogger } from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, testTransportName, uniqueTopic } from '../kafka.js';
import { committedOn, numberedEvent, report, routeCalculated, seconds, waitUntil } from './support.js';

const CHILD = fileURLToPath(new URL('./consumer-process.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

interface Handled {
  readonly n: number;
  readonly partition: number;
  readonly offset: number;
}
interface Batch {
  readonly partition: number;
  readonly first: number;
  readonly last: number;
  readonly size: number;
}

/** What one run of the child wrote: handled records, started batches, blocked records. */
function parse(text: string): { handled: Handled[]; batches: Batch[]; blocked: Handled[]; ready: boolean } {
  const handled: Handled[] = [];
  const batches: Batch[] = [];
  const blocked: Handled[] = [];
  let ready = false;
  for (const line of text.split('\n')) {
    const [kind, a, b, c, d] = line.split(' ');
    if (kind === 'H' || kind === 'S')
      (kind === 'H' ? handled : blocked).push({ n: Number(a), partition: Number(b), offset: Number(c) });
    else if (kind === 'B') batches.push({ partition: Number(a), first: Number(b), last: Number(c), size: Number(d) });
    else if (kind === 'READY') ready = true;
  }
  return { handled, batches, blocked, ready };
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function startConsumer(env: Record<string, string>): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

describe('consumer process killed mid-batch', () => {
  it('loses nothing and redelivers only the handled-but-uncommitted part of the batches in progress', async () => {
    const total = 240;
    const topic = uniqueTopic('faults.kill');
    await createTopics([topic, `${topic}-dlt`], 3);
    const descriptor = routeCalculated(topic);
    // Small sends, so the log holds small record batches and a 4 KB fetch returns a few of them.
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
    try {
      for (let n = 0; n < total; n += 6)
        await sender.sendBatch(
          descriptor,
          Array.from({ length: 6 }, (_, i) => numberedEvent(n + i)),
        );
    } finally {
      await sender.disconnect();
    }

    const dir = mkdtempSync(join(tmpdir(), 'evc-faults-kill-'));
    dirs.push(dir);
    const firstOut = join(dir, 'first.log');
    const secondOut = join(dir, 'second.log');
    const groupId = uniqueTopic('faults.kill.g');
    const common = {
      FAULTS_BROKERS: kafkaBrokers().join(','),
      FAULTS_TOPIC: topic,
      FAULTS_GROUP: groupId,
      FAULTS_HANDLER_DELAY_MS: '2',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };

    // Run 1: blocks one record per partition after a third of the records, mid-batch; then SIGKILL.
    const first = startConsumer({ ...common, FAULTS_OUT: firstOut, FAULTS_BLOCK_AFTER: String(total / 3) });
    await waitUntil(
      () => parse(read(firstOut)).blocked.length > 0,
      () => `first run never blocked: ${read(firstOut).slice(-500)} ${first.stderr()}`,
      60_000,
    );
    // Give the other partitions a moment to reach their own blocking record (or the end of their batch).
    const blockedAt = performance.now();
    await waitUntil(
      () => parse(read(firstOut)).blocked.length === 3 || performance.now() - blockedAt > 1_500,
      () => 'never',
      5_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const run1 = parse(read(firstOut));
    const committed = await committedOn(kafkaBrokers(), groupId, topic);

    // Run 2: the same service started again.
    const restartAt = performance.now();
    const second = startConsumer({ ...common, FAULTS_OUT: secondOut });
    let firstRecordMs: number | undefined;
    await waitUntil(
      () => {
        const run2 = parse(read(secondOut));
        if (firstRecordMs === undefined && run2.handled.length > 0) firstRecordMs = performance.now() - restartAt;
        return new Set([...run1.handled, ...run2.handled].map((h) => h.n)).size === total;
      },
      () =>
        `not all handled: run 1 ${run1.handled.length}, run 2 ${parse(read(secondOut)).handled.length} ${second.stderr().slice(-500)}`,
      60_000,
    );
    const completeMs = performance.now() - restartAt;
    second.child.kill('SIGTERM');
    expect(await second.exited).toMatchObject({ code: 0 }); // graceful stop: commit and leave
    const run2 = parse(read(secondOut));

    // Nothing lost, and no run handled a record twice by itself.
    const all = new Set([...run1.handled, ...run2.handled].map((h) => h.n));
    expect(all.size).toBe(total);
    expect(new Set(run1.handled.map((h) => h.n)).size).toBe(run1.handled.length);
    expect(new Set(run2.handled.map((h) => h.n)).size).toBe(run2.handled.length);

    const again = new Set(run2.handled.map((h) => h.n));
    const duplicates = run1.handled.filter((h) => again.has(h.n));
    const perPartition: Record<number, { committed: number; duplicates: number; batch: string; midBatch: boolean }> =
      {};
    for (const partition of [0, 1, 2]) {
      const at = committed.get(partition) ?? -1;
      const handledHere = run1.handled.filter((h) => h.partition === partition);
      // Exactly the handled-but-uncommitted records come back, and nothing committed does.
      const uncommitted = handledHere.filter((h) => h.offset >= at).map((h) => h.n);
      const dup = duplicates.filter((h) => h.partition === partition);
      expect(dup.map((h) => h.n).sort((a, b) => a - b)).toEqual(uncommitted.sort((a, b) => a - b));
      expect(run2.handled.filter((h) => h.partition === partition && h.offset < at)).toEqual([]);
      // The bound: all of them lie in the last batch the killed process started on that partition (kafkajs
      // reports its batches; on the platformatic transport the bound is the commit above: uncommitted only).
      const batch = run1.batches.filter((b) => b.partition === partition).at(-1);
      if (dup.length > 0 && testTransportName() === 'kafkajs') {
        expect(batch).toBeDefined();
        for (const h of dup) {
          expect(h.offset).toBeGreaterThanOrEqual(batch!.first);
          expect(h.offset).toBeLessThanOrEqual(batch!.last);
        }
        expect(dup.length).toBeLessThanOrEqual(batch!.size);
      }
      perPartition[partition] = {
        committed: at,
        duplicates: dup.length,
        batch: batch === undefined ? 'none' : `${batch.first}-${batch.last} (${batch.size})`,
        midBatch: run1.blocked.some((b) => b.partition === partition),
      };
    }
    // The kill did land in the middle of at least one batch, with records of it already handled.
    expect(run1.blocked.length).toBeGreaterThan(0);
    if (testTransportName() === 'kafkajs') expect(duplicates.length).toBeGreaterThan(0);

    const batchSizes = run1.batches.map((b) => b.size);
    report('consumer SIGKILL', {
      records: total,
      handledBeforeKill: run1.handled.length,
      handledAfterRestart: run2.handled.length,
      lost: total - all.size,
      duplicates: duplicates.length,
      // Only kafkajs reports the batches it starts; the platformatic transport's bound is the commit.
      batchSizes: batchSizes.length === 0 ? 'not reported' : `${Math.min(...batchSizes)}-${Math.max(...batchSizes)}`,
      perPartition,
      restartToFirstRecord: seconds(firstRecordMs ?? Number.NaN),
      restartToAllHandled: seconds(completeMs),
    });
  }, 120_000);

  it('resumes within 5 s of a restart with static membership (KIP-345) where the transport has it, else after the session timeout', async () => {
    const total = 600;
    const topic = uniqueTopic('faults.restart');
    await createTopics([topic, `${topic}-dlt`], 3);
    const descriptor = routeCalculated(topic);
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
    try {
      for (let n = 0; n < total; n += 50)
        await sender.sendBatch(
          descriptor,
          Array.from({ length: 50 }, (_, i) => numberedEvent(n + i)),
        );
    } finally {
      await sender.disconnect();
    }
    const dir = mkdtempSync(join(tmpdir(), 'evc-faults-restart-'));
    dirs.push(dir);
    const [firstOut, secondOut] = [join(dir, 'first.log'), join(dir, 'second.log')];
    const common = {
      FAULTS_BROKERS: kafkaBrokers().join(','),
      FAULTS_TOPIC: topic,
      FAULTS_GROUP: uniqueTopic('faults.restart.g'),
      FAULTS_HANDLER_DELAY_MS: '40',
      FAULTS_RESTART_PROBE: '1',
      FAULTS_INSTANCE_ID: 'faults-restart-instance-1',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    // The replacement process is loaded meanwhile and starts its receiver right after the kill, so what is
    // measured is the group's hand-over, not Node's start-up.
    const go = join(dir, 'go');
    const first = startConsumer({ ...common, FAULTS_OUT: firstOut });
    const second = startConsumer({ ...common, FAULTS_OUT: secondOut, FAULTS_WAIT_FOR: go });
    await waitUntil(
      () => parse(read(firstOut)).handled.length >= 60 && read(secondOut).includes('LOADED'),
      () =>
        `first run handled ${parse(read(firstOut)).handled.length}: ${first.stderr().slice(-500)} ${second.stderr()}`,
      60_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const restartAt = performance.now();
    writeFileSync(go, '');
    const run1 = parse(read(firstOut));
    let firstRecordMs: number | undefined;
    await waitUntil(
      () => {
        const run2 = parse(read(secondOut));
        if (firstRecordMs === undefined && run2.handled.length > 0) firstRecordMs = performance.now() - restartAt;
        return new Set([...run1.handled, ...run2.handled].map((h) => h.n)).size === total;
      },
      () => `not all handled after restart: ${parse(read(secondOut)).handled.length} ${second.stderr().slice(-500)}`,
      90_000,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toMatchObject({ code: 0 });
    const run2 = parse(read(secondOut));
    const staticMember = /^STATIC yes/m.test(read(secondOut));
    // From receiver.start() in the replacement to its first handled record.
    const mark = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(read(secondOut))?.[1]);
    const resumeMs = mark('FIRST') - mark('START');
    const client = /^STATIC \w+ (\S+)/m.exec(read(secondOut))?.[1] ?? 'unknown';
    const again = new Set(run2.handled.map((h) => h.n));
    report('consumer SIGKILL + restart', {
      transport: client,
      staticMembership: staticMember,
      records: total,
      handledBeforeKill: run1.handled.length,
      lost: total - new Set([...run1.handled, ...run2.handled].map((h) => h.n)).size,
      duplicates: run1.handled.filter((h) => again.has(h.n)).length,
      killToFirstRecord: seconds(firstRecordMs!),
      receiverStartToFirstRecord: seconds(resumeMs),
      bound: staticMember ? '5 s (static membership)' : '6 s session timeout + join (no static membership)',
    });
    // With static membership the coordinator hands the restarted instance its partitions at once; without it
    // the group first waits for the killed member's session (6 s, the broker's minimum) to expire.
    expect(firstRecordMs!).toBeLessThan(staticMember ? 5_000 : 6_000 + 10_000);
  }, 180_000);
});
