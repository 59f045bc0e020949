// `evc rules`: every lint rule with its id, severity and one-line doc.
import type { Command } from 'commander';
import { lintRules } from '../../lint/index.js';
import { EXIT, type CliIO } from '../io.js';

export function registerRulesCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('rules')
    .description('list the lint rules')
    .action(() => {
      const width = Math.max(...lintRules.map((r) => r.id.length));
      for (const rule of lintRules) io.stdout(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.description}\n`);
      done(EXIT.ok);
    });
}
