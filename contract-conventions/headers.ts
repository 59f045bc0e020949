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
]);
