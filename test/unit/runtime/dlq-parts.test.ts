import { describe, expect, it } from 'vitest';
import { ReplayProgress } from '../../../runtime/dead-letter-replay/replay-progress.js';
import { parseDeadLetterFilter } from '../../../runtime/dead-letter-replay/dead-letter-filter.js';
import { parseSince } from '../../../runtime/dead-letter-replay/time-window.js';
import { deadLetterEntry } from '../../../runtime/dead-letter-replay/dead-letter-entry.js';
import { encodeDeadLetterHeaders } from '../../../runtime/dead-letter-format/dead-letter-headers.js';
import type { KafkaMessage } from 'kafkajs';

describe('ReplayProgress', () => {
  it('commits the first offset not done and keeps later done offsets as ranges', () => {
    const progress = ReplayProgress.restore('10', null);
    for (const offset of ['12', '13', '14', '16']) progress.markDone(offset);
    expect(progress.committedOffset()).toBe('10');
    expect(progress.metadata()).toBe('evc-replay/1:12-14,16');
    progress.markDone('10');
    expect(progress.committedOffset()).toBe('11');
    progress.markDone('11');
    expect(progress.committedOffset()).toBe('15');
    expect(progress.metadata()).toBe('evc-replay/1:16');
    progress.markDone('15');
    expect([progress.committedOffset(), progress.metadata()]).toEqual(['17', null]);
  });

  it('restores what it committed, ignoring foreign or corrupt metadata', () => {
    const restored = ReplayProgress.restore('3', 'evc-replay/1:5-7,9,x,2-1,1');
    expect(['2', '3', '4', '5', '6', '7', '8', '9', '10'].map((offset) => restored.isDone(offset))).toEqual([
      true,
      false,
      false,
      true,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(ReplayProgress.restore('3', 'some other tool').metadata()).toBeNull();
  });

  it('merges out-of-order marks', () => {
    const progress = ReplayProgress.restore('0', null);
    for (const offset of ['9', '5', '7', '6', '8']) progress.markDone(offset);
    expect(progress.metadata()).toBe('evc-replay/1:5-9');
  });

  it('says when the metadata would outgrow the broker limit', () => {
    const progress = ReplayProgress.restore('0', null);
    let offset = 2;
    while (progress.hasRoomFor(String(offset), 0)) {
      progress.markDone(String(offset));
      offset += 2;
    }
    expect(progress.metadata()!.length).toBeLessThanOrEqual(4096);
    expect(offset).toBeGreaterThan(500);
  });
});

describe('parseDeadLetterFilter', () => {
  const entry = deadLetterEntry('routing.events-dlt', 0, {
    key: Buffer.from('TRK-0042'),
    value: Buffer.from('{}'),
    timestamp: '1785585600000',
    attributes: 0,
    offset: '3',
    size: 0,
    headers: {
      ce_type: Buffer.from('RouteCalculated'),
      ...encodeDeadLetterHeaders({
        originalTopic: 'routing.events',
        originalPartition: 1,
        originalOffset: '5',
        originalTimestamp: '1',
        consumerGroup: 'invoicing',
        stage: 'validate',
        errorClass: 'EventValidationError',
        errorMessage: 'x',
        attempts: 1,
        deadLetteredAt: 'now',
      }),
    },
  } as unknown as KafkaMessage);
  const cases: [string, boolean][] = [
    ['stage=validate', true],
    ['stage=handle', false],
    ['message=RouteCalculated', true],
    ['stage=validate,message=RouteCancelled', false],
    ['stage!=decode, topic=routing.events', true],
    ['error=EventValidationError,group=invoicing,family=evc,partition=1,key=TRK-0042', true],
  ];
  it.each(cases)('%s → %s', (expression, expected) => {
    expect(parseDeadLetterFilter(expression)(entry)).toBe(expected);
  });
  it.each(['stage', 'colour=red', '', '__proto__=x', 'stage~validate'])('refuses %j', (expression) => {
    expect(() => parseDeadLetterFilter(expression)).toThrow();
  });
  it("reads the entry's own headers apart from the dead-letter ones", () => {
    expect(Object.keys(entry.originalHeaders)).toEqual(['ce_type']);
    expect(entry.deadLetter?.originalOffset).toBe('5');
    expect(entry.messageType).toBe('RouteCalculated');
  });
});

describe('parseSince', () => {
  const now = new Date('2026-08-01T12:00:00Z');
  it.each([
    ['90s', '2026-08-01T11:58:30.000Z'],
    ['15m', '2026-08-01T11:45:00.000Z'],
    ['2h', '2026-08-01T10:00:00.000Z'],
    ['1d', '2026-07-31T12:00:00.000Z'],
    ['2026-07-30T08:00:00Z', '2026-07-30T08:00:00.000Z'],
    ['2026-07-30T10:00:00+02:00', '2026-07-30T08:00:00.000Z'],
  ])('%s', (text, expected) => {
    expect(parseSince(text, now).toISOString()).toBe(expected);
  });
  it.each(['yesterday', '5 minutes', '-2h', 'Tue Jul 28 2026'])('refuses %j', (text) => {
    expect(() => parseSince(text, now)).toThrow(RangeError);
  });
});
