// `--registry-url` (else EVC_REGISTRY_URL) plus the EVC_REGISTRY_* credentials, CA and timeout, for
// every command that talks to a schema registry. A bad setting is a UsageError (exit 2).

import {
  RegistryConnectionConfigError,
  registryConnectionFromEnv,
  type RegistryConnection,
} from '../../runtime/schema-registry/connection.js';
import { UsageError } from './io.js';

export function registryConnectionOf(
  url: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): RegistryConnection {
  try {
    return registryConnectionFromEnv(env, url === undefined ? {} : { url });
  } catch (error) {
    if (error instanceof RegistryConnectionConfigError) throw new UsageError(error.message);
    throw error;
  }
}
