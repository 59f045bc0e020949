// Subject names, as Confluent's serializers compute them, so evc registers where Java, Python and
// Go clients look: TopicNameStrategy `<topic>-value` / `<topic>-key`; RecordNameStrategy the
// record's name (for JSON Schema: its title, which evc sets to the message name); and
// TopicRecordNameStrategy `<topic>-<record name>`. Keys under the record strategies get `-key`
// after the record name, so a key and a value never share a subject.

import type { SubjectNameStrategy } from './settings.js';

export type SubjectPart = 'value' | 'key';

export function subjectName(
  strategy: SubjectNameStrategy,
  topic: string,
  recordName: string,
  part: SubjectPart,
): string {
  switch (strategy) {
    case 'topic':
      return `${topic}-${part}`;
    case 'record':
      return part === 'value' ? recordName : `${recordName}-key`;
    case 'topic-record':
      return part === 'value' ? `${topic}-${recordName}` : `${topic}-${recordName}-key`;
  }
}
