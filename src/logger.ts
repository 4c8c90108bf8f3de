import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Longest string kept in a log line's fields (and its message); longer ones are cut and say how long they were. */
export const MAX_LOG_STRING = 2000;
/** Most items of an array, and keys of an object, kept in a log line. */
const MAX_LOG_ITEMS = 50;
const MAX_LOG_DEPTH = 5;

/**
 * A log field made safe to write: bytes (a reply's attachment, a request body) become their length, long
 * strings and arrays are cut, deep objects stop. A failed reply used to log its attachment as a JSON byte array:
 * lines of 755 KB, 42 MB of stderr in 40 s under overload.
 */
export function boundedLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.length > MAX_LOG_STRING ? `${value.slice(0, MAX_LOG_STRING)}… (${value.length} characters)` : value;
  if (value === null || typeof value !== "object") return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value;
  if (depth >= MAX_LOG_DEPTH) return "[…]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_LOG_ITEMS).map((v) => boundedLogValue(v, depth + 1));
    if (value.length > MAX_LOG_ITEMS) kept.push(`… (${value.length} items)`);
    return kept;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (n++ >= MAX_LOG_ITEMS) {
      out["…"] = "more keys left out";
      break;
    }
    out[k] = boundedLogValue(v, depth + 1);
  }
  return out;
}

/** pino's error serializer (type, message, stack, own fields such as a DiscordAPIError's code and url), bounded. */
function boundedError(err: unknown): unknown {
  if (!(err instanceof Error)) return boundedLogValue(err);
  const plain = pino.stdSerializers.err(err);
  // discord.js puts the whole request (files and all) on its errors: the method and URL say enough.
  const { requestBody: _requestBody, rawError, ...rest } = plain as Record<string, unknown>;
  return boundedLogValue({ ...rest, ...(rawError ? { rawError } : {}) });
}

/** Structured logs to stderr (stdout is reserved for command output such as --json), every line bounded. */
export function createLogger(level: string = "info", destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      redact: ["token", "*.token", "headers.authorization"],
      serializers: { err: boundedError, error: boundedError },
      formatters: {
        log: (obj) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Error ? v : boundedLogValue(v);
          return out;
        },
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" && a.length > MAX_LOG_STRING ? `${a.slice(0, MAX_LOG_STRING)}… (${a.length} characters)` : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
