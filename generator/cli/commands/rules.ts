// `evc rules`: every rule evc applies, with its id and one-line doc: lint rules (with severity),
// then the compatibility rules of `evc check` (schema rules, then contract rules).
import type { Command } from 'commander';
import { lintRules } from '../../lint/index.js';
import { schemaRules } from '../../compat/schema-rules/index.js';
import { contractRules } from '../../compat/contract-rules/index.js';
import { EXIT, type CliIO } from '../io.js';

export function registerRulesCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('rules')
    .description('list the lint and compatibility rules')
    .action(() => {
      const sections: [string, readonly { id: string; description: string; severity?: string }[]][] = [
        ['lint (evc lint)', lintRules],
        ['schema compatibility (evc check)', schemaRules],
        ['contract compatibility (evc check)', contractRules],
      ];
      const width = Math.max(...sections.flatMap(([, rules]) => rules.map((r) => r.id.length)));
      for (const [title, rules] of sections) {
        io.stdout(`${title}\n`);
        for (const rule of rules)
          io.stdout(`  ${rule.id.padEnd(width)}  ${(rule.severity ?? '').padEnd(7)}  ${rule.description}\n`);
      }
      done(EXIT.ok);
    });
}
