// The AsyncAPI specification's example documents, vendored in test/corpus (Apache License 2.0,
// see test/corpus/README.md) so the tests run wherever the repository is cloned.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const corpusDir = path.resolve(import.meta.dirname, '../corpus');
export const corpusDocuments = path.join(corpusDir, 'asyncapi-spec-examples');

export interface CorpusEntry {
  readonly storedAt: string;
  readonly isMainDocument: boolean;
  readonly strictParseOk: boolean;
}

export const corpusIndex = JSON.parse(readFileSync(path.join(corpusDir, 'index.json'), 'utf8')) as CorpusEntry[];
