// The shell shared by `npm run kafka:*` and `npm run registry:*`: dispatch start|stop|status, the
// status line of a recorded service process, and one exit path (code, or message and exit 1).
import { residentMemoryMiB } from './kafka/broker.js';

export interface ServiceCommands {
  start(args: readonly string[]): Promise<number>;
  stop(): Promise<number>;
  status(): number;
}

/** `<name>: running, pid …, since …, RSS … MiB` and the log file, on stderr. */
export function writeRunningStatus(name: string, state: { pid: number; startedAt: string; logFile: string }): void {
  const rss = residentMemoryMiB(state.pid);
  process.stderr.write(
    `${name}: running, pid ${state.pid}, since ${state.startedAt}` +
      `${rss === undefined ? '' : `, RSS ${rss.toFixed(0)} MiB`}\nlog: ${state.logFile}\n`,
  );
}

/** Runs the command named by argv[0] and exits the process with its code. */
export function runServiceCli(argv: readonly string[], commands: ServiceCommands, usage: string): void {
  const [command, ...rest] = argv;
  const run = async (): Promise<number> => {
    switch (command) {
      case 'start':
        return commands.start(rest);
      case 'stop':
        return commands.stop();
      case 'status':
        return commands.status();
      default:
        process.stderr.write(`Usage: ${usage}\n`);
        return 2;
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
