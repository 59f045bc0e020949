// The registry history: what `evc release` records, that it is deterministic and a no-op when
// nothing changed, and that the transitive levels check against every recorded version.

import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../generator/compat/check.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSide, resolveBaseline } from '../../../generator/compat/inputs.js';
import {
  parseLockfile,
  serializeLockfile,
  snapshotsOfLockfile,
  type Lockfile,
} from '../../../generator/compat/history/lockfile.js';
import { planRelease } from '../../../generator/compat/history/release.js';
import type { CompatibilityLevel, CompatibilityMode } from '../../../generator/compat/levels.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { editYaml, fixtureFiles, type Files } from './registry-fixture.js';

const base = fixtureFiles();
const RCX = ['components', 'messages', 'RouteCancelled', 'payload'];

async function snapshot(files: Files) {
  return (await loadSide(memorySource(files, 'contracts'), 'proposed')).snapshot;
}

async function release(
  files: Files,
  lock: Lockfile | undefined,
  level: CompatibilityLevel = 'BACKWARD',
  mode: CompatibilityMode = 'strict',
) {
  const plan = planRelease(await snapshot(files), lock, level, mode);
  // Round-trip through the file format, as the command does.
  return {
    ...plan,
    lockfile: parseLockfile(serializeLockfile(plan.lockfile), 'evc.lock.yaml'),
    text: serializeLockfile(plan.lockfile),
  };
}

describe('registry history', () => {
  it('records version 1 of every message with a normalized schema and a hash', async () => {
    const first = await release(base, undefined);
    expect(first.check.compatible).toBe(true);
    expect(first.released).toEqual([
      { message: 'RouteCalculated', version: 1 },
      { message: 'RouteCancelled', version: 1 },
    ]);
    const entry = first.lockfile.messages['RouteCalculated'];
    expect(entry?.topics).toEqual(['routing.events']);
    expect(entry?.senders).toEqual(['routing']);
    expect(entry?.receivers).toEqual(['tracking']);
    expect(entry?.versions[0]?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.text).not.toMatch(/releasedAt|description/);
    expect(first.text.indexOf('RouteCalculated:')).toBeLessThan(first.text.indexOf('RouteCancelled:'));
  });

  it('is deterministic, and releasing unchanged contracts is a no-op', async () => {
    const first = await release(base, undefined);
    const again = await release(base, undefined);
    expect(again.text).toBe(first.text);
    const second = await release(base, first.lockfile);
    expect(second.changed).toBe(false);
    expect(second.released).toEqual([]);
    expect(second.text).toBe(first.text);
    // Descriptions and renamed definitions are no new version either.
    const redescribed = editYaml(base, 'schemas/common.yaml', (d) =>
      d.setIn(['TruckId', 'description'], 'Fleet number'),
    );
    expect((await release(redescribed, first.lockfile)).released).toEqual([]);
  });

  it('checks the current contracts against the latest recorded version', async () => {
    const first = await release(base, undefined);
    const narrowed = editYaml(base, 'routing.yaml', (d) =>
      d.setIn(['components', 'messages', 'RouteCalculated', 'payload', 'properties', 'notes', 'maxLength'], 100),
    );
    const result = checkCompatibility({
      baselines: snapshotsOfLockfile(first.lockfile, 'evc.lock.yaml'),
      current: await snapshot(narrowed),
      level: 'BACKWARD',
      mode: 'strict',
    });
    expect(result.changes.map((c) => c.rule)).toEqual(['MAX_LENGTH_DECREASED']);
    // A release of a breaking change is refused and records nothing.
    const refused = await release(narrowed, first.lockfile);
    expect(refused.check.compatible).toBe(false);
  });

  it('transitive levels check every recorded version, not only the latest', async () => {
    // v1: an open object with `reason: string`; v2 drops it (compatible: the object is open);
    // v3 brings `reason` back as an integer: fine against v2 (lenient), not against v1.
    const v1 = editYaml(base, 'routing.yaml', (d) => d.deleteIn([...RCX, 'additionalProperties']));
    const v2 = editYaml(v1, 'routing.yaml', (d) => d.deleteIn([...RCX, 'properties', 'reason']));
    const v3 = editYaml(v2, 'routing.yaml', (d) =>
      d.setIn([...RCX, 'properties', 'reason'], d.createNode({ type: 'integer' })),
    );
    const r1 = await release(v1, undefined, 'BACKWARD_TRANSITIVE', 'lenient');
    const r2 = await release(v2, r1.lockfile, 'BACKWARD_TRANSITIVE', 'lenient');
    expect(r2.check.compatible).toBe(true);
    expect(r2.released).toEqual([{ message: 'RouteCancelled', version: 2 }]);
    const history = snapshotsOfLockfile(r2.lockfile, 'evc.lock.yaml');
    expect(history.map((h) => h.label)).toEqual(['evc.lock.yaml v1', 'evc.lock.yaml']);
    const current = await snapshot(v3);
    expect(checkCompatibility({ baselines: history, current, level: 'BACKWARD', mode: 'lenient' }).compatible).toBe(
      true,
    );
    const transitive = checkCompatibility({
      baselines: history,
      current,
      level: 'BACKWARD_TRANSITIVE',
      mode: 'lenient',
    });
    expect(transitive.compatible).toBe(false);
    expect(transitive.changes.find((c) => c.breaking)).toMatchObject({
      rule: 'TYPE_CHANGED',
      path: '/properties/reason',
      against: 'evc.lock.yaml v1',
    });
    expect((await release(v3, r2.lockfile, 'BACKWARD_TRANSITIVE', 'lenient')).check.compatible).toBe(false);
  });

  it("--against a directory also brings that side's released history, for the transitive levels", async () => {
    const v1 = editYaml(base, 'routing.yaml', (d) => d.deleteIn([...RCX, 'additionalProperties']));
    const v2 = editYaml(v1, 'routing.yaml', (d) => d.deleteIn([...RCX, 'properties', 'reason']));
    const r1 = await release(v1, undefined, 'BACKWARD', 'lenient');
    const r2 = await release(v2, r1.lockfile, 'BACKWARD', 'lenient');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-history-'));
    try {
      for (const [file, text] of Object.entries({ ...v2, 'evc.lock.yaml': r2.text })) {
        mkdirSync(path.dirname(path.join(dir, 'base', file)), { recursive: true });
        writeFileSync(path.join(dir, 'base', file), text);
      }
      const current = memorySource(v2, 'contracts');
      const baseline = await resolveBaseline({ against: 'base', contracts: 'contracts', cwd: dir, current });
      expect(baseline.snapshots.map((s) => s.label)).toEqual(['base/evc.lock.yaml v1', 'base/evc.lock.yaml', 'base']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a lockfile that is not one', () => {
    expect(() => parseLockfile('<<<<<<< HEAD\nfoo: [\n', 'evc.lock.yaml')).toThrow(/not valid YAML/);
    expect(() => parseLockfile('foo: 1\n', 'evc.lock.yaml')).toThrow(/not an evc lockfile/);
  });
});

describe('the bundled LogiFlow registry', () => {
  it('is compatible with its released history (what `evc check` gates in PR CI)', async () => {
    const { main } = await import('../../../generator/cli/main.js');
    let out = '';
    const code = await main(['check', '--format', 'json'], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      stdout: (t) => void (out += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ compatible: true });
  });
});
