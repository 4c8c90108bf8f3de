import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandContext, CommandModule, Deps } from "../src/commands/types.ts";
import { entityChoices, entityOption, pageInput, requireEntity } from "../src/commands/shared.ts";
import { UserError } from "../src/errors.ts";
import {
  candidateChoices,
  correctSpeaker,
  dismissCandidate,
  listDecisions,
  listReviewQueue,
  mergeCandidate,
  promoteCandidate,
  REVIEW_CONFIDENCE,
  type Reviewer,
} from "../src/review/decisions.ts";
import { escapeText, LIMITS, truncate } from "../src/render/limits.ts";
import { COLORS, type ReplyModel } from "../src/render/reply.ts";
import { getIncident, type IncidentView } from "../src/store/incidents.ts";
import { decideIncident } from "../src/incidents/decisions.ts";
import { incidentBlock, incidentHeading } from "../src/render/incidents.ts";
import { eventTypes } from "../src/gazetteer/schema.ts";
import { isCalendarDate } from "../src/digest/time.ts";

const REVIEW_PAGE = 8;
const S = ApplicationCommandOptionType.String;

const candidateOption = { type: S, name: "candidate", description: "A name waiting for review", required: true, autocomplete: true, max_length: 200 } as const;

const input = z.object({
  subcommand: z.enum(["list", "promote", "merge", "dismiss", "speaker", "history", "incident"]),
  action: z.enum(["show", "merge", "split", "correct", "dismiss", "restore"]).optional(),
  incident: z.coerce.number().int().positive("Give the incident's number (from /review incident action:show or borderdesk incidents).").optional(),
  report: z.string().trim().min(1).max(300).optional(),
  date: z
    .string()
    .trim()
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, "Give the date as YYYY, YYYY-MM or YYYY-MM-DD.")
    .refine((d) => d.length < 10 || isCalendarDate(d), "That day does not exist.")
    .optional(),
  place: z.string().trim().min(1).max(200).optional(),
  type: z.enum(eventTypes).optional(),
  summary: z.string().trim().min(1).max(500).optional(),
  candidate: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(["person", "organisation", "place"]).optional(),
  name: z.string().trim().min(1).max(200, "Keep the name under 200 characters.").optional(),
  into: z.string().trim().min(1).max(200).optional(),
  quote: z
    .string()
    .trim()
    .regex(/^#?\d{1,10}$/, "Pick a quote from the list (or give its # from /review).")
    .transform((q) => Number(q.replace("#", "")))
    .optional(),
  speaker: z.string().trim().min(1).max(200).optional(),
  page: pageInput,
});
type Input = z.infer<typeof input>;

function reviewer(deps: Deps, ctx: CommandContext): Reviewer {
  return { userId: ctx.userId, guildId: ctx.guildId, now: deps.now() };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new UserError(`Please give ${what}.`);
  return value;
}

function pct(c: number): string {
  return `${Math.round(c * 100)}%`;
}

function listReply(deps: Deps, page: number): ReplyModel {
  const queue = listReviewQueue(deps.db, { limit: REVIEW_PAGE, offset: page * REVIEW_PAGE });
  const pages = Math.max(1, Math.ceil(Math.max(queue.candidateTotal, queue.quoteTotal) / REVIEW_PAGE));
  if (!queue.candidateTotal && !queue.quoteTotal) return { content: "Nothing is waiting for review. New names and uncertain quote attributions from /ingest and feeds show up here.", ephemeral: true };
  const names = queue.candidates.map(
    (c) => `**${escapeText(c.text)}** (${c.kindGuess === "unknown" ? "kind?" : `${c.kindGuess}?`}) ×${c.occurrences} in ${c.articles.slice(0, 3).map((a) => `\`${a}\``).join(", ")}${c.articles.length > 3 ? "…" : ""}\n> ${escapeText(truncate(c.context, 160))}`,
  );
  const quotes = queue.quotes.map((q) => {
    const who = q.speaker ?? (q.speakerText ? `“${q.speakerText}” (unresolved)` : "no speaker");
    return `**#${q.id}** “${escapeText(truncate(q.text, 110))}” — ${escapeText(who)}, ${pct(q.confidence)} · \`${q.articleSlug}\``;
  });
  return {
    embeds: [
      {
        title: "Waiting for review",
        color: COLORS.warning,
        fields: [
          { name: `New names (${queue.candidateTotal})`, value: truncate(names.join("\n") || "none on this page", LIMITS.fieldValue) },
          { name: `Quotes under ${pct(REVIEW_CONFIDENCE)} confidence (${queue.quoteTotal})`, value: truncate(quotes.join("\n") || "none on this page", LIMITS.fieldValue) },
        ],
        footer: `/review promote · merge · dismiss a name; /review speaker to correct a quote · page ${Math.min(page, pages - 1) + 1} of ${pages}`,
      },
    ],
    ephemeral: true,
    pagination: { page, pages },
  };
}

