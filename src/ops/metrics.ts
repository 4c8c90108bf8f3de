/**
 * Prometheus metrics with prom-client, on a registry of our own (not the library's global one) so that
 * tests and shard processes each get a clean set. Counters are moved by small hooks the adapters pass
 * in (the router's observer, the scheduler's onTick, the REST client's rateLimited event); the store's
 * sizes are read when Prometheus scrapes.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/client.ts";
import type { TickReport } from "../digest/schedule.ts";
import type { IngestReport } from "../ingest/index.ts";
import type { CommandObserver, CommandOutcome, RuntimeInfo } from "./runtime.ts";
import { rowCounts, storeSize } from "./store-info.ts";

export type ErrorKind = "command" | "interaction" | "digest" | "gateway" | "backup" | "ingest";

export interface Metrics extends CommandObserver {
  readonly registry: Registry;
  /** Feed a finished scheduler tick (digests delivered, failed, retried). */
  digestTick(report: TickReport): void;
  rateLimited(info: { scope?: string; global?: boolean }): void;
  error(kind: ErrorKind): void;
  /** An interaction shed under load (src/discord/gate.ts). */
  shed(reason: string, kind: string): void;
  /** Matches IngestOptions.onFile: count in-process ingests (feeds, /ingest). */
  ingested(report: IngestReport): void;
  backup(result: { ok: boolean }): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  db: Db;
  runtime?: RuntimeInfo;
  /** Process metrics (CPU, memory, event loop lag); default on. */
  processMetrics?: boolean;
  /** Labels on every metric, e.g. { shard: "0" }. */
  defaultLabels?: Record<string, string>;
}

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  if (opts.defaultLabels) registry.setDefaultLabels(opts.defaultLabels);
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "borderdesk_" });

  const commands = new Counter({ name: "borderdesk_commands_total", help: "Slash commands served, by command and outcome (ok, user_error, error).", labelNames: ["command", "outcome"], registers: [registry] });
  const latency = new Histogram({
    name: "borderdesk_command_duration_seconds",
    help: "Time from a command reaching the router to its reply being ready.",
    labelNames: ["command"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const shed = new Counter({
    name: "borderdesk_interactions_shed_total",
    help: "Interactions not computed under load, by kind and reason (late = answered busy after waiting, backlog = answered busy on arrival as its turn would come too late, expired = past Discord's deadline, full = queue full, stopping = shutdown).",
    labelNames: ["kind", "reason"],
    registers: [registry],
  });
  const errors = new Counter({ name: "borderdesk_errors_total", help: "Unexpected errors, by kind.", labelNames: ["kind"], registers: [registry] });
  const delivered = new Counter({ name: "borderdesk_digests_delivered_total", help: "Digests posted (resend=true: re-sent with the same nonce after a restart).", labelNames: ["resend"], registers: [registry] });
  const failed = new Counter({ name: "borderdesk_digests_failed_total", help: "Digests given up: channel = subscription paused (missing access, unknown channel); rejected = Discord refused or retries ran out.", labelNames: ["reason"], registers: [registry] });
  const retried = new Counter({ name: "borderdesk_digests_retried_total", help: "Digest deliveries left pending after a transient failure, for the next tick.", registers: [registry] });
  const ticks = new Counter({ name: "borderdesk_scheduler_ticks_total", help: "Digest scheduler ticks run.", registers: [registry] });
  const rateLimits = new Counter({ name: "borderdesk_discord_rate_limits_total", help: "429s seen by discord.js's REST client, by scope.", labelNames: ["scope"], registers: [registry] });
  const ingests = new Counter({ name: "borderdesk_ingest_total", help: "Articles ingested in this process, by outcome.", labelNames: ["outcome"], registers: [registry] });
  const backups = new Counter({ name: "borderdesk_backups_total", help: "Scheduled backups, by result.", labelNames: ["result"], registers: [registry] });

  const { db, runtime } = opts;
  new Gauge({
    name: "borderdesk_store_rows",
    help: "Rows in the store's main tables (articles are the ingest count across every process).",
    labelNames: ["table"],
    registers: [registry],
    collect() {
      if (!db.$client.open) return;
      for (const [table, n] of Object.entries(rowCounts(db))) this.set({ table }, n);
    },
  });
  new Gauge({
    name: "borderdesk_store_bytes",
    help: "Size of the SQLite store on disk, write-ahead log included.",
    registers: [registry],
    collect() {
      if (db.$client.open) this.set(storeSize(db).bytes);
    },
  });
  if (runtime) {
    new Gauge({
      name: "borderdesk_gateway_ping_seconds",
      help: "Gateway heartbeat round trip.",
      registers: [registry],
      collect() {
        const ms = runtime.gatewayPingMs();
        if (ms !== undefined && ms >= 0) this.set(ms / 1000);
      },
    });
    new Gauge({
      name: "borderdesk_scheduler_last_tick_seconds",
      help: "Unix time of the digest scheduler's last tick (absent when this process does not schedule).",
      registers: [registry],
      collect() {
        const at = runtime.lastSchedulerTick();
        if (at) this.set(at.getTime() / 1000);
      },
    });
    new Gauge({
      name: "borderdesk_uptime_seconds",
      help: "Seconds since this process started.",
      registers: [registry],
      collect() {
        this.set((Date.now() - runtime.startedAt.getTime()) / 1000);
      },
    });
  }

  return {
    registry,
    contentType: registry.contentType,
    commandServed(name: string, seconds: number, outcome: CommandOutcome) {
      commands.inc({ command: name, outcome });
      latency.observe({ command: name }, seconds);
      if (outcome === "error") errors.inc({ kind: "command" });
    },
    digestTick(r: TickReport) {
      ticks.inc();
      if (r.overlapped) return;
      if (r.sent) delivered.inc({ resend: "false" }, r.sent);
      if (r.resent) delivered.inc({ resend: "true" }, r.resent);
      if (r.paused) failed.inc({ reason: "channel" }, r.paused);
      if (r.failed) {
        failed.inc({ reason: "rejected" }, r.failed);
        errors.inc({ kind: "digest" }, r.failed);
      }
      if (r.retrying) retried.inc(r.retrying);
    },
    shed(reason: string, kind: string) {
      shed.inc({ kind, reason });
    },
    rateLimited(info) {
      rateLimits.inc({ scope: info.global ? "global" : (info.scope ?? "user") });
    },
    error(kind) {
      errors.inc({ kind });
    },
    ingested(report) {
      ingests.inc({ outcome: report.ok ? (report.outcome ?? "ok") : "failed" });
      if (!report.ok) errors.inc({ kind: "ingest" });
    },
    backup(result) {
      backups.inc({ result: result.ok ? "ok" : "failed" });
      if (!result.ok) errors.inc({ kind: "backup" });
    },
    render: () => registry.metrics(),
  };
}
