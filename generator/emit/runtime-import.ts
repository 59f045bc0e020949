// The module generated code imports the runtime from, unless `--runtime-import` names another.
export const DEFAULT_RUNTIME_IMPORT = 'eventcontracts/runtime';