function historyReply(deps: Deps): ReplyModel {
  const list = listDecisions(deps.db, 15);
  if (!list.length) return { content: "No editorial decisions yet.", ephemeral: true };
  const verb: Record<string, string> = { promote: "promoted", merge: "merged", dismiss: "dismissed", speaker: "corrected the speaker of" };
  const lines = list.map(
    (d) => `<t:${Math.floor(Date.parse(d.createdAt) / 1000)}:d> <@${d.userId}> ${verb[d.action] ?? d.action} “${escapeText(truncate(d.targetText ?? "?", 60))}”${d.entity ? ` → ${escapeText(d.entity)}` : ""}`,
  );
  return { embeds: [{ title: "Editorial decisions", description: truncate(lines.join("\n"), 4000), color: COLORS.brand }], ephemeral: true };
}

function incidentLine(i: IncidentView): string {
  return `**#${i.id}** ${escapeText(incidentHeading(i))} — ${i.reportCount} report${i.reportCount === 1 ? "" : "s"}, ${i.outletCount} outlet${i.outletCount === 1 ? "" : "s"}${i.status === "dismissed" ? " (dismissed)" : ""}`;
}

function requireIncident(deps: Deps, id: number | undefined): IncidentView {
  const i = getIncident(deps.db, need(id, "the incident's number"));
  if (!i) throw new UserError(`There is no incident #${id ?? "?"}. Find incidents with /onthisday, /timeline or borderdesk incidents.`);
  return i;
}

/** /review incident: editors merge, split, correct or dismiss incidents; decisions survive re-ingest and re-import. */
function incidentReply(deps: Deps, v: Input, who: Reviewer): ReplyModel {
  const action = v.action ?? "show";
  const i = requireIncident(deps, v.incident);
  const lead = i.reports[0];
  if (!lead) throw new UserError(`Incident #${i.id} has no reports left.`);
  const decide = (d: Parameters<typeof decideIncident>[1]): void => decideIncident(deps.db.$client, d, who.now);
  const base = { userId: who.userId, guildId: who.guildId };
  switch (action) {
    case "show": {
      const reports = i.reports.map((r) => `\`${truncate(r.key, 60)}\` ${r.source} · ${r.occurredOn}${r.place ? ` · ${escapeText(r.place)}` : ""} — ${escapeText(truncate(r.summary, 120))}`);
      return {
        embeds: [{ title: truncate(`Incident #${i.id}`, 256), description: truncate(`${incidentBlock(i, { maxSources: 5, maxClaims: 5 })}\n\n**Reports**\n${reports.join("\n")}`, 4000), color: COLORS.incident, footer: "merge · split (report:<key>) · correct (date, place, type, summary) · dismiss · restore" }],
        ephemeral: true,
      };
    }
    case "merge": {
      const intoId = v.into && /^#?\d+$/.test(v.into) ? Number(v.into.replace("#", "")) : undefined;
      const into = requireIncident(deps, need(intoId, "the incident to merge into (into:<number>)"));
      const target = into.reports[0];
      if (!target || into.id === i.id) throw new UserError("Pick two different incidents.");
      for (const r of i.reports) decide({ ...base, action: "merge", reportKey: r.key, otherKey: target.key });
      const merged = requireIncident(deps, into.id);
      return { content: `Merged #${i.id} into ${incidentLine(merged)}. This holds when the reports are ingested or imported again.` };
    }
    case "split": {
      const key = need(v.report, "the report to take out (report:<key> from action:show)");
      if (!i.reports.some((r) => r.key === key)) throw new UserError(`Incident #${i.id} has no report \`${escapeText(truncate(key, 80))}\`; see action:show for its reports.`);
      if (i.reports.length < 2) throw new UserError(`That is incident #${i.id}'s only report.`);
      decide({ ...base, action: "split", reportKey: key });
      return { content: `Took \`${escapeText(truncate(key, 80))}\` out of #${i.id} into an incident of its own. This holds when it is ingested again.` };
    }
    case "correct": {
      const place = v.place ? requireEntity(deps, v.place) : undefined;
      if (place && place.kind !== "place") throw new UserError(`${place.name} is not a place.`);
      const patch = { ...(v.date ? { date: v.date } : {}), ...(place ? { placeId: place.id } : {}), ...(v.type ? { type: v.type } : {}), ...(v.summary ? { summary: v.summary } : {}) };
      if (!Object.keys(patch).length) throw new UserError("Give what to correct: date, place, type or summary.");
      decide({ ...base, action: "correct", reportKey: lead.key, patch });
      return { content: `Corrected ${incidentLine(requireIncident(deps, i.id))}.` };
    }
    case "dismiss":
    case "restore":
      // For every report the incident holds, each with the first: it applies to them all when they are linked anew.
      for (const r of i.reports) decide({ ...base, action, reportKey: r.key, otherKey: lead.key });
      return { content: action === "dismiss" ? `Dismissed #${i.id}: it no longer shows in /onthisday, digests, timelines or exports.` : `Restored ${incidentLine(requireIncident(deps, i.id))}.` };
  }
}

