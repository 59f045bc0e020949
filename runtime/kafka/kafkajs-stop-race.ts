// kafkajs 2.2.4 can spin forever, at 100 % CPU, when a consumer is stopped while its fetch manager restarts its
// fetchers. The fetch manager restarts them whenever the set of brokers changes (a broker of a cluster dies or comes
// back): it stops the old fetchers, waits for their fetches in flight, then starts new ones (fetchManager.js, the
// `while (true)` loop). When `consumer.disconnect()` or `stop()` lands in that wait, the runner stops the old
// fetchers only; the new ones then ask the stopped runner to fetch, and `Runner.fetch` answers `[]` at once when the
// runner no longer runs. A fetcher loops until it is stopped, and nothing stops the new ones: each turn is only
// promise reactions, so timers never fire again (no timeout, no heartbeat), `disconnect()` never resolves, and the
// process is busy for good. A CI run hung exactly like this after a 3-node cluster test stopped its receiver.
//
// The replacement ends a fetcher the stopped runner is asked by, with an error instead of an empty answer: the
// fetcher stops, the fetch manager gives up (the error is not a rebalance), and kafkajs' retrier calls the runner
// again after its back-off, finds it stopped and ends consuming, which lets the stop finish. A runner that is
// running fetches as before.
import { replaceKafkajsMethod } from './kafkajs-method-fix.js';

/** What kafkajs' fetchers get when they ask a runner that was stopped. */
export class KafkajsRunnerStopped extends Error {
  override readonly name = 'KafkajsRunnerStopped';
  constructor() {
    super('the kafkajs consumer was stopped');
  }
}

/** The fields of kafkajs' Runner the replacement reads. */
export interface StoppableRunner {
  readonly running: boolean;
}

type RunnerFetch = (this: StoppableRunner, nodeId: number) => Promise<unknown[]>;

/** kafkajs' `Runner.fetch`, except that a stopped runner ends the fetcher that asks it. */
export function fetchUnlessStopped(stock: RunnerFetch): RunnerFetch {
  return async function fetch(this: StoppableRunner, nodeId: number): Promise<unknown[]> {
    if (!this.running) throw new KafkajsRunnerStopped();
    return stock.call(this, nodeId);
  };
}

/** Installs the fix (once per process); true when kafkajs' method was replaced. */
export function fixKafkajsStopRace(): boolean {
  return replaceKafkajsMethod<RunnerFetch>({
    module: 'src/consumer/runner.js',
    method: 'fetch',
    stockMarker: 'this.consumerGroup.fetch(nodeId)',
    replacement: fetchUnlessStopped,
  });
}
