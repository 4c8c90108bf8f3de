/**
 * Vitest setup file: tests may only talk to loopback hosts.
 *
 * Every TCP/TLS connection in Node (net.connect, tls.connect, http/https agents, undici — the bundled
 * one discord.js's REST uses and Node's own fetch — and the `ws` package discord.js's gateway uses)
 * ends in `net.Socket.prototype.connect`. We patch it: a connection to a non-loopback host is
 * recorded, logged, and the socket is destroyed with an EBLOCKED error before any DNS lookup or
 * packet. `dns.lookup` is patched too, for code that resolves names itself.
 * Because libraries often swallow connection errors and retry, an afterEach hook also fails the
 * test that made any blocked attempt.
 *
 * Use: vitest.config.ts `test.setupFiles: ["./test/setup/no-network.ts"]`. Importing it again is harmless.
 */
import dns from "node:dns";
import net from "node:net";
import { afterEach } from "vitest";

export interface BlockedConnection {
  host: string;
  port: string;
  via: "net.connect" | "dns.lookup";
  stack: string;
}

interface GuardState {
  installed: boolean;
  blocked: BlockedConnection[];
}

const KEY = Symbol.for("borderdesk.test.no-network");
const holder = globalThis as typeof globalThis & { [KEY]?: GuardState };
const state: GuardState = (holder[KEY] ??= { installed: false, blocked: [] });

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h === "::1" ||
    h === "0:0:0:0:0:0:0:1" ||
    /^127(?:\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(?:\.\d{1,3}){3}$/.test(h)
  );
}

/** Blocked attempts recorded so far (and clears them), for tests that check the guard itself. */
export function takeBlockedConnections(): BlockedConnection[] {
  return state.blocked.splice(0, state.blocked.length);
}

function blockedError(host: string, port: string, via: BlockedConnection["via"]): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `no-network guard: tests may not connect to ${host}${port ? `:${port}` : ""} (only loopback is allowed; use the fake Discord)`,
  );
  error.code = "EBLOCKED";
  state.blocked.push({ host, port, via, stack: error.stack ?? "" });
  console.error(error.message);
  return error;
}

/** Host and port of a Socket#connect call (options object, [options, cb] array, or (port, host) form). Unix sockets → undefined. */
function portText(port: unknown): string {
  return typeof port === "number" || typeof port === "string" ? String(port) : "";
}

function target(args: unknown[]): { host: string; port: string } | undefined {
  let first: unknown = args[0];
  // net.connect passes its normalized [options, callback] array as the only argument.
  if (Array.isArray(first)) first = first[0];
  if (typeof first === "object" && first !== null) {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof options.path === "string" && options.path.length > 0) return undefined;
    return { host: typeof options.host === "string" ? options.host : "localhost", port: portText(options.port) };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return undefined; // pipe / unix socket path
  const host = args[1];
  return { host: typeof host === "string" ? host : "localhost", port: portText(first) };
}

if (!state.installed) {
  state.installed = true;

  const originalConnect: unknown = Reflect.get(net.Socket.prototype, "connect");
  if (typeof originalConnect !== "function") throw new Error("no-network guard: net.Socket.prototype.connect is missing");
  const guardedConnect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const where = target(args);
    if (where && !isLoopbackHost(where.host)) {
      const error = blockedError(where.host, where.port, "net.connect");
      process.nextTick(() => this.destroy(error));
      return this;
    }
    const socket: unknown = Reflect.apply(originalConnect, this, args);
    return socket instanceof net.Socket ? socket : this;
  };
  net.Socket.prototype.connect = guardedConnect;

  const originalLookup = dns.lookup;
  const guardedLookup = function (this: unknown, ...args: unknown[]): void {
    const hostname = args[0];
    if (typeof hostname === "string" && hostname.length > 0 && !isLoopbackHost(hostname) && net.isIP(hostname) === 0) {
      const error = blockedError(hostname, "", "dns.lookup");
      const callback = args[args.length - 1];
      if (typeof callback === "function") {
        process.nextTick(() => {
          Reflect.apply(callback, undefined, [error]);
        });
        return;
      }
      throw error;
    }
    Reflect.apply(originalLookup, this, args);
  };
  dns.lookup = guardedLookup as typeof dns.lookup;

  const originalPromisesLookup = dns.promises.lookup;
  const guardedPromisesLookup = function (this: unknown, ...args: unknown[]): unknown {
    const hostname = args[0];
    if (typeof hostname === "string" && hostname.length > 0 && !isLoopbackHost(hostname) && net.isIP(hostname) === 0) {
      return Promise.reject(blockedError(hostname, "", "dns.lookup"));
    }
    return Reflect.apply(originalPromisesLookup, this, args);
  };
  dns.promises.lookup = guardedPromisesLookup as typeof dns.promises.lookup;
}

afterEach(() => {
  const blocked = takeBlockedConnections();
  if (blocked.length > 0) {
    const list = blocked.map((b) => `${b.host}${b.port ? `:${b.port}` : ""} (${b.via})`).join(", ");
    throw new Error(`no-network guard: this test tried to reach the network: ${list}\n${blocked[0]?.stack ?? ""}`);
  }
});
