import { relations, sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Precision of a partial date stored as text: "2025-01-11" (day), "2025-01" (month), "2025" (year). */
export type DatePrecision = "day" | "month" | "year";

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable, human-typable id: derived from the file name or title. */
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    author: text("author"),
    outlet: text("outlet"),
    url: text("url"),
    publishedOn: text("published_on"),
    publishedPrecision: text("published_precision").$type<DatePrecision>(),
    language: text("language").notNull().default("en"),
    /** sha256 of the normalised text; null for stubs known only by title. */
    contentHash: text("content_hash"),
    /** 'article' = full text in the store; 'stub' = known from a related-articles list only. */
    kind: text("kind").$type<"article" | "stub">().notNull().default("article"),
    /** For stubs: the article whose related list named it. */
    relatedToId: integer("related_to_id"),
    sourcePath: text("source_path"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    ingestedAt: text("ingested_at").notNull(),
  },
  (t) => [
    uniqueIndex("articles_content_hash_uq").on(t.contentHash),
    uniqueIndex("articles_slug_uq").on(t.slug),
    index("articles_url_idx").on(t.url),
    index("articles_published_idx").on(t.publishedOn),
  ],
);

export const paragraphs = sqliteTable(
  "paragraphs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    idx: integer("idx").notNull(),
    role: text("role").$type<"heading" | "body" | "byline" | "related">().notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("paragraphs_article_idx_uq").on(t.articleId, t.idx)],
);

export const entities = sqliteTable(
  "entities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    kind: text("kind").$type<"person" | "organisation" | "place">().notNull(),
    subtype: text("subtype"),
    name: text("name").notNull(),
    description: text("description"),
    wikidata: text("wikidata"),
    lat: real("lat"),
    lon: real("lon"),
    parentId: integer("parent_id"),
    /** Where the entity came from: gazetteer, a promoted candidate, an ACLED import. */
    origin: text("origin").notNull().default("gazetteer"),
    /** How many mentions the store holds; kept by triggers on `mentions`, used to rank lookups. */
    mentionCount: integer("mention_count").notNull().default(0),
  },
  (t) => [uniqueIndex("entities_slug_uq").on(t.slug), index("entities_parent_idx").on(t.parentId)],
);

export const aliases = sqliteTable(
  "aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    norm: text("norm").notNull(),
    kind: text("kind").$type<"name" | "abbreviation" | "transliteration" | "designation" | "role">().notNull(),
    note: text("note"),
    validFrom: text("valid_from"),
    validTo: text("valid_to"),
  },
  (t) => [index("aliases_norm_idx").on(t.norm), uniqueIndex("aliases_entity_norm_uq").on(t.entityId, t.norm, t.kind)],
);

export const mentions = sqliteTable(
  "mentions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => paragraphs.id, { onDelete: "cascade" }),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("mentions_entity_idx").on(t.entityId), index("mentions_article_idx").on(t.articleId)],
);

/** Capitalised names found in articles that the gazetteer does not know: reviewed, not silently promoted. */
export const candidates = sqliteTable(
  "candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => paragraphs.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    norm: text("norm").notNull(),
    kindGuess: text("kind_guess").$type<"person" | "organisation" | "place" | "unknown">().notNull(),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
  },
  (t) => [index("candidates_norm_idx").on(t.norm), index("candidates_article_idx").on(t.articleId)],
);

export const quotes = sqliteTable(
  "quotes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    text: text("text").notNull(),
    speakerId: integer("speaker_id").references(() => entities.id, { onDelete: "set null" }),
    /** The speaker as the article names them ("the army chief", "Gul"), kept even when resolved. */
    speakerText: text("speaker_text"),
    confidence: real("confidence").notNull(),
    isFragment: integer("is_fragment", { mode: "boolean" }).notNull(),
    saidOn: text("said_on"),
    saidPrecision: text("said_precision").$type<DatePrecision>(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => paragraphs.id, { onDelete: "cascade" }),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
  },
  (t) => [index("quotes_speaker_idx").on(t.speakerId), index("quotes_article_idx").on(t.articleId)],
);

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable id for curated timeline events and ACLED rows; null for article-derived events. */
    externalId: text("external_id"),
    occurredOn: text("occurred_on").notNull(),
    precision: text("precision").$type<DatePrecision>().notNull(),
    year: integer("year").notNull(),
    /** "MM-DD" for day-precision events: the "on this day" key. */
    monthDay: text("month_day"),
    type: text("type").notNull(),
    subType: text("sub_type"),
    acledEventType: text("acled_event_type"),
    acledSubEventType: text("acled_sub_event_type"),
    summary: text("summary").notNull(),
    placeId: integer("place_id").references(() => entities.id, { onDelete: "set null" }),
    claimedById: integer("claimed_by_id").references(() => entities.id, { onDelete: "set null" }),
    killed: integer("killed"),
    injured: integer("injured"),
    casualtiesText: text("casualties_text"),
    source: text("source").$type<"article" | "timeline" | "acled">().notNull(),
    articleId: integer("article_id").references(() => articles.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id").references(() => paragraphs.id, { onDelete: "cascade" }),
    start: integer("start"),
    end: integer("end"),
  },
  (t) => [
    index("events_month_day_idx").on(t.monthDay, t.year),
    index("events_occurred_idx").on(t.occurredOn),
    index("events_place_idx").on(t.placeId),
    uniqueIndex("events_external_uq").on(t.externalId),
  ],
);

