import pino, { type Logger } from "pino";

export type { Logger };

/** Structured logs to stderr (stdout is reserved for command output such as --json). */
export function createLogger(level: string = "info"): Logger {
  return pino({ level, redact: ["token", "*.token", "headers.authorization"] }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
