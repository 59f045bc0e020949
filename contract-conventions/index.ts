// What the generator and the runtime must agree on, in one place both import: the message descriptor generated
// code hands the runtime, the headers the runtime writes, where dead letters go, which retry settings can run,
// how contract patterns are matched, how names from contract text are written into objects
// how validators compare JSON values and which strings are uuids.
// It imports nothing from either side; the generator reaches the runtime's rules only through this module.
export type {
  AvroBinaryEncoding,
  CompiledValidator,
  ConfluentWireFormat,
  KeyEncoding,
  MessageDescriptor,
  ValidationIssue,
} from './message-descriptor.js';
export * from './headers.js';
export { DEFAULT_DEAD_LETTER_SUFFIX, deadLetterTopicFor, type DeadLetterTopicOption } from './dead-letter-topic.js';
export {
  DEFAULT_RETRY_SUFFIX,
  formatRetryDelay,
  MAX_RETRY_DELAY_MS,
  retryDelayMs,
  retryTopicFor,
  retryTopicsFor,
  type RetryStage,
  type RetryTopicsDeclaration,
} from './retry-topic.js';
export {
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  retryPolicyFromContract,
  type ContractRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
  type RetrySettings,
} from './retry-settings.js';
export {
  contractRegExp,
  patternEngineKind,
  UnsafePatternError,
  type PatternEngineKind,
  type PatternMatcher,
} from './pattern-engine.js';
export { setOwnProperty } from './own-properties.js';
export { jsonEqual } from './json-equal.js';
export { isUuid } from './uuid-format.js';
