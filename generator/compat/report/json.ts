// Machine-readable result; the shape is a public contract of `evc check --format json`:
// {"compatible", "level", "changes": [{"rule", "message", "topic", "messageName", "path",
// "breaking", "warning"?, "file", "line", "description", "impact": [{"service", "role", "file"}],
// "accepted"?: {"reason", "until"?, "file", "line"}}]}.

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
      ...(c.warning ? { warning: true } : {}),
      file: c.file,
      line: c.line,
      description: c.description,
      impact: c.impact.map(({ service, role, file }) => ({ service, role, file })),
      ...(c.accepted
        ? {
            accepted: {
              reason: c.accepted.reason,
              ...(c.accepted.until ? { until: c.accepted.until } : {}),
              file: c.accepted.file,
              line: c.accepted.line,
            },
          }
        : {}),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