export const eventActors = sqliteTable(
  "event_actors",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
  },
  (t) => [uniqueIndex("event_actors_uq").on(t.eventId, t.entityId, t.role), index("event_actors_entity_idx").on(t.entityId)],
);

/** Who asserts what about an event, with their casualty figures: the sides' claims kept side by side. */
export const eventClaims = sqliteTable(
  "event_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    claimantId: integer("claimant_id").references(() => entities.id, { onDelete: "set null" }),
    claim: text("claim"),
    killed: integer("killed"),
    injured: integer("injured"),
    casualtiesOf: text("casualties_of"),
  },
  (t) => [index("event_claims_event_idx").on(t.eventId)],
);

export const eventSources = sqliteTable(
  "event_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    outlet: text("outlet").notNull(),
    title: text("title").notNull(),
    publishedOn: text("published_on"),
    url: text("url").notNull(),
  },
  (t) => [index("event_sources_event_idx").on(t.eventId)],
);

/** Records which seed files went in, so first-run seeding happens once and edits re-seed. */
export const seedRuns = sqliteTable("seed_runs", {
  file: text("file").primaryKey(),
  hash: text("hash").notNull(),
  appliedAt: text("applied_at").notNull(),
});

export const articlesRelations = relations(articles, ({ many }) => ({ paragraphs: many(paragraphs) }));
export const paragraphsRelations = relations(paragraphs, ({ one }) => ({
  article: one(articles, { fields: [paragraphs.articleId], references: [articles.id] }),
}));

export type Article = typeof articles.$inferSelect;
export type Entity = typeof entities.$inferSelect;
export type Alias = typeof aliases.$inferSelect;
export type Quote = typeof quotes.$inferSelect;
export type Event = typeof events.$inferSelect;

// ------------------------------------------------------------------ digests (issue 4)

export type DigestKind = "incidents" | "context" | "quote";

/** A channel's daily "on this date" digest: when (local time in an IANA zone), what, and whether it is paused. */
export const digestSubscriptions = sqliteTable(
  "digest_subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    channelId: text("channel_id").notNull(),
    /** "HH:MM", 24-hour, in `timezone`. */
    localTime: text("local_time").notNull(),
    /** IANA zone name, validated against the runtime's database when stored. */
    timezone: text("timezone").notNull(),
    kinds: text("kinds", { mode: "json" }).$type<DigestKind[]>().notNull(),
    /** Only incidents (and quotes) about this entity, when set. */
    aboutEntityId: integer("about_entity_id").references(() => entities.id, { onDelete: "set null" }),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    status: text("status").$type<"active" | "paused">().notNull().default("active"),
    pauseReason: text("pause_reason"),
    pausedAt: text("paused_at"),
  },
  (t) => [uniqueIndex("digest_subscriptions_channel_uq").on(t.channelId), index("digest_subscriptions_guild_idx").on(t.guildId)],
);

/**
 * The delivery ledger: one row per (subscription, local date, kind), written before the send with the
 * nonce the message goes out with, then marked sent with Discord's message id.
 */
export const digestDeliveries = sqliteTable(
  "digest_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: "cascade" }),
    /** "YYYY-MM-DD" in the subscription's zone. */
    localDate: text("local_date").notNull(),
    kind: text("kind").notNull(),
    nonce: text("nonce").notNull(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull(),
    /** The exact message body, so a resend after a restart posts the same thing. */
    payload: text("payload").notNull(),
    messageId: text("message_id"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** The UTC instant the local time came (ISO). */
    dueAt: text("due_at").notNull(),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    uniqueIndex("digest_deliveries_uq").on(t.subscriptionId, t.localDate, t.kind),
    index("digest_deliveries_status_idx").on(t.status),
  ],
);

/** Quotes of the day shown per subscription: the same quote all day, no repeats until every quote has been shown (then a new cycle). */
export const digestQuoteShows = sqliteTable(
  "digest_quote_shows",
  {
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    quoteId: integer("quote_id")
      .notNull()
      .references(() => quotes.id, { onDelete: "cascade" }),
    cycle: integer("cycle").notNull(),
  },
  (t) => [uniqueIndex("digest_quote_shows_day_uq").on(t.subscriptionId, t.localDate), index("digest_quote_shows_cycle_idx").on(t.subscriptionId, t.cycle)],
);

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;
export type DigestDelivery = typeof digestDeliveries.$inferSelect;
