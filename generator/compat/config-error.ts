// The error evc.config.yaml and a message's `x-evc-compatibility` raise. Its own module so that code
// which only reads a message's level need not import the config reader (and, through it, the rule registry).

import type { Diagnostic } from '../model/registry.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The located problems, when the error comes from evc.config.yaml. */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
