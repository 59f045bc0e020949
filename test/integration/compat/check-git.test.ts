// `evc check --against <git-ref>` end to end: a throwaway git repository holding two commits of the
// example registry (the second makes RouteCalculated.eta required and changes a type), checked in
// every output format in-process, once as a real `evc` process, and with bad input of every kind.
// Needs git, not Kafka.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOptions } from '../../../generator/cli/commands/check.js';
import { runRelease } from '../../../generator/cli/commands/release.js';
import { throwawayRepo, type ThrowawayRepo } from './throwaway-repo.js';

const ROUTING = 'contracts/routing/asyncapi.yaml';
const RC = ['components', 'messages', 'RouteCalculated', 'payload'];
let repo: ThrowawayRepo;
let dir: string;

const git = (...args: string[]): string => repo.git(...args);
const editYaml: ThrowawayRepo['editYaml'] = (file, edit) => repo.editYaml(file, edit);
const check = (options: CheckOptions, cwd?: string) => repo.check(options, cwd);

function lineOf(file: string, needle: RegExp): number {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  return lines.findIndex((l) => needle.test(l)) + 1;
}

beforeAll(() => {
  repo = throwawayRepo('evc-check-');
  dir = repo.dir;
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'registry v1');
  editYaml(ROUTING, (doc) => {
    doc.setIn([...RC, 'properties', 'eta'], doc.createNode({ type: 'string', format: 'date-time' }));
    const required = (doc.getIn([...RC, 'required']) as { toJSON(): string[] }).toJSON();
    doc.setIn([...RC, 'required'], doc.createNode([...required, 'eta']));
    doc.setIn([...RC, 'properties', 'distanceKm', 'type'], 'string');
  });
  git('commit', '-q', '-am', 'RouteCalculated: eta required, distanceKm as string');
});

afterAll(() => repo?.remove());

