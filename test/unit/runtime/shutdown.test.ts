import { describe, expect, it } from 'vitest';
import { stopOnSignals, silentLogger } from '../../../runtime/index.js';

describe('stopOnSignals', () => {
  it('stops receivers, then senders, in order on SIGTERM', async () => {
    const calls: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const remove = stopOnSignals(
      [
        { stop: async () => void calls.push('receiver') },
        {
          disconnect: async () => {
            calls.push('sender');
            finished();
          },
        },
      ],
      { exit: false, logger: silentLogger, signals: ['SIGUSR2'] },
    );
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      await done;
      expect(calls).toEqual(['receiver', 'sender']);
    } finally {
      remove();
    }
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
