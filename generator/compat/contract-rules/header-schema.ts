// Message headers are data consumers read too: their schema follows the same rules as payloads
// (paths are reported under `/headers`).

import { schemaPartRule } from './schema-changes.js';

export const id = 'HEADER_SCHEMA';
export const description = 'Header schemas are checked with the same rules as payloads.';

export const rule = schemaPartRule(id, 'HEADERS', description, 'headers');
