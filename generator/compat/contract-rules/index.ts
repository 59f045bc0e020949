// Every contract-level rule, in the order they run.

import type { ContractRule } from './rule.js';
import { rule as topicRemoved } from './topic-removed.js';
import { rule as messageRemovedFromTopic } from './message-removed-from-topic.js';
import { rule as messageAddedToTopic } from './message-added-to-topic.js';
import { rule as serviceStoppedSending } from './service-stopped-sending.js';
import { rule as keySchema } from './key-schema.js';
import { rule as contentType } from './content-type.js';
import { rule as payloadSchema } from './payload-schema.js';
import { rule as headerSchema } from './header-schema.js';

export const contractRules: readonly ContractRule[] = [
  topicRemoved,
  messageRemovedFromTopic,
  messageAddedToTopic,
  serviceStoppedSending,
  keySchema,
  contentType,
  payloadSchema,
  headerSchema,
];
