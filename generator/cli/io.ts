// What a command needs from the outside world, so commands run in-process in tests.
export interface CliIO {
  // Function-valued fields, not methods: commands hand them on detached (e.g. to commander's configureOutput).
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get cwd() {
    return process.cwd();
  },
};

/** Exit codes shared by every command: CI scripts rely on them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A problem with the command line or unreadable input: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
