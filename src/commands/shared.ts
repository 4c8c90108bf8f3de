import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { UserError } from "../errors.ts";
import { findEntities, resolveEntity } from "../store/entities.ts";
import { waitingName } from "../review/decisions.ts";
import type { Entity } from "../db/schema.ts";
import { escapeText, LIMITS, truncate } from "../render/limits.ts";
import { monthIndex, pad2, parsePublishedDate } from "../text/dates.ts";
import type { Choice, Deps } from "./types.ts";

export const PAGE_SIZE = 5;

export const pageInput = z.coerce.number().int().min(0).max(10_000).default(0);

/** An entity option: the id autocomplete sent, or whatever the person typed. */
export const entityInput = z.string().trim().min(1, "Please give a name.").max(200, "That name is too long (200 characters at most).");

export function entityOption(name: string, description: string, required: boolean) {
  return { type: ApplicationCommandOptionType.String, name, description, required, autocomplete: true, max_length: 200 } as const;
}

/** Autocomplete for entity options: ≤ 25 choices, names ≤ 100 characters, value = entity id. */
export function entityChoices(deps: Deps, typed: string, kinds?: readonly string[]): Choice[] {
  return findEntities(deps.db, typed, LIMITS.choices, kinds).map((m) => {
    const alias = m.matchedAlias ? ` — “${m.matchedAlias}”` : "";
    return { name: truncate(`${m.name} (${m.kind})${alias}`, LIMITS.choiceName), value: String(m.id) };
  });
}

/** Resolves an entity option or explains politely, suggesting close names. */
export function requireEntity(deps: Deps, input: string): Entity {
  const e = resolveEntity(deps.db, input);
  if (e) return e;
  // A name the articles use but the gazetteer does not know yet: say where it was seen and how it gets in.
  const waiting = waitingName(deps.db, input);
  if (waiting) {
    const times = waiting.occurrences === 1 ? "once" : `${waiting.occurrences} times`;
    const where = waiting.articles === 1 ? `in “${escapeText(truncate(waiting.latestTitle, 120))}”` : `in ${waiting.articles} articles, latest “${escapeText(truncate(waiting.latestTitle, 120))}”`;
    const kind = waiting.kind === "unknown" ? "" : ` (${waiting.kind})`;
    throw new UserError(
      `“${escapeText(truncate(waiting.text, 80))}”${kind} is a new name, not in the gazetteer yet: seen ${times} ${where}. An editor can add it with /review promote; until then /search finds the articles.`,
    );
  }
  const close = findEntities(deps.db, input, 5).map((m) => m.name);
  throw new UserError(
    close.length
      ? `I don't know “${truncate(input, 80)}”. Did you mean: ${close.join(", ")}?`
      : `I don't know “${truncate(input, 80)}” yet. Try /search to look through the articles, or a shorter name.`,
  );
}

/**
 * Parses the ways people write a calendar day: "01-11" (month-day), "11 Jan", "January 11", "2025-01-11".
 * Returns the month-day and the year when one was given.
 */
export function parseDayInput(input: string): { monthDay: string; year: number | undefined } | undefined {
  const s = input.trim().replace(/,/g, "");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const d = parsePublishedDate(`${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`);
    return d ? { monthDay: d.value.slice(5), year: Number(m[1]) } : undefined;
  }
  m = /^(\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (m) return checkMonthDay(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?(?: (\d{4}))?$/.exec(s);
  if (m) return withYear(checkMonthDay(monthIndex(m[2] ?? ""), Number(m[1])), m[3]);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(s);
  if (m) return withYear(checkMonthDay(monthIndex(m[1] ?? ""), Number(m[2])), m[3]);
  return undefined;
}

function withYear(r: { monthDay: string; year: number | undefined } | undefined, year: string | undefined) {
  if (!r || !year) return r;
  const d = parsePublishedDate(`${year}-${r.monthDay}`);
  return d ? { monthDay: r.monthDay, year: Number(year) } : undefined;
}

function checkMonthDay(month: number | undefined, day: number): { monthDay: string; year: undefined } | undefined {
  if (!month || month < 1 || month > 12 || day < 1) return undefined;
  // 29 February exists (in leap years), so check against 2024.
  const max = new Date(Date.UTC(2024, month, 0)).getUTCDate();
  return day <= max ? { monthDay: `${pad2(month)}-${pad2(day)}`, year: undefined } : undefined;
}

/** An optional text option read by `parse`; text it cannot read becomes a polite validation message. */
export function readableOption<T>(parse: (text: string) => T | undefined, explain: (text: string) => string) {
  return z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const parsed = parse(v);
      if (parsed === undefined) {
        ctx.addIssue({ code: "custom", message: explain(truncate(v, 40)) });
        return z.NEVER;
      }
      return parsed;
    });
}

/** Optional partial-date bound ("2024", "2024-03", "Mar 2024", "2024-03-05"). */
export const dateBound = readableOption(
  (v) => parsePublishedDate(v)?.value,
  (v) => `“${v}” is not a date I can read. Use 2024, 2024-03 or 2024-03-05.`,
);

/**
 * The subject and date range /chart, /export, /timeline and /map share: the options Discord shows (subject first,
 * then from and to) and, with `dateRangeInput`, one validation of them.
 */
export function subjectRangeOptions(subject: { description: string; required: boolean }) {
  const bound = (name: "from" | "to", label: string) => ({ type: ApplicationCommandOptionType.String, name, description: `${label} (2024, 2024-03 or 2024-03-05)`, required: false, max_length: 40 }) as const;
  return [entityOption("subject", subject.description, subject.required), bound("from", "From"), bound("to", "To")] as const;
}

/** The shared from/to bounds, read and checked in order ("from" not after "to"). */
const dateRange = z.object({ from: dateBound, to: dateBound }).refine((v) => !v.from || !v.to || v.from <= v.to, { message: "“from” must be before “to”." });

/** A command's input schema: its own options plus the shared date range. */
export function dateRangeInput<T extends z.ZodRawShape>(shape: T) {
  return z.intersection(z.object(shape), dateRange);
}

/** Optional calendar day ("01-11", "11 Jan", "January 11", "2025-01-11"). */
export const dayOption = readableOption(parseDayInput, (v) => `“${v}” is not a calendar day I can read. Try 01-11, 11 Jan, January 11 or 2025-01-11.`);