describe('evc check --against HEAD~1', () => {
  it('json: exit 1 and the documented shape', async () => {
    const { code, stdout, stderr } = await check({ against: 'HEAD~1', format: 'json' });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { compatible: boolean; level: string; changes: Record<string, unknown>[] };
    expect(Object.keys(result)).toEqual(['compatible', 'level', 'changes']);
    expect(result.compatible).toBe(false);
    expect(result.level).toBe('BACKWARD');
    for (const change of result.changes) {
      expect(Object.keys(change)).toEqual([
        'rule',
        'message',
        'topic',
        'messageName',
        'path',
        'breaking',
        'file',
        'line',
        'description',
        'impact',
      ]);
    }
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        rule: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
        topic: 'routing.events',
        messageName: 'RouteCalculated',
        path: '/properties/eta',
        breaking: true,
        file: ROUTING,
        line: lineOf(ROUTING, /^\s+eta:/),
      }),
    );
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        rule: 'TYPE_CHANGED',
        messageName: 'RouteCalculated',
        path: '/properties/distanceKm',
        breaking: true,
        file: ROUTING,
      }),
    );
    const eta = result.changes.find((c) => c.path === '/properties/eta');
    expect(eta?.message).toMatch(
      /required property 'eta' added: receivers .*(invoicing|tracking).* reading with the new contract would reject records without 'eta'.*Instead: add it as optional/,
    );
  });

  it('text: grouped by topic and message, breaking first, one line per change', async () => {
    const { code, stdout } = await check({ against: 'HEAD~1' });
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^evc check against HEAD~1:contracts \(level BACKWARD, strict\): 2 breaking changes/);
    const topic = lines.indexOf('routing.events');
    expect(topic).toBeGreaterThan(0);
    expect(lines[topic + 1]).toBe('  RouteCalculated');
    expect(lines[topic + 2]).toMatch(/^ {4}BREAKING contracts\/routing\/asyncapi\.yaml:\d+:\d+ /);
    expect(stdout).toContain('not compatible at level BACKWARD');
  });

  it('github: an error annotation on the changed line of the new file', async () => {
    const { code, stdout } = await check({ against: 'HEAD~1', format: 'github' });
    expect(code).toBe(1);
    const line = lineOf(ROUTING, /^\s+eta:/);
    expect(stdout).toMatch(
      new RegExp(
        `^::error file=contracts/routing/asyncapi\\.yaml,line=${line},col=\\d+,title=REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL \\(RouteCalculated /properties/eta\\)::required property 'eta' added`,
        'm',
      ),
    );
  });

  it('markdown: a table for a pull-request comment', async () => {
    const { code, stdout } = await check({ against: 'HEAD~1', format: 'markdown' });
    expect(code).toBe(1);
    expect(stdout).toContain('### evc check: ❌ breaking changes');
    expect(stdout).toContain(
      '| | Topic | Message | Path | Rule | What changed | Why it breaks | Instead | Impact | Where |',
    );
    expect(stdout).toMatch(/\| ❌ \| `routing\.events` \| `RouteCalculated` \| `\/properties\/eta` \|/);
  });

  it('FORWARD: the same edit is judged for old readers of new data', async () => {
    const { code, stdout } = await check({ against: 'HEAD~1', format: 'json', level: 'FORWARD' });
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as {
      level: string;
      changes: { rule: string; breaking: boolean; path: string }[];
    };
    expect(result.level).toBe('FORWARD');
    // Old readers of the closed RouteCalculated object reject the new eta property too.
    expect(
      result.changes
        .filter((c) => c.breaking)
        .map((c) => `${c.rule} ${c.path}`)
        .sort(),
    ).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL /properties/eta', 'TYPE_CHANGED /properties/distanceKm']);
  });

  it('exit 0 against the same commit, in every format', async () => {
    for (const format of ['text', 'json', 'github', 'markdown']) {
      const { code } = await check({ against: 'HEAD', format });
      expect(code).toBe(0);
    }
    expect(JSON.parse((await check({ against: 'HEAD', format: 'json' })).stdout)).toEqual({
      compatible: true,
      level: 'BACKWARD',
      changes: [],
    });
  });

  it('works from inside the contracts directory (--contracts .)', async () => {
    const { code, stdout } = await check(
      { against: 'HEAD~1', contracts: '.', format: 'json' },
      path.join(dir, 'contracts'),
    );
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { changes: { path: string; file: string }[] };
    expect(result.changes.find((c) => c.path === '/properties/eta')?.file).toBe('routing/asyncapi.yaml');
  });

  it('compares with another directory', async () => {
    git('worktree', 'add', '-q', path.join(dir, 'wt'), 'HEAD~1');
    const { code, stdout } = await check({ against: 'wt/contracts', format: 'json' });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { changes: unknown[] }).changes.length).toBeGreaterThanOrEqual(2);
    git('worktree', 'remove', '--force', path.join(dir, 'wt'));
  });

  it('runs as a real `evc` process with the same exit code and JSON', () => {
    const result = repo.evc('check', '--against', 'HEAD~1', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { compatible: boolean; changes: { path: string }[] };
    expect(json.compatible).toBe(false);
    expect(json.changes.map((c) => c.path)).toContain('/properties/eta');
  });
});

