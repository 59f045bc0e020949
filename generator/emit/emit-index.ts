// Emits `index.ts`, the one import users need: types, descriptors and every service's API.
import type { GenerationPlan } from './plan.js';
import { fileHeader, join, literal, ts } from './printer.js';

export function emitIndex(plan: GenerationPlan, from: string): string {
  const services = plan.services.map((s) => ts`export * from ${literal(`./services/${s.fileName}.js`)};\n`);
  return ts`${fileHeader(from)}export * from "./types.js";\nexport * from "./messages.js";\n${join(services, '')}`.text;
}
