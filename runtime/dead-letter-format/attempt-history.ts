// The failed deliveries of a record that went through retry topics: one entry per delivery (the first one on
// the source topic, then one per retry topic), carried as JSON in the retry record's `evc_retry_history` and
// the dead letter's `evc_dlt_attempt_history`, so the dead letter tells its whole story, not only the last try.

/** One failed delivery: where the record was read, how many handler calls it got there, and the last failure. */
export interface AttemptHistoryEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Handler calls made in this delivery (in-place retries included). */
  readonly attempts: number;
  /** Runtime error class of the failure (`HandlerError`, …). */
  readonly errorClass: string;
  /** Class of what the handler threw, when it was an Error. */
  readonly errorCauseClass?: string;
  readonly errorMessage: string;
  /** ISO-8601 time the delivery gave up. */
  readonly failedAt: string;
}

/** Bounded so a long schedule cannot push a record over the broker's message size limit. */
const MAX_ENTRIES = 32;
const MAX_MESSAGE_CHARS = 1024;

export function encodeAttemptHistory(history: readonly AttemptHistoryEntry[]): Buffer {
  // The first delivery and the latest ones tell the story when a schedule is longer than the bound.
  const kept = history.length <= MAX_ENTRIES ? history : [history[0]!, ...history.slice(-(MAX_ENTRIES - 1))];
  return Buffer.from(
    JSON.stringify(
      kept.map((entry) => ({
        ...entry,
        errorMessage:
          entry.errorMessage.length <= MAX_MESSAGE_CHARS
            ? entry.errorMessage
            : `${entry.errorMessage.slice(0, MAX_MESSAGE_CHARS)}…`,
      })),
    ),
    'utf8',
  );
}

/** The history a header holds; entries that are not what evc writes are left out rather than trusted. */
export function decodeAttemptHistory(bytes: Buffer | undefined): AttemptHistoryEntry[] {
  if (bytes === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: AttemptHistoryEntry[] = [];
  for (const item of parsed.slice(0, MAX_ENTRIES) as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    const { topic, partition, offset, attempts, errorClass, errorCauseClass, errorMessage, failedAt } = e;
    if (typeof topic !== 'string' || typeof offset !== 'string' || typeof errorClass !== 'string') continue;
    if (!Number.isSafeInteger(partition) || !Number.isSafeInteger(attempts)) continue;
    out.push({
      topic,
      partition: partition as number,
      offset,
      attempts: attempts as number,
      errorClass,
      ...(typeof errorCauseClass === 'string' ? { errorCauseClass } : {}),
      errorMessage: typeof errorMessage === 'string' ? errorMessage : '',
      failedAt: typeof failedAt === 'string' ? failedAt : '',
    });
  }
  return out;
}
