// The broker `npm run kafka:start` leaves running, found from its state file, so `evc dlq`,
// `evc topics --create` and the demo reach it without being told its (free, hence changing) port.
// `kafka:start` writes the file and `kafka:stop` removes it; a file whose process is gone is stale.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where `kafka:start` records its broker, relative to the project root. */
export const BUNDLED_BROKER_STATE = path.join('.kafka', 'run', 'state.json');

export interface BundledBroker {
  readonly brokers: readonly string[];
  readonly pid: number;
  /** The state file it was found in. */
  readonly stateFile: string;
}

/** The running bundled broker recorded in the nearest `.kafka/run/state.json` at or above `cwd`. */
export function runningBundledBroker(cwd: string): BundledBroker | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const stateFile = path.join(dir, BUNDLED_BROKER_STATE);
    if (existsSync(stateFile)) return readState(stateFile);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readState(stateFile: string): BundledBroker | undefined {
  let state: { brokers?: unknown; pid?: unknown };
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as typeof state;
  } catch {
    return undefined;
  }
  const { brokers, pid } = state;
  if (!Array.isArray(brokers) || !brokers.every((b) => typeof b === 'string') || brokers.length === 0) return undefined;
  if (typeof pid !== 'number' || !alive(pid)) return undefined;
  return { brokers, pid, stateFile };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
