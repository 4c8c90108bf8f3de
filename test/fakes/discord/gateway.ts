import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { RawData } from "ws";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from "discord-api-types/v10";
import type {
  APIUser,
  ApplicationFlags,
  GatewayDispatchPayload,
  GatewayGuildCreateDispatchData,
  GatewayHeartbeatAck,
  GatewayHello,
  GatewayInvalidSession,
  GatewayReadyDispatchData,
  GatewayReconnect,
} from "discord-api-types/v10";
import { shardForGuild } from "./snowflake.ts";
import { isRecord } from "./validate.ts";

export interface GatewayFrameLog {
  direction: "in" | "out";
  shard: [number, number] | undefined;
  op: number;
  t?: string | undefined;
  s?: number | undefined;
}

interface SessionState {
  sessionId: string;
  shard: [number, number];
  seq: number;
  socket: WebSocket | undefined;
}

export interface GatewayDeps {
  botUser: APIUser;
  applicationId: string;
  heartbeatIntervalMs: number;
  url: () => string;
  guildsForShard: (shardId: number, shardCount: number) => GatewayGuildCreateDispatchData[];
  /** Called after every frame in either direction. */
  onFrame: () => void;
}

/** Every frame Discord sends carries op, d, s and t (s and t are null outside dispatches). */
interface OutgoingFrame {
  op: GatewayOpcodes;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** The fake gateway: HELLO, IDENTIFY → READY + GUILD_CREATE per guild of the shard, heartbeat ACK, RESUME → RESUMED. */
export class FakeGateway {
  readonly frames: GatewayFrameLog[] = [];
  readonly identifies: { shard: [number, number]; intents: number }[] = [];
  readonly resumes: { sessionId: string; seq: number }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, SessionState>();
  private readonly sockets = new Set<WebSocket>();
  private readonly deps: GatewayDeps;

  constructor(deps: GatewayDeps) {
    this.deps = deps;
    this.wss.on("connection", (socket: WebSocket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
  }

  /** Identified sessions whose socket is open. */
  liveSessions(): SessionState[] {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined && s.socket.readyState === WebSocket.OPEN);
  }

  /** Open shards as [shardId, shardCount] pairs. */
  connectedShards(): [number, number][] {
    return this.liveSessions().map((s) => s.shard);
  }

  /** The live session owning a guild (or shard 0 for DMs). */
  sessionForGuild(guildId: string | undefined): SessionState | undefined {
    const live = this.liveSessions();
    if (guildId === undefined) return live.find((s) => s.shard[0] === 0);
    return live.find((s) => s.shard[0] === shardForGuild(guildId, s.shard[1]));
  }

  /** Send a dispatch to the shard owning `guildId` (all live sessions when guildId is null). Returns the shard ids reached. */
  dispatch(t: GatewayDispatchPayload["t"], d: unknown, guildId: string | null): number[] {
    const targets = guildId === null ? this.liveSessions() : [this.sessionForGuild(guildId)].filter((s): s is SessionState => s !== undefined);
    for (const session of targets) this.sendDispatch(session, t, d);
    return targets.map((s) => s.shard[0]);
  }

  /** Ask the shard to reconnect (op 7); discord.js closes and RESUMEs. */
  requestReconnect(shardId: number): void {
    for (const session of this.liveSessions()) {
      if (session.shard[0] === shardId && session.socket) this.send(session.socket, session, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null } satisfies Omit<GatewayReconnect, "d"> & OutgoingFrame);
    }
  }

  /** Drop the connection of a shard abruptly (code 4000 lets discord.js resume). */
  dropShard(shardId: number, code: number = GatewayCloseCodes.UnknownError): void {
    for (const session of this.liveSessions()) {
      if (session.shard[0] === shardId) session.socket?.close(code, "fake gateway drop");
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    let session: SessionState | undefined;
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (session && session.socket === socket) session.socket = undefined;
    });
    socket.on("message", (raw: RawData) => {
      const text = Array.isArray(raw) ? Buffer.concat(raw).toString("utf8") : Buffer.from(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw).toString("utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
        return;
      }
      if (!isRecord(parsed) || typeof parsed["op"] !== "number") {
        socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
        return;
      }
      const op = parsed["op"];
      const d = parsed["d"];
      this.frames.push({ direction: "in", shard: session?.shard, op });
      this.deps.onFrame();
      switch (op as GatewayOpcodes) {
        case GatewayOpcodes.Heartbeat:
          this.send(socket, session, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null } satisfies Omit<GatewayHeartbeatAck, "d"> & OutgoingFrame);
          break;
        case GatewayOpcodes.Identify: {
          if (session) {
            socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
            return;
          }
          const shard = isRecord(d) && Array.isArray(d["shard"]) ? d["shard"] : [0, 1];
          const shardId = typeof shard[0] === "number" ? shard[0] : 0;
          const shardCount = typeof shard[1] === "number" ? shard[1] : 1;
          if (shardId >= shardCount) {
            socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
            return;
          }
          this.identifies.push({ shard: [shardId, shardCount], intents: isRecord(d) && typeof d["intents"] === "number" ? d["intents"] : 0 });
          session = { sessionId: randomBytes(16).toString("hex"), shard: [shardId, shardCount], seq: 0, socket };
          this.sessions.set(session.sessionId, session);
          const guilds = this.deps.guildsForShard(shardId, shardCount);
          const ready: GatewayReadyDispatchData = {
            v: 10,
            user: this.deps.botUser,
            guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.sessionId,
            resume_gateway_url: this.deps.url(),
            shard: [shardId, shardCount],
            application: { id: this.deps.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
          };
          this.sendDispatch(session, GatewayDispatchEvents.Ready, ready);
          for (const guild of guilds) this.sendDispatch(session, GatewayDispatchEvents.GuildCreate, guild);
          break;
        }
        case GatewayOpcodes.Resume: {
          const sessionId = isRecord(d) && typeof d["session_id"] === "string" ? d["session_id"] : "";
          const seq = isRecord(d) && typeof d["seq"] === "number" ? d["seq"] : 0;
          const previous = this.sessions.get(sessionId);
          this.resumes.push({ sessionId, seq });
          if (!previous) {
            this.send(socket, undefined, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null } satisfies GatewayInvalidSession);
            return;
          }
          previous.socket?.terminate();
          previous.socket = socket;
          session = previous;
          this.sendDispatch(session, GatewayDispatchEvents.Resumed, null);
          break;
        }
        default:
          // presence updates, voice state, request guild members: accepted silently
          break;
      }
    });
    const hello: GatewayHello = { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.deps.heartbeatIntervalMs }, s: null, t: null };
    this.send(socket, undefined, hello);
  }

  private sendDispatch(session: SessionState, t: string, d: unknown): void {
    if (!session.socket) return;
    session.seq += 1;
    this.send(session.socket, session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  }

  private send(socket: WebSocket, session: SessionState | undefined, frame: OutgoingFrame): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    const entry: GatewayFrameLog = { direction: "out", shard: session?.shard, op: frame.op };
    if (frame.t !== null) entry.t = frame.t;
    if (frame.s !== null) entry.s = frame.s;
    this.frames.push(entry);
    socket.send(JSON.stringify(frame));
    this.deps.onFrame();
  }
}
