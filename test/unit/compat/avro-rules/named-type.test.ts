import { rule } from '../../../../generator/compat/avro-rules/named-type.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const id = [{ name: 'id', type: 'string' }];

avroRuleTable(rule, [
  {
    name: 'namespace changed alone',
    old: order(id),
    new: order(id, { namespace: 'org.other' }),
    backward: 'ok',
    forward: 'ok',
    reports: ['NAMESPACE_CHANGED'],
  },
  {
    name: 'namespace written into the name',
    old: order(id),
    new: { type: 'record', name: 'org.other.Order', fields: id },
    backward: 'ok',
    forward: 'ok',
    reports: ['NAMESPACE_CHANGED'],
  },
  {
    name: 'record renamed',
    old: order(id),
    new: { type: 'record', name: 'Purchase', namespace: 'com.example', fields: id },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['NAME_MISMATCH'],
  },
  {
    name: 'record renamed with an alias for the old name (only the new schema reads the old)',
    old: order(id),
    new: { type: 'record', name: 'Purchase', namespace: 'com.example', aliases: ['Order'], fields: id },
    backward: 'ok',
    forward: 'breaks',
    reports: ['NAME_MATCHED_BY_ALIAS'],
    reportsForward: ['NAME_MISMATCH'],
  },
  {
    name: 'alias given as a full name in another namespace',
    old: order(id),
    new: { type: 'record', name: 'Purchase', namespace: 'org.other', aliases: ['com.example.Order'], fields: id },
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'alias with the right name in the wrong namespace: Confluent compares full names',
    old: order(id),
    new: { type: 'record', name: 'Purchase', namespace: 'org.other', aliases: ['Order'], fields: id },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['NAME_MISMATCH'],
    avscDiffers: 'with ignoreNamespaces avsc matches aliases by unqualified name too',
  },
  {
    name: 'nested enum moved to another namespace',
    old: order([{ name: 's', type: { type: 'enum', name: 'Status', namespace: 'a', symbols: ['X'] } }]),
    new: order([{ name: 's', type: { type: 'enum', name: 'Status', namespace: 'b', symbols: ['X'] } }]),
    backward: 'ok',
    forward: 'ok',
    reports: ['NAMESPACE_CHANGED'],
  },
  {
    name: 'nested fixed renamed',
    old: order([{ name: 'h', type: { type: 'fixed', name: 'Hash', size: 4 } }]),
    new: order([{ name: 'h', type: { type: 'fixed', name: 'Digest', size: 4 } }]),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['NAME_MISMATCH'],
  },
]);
