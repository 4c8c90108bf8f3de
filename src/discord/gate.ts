/**
 * Admission for interactions: what the bot does when more arrive than it can answer. Commands run on the one
 * event loop, so each one waits for those before it; past a modest rate the bot used to keep computing answers to
 * interactions that had already expired (Discord gives 3 s) and then sent them in one burst that Discord refused,
 * while heartbeats starved. The gate queues work per guild and takes the guilds in turn (one busy server cannot
 * starve the rest), runs one job at a time and yields to the loop between jobs, and sheds what is too late: an
 * interaction that has waited too long is told "busy, try again in a moment" (one cheap reply) instead of being
 * computed for nobody, and one past Discord's deadline is dropped. Every shed job is counted.
 *
 * Shedding looks ahead: the gate keeps the pace at which the loop has been getting through quick jobs while they
 * queued, and a quick job that would only get its turn past the busy threshold (its age plus the jobs ahead of it
 * at that pace) is told "busy" when it arrives, while a reply still reaches Discord in time, rather than after
 * waiting its turn only to be told the same: at twice the rate the bot sustains, the busy replies themselves used
 * to queue behind a loop that was already late.
 */

/**
 * late: waited past the busy threshold; backlog: would have, by its turn (told on arrival); expired: past
 * Discord's deadline, dropped; full: the queue was full; stopping: shutting down.
 */
export type ShedReason = "late" | "backlog" | "expired" | "full" | "stopping";

export interface GateJob {
  guildId: string | null;
  /** When the interaction was created (its snowflake's time, or its arrival), in ms since the epoch. */
  createdAt: number;
  /** Deferred jobs (acknowledged already) have 15 minutes, not 3 s: never shed for lateness. */
  deferred: boolean;
  /** Computes and sends the answer. Its synchronous part blocks the loop; its promise is the sending. */
  run(): Promise<void>;
  /** Tells the user the bot is busy (a cheap reply: a short message, or no choices for autocomplete). */
  busy?: () => Promise<void>;
}

export interface GateOptions {
  now?: () => number;
  /** A job that has waited this long, or would have by its turn, gets the busy reply instead (default 1,500 ms). */
  busyAfterMs?: number;
  /** Past this no reply can reach Discord: dropped (default 2,700 ms). */
  expiredAfterMs?: number;
  /** Most jobs waiting; more are answered busy at once (default 200). */
  maxQueued?: number;
  /**
   * Quick jobs whose sending (or async work) may be in flight at once (default 64). Their computing is one at a
   * time on the loop anyway; what a slot holds is the reply's round trip to Discord, so the slots bound the
   * answers per second to slots ÷ round trip: 8 slots and a 100–200 ms round trip allowed 40–80 answers a second
   * whatever the CPU could do.
   */
  maxInFlight?: number;
  /**
   * Deferred jobs (acknowledged already: a picture drawn in a worker, a fetch) in flight at once, counted apart
   * (default 32): their slow part runs off the loop, so they must not hold the slots the quick answers need.
   */
  maxDeferredInFlight?: number;
  onShed?: (reason: ShedReason, job: GateJob) => void;
  onError?: (err: unknown, job: GateJob) => void;
}

export interface InteractionGate {
  submit(job: GateJob): void;
  /** Jobs waiting now. */
  readonly queued: number;
  /** The expected wait of a quick job arriving now, in ms (jobs ahead × the loop's recent pace). */
  readonly expectedWaitMs: number;
  /** Drops every waiting job (shutdown); later submissions are dropped too. */
  stop(): void;
}

