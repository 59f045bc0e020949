// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps): one <testcase>
// per message checked (classname = its topic), one <failure> per breaking change that fails the
// check; accepted and compatible changes are listed in the test case's <system-out>. Topic-level
// changes (a topic removed or renamed) get a test case of their own, named after the topic.

import { changeMessage, failsCheck, type Change } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, describeAcceptance, describeImpact, type ReportContext } from './summary.js';

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly changes: Change[];
}

export function formatJunit(result: CheckResult, context: ReportContext): string {
  const cases = new Map<string, TestCase>();
  const caseFor = (classname: string, name: string): TestCase => {
    const key = `${classname}\0${name}`;
    let found = cases.get(key);
    if (!found) cases.set(key, (found = { classname, name, changes: [] }));
    return found;
  };
  for (const { message, topic } of result.checked) caseFor(topic || '(no topic)', message);
  for (const change of result.changes) {
    const existing = [...cases.values()].find((c) => c.name === change.messageName && change.messageName !== '');
    (existing ?? caseFor(change.topic || '(no topic)', change.messageName || `topic ${change.topic}`)).changes.push(
      change,
    );
  }
  const all = [...cases.values()];
  const failures = result.changes.filter(failsCheck).length;
  const suite = `evc check against ${context.against} (level ${result.level}, ${context.mode})`;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="evc check" tests="${all.length}" failures="${failures}" errors="0">`);
  out.push(`  <testsuite name="${attr(suite)}" tests="${all.length}" failures="${failures}" errors="0" skipped="0">`);
  out.push('    <properties>');
  out.push(`      <property name="against" value="${attr(context.against)}"/>`);
  out.push(`      <property name="level" value="${attr(result.level)}"/>`);
  out.push(`      <property name="summary" value="${attr(countSummary(result))}"/>`);
  out.push('    </properties>');
  for (const test of all) {
    const open = `    <testcase classname="${attr(test.classname)}" name="${attr(test.name)}"`;
    if (test.changes.length === 0) {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    for (const c of test.changes.filter(failsCheck))
      out.push(
        `      <failure type="${attr(c.rule)}" message="${attr(`${c.rule}${c.path ? ` ${c.path}` : ''}: ${c.what}`)}">${text(details(c))}</failure>`,
      );
    const others = test.changes.filter((c) => !failsCheck(c));
    if (others.length > 0)
      out.push(
        `      <system-out>${text(others.map((c) => `${c.accepted ? 'ACCEPTED' : 'ok'} ${details(c)}`).join('\n'))}</system-out>`,
      );
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}

function details(c: Change): string {
  const lines = [`${c.file}:${c.line}:${c.column} ${c.rule}${c.path ? ` ${c.path}` : ''}: ${changeMessage(c)}`];
  if (c.impact.length > 0) lines.push(`impact: ${describeImpact(c.impact, true)}`);
  if (c.accepted) lines.push(describeAcceptance(c));
  return lines.join('\n');
}

// XML 1.0 cannot carry most control characters, even escaped: contract text is printed without them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
