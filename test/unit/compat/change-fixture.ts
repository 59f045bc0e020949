// A reported change to build reporter tests from: a breaking maxLength change on RouteCalculated
// that hurts the tracking receiver; tests override what they look at.

import type { Change } from '../../../generator/compat/change.js';

export const TRACKING = { service: 'tracking', role: 'receiver', file: 'contracts/tracking/asyncapi.yaml' } as const;

export const change = (over: Partial<Change>): Change => ({
  rule: 'MAX_LENGTH_DECREASED',
  breaking: true,
  topic: 'routing.events',
  messageName: 'RouteCalculated',
  path: '/properties/notes/maxLength',
  part: 'payload',
  what: 'maxLength changed from 500 to 200',
  why: 'receivers tracking would reject values with more than 200 characters',
  hint: 'keep maxLength where it was',
  description: 'A reader may allow longer strings, never shorter ones (maxLength).',
  file: 'contracts/routing/asyncapi.yaml',
  line: 96,
  column: 13,
  level: 'BACKWARD',
  impacted: ['tracking'],
  impact: over.breaking === false ? [] : [TRACKING],
  ...over,
});