export function createGate(opts: GateOptions = {}): InteractionGate {
  const now = opts.now ?? Date.now;
  const busyAfter = opts.busyAfterMs ?? 1500;
  const expiredAfter = opts.expiredAfterMs ?? 2700;
  const maxQueued = opts.maxQueued ?? 200;
  const maxInFlight = opts.maxInFlight ?? 64;
  const maxDeferredInFlight = opts.maxDeferredInFlight ?? 32;
  /** Per-guild FIFO queues; `turns` holds the guilds with work, in the order they get their next turn. */
  const queues = new Map<string, GateJob[]>();
  const turns: string[] = [];
  let queued = 0;
  /** Quick (not deferred) jobs among the queued. */
  let queuedQuick = 0;
  /** Milliseconds between starts of quick jobs while others waited (moving average); 0 until measured. */
  let paceMs = 0;
  let lastQuickStart: number | undefined;
  let backlogAtLastStart = false;
  let inFlight = 0;
  let deferredInFlight = 0;
  let pumping = false;
  let stopped = false;

  const shed = (reason: ShedReason, job: GateJob, answer: boolean): void => {
    opts.onShed?.(reason, job);
    if (answer && job.busy) job.busy().catch((err: unknown) => opts.onError?.(err, job));
  };

  /** The next job a free slot allows, guilds in turn: a deferred job waits while its own slots are full, a quick one while the quick slots are. */
  function take(): GateJob | undefined {
    for (let tried = 0; tried < turns.length; tried++) {
      const guild = turns.shift();
      if (guild === undefined) return undefined;
      const q = queues.get(guild);
      const head = q?.[0];
      const full = head ? (head.deferred ? deferredInFlight >= maxDeferredInFlight : inFlight >= maxInFlight) : false;
      if (full) {
        turns.push(guild);
        continue;
      }
      const job = q?.shift();
      if (q?.length) turns.push(guild);
      else queues.delete(guild);
      if (job) {
        queued--;
        if (!job.deferred) queuedQuick--;
      }
      return job;
    }
    return undefined;
  }

  /** The loop's pace at quick jobs, from the gap since the last one started, if others were waiting then. */
  function notePace(): void {
    const t = now();
    if (backlogAtLastStart && lastQuickStart !== undefined) {
      const gap = Math.max(0, t - lastQuickStart);
      paceMs = paceMs === 0 ? gap : 0.8 * paceMs + 0.2 * gap;
    }
    lastQuickStart = t;
    backlogAtLastStart = queuedQuick > 0;
  }

  function start(job: GateJob): void {
    if (job.deferred) deferredInFlight++;
    else {
      inFlight++;
      notePace();
    }
    let sending: Promise<void>;
    try {
      sending = job.run();
    } catch (err) {
      sending = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    sending
      .catch((err: unknown) => opts.onError?.(err, job))
      .finally(() => {
        if (job.deferred) deferredInFlight--;
        else inFlight--;
        schedule();
      });
  }

  function pump(): void {
    pumping = false;
    if (stopped) return;
    const job = take();
    if (!job) return;
    const age = now() - job.createdAt;
    if (!job.deferred && age >= expiredAfter) shed("expired", job, false);
    else if (!job.deferred && age >= busyAfter) shed("late", job, true);
    else start(job);
    schedule();
  }

  /** The next job runs after the loop has handled what arrived meanwhile (gateway frames, replies, timers). */
  function schedule(): void {
    if (pumping || stopped || queued === 0) return;
    pumping = true;
    setImmediate(pump);
  }

  return {
    submit(job) {
      if (stopped) return shed("stopping", job, false);
      if (queued >= maxQueued) return shed("full", job, true);
      // Its turn would come too late: told now, while the reply still reaches Discord in time.
      if (!job.deferred && now() - job.createdAt + queuedQuick * paceMs >= busyAfter) return shed("backlog", job, true);
      const key = job.guildId ?? "dm";
      let q = queues.get(key);
      if (!q) {
        queues.set(key, (q = []));
        turns.push(key);
      }
      q.push(job);
      queued++;
      if (!job.deferred) queuedQuick++;
      schedule();
    },
    get queued() {
      return queued;
    },
    get expectedWaitMs() {
      return queuedQuick * paceMs;
    },
    stop() {
      stopped = true;
      for (const q of queues.values()) for (const job of q) opts.onShed?.("stopping", job);
      queues.clear();
      turns.length = 0;
      queued = 0;
      queuedQuick = 0;
    },
  };
}
