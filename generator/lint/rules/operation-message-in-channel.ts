// AsyncAPI 3: an operation's `messages` "MUST contain a subset of the messages defined in the
// channel referenced by this operation", written as `$ref`s to that channel's messages. The JSON
// Schema of the spec cannot say so; without this rule generated code would route a message to a
// topic whose contract never declares it.
import type { Diagnostic } from '../../model/registry.js';
import { isUnresolvedRef } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const operationMessageInChannel: LintRule = {
  id: 'operation-message-in-channel',
  severity: 'error',
  category: 'MESSAGE_SET',
  detectedBy: 'registry',
  description: "AsyncAPI 3: an operation's messages are $refs to messages of the channel it refers to.",
  check(registry) {
    const out: Diagnostic[] = [];
    for (const service of registry.services) {
      if (!service.asyncapiVersion.startsWith('3.')) continue;
      for (const op of service.operations) {
        if (op.messageRefs === undefined || op.channelMessages === undefined) continue;
        op.messages.forEach((message, index) => {
          const written = op.messageRefs![index];
          if (written === undefined || isUnresolvedRef(message.raw)) return;
          const channelRef = op.channelRef;
          const declared = op.channelMessages!.includes(message);
          const viaChannel =
            written.ref === undefined || channelRef === undefined || written.ref.startsWith(`${channelRef}/messages/`);
          if (declared && viaChannel) return;
          const channel = channelRef ?? op.channelId;
          out.push(
            finding(
              this,
              written.location,
              declared
                ? `operation "${op.id}" refers to message "${message.name}" as "${written.ref}", not through its channel "${channel}"`
                : `operation "${op.id}" uses message "${message.name}"${written.ref ? ` ("${written.ref}")` : ''}, which is not a message of its channel "${channel}"`,
              channelRef
                ? `refer to one of the channel's messages: $ref: '${channelRef}/messages/<key>'${declared ? '' : ', adding the message to the channel first'}`
                : "add the message to the channel's messages and refer to it there",
            ),
          );
        });
      }
    }
    return out;
  },
};
