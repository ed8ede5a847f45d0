import { pino, type Logger } from 'pino';

export type { Logger };

// Structured JSON logs on stderr so stdout stays clean for `--json` command output.
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'dealflow' } }, pino.destination(2));
}
