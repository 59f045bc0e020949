// The logging seam of the runtime: structured, leveled, injectable (silent in tests, console by
// default, or the service's own logger through a four-method adapter).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const noop = (): void => {};

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One line per entry on stderr: `evc <level> <message> {fields}`. The level defaults to
 * `EVC_LOG_LEVEL` or `info`. stderr keeps stdout free for a CLI's results.
 */
export function createConsoleLogger(
  level: LogLevel = levelFromEnv(),
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const threshold = LEVEL_ORDER[level];
  const at = (entryLevel: LogLevel) =>
    LEVEL_ORDER[entryLevel] < threshold
      ? noop
      : (message: string, fields?: LogFields) =>
          write(`evc ${entryLevel} ${message}${fields === undefined ? '' : ` ${renderFields(fields)}`}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function levelFromEnv(): LogLevel {
  const value = process.env['EVC_LOG_LEVEL'];
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : 'info';
}

function renderFields(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error
        ? { name: value.name, message: value.message }
        : typeof value === 'bigint'
          ? value.toString()
          : value,
    );
  } catch {
    return '{"fields":"unserializable"}';
  }
}
