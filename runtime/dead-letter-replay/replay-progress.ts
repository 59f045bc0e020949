// Which records of one dead-letter partition a replay group has already re-published. The committed
// offset alone cannot say it: records that stay (still invalid, refused, filtered out) sit between
// replayed ones and must be looked at again next time. So the group commits the first offset not
// yet done, and the replayed offsets beyond it travel in the commit's metadata string as ranges
// (`evc-replay/1:12-40,45`). Kafka bounds that metadata (offset.metadata.max.bytes, 4096 by default).
const PREFIX = 'evc-replay/1:';
const MAX_METADATA_CHARS = 3_800;

type Range = [from: bigint, to: bigint];

export class ReplayProgress {
  /** Sorted, disjoint, non-adjacent ranges of done offsets, all at or after `committed`. */
  private readonly ranges: Range[] = [];
  /** Length of metadata() kept up to date so hasRoomFor() is O(1) per record. */
  private chars = PREFIX.length;

  private constructor(private committed: bigint) {}

  /** Progress as committed: `start` is the group's committed offset, `metadata` what was committed with it. */
  static restore(start: string, metadata: string | null): ReplayProgress {
    const progress = new ReplayProgress(BigInt(start));
    if (metadata !== null && metadata.startsWith(PREFIX)) {
      for (const text of metadata.slice(PREFIX.length).split(',')) {
        const match = /^(\d{1,19})(?:-(\d{1,19}))?$/.exec(text);
        if (match === null) continue;
        const from = BigInt(match[1]!);
        const to = match[2] === undefined ? from : BigInt(match[2]);
        if (to < from) continue;
        progress.markRange(from, to);
      }
    }
    return progress;
  }

  isDone(offset: string): boolean {
    const value = BigInt(offset);
    if (value < this.committed) return true;
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = this.ranges[middle]!;
      if (value < from) high = middle - 1;
      else if (value > to) low = middle + 1;
      else return true;
    }
    return false;
  }

  markDone(offset: string): void {
    const value = BigInt(offset);
    this.markRange(value, value);
  }

  /** The first offset not yet replayed. */
  committedOffset(): string {
    return this.committed.toString();
  }

  metadata(): string | null {
    if (this.ranges.length === 0) return null;
    return `${PREFIX}${this.ranges.map(rangeText).join(',')}`;
  }

  /**
   * False when `pending` more records (not yet marked) plus `offset` could push the metadata over
   * the broker's limit; the replay then flushes, or stops and reports.
   */
  hasRoomFor(offset: string, pending: number): boolean {
    return this.chars + (pending + 1) * (offset.length * 2 + 2) <= MAX_METADATA_CHARS;
  }

  private markRange(from: bigint, to: bigint): void {
    if (to < this.committed) return;
    if (from < this.committed) from = this.committed;
    // Offsets arrive in increasing order during a scan: extending or appending the last range is the common case.
    const ranges = this.ranges;
    let index = ranges.length;
    while (index > 0 && ranges[index - 1]![0] > to + 1n) index -= 1;
    // Merge with every range that overlaps or touches [from, to].
    let start = index;
    while (start > 0 && ranges[start - 1]![1] + 1n >= from) start -= 1;
    let mergedFrom = from;
    let mergedTo = to;
    for (let k = start; k < index; k += 1) {
      if (ranges[k]![0] < mergedFrom) mergedFrom = ranges[k]![0];
      if (ranges[k]![1] > mergedTo) mergedTo = ranges[k]![1];
    }
    ranges.splice(start, index - start, [mergedFrom, mergedTo]);
    // Done ranges that start at the committed offset move it forward and leave the metadata.
    while (ranges.length > 0 && ranges[0]![0] === this.committed) {
      this.committed = ranges[0]![1] + 1n;
      ranges.shift();
    }
    this.chars = PREFIX.length + ranges.reduce((sum, range) => sum + rangeText(range).length + 1, 0);
  }
}

function rangeText([from, to]: Range): string {
  return from === to ? `${from}` : `${from}-${to}`;
}
