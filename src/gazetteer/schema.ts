import { z } from "zod";
import { isRealPartialDate } from "../text/partial-date.ts";

/** A date that really exists on the calendar: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected YYYY, YYYY-MM or YYYY-MM-DD")
  .refine(isRealPartialDate, "not a real calendar date");

export { isRealPartialDate };

export const entityKinds = ["person", "organisation", "place"] as const;
export type EntityKind = (typeof entityKinds)[number];

export const aliasKinds = ["name", "abbreviation", "transliteration", "designation", "role"] as const;
export type AliasKind = (typeof aliasKinds)[number];

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lower-case-with-hyphens");

export const gazetteerAlias = z
  .object({
    text: z.string().min(1).max(200),
    kind: z.enum(aliasKinds).default("name"),
    /** Why the alias exists, shown to readers: "Pakistani state designation". */
    note: z.string().max(200).optional(),
    /** For role aliases ("the army chief"): the period the role applied to this entity. */
    from: partialDate.optional(),
    to: partialDate.optional(),
  })
  .strict();

export const gazetteerEntry = z
  .object({
    id: slug,
    kind: z.enum(entityKinds),
    /** Finer kind: country, province, district, city, crossing, region; government, military, militant, party, ministry, … */
    subtype: z.string().max(40).optional(),
    name: z.string().min(1).max(200),
    description: z.string().max(400).optional(),
    wikidata: z.string().regex(/^Q\d+$/).optional(),
    coordinates: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]).optional(),
    /** Gazetteer id of the containing place (district → province → country). */
    parent: slug.optional(),
    aliases: z.array(z.union([z.string().min(1).max(200), gazetteerAlias])).default([]),
  })
  .strict();
export type GazetteerEntry = z.infer<typeof gazetteerEntry>;

export const gazetteerFile = z.array(gazetteerEntry);

/**
 * borderdesk's event types. Each maps onto ACLED's event type / sub-event type where they overlap
 * (see src/ingest/event-types.ts), so ACLED imports and article-derived events share one vocabulary.
 */
export const eventTypes = [
  "airstrike",
  "shelling",
  "clash",
  "attack",
  "bombing",
  "statement",
  "accusation",
  "meeting",
  "talks",
  "agreement",
  "ceasefire",
  "closure",
  "reopening",
  "relief",
  "other",
] as const;
export type EventType = (typeof eventTypes)[number];

export const precisions = ["day", "month", "year"] as const;
export type Precision = (typeof precisions)[number];

const source = z
  .object({
    outlet: z.string().min(1),
    title: z.string().min(1),
    date: partialDate,
    url: z.string().url(),
  })
  .strict();

const casualtyReport = z
  .object({
    /** Gazetteer id of who reported the figure (ISPR, Taliban spokesperson, UNAMA, …). */
    reportedBy: slug,
    killed: z.number().int().nonnegative().optional(),
    injured: z.number().int().nonnegative().optional(),
    /** Whose casualties: "Pakistani soldiers", "civilians", "militants". */
    who: z.string().max(120).optional(),
  })
  .strict();

const claim = z
  .object({
    by: slug,
    /** What they assert, in our own words. */
    claim: z.string().min(1).max(400),
  })
  .strict();

export const timelineEvent = z
  .object({
    id: slug,
    date: partialDate,
    precision: z.enum(precisions),
    type: z.enum(eventTypes),
    subType: z.string().max(80).optional(),
    summary: z.string().min(10).max(400),
    places: z.array(slug).min(1),
    actors: z.array(z.object({ entity: slug, role: z.string().max(40) }).strict()).default([]),
    claims: z.array(claim).default([]),
    casualties: z.array(casualtyReport).default([]),
    sources: z.array(source).min(1),
  })
  .strict()
  .refine((e) => e.date.split("-").length === { year: 1, month: 2, day: 3 }[e.precision], {
    message: "date and precision disagree (day needs YYYY-MM-DD, month YYYY-MM, year YYYY)",
  });
export type TimelineEvent = z.infer<typeof timelineEvent>;
export const timelineFile = z.array(timelineEvent);