describe('evc check: input it cannot check (exit 2)', () => {
  it('a ref that does not exist', async () => {
    const { code, stderr, stdout } = await check({ against: 'no-such-branch' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown git ref 'no-such-branch'/);
  });

  it('a working directory outside any git repository', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'evc-nogit-'));
    try {
      cpSync(path.join(dir, 'contracts'), path.join(outside, 'contracts'), { recursive: true });
      const { code, stderr } = await check({ against: 'main' }, outside);
      expect(code).toBe(2);
      expect(stderr).toMatch(/is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a contracts directory that did not exist at that ref', async () => {
    cpSync(path.join(dir, 'contracts'), path.join(dir, 'contracts-next'), { recursive: true });
    const { code, stderr } = await check({ against: 'HEAD~1', contracts: 'contracts-next' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/contracts directory 'contracts-next' did not exist at HEAD~1/);
    rmSync(path.join(dir, 'contracts-next'), { recursive: true });
  });

  it('invalid documents on the proposed side, with their diagnostics', async () => {
    const broken = path.join(dir, 'broken');
    cpSync(path.join(dir, 'contracts'), broken, { recursive: true });
    writeFileSync(
      path.join(broken, 'routing/asyncapi.yaml'),
      readFileSync(path.join(broken, 'routing/asyncapi.yaml'), 'utf8').replace(
        'asyncapi: 3.0.0',
        'asyncapi: 3.0.0\nchannels: [oops',
      ),
    );
    const { code, stderr } = await check({ against: 'HEAD~1', contracts: 'broken' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\/routing\/asyncapi\.yaml:\d+:\d+: error: /);
    expect(stderr).toMatch(/the proposed contracts \(broken\) have \d+ errors?; fix them/);
    rmSync(broken, { recursive: true });
  });

  it('invalid documents on the baseline side', async () => {
    git('checkout', '-q', '-b', 'broken-base', 'HEAD~1');
    writeFileSync(path.join(dir, ROUTING), 'asyncapi: 3.0.0\ninfo: {title: routing}\n');
    git('commit', '-q', '-am', 'broken');
    git('checkout', '-q', 'main');
    const { code, stderr } = await check({ against: 'broken-base' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken-base:contracts\/routing\/asyncapi\.yaml:\d+:\d+: error: /);
    expect(stderr).toMatch(/the baseline contracts \(broken-base:contracts\) have \d+ errors?/);
  });

  it('usage errors: unknown format, unknown level, missing contracts directory', async () => {
    expect((await check({ against: 'HEAD~1', format: 'xml' })).code).toBe(2);
    expect((await check({ against: 'HEAD~1', level: 'SIDEWAYS' })).code).toBe(2);
    expect((await check({ against: 'HEAD~1', contracts: 'nowhere' })).stderr).toMatch(/nowhere does not exist/);
  });

  it('a schema keyword the checker does not understand: breaking, and it says so', async () => {
    git('checkout', '-q', '-b', 'conditional', 'HEAD~1');
    editYaml(ROUTING, (doc) =>
      doc.setIn([...RC, 'if'], doc.createNode({ properties: { vehicleType: { const: 'REFRIGERATED' } } })),
    );
    editYaml(ROUTING, (doc) => doc.setIn([...RC, 'then'], doc.createNode({ required: ['notes'] })));
    const { code, stdout } = await check({ against: 'HEAD', format: 'json' });
    git('checkout', '-q', '--', '.');
    git('checkout', '-q', 'main');
    expect(code).toBe(1);
    const unknown = (
      JSON.parse(stdout) as { changes: { rule: string; breaking: boolean; message: string; path: string }[] }
    ).changes.filter((c) => c.rule === 'UNKNOWN_KEYWORD');
    expect(unknown.map((c) => c.path).sort()).toEqual(['/if', '/then']);
    expect(unknown.every((c) => c.breaking)).toBe(true);
    expect(unknown[0]?.message).toMatch(/a keyword evc check does not understand/);
  });
});

describe('evc release then evc check against the history', () => {
  it('records, refuses a breaking release, and checks the working tree against the lockfile', async () => {
    const io = () => {
      const out = { stdout: '', stderr: '' };
      return {
        out,
        io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: dir },
      };
    };
    git('checkout', '-q', '-b', 'release', 'HEAD~1');
    const first = io();
    expect(await runRelease({}, first.io)).toBe(0);
    expect(first.out.stdout).toMatch(/recorded .*RouteCalculated v1/);
    const lock = readFileSync(path.join(dir, 'contracts/evc.lock.yaml'), 'utf8');
    const again = io();
    expect(await runRelease({}, again.io)).toBe(0);
    expect(again.out.stdout).toMatch(/nothing to release/);
    expect(readFileSync(path.join(dir, 'contracts/evc.lock.yaml'), 'utf8')).toBe(lock);
    expect((await check({})).code).toBe(0);
    editYaml(ROUTING, (doc) => doc.setIn([...RC, 'properties', 'notes', 'maxLength'], 100));
    const history = await check({ format: 'json' });
    expect(history.code).toBe(1);
    expect(JSON.parse(history.stdout)).toMatchObject({
      compatible: false,
      changes: [expect.objectContaining({ rule: 'MAX_LENGTH_DECREASED', path: '/properties/notes/maxLength' })],
    });
    const refused = io();
    expect(await runRelease({}, refused.io)).toBe(1);
    expect(refused.out.stderr).toMatch(/refused/);
    expect(readFileSync(path.join(dir, 'contracts/evc.lock.yaml'), 'utf8')).toBe(lock);
    git('checkout', '-q', '--', '.');
    rmSync(path.join(dir, 'contracts/evc.lock.yaml'));
    git('checkout', '-q', 'main');
  });
});
