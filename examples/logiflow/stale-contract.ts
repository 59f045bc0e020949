// "Last month's build" of the customer portal: a validator for ShipmentStatusChanged compiled
// from the contract as it was before tracking added OUT_FOR_DELIVERY. It is what a consumer that
// was not regenerated runs, and why FORWARD compatibility matters.
import { loadRegistry, directorySource } from '../../generator/load/index.js';
import { bundleSchema } from '../../generator/model/bundle.js';
import { Ajv, addFormats } from '../../generator/ajv.js';
import type { CompiledValidator } from 'eventcontracts/runtime';

export async function staleValidator(): Promise<CompiledValidator> {
  const registry = await loadRegistry(await directorySource('contracts', new URL('../..', import.meta.url).pathname));
  const message = registry.messages.find((m) => m.name === 'ShipmentStatusChanged');
  if (!message?.payload) throw new Error('ShipmentStatusChanged is missing from contracts/');
  const schema = JSON.parse(JSON.stringify(bundleSchema(message.payload))) as {
    $defs?: Record<string, { enum?: string[] }>;
  };
  const status = schema.$defs?.ShipmentStatus;
  if (!status?.enum) throw new Error('ShipmentStatus enum not found');
  status.enum = status.enum.filter((s) => s !== 'OUT_FOR_DELIVERY');
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  return ajv.compile(schema);
}
