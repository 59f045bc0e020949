// The kafkajs header patch (runtime/transports/kafkajs/header-encoding-patch.ts) replaces three internal kafkajs modules and was
// written for one version of them. This test fails as soon as the installed kafkajs is another version, or its
// patched modules differ from the ones the patch was verified against: re-run the patch's property tests against
// the new modules, then update PATCHED_KAFKAJS_VERSION and the digests below (or drop the patch).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATCHED_KAFKAJS_VERSION } from '../../../runtime/transports/kafkajs/header-encoding-patch.js';

// Resolved from the runtime's own folder: the kafkajs copy the runtime imports.
const kafkajsRoot = dirname(
  createRequire(resolve(import.meta.dirname, '../../../runtime/kafka/x.js')).resolve('kafkajs/package.json'),
);

const PATCHED_MODULE_SHA256: Record<string, string> = {
  'src/protocol/recordBatch/record/v0/index.js': 'ffbc628c1f35f5de8ba798165616b1009d9af1c27ca959999a10e6e3c18f8215',
  'src/protocol/recordBatch/v0/index.js': '6d6b63a8959ff0b9ea1198b2d4ec0af940a4c92d5c793bb592310ab46f99df30',
  'src/protocol/recordBatch/record/v0/decoder.js': '86d740054c8be29b02873bf2871eb43ba5004af94324610541dbab2d9fabcc65',
};

describe('the kafkajs the header patch was written for', () => {
  it('is the installed version', () => {
    const { version } = JSON.parse(readFileSync(join(kafkajsRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version, `kafkajs ${version} is installed; the patch was written for ${PATCHED_KAFKAJS_VERSION}`).toBe(
      PATCHED_KAFKAJS_VERSION,
    );
  });

  it.each(Object.entries(PATCHED_MODULE_SHA256))('has the verified %s', (file, digest) => {
    const actual = createHash('sha256')
      .update(readFileSync(join(kafkajsRoot, file)))
      .digest('hex');
    expect(actual).toBe(digest);
  });
});
