// `--since 2026-08-01T00:00:00Z` or `--since 2h`: the start of the time window a DLQ command looks at.

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export function parseSince(text: string, now: Date = new Date()): Date {
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (duration !== null) return new Date(now.getTime() - Number(duration[1]) * UNITS[duration[2]!]!);
  // ISO-8601 date or date-time only: Date.parse accepts far more than people mean.
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    const parsed = Date.parse(text.trim());
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  throw new RangeError(
    `cannot read --since "${text}": give an ISO-8601 time (2026-08-01T10:00:00Z) or a duration (90s, 15m, 2h, 3d)`,
  );
}
