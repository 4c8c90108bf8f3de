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

const REVIEW_PAGE = 8;
const S = ApplicationCommandOptionType.String;

const candidateOption = { type: S, name: "candidate", description: "A name waiting for review", required: true, autocomplete: true, max_length: 200 } as const;

const input = z.object({
  subcommand: z.enum(["list", "promote", "merge", "dismiss", "speaker", "history"]),
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
    default_member_permissions: "32",
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
    if (focused.name === "into" || focused.name === "speaker") return entityChoices(deps, focused.value, focused.name === "speaker" ? ["person", "organisation"] : undefined);
    return [];
  },
  run,
};
