/**
 * What the running process knows about itself, filled in by the adapter (the Discord client, the console)
 * and read by /status and /readyz. Handlers never reach for the client: they get these answers.
 */
export interface RuntimeInfo {
  startedAt: Date;
  /** "discord", "console" or "cli": what is answering. */
  mode: string;
  /** Gateway heartbeat round trip in ms; undefined when not connected or not yet measured. */
  gatewayPingMs(): number | undefined;
  /** True once the gateway session is ready (all this process's shards). */
  gatewayReady(): boolean;
  /** This process's shards and the total; undefined without a gateway. */
  shards(): { ids: number[]; count: number } | undefined;
  /** The digest scheduler's last tick; undefined when this process does not schedule. */
  lastSchedulerTick(): Date | undefined;
  /** True when this process runs the scheduler (and backups, feeds). */
  runsScheduler(): boolean;
}

export type CommandOutcome = "ok" | "user_error" | "error";

/** Hears about every command the router serves (metrics). */
export interface CommandObserver {
  commandServed(name: string, seconds: number, outcome: CommandOutcome): void;
}

/** A RuntimeInfo for processes without a gateway (console, CLI, tests). */
export function offlineRuntime(mode: string, startedAt: Date = new Date(), scheduler?: { lastTickAt(): Date | undefined }): RuntimeInfo {
  return {
    startedAt,
    mode,
    gatewayPingMs: () => undefined,
    gatewayReady: () => false,
    shards: () => undefined,
    lastSchedulerTick: () => scheduler?.lastTickAt(),
    runsScheduler: () => scheduler !== undefined,
  };
}
