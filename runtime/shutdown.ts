// Opt-in wiring of process signals to a graceful stop: on SIGTERM (Kubernetes, systemd) or SIGINT,
// stop receivers (finish the in-flight record, commit, leave the group) and senders, then exit.
import { createConsoleLogger, type Logger } from './logger.js';

export interface Stoppable {
  stop?(): Promise<void>;
  disconnect?(): Promise<void>;
}

export interface StopOnSignalsOptions {
  readonly signals?: readonly NodeJS.Signals[];
  /** Exit anyway (code 1) when stopping takes longer; default 25 s, inside Kubernetes' default 30 s grace period. */
  readonly timeoutMs?: number;
  /** Call process.exit when done; default true. */
  readonly exit?: boolean;
  readonly logger?: Logger;
}

/**
 * Stops the given parts in order on the first signal (receivers first so no record is left half
 * done, then senders). A second signal exits at once. Returns a function that removes the handlers.
 */
export function stopOnSignals(parts: readonly Stoppable[], options: StopOnSignalsOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const logger = options.logger ?? createConsoleLogger();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: stopping gracefully`);
    const timer = setTimeout(() => {
      logger.error(`graceful stop took longer than ${options.timeoutMs ?? 25_000} ms; exiting`);
      process.exit(1);
    }, options.timeoutMs ?? 25_000);
    timer.unref();
    void (async () => {
      let failed = false;
      for (const part of parts) {
        try {
          if (part.stop !== undefined) await part.stop();
          else if (part.disconnect !== undefined) await part.disconnect();
        } catch (error) {
          failed = true;
          logger.error('part did not stop cleanly', { error });
        }
      }
      clearTimeout(timer);
      if (options.exit ?? true) process.exit(failed ? 1 : 0);
    })();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
