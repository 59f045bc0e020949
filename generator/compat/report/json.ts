// Machine-readable result; the shape is a public contract of `evc check --format json`:
// {"compatible", "level", "changes": [{"rule", "message", "topic", "messageName", "path",
// "breaking", "file", "line", "description"}]}.

import { changeMessage } from '../change.js';
import type { CheckResult } from '../check.js';

export function formatJson(result: CheckResult): string {
  const body = {
    compatible: result.compatible,
    level: result.level,
    changes: result.changes.map((c) => ({
      rule: c.rule,
      message: changeMessage(c),
      topic: c.topic,
      messageName: c.messageName,
      path: c.path,
      breaking: c.breaking,
      file: c.file,
      line: c.line,
      description: c.description,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
