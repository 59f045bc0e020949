// Public entry of the runtime that generated code imports as `eventcontracts/runtime`.
export * from './contract.js';
