/**
 * What a watch posts: an incident's alert (drawn by the one incident renderer), the same alert withdrawn, and the
 * summaries of a burst and of quiet hours. Reply models only; the dispatcher marks and renders them.
 */
import type { Db } from "../db/client.ts";
import type { Watch } from "../db/schema.ts";
import { getEntityName } from "../digest/query.ts";
import type { IncidentView } from "../store/incidents.ts";
import { incidentHeading, incidentLines } from "../render/incidents.ts";
import { escapeText, fitBlocks, LIMITS, truncate } from "../render/limits.ts";
import { showDate } from "../render/format.ts";
import { COLORS, type ReplyModel } from "../render/reply.ts";

export interface AlertSubject {
  name: string;
}

/** Where to read more: the subject's /timeline and /who, as commands to type (Discord cannot link them without ids). */
function readMore(subject: AlertSubject): string {
  const name = subject.name.replace(/`/g, "'");
  return `Watching **${escapeText(subject.name)}** · \`/timeline subject:${name}\` · \`/who name:${name}\``;
}

/** The alert for an incident: type, place and date as reported, each party's claims and figures, sources with links. */
export function renderAlert(i: IncidentView, subject: AlertSubject): ReplyModel {
  const lines = incidentLines(i, { bold: true, maxClaims: 4, maxSources: 4, maxSummary: 400 });
  const reports = `${i.reportCount} report${i.reportCount === 1 ? "" : "s"} · ${i.outletCount} outlet${i.outletCount === 1 ? "" : "s"}`;
  const first = i.firstReportedOn ? ` · first reported ${showDate(i.firstReportedOn, null)}` : "";
  const corrected = i.corrected.length ? ` · corrected by an editor (${i.corrected.join(", ")})` : "";
  return {
    embeds: [
      {
        title: truncate(`🚨 ${incidentHeading(i)}`, LIMITS.title),
        description: fitBlocks([...lines, readMore(subject)], 3500, "\n"),
        color: COLORS.incident,
        footer: `${reports}${first}${corrected} · incident ${i.id}`,
      },
    ],
  };
}

/** The alert after an editor dismissed its incident or merged it into another (with a link to that one's alert). */
export function renderWithdrawn(heading: string, reason: "dismissed" | "merged" | "removed", subject: AlertSubject, mergedInto?: string): ReplyModel {
  const why =
    reason === "dismissed"
      ? "Withdrawn: an editor dismissed this incident in /review incident (not a separate incident, or not one at all)."
      : reason === "merged"
        ? `Withdrawn: an editor merged this incident into another one${mergedInto ? ` — ${mergedInto}` : ""}.`
        : "Withdrawn: the reports of this incident are no longer in the store.";
  return {
    embeds: [{ title: truncate(`Withdrawn — ${heading}`, LIMITS.title), description: `${why}\n${readMore(subject)}`, color: COLORS.quote }],
  };
}

/** "12 new incidents in Kurram from an import": one message instead of a flood. */
export function renderBurst(incidents: readonly IncidentView[], total: number, subject: AlertSubject): ReplyModel {
  const blocks = incidents.map((i) => `• ${escapeText(truncate(incidentHeading(i), 200))}`);
  return {
    embeds: [
      {
        title: truncate(`${total} new incidents about ${subject.name} at once`, LIMITS.title),
        description: `Too many at once to alert one by one (an import, a backfill or a feed's first poll).\n\n${fitBlocks(blocks, 3000, "\n")}\n\n${readMore(subject)}`,
        color: COLORS.warning,
      },
    ],
  };
}

/** What quiet hours held, posted when they end. */
export function renderQuietSummary(incidents: readonly IncidentView[], quietHours: string, timezone: string, subject: AlertSubject): ReplyModel {
  const blocks = incidents.map((i) => {
    const src = i.sources[0];
    const more = i.reportCount > 1 ? ` (${i.reportCount} reports)` : "";
    return `• **${escapeText(truncate(incidentHeading(i), 200))}**${more} — ${escapeText(truncate(i.summary, 160))}${src ? ` · ${escapeText(src.outlet)}` : ""}`;
  });
  return {
    embeds: [
      {
        title: truncate(`While quiet (${quietHours} ${timezone}): ${incidents.length} new incident${incidents.length === 1 ? "" : "s"} about ${subject.name}`, LIMITS.title),
        description: `${fitBlocks(blocks, 3400, "\n")}\n\n${readMore(subject)}`,
        color: COLORS.brand,
      },
    ],
  };
}

/** A short reply under the alert when a figure jumps or an editor corrects the incident. */
export function renderNote(text: string): ReplyModel {
  return { content: truncate(text, 1900) };
}

/** One line about a watch: where, what, its filters and whether it is paused (with why). */
export function describeWatch(db: Db, w: Watch): string {
  const subject = escapeText(getEntityName(db, w.subjectId) ?? "?");
  const filters = [
    w.types.length ? w.types.join(", ") : "",
    w.minCasualties !== null ? `≥ ${w.minCasualties} casualties` : "",
    w.quietHours ? `quiet ${w.quietHours} ${w.timezone}` : "",
    w.maxAgeHours !== 48 ? `up to ${w.maxAgeHours} h old` : "",
  ].filter(Boolean);
  const status = w.status === "active" ? "active" : `**paused**${w.pauseReason ? ` (${escapeText(truncate(w.pauseReason, 160))})` : ""}`;
  return `**${subject}** in <#${w.channelId}>${filters.length ? ` · ${filters.join(" · ")}` : ""} · ${status}`;
}

