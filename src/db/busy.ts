import { setTimeout as sleep } from "node:timers/promises";

/**
 * Writes that wait for the store's lock without holding up the event loop. better-sqlite3 waits for a lock
 * synchronously (busy_timeout): with the usual 5 s, a bulk import in another process froze the bot on its next
 * write, commands and heartbeats included. The bot's connection waits only BOT_BUSY_TIMEOUT_MS in SQLite; past
 * that the write fails with SQLITE_BUSY and is tried again here after a pause in which the loop runs on, until
 * the lock is free (a bulk import lets go of it between chunks, src/acled/import.ts) or `timeoutMs` has passed.
 */

/** The bot's busy_timeout: the longest one write attempt may block the loop. */
export const BOT_BUSY_TIMEOUT_MS = 20;

export function isBusyError(err: unknown): boolean {
  return err instanceof Error && "code" in err && typeof err.code === "string" && (err.code === "SQLITE_BUSY" || err.code.startsWith("SQLITE_BUSY_"));
}

export interface BusyRetryOptions {
  /** Give up (rethrow the busy error) after this long; default 30 s. */
  timeoutMs?: number;
  /** Told before each retry (metrics, logs). */
  onRetry?: (attempt: number, waitedMs: number) => void;
}

/**
 * Runs `write` (a transaction, or one statement: it must be safe to run again after SQLITE_BUSY, which is raised
 * before anything is written) until it is not refused for a busy store, pausing between attempts (15 ms growing
 * to 150 ms, with jitter so two waiters do not keep colliding).
 */
export async function retryBusy<T>(write: () => T | Promise<T>, opts: BusyRetryOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const waited = performance.now() - started;
      if (!isBusyError(err) || waited >= timeoutMs) throw err;
      opts.onRetry?.(attempt, waited);
      await sleep(Math.min(150, 15 * attempt) * (0.5 + Math.random()));
    }
  }
}
