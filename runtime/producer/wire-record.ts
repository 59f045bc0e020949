// A mark on the records the runtime's sender builds: it opts them into the faster kafkajs encoding
// of runtime/transports/kafkajs/header-encoding-patch.ts (same bytes; values it does not expect still go to
// kafkajs' own encoder), so records anyone else hands to kafkajs keep kafkajs' stock path. A
// registered symbol, so two copies of the runtime agree; symbols are invisible to JSON and
// Object.keys, and kafkajs' object spread of each message keeps them.
import type { WireRecord } from '../contract.js';

export const RUNTIME_WIRE_RECORD: unique symbol = Symbol.for('eventcontracts.runtime-wire-record');

/** A record as the sender builds it. */
export interface MarkedWireRecord extends WireRecord {
  readonly [RUNTIME_WIRE_RECORD]: true;
}