function run(deps: Deps, v: Input, ctx: CommandContext): ReplyModel {
  const who = reviewer(deps, ctx);
  switch (v.subcommand) {
    case "list":
      return listReply(deps, v.page);
    case "history":
      return historyReply(deps);
    case "promote": {
      const r = promoteCandidate(deps.db, who, need(v.candidate, "the name to promote"), need(v.kind, "its kind"), v.name);
      return {
        content: `Promoted **${escapeText(r.entity?.name ?? "")}** to a ${r.entity?.kind ?? ""}: ${r.mentions} mention${r.mentions === 1 ? "" : "s"} now point to it${r.quotes ? `, and ${r.quotes} quote${r.quotes === 1 ? "" : "s"}` : ""}. The next ingest will recognise the name.`,
      };
    }
    case "merge": {
      const target = requireEntity(deps, need(v.into, "the entity to merge into"));
      const r = mergeCandidate(deps.db, who, need(v.candidate, "the name to merge"), target.id);
      return { content: `“${escapeText(v.candidate ?? "")}” is now a name of **${escapeText(target.name)}** (${r.mentions} mention${r.mentions === 1 ? "" : "s"} moved${r.quotes ? `, ${r.quotes} quote${r.quotes === 1 ? "" : "s"} attributed` : ""}).` };
    }
    case "dismiss": {
      const r = dismissCandidate(deps.db, who, need(v.candidate, "the name to dismiss"));
      return { content: `Dismissed “${escapeText(v.candidate ?? "")}” (${r.mentions} occurrence${r.mentions === 1 ? "" : "s"}); it will not be suggested again.` };
    }
    case "incident":
      return incidentReply(deps, v, who);
    case "speaker": {
      const speaker = requireEntity(deps, need(v.speaker, "the speaker"));
      const r = correctSpeaker(deps.db, who, need(v.quote, "the quote (its # from /review)"), speaker.id);
      return { content: `Quote “${escapeText(truncate(r.quote, 120))}” is now attributed to **${escapeText(speaker.name)}**. This holds when the article is ingested again.` };
    }
  }
}

export const review: CommandModule<Input> = {
  data: {
    name: "review",
    description: "Review new names and uncertain quote attributions (editors)",
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "What is waiting for review" },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "promote",
        description: "Make a new name an entity",
        options: [
          candidateOption,
          {
            type: S,
            name: "kind",
            description: "What it is",
            required: true,
            choices: [
              { name: "person", value: "person" },
              { name: "organisation", value: "organisation" },
              { name: "place", value: "place" },
            ],
          },
          { type: S, name: "name", description: "The entity's name, if not the name as written", required: false, max_length: 200 },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "merge",
        description: "File a new name as another name of a known entity",
        options: [candidateOption, entityOption("into", "The entity it names", true)],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "dismiss", description: "Not an entity: stop suggesting it", options: [candidateOption] },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "speaker",
        description: "Correct who said a quote",
        options: [
          { type: S, name: "quote", description: "The quote (# from /review)", required: true, autocomplete: true, max_length: 12 },
          entityOption("speaker", "Who said it", true),
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "history", description: "The latest editorial decisions" },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "incident",
        description: "Merge, split, correct or dismiss an incident",
        options: [
          { type: ApplicationCommandOptionType.Integer, name: "incident", description: "The incident's number", required: true, min_value: 1 },
          {
            type: S,
            name: "action",
            description: "What to do (default: show)",
            required: false,
            choices: ["show", "merge", "split", "correct", "dismiss", "restore"].map((a) => ({ name: a, value: a })),
          },
          { type: S, name: "into", description: "merge: the incident number to merge into", required: false, max_length: 12 },
          { type: S, name: "report", description: "split: the report key (from action:show)", required: false, max_length: 300 },
          { type: S, name: "date", description: "correct: YYYY, YYYY-MM or YYYY-MM-DD", required: false, max_length: 10 },
          entityOption("place", "correct: the place", false),
          { type: S, name: "type", description: "correct: the type", required: false, choices: eventTypes.map((t) => ({ name: t, value: t })) },
          { type: S, name: "summary", description: "correct: the summary", required: false, max_length: 500 },
        ],
      },
    ],
  },
  input,
  editorOnly: true,
  autocomplete(deps, focused) {
    if (focused.name === "candidate") {
      return candidateChoices(deps.db, focused.value).map((c) => ({ name: truncate(`${c.text} ×${c.occurrences}`, LIMITS.choiceName), value: c.text.slice(0, LIMITS.choiceValue) }));
    }
    if (focused.name === "quote") {
      const typed = focused.value.trim().toLowerCase();
      return listReviewQueue(deps.db, { limit: 100, offset: 0 })
        .quotes.filter((q) => !typed || String(q.id).startsWith(typed) || q.text.toLowerCase().includes(typed))
        .slice(0, LIMITS.choices)
        .map((q) => ({ name: truncate(`#${q.id} “${q.text}” — ${q.speaker ?? q.speakerText ?? "?"}`, LIMITS.choiceName), value: String(q.id) }));
    }
    if (focused.name === "place") return entityChoices(deps, focused.value, ["place"]);
    if (focused.name === "into" || focused.name === "speaker") return entityChoices(deps, focused.value, focused.name === "speaker" ? ["person", "organisation"] : undefined);
    return [];
  },
  run,
};
