// Names of the headers the runtime itself writes on every event (CloudEvents Kafka binary binding
// plus evc's own), shared by the sender that adds them and the receiver that strips them before
// handing the application its headers.

export const CE_SPECVERSION = 'ce_specversion';
export const CE_ID = 'ce_id';
export const CE_SOURCE = 'ce_source';
export const CE_TYPE = 'ce_type';
export const CE_TIME = 'ce_time';
export const CONTENT_TYPE = 'content-type';
export const EVC_CONTRACT_VERSION = 'evc_contract_version';
/** How many times `evc dlq replay` re-published this record; the endless-loop guard reads it. */
export const EVC_REPLAY_COUNT = 'evc_replay_count';
/**
 * The consumer group a replayed record is meant for. A dead letter belongs to the group that gave
 * up on it; replaying it to the origin topic reaches every group of that topic, so the others
 * skip it instead of handling the event a second time.
 */
export const EVC_REPLAY_FOR_GROUP = 'evc_replay_for_group';

/**
 * Written on a record forwarded to a retry topic (x-retry.delays): how many deliveries failed so far, when it
 * is due again (ms since the epoch), where it first arrived, and the failures so far (a JSON array). The
 * receiver of the retry topic reads them; the dead-letter copy turns the history into evc_dlt_attempt_history.
 */
export const EVC_RETRY_ATTEMPT = 'evc_retry_attempt';
export const EVC_RETRY_DUE_AT = 'evc_retry_due_at';
export const EVC_RETRY_ORIGINAL_TOPIC = 'evc_retry_original_topic';
export const EVC_RETRY_ORIGINAL_PARTITION = 'evc_retry_original_partition';
export const EVC_RETRY_ORIGINAL_OFFSET = 'evc_retry_original_offset';
export const EVC_RETRY_ORIGINAL_TIMESTAMP = 'evc_retry_original_timestamp';
export const EVC_RETRY_HISTORY = 'evc_retry_history';
/**
 * The consumer group that forwarded the record: every group of the source topic reads the same retry topics
 * (`<topic>-retry-<n>`), and only the one whose delivery failed handles it; the others commit it at once.
 */
export const EVC_RETRY_FOR_GROUP = 'evc_retry_for_group';

/** The retry headers: stripped from application headers, and replaced on every forward. */
export const RETRY_HEADER_NAMES: ReadonlySet<string> = new Set([
  EVC_RETRY_ATTEMPT,
  EVC_RETRY_DUE_AT,
  EVC_RETRY_ORIGINAL_TOPIC,
  EVC_RETRY_ORIGINAL_PARTITION,
  EVC_RETRY_ORIGINAL_OFFSET,
  EVC_RETRY_ORIGINAL_TIMESTAMP,
  EVC_RETRY_HISTORY,
  EVC_RETRY_FOR_GROUP,
]);

export const CLOUDEVENTS_SPEC_VERSION = '1.0';

/** Headers owned by the runtime: not part of a message's application headers. */
export const RUNTIME_HEADER_NAMES: ReadonlySet<string> = new Set([
  CE_SPECVERSION,
  CE_ID,
  CE_SOURCE,
  CE_TYPE,
  CE_TIME,
  CONTENT_TYPE,
  EVC_CONTRACT_VERSION,
  EVC_REPLAY_COUNT,
  EVC_REPLAY_FOR_GROUP,
  ...RETRY_HEADER_NAMES,
]);
