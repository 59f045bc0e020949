// The one digest evc's cache compares contents by (sha256, hex): cache entries, the files a command read
// and the files generate wrote. One-shot hashing builds no Hash object per call: a generate of 400 messages
// digests ~2,500 texts, and its 1,653 output files took 12–14 ms instead of 17–21 ms.
import { hash } from 'node:crypto';

export const contentDigest = (text: string | Buffer): string => hash('sha256', text, 'hex');
