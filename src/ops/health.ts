/**
 * The optional HTTP endpoint (HEALTH_PORT): /healthz (the process answers), /readyz (database open and
 * migrated, gateway ready, scheduler ticked in the last 2 minutes) and /metrics (Prometheus text).
 * Plain node:http: three GET routes do not need a framework.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "./metrics.ts";
import type { RuntimeInfo } from "./runtime.ts";
import { migrationState } from "./store-info.ts";

/** A scheduler that has not ticked for this long is considered stuck. */
export const SCHEDULER_STALE_MS = 2 * 60_000;

export interface ReadyCheck {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<"database" | "gateway" | "scheduler", ReadyCheck>;
}

export function readiness(db: Db, runtime: RuntimeInfo, now: Date = new Date()): Readiness {
  const m = migrationState(db);
  const database: ReadyCheck = m.ok
    ? { ok: true, detail: `open, ${m.applied} migrations applied` }
    : { ok: false, detail: m.error ?? `${m.applied} of ${m.expected} migrations applied` };
  const gatewayReady = runtime.gatewayReady();
  const gateway: ReadyCheck = { ok: gatewayReady, detail: gatewayReady ? "ready" : "not connected" };
  let scheduler: ReadyCheck;
  if (!runtime.runsScheduler()) scheduler = { ok: true, detail: "not scheduled in this process" };
  else {
    const last = runtime.lastSchedulerTick();
    const age = last ? now.getTime() - last.getTime() : Number.POSITIVE_INFINITY;
    scheduler = last
      ? { ok: age <= SCHEDULER_STALE_MS, detail: `last tick ${Math.round(age / 1000)} s ago` }
      : { ok: false, detail: "no tick yet" };
  }
  return { ready: database.ok && gateway.ok && scheduler.ok, checks: { database, gateway, scheduler } };
}

export interface HealthServerOptions {
  port: number;
  /** Default 127.0.0.1 (HEALTH_HOST); a container whose probe comes from outside sets 0.0.0.0. */
  host?: string;
  db: Db;
  runtime: RuntimeInfo;
  metrics: Metrics;
  logger: Logger;
  now?: () => Date;
}

export interface HealthServer {
  readonly port: number;
  /** The address it listens on. */
  readonly host: string;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const now = opts.now ?? (() => new Date());
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    switch (url.pathname) {
      case "/healthz":
        send(200, "text/plain; charset=utf-8", "ok\n");
        return;
      case "/readyz": {
        let r: Readiness;
        try {
          r = readiness(opts.db, opts.runtime, now());
        } catch (err) {
          opts.logger.warn({ err }, "readiness check failed");
          send(503, "application/json", JSON.stringify({ ready: false, error: "check failed" }));
          return;
        }
        send(r.ready ? 200 : 503, "application/json", `${JSON.stringify(r)}\n`);
        return;
      }
      case "/metrics":
        opts.metrics.render().then(
          (text) => send(200, opts.metrics.contentType, text),
          (err: unknown) => {
            opts.logger.error({ err }, "metrics could not be collected");
            send(500, "text/plain; charset=utf-8", "metrics could not be collected\n");
          },
        );
        return;
      default:
        send(404, "text/plain; charset=utf-8", "not found: try /healthz, /readyz or /metrics\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback unless told otherwise: /metrics and /readyz say more about the bot than the internet needs to know.
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address: host } = server.address() as AddressInfo;
  opts.logger.info({ port, host }, "health endpoint listening");
  return {
    port,
    host,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
