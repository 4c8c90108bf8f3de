import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

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
    index("articles_title_idx").on(t.title),
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
    /**
     * How many articles mention it: rows of entity_articles, added by their writers (ingest once per batch, see
     * src/ingest/write.ts addEntityCounts) and subtracted by a trigger when rows are deleted (migration 0029).
     */
    articleCount: integer("article_count").notNull().default(0),
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
  // A role may come back after a gap (Pakistan's defence minister 2022–2023 and again from 2024): one row per period.
  (t) => [index("aliases_norm_idx").on(t.norm), uniqueIndex("aliases_entity_norm_uq").on(t.entityId, t.norm, t.kind, sql`coalesce(${t.validFrom}, '')`)],
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
    // The words are the paragraph's text between start and end (not stored twice: a mention row is written
    // some 250 times an article).
    start: integer("start").notNull(),
    end: integer("end").notNull(),
  },
  // Every foreign key has an index on its column: deleting a paragraph (re-ingest) looks its mentions up by it.
  (t) => [index("mentions_entity_idx").on(t.entityId), index("mentions_article_idx").on(t.articleId), index("mentions_paragraph_idx").on(t.paragraphId)],
);

/**
 * One row per entity per article that mentions it, with the article's date and how many mentions it holds:
 * what /who shows (latest articles, first and last seen, article count) read through an index that stops at the
 * rows shown, instead of grouping every mention of the entity. Written with the article's mentions (ingest
 * writer, /review promote) and deleted with the article.
 */
export const entityArticles = sqliteTable(
  "entity_articles",
  {
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** The article's published_on, copied: articles are rewritten, never updated, so it cannot drift. */
    publishedOn: text("published_on"),
    mentions: integer("mentions").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.articleId] }),
    index("entity_articles_latest_idx").on(t.entityId, t.publishedOn),
    index("entity_articles_article_idx").on(t.articleId),
  ],
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
  (t) => [index("candidates_norm_idx").on(t.norm), index("candidates_article_idx").on(t.articleId), index("candidates_paragraph_idx").on(t.paragraphId)],
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
    /**
     * said_on, or the article's date when the quote does not say: the order quotes are listed in, kept on the row
     * so the listing indexes (quotes_listed_idx, quotes_speaker_listed_idx; migration store_bounds) can serve a page.
     */
    datedOn: text("dated_on"),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => paragraphs.id, { onDelete: "cascade" }),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
  },
  (t) => [index("quotes_speaker_idx").on(t.speakerId), index("quotes_article_idx").on(t.articleId), index("quotes_paragraph_idx").on(t.paragraphId)],
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
    /** The incident this report describes (issue 13); null only between a write and its linking. */
    incidentId: integer("incident_id").references((): AnySQLiteColumn => incidents.id, { onDelete: "set null" }),
    /** How sure the link is (src/incidents/link.ts), 'editor' links are 99. */
    linkScore: real("link_score"),
    /** A stable key for decisions: "timeline:<id>", "acled:<id>", "article:<slug>#<hash of the sentence>". */
    reportKey: text("report_key"),
  },
  (t) => [
    index("events_incident_idx")
      .on(t.incidentId)
      .where(sql`${t.incidentId} is not null`),
    // Reports not linked yet: start-up asks whether there are any without reading the whole table.
    index("events_unlinked_idx")
      .on(t.id)
      .where(sql`${t.incidentId} is null`),
    index("events_report_key_idx")
      .on(t.reportKey)
      .where(sql`${t.reportKey} is not null`),
    // By date, events are read through their incidents (incidents_day_idx, incidents_candidates_idx): the events'
    // own date indexes went with migration 0027.
    // Lookups by place use events_place_occurred_idx (place_id, occurred_on; migrations/0005).
    uniqueIndex("events_external_uq").on(t.externalId),
    // Partial: only article-derived events have these, and a million ACLED rows then cost these indexes nothing.
    index("events_article_idx")
      .on(t.articleId)
      .where(sql`${t.articleId} is not null`),
    index("events_paragraph_idx")
      .on(t.paragraphId)
      .where(sql`${t.paragraphId} is not null`),
    index("events_claimed_by_idx")
      .on(t.claimedById)
      .where(sql`${t.claimedById} is not null`),
  ],
);

/**
 * One happening on the beat, however many reports describe it (issue 13). Every dated event — from an article,
 * the curated timeline or ACLED — is a *report* (a row of `events`) linked to one incident by `events.incident_id`.
 * The incident's date, place, type and summary are chosen from its reports (src/incidents/refresh.ts) unless an
 * editor corrected them (`corrected`); its figures stay per party in the reports' claims, never summed.
 */
export const incidents = sqliteTable(
  "incidents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    occurredOn: text("occurred_on").notNull(),
    precision: text("precision").$type<DatePrecision>().notNull(),
    year: integer("year").notNull(),
    /** "MM-DD" for day-precision incidents: the "on this day" key. */
    monthDay: text("month_day"),
    type: text("type").notNull(),
    placeId: integer("place_id").references(() => entities.id, { onDelete: "set null" }),
    summary: text("summary").notNull(),
    /** The highest killed / injured figure any report or party gives: for ranking only, never shown as a total. */
    killedMax: integer("killed_max"),
    injuredMax: integer("injured_max"),
    /** killed_max + injured_max: busy days list incidents by it. */
    significance: integer("significance").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    /** Independent outlets (an article's outlet, a curated source's outlet, ACLED) that report it. */
    outletCount: integer("outlet_count").notNull().default(0),
    hasCurated: integer("has_curated", { mode: "boolean" }).notNull().default(false),
    /** The earliest publication date among its reports' sources. */
    firstReportedOn: text("first_reported_on"),
    /** The report that created it (set-based linking of a bulk import finds the incident it made by this). */
    firstReportId: integer("first_report_id"),
    status: text("status").$type<"active" | "dismissed">().notNull().default("active"),
    /** Fields an editor fixed in /review incident (JSON list of "date", "place", "type", "summary"): refresh keeps them. */
    corrected: text("corrected", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * Running aggregates of its reports (src/incidents/tally.ts, JSON): a report joining updates the incident from
     * them instead of every report being read again. NULL: read the reports (set so by triggers when a report leaves
     * or a member report changes; migrations/0025).
     */
    tally: text("tally"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // The linker's candidate reads and "on this day" are index-only: each holds every column those queries read
    // (an incident row fetched per candidate was most of linking's cost at 200,000 incidents).
    index("incidents_day_idx").on(t.monthDay, t.status, t.occurredOn, t.year, t.significance, t.outletCount, t.hasCurated),
    index("incidents_candidates_idx").on(t.occurredOn, t.status, t.type, t.precision, t.placeId, t.killedMax),
    index("incidents_place_idx").on(t.placeId, t.occurredOn, t.status, t.type, t.precision, t.killedMax),
    index("incidents_first_report_idx").on(t.firstReportId),
  ],
);

export type Incident = typeof incidents.$inferSelect;

/**
 * Editors' decisions on incidents (/review incident), kept by the reports' stable keys (see reportKey) so they
 * survive re-ingest and re-import, which rewrite the reports' rows.
 */
export const incidentDecisions = sqliteTable(
  "incident_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    action: text("action").$type<"merge" | "split" | "correct" | "dismiss" | "restore">().notNull(),
    /** The report whose incident the decision is about (merge: the report joined; split: the report taken out). */
    reportKey: text("report_key").notNull(),
    /** merge: a report of the incident it joins; dismiss and restore: the report the editor decided on (the incident's first). */
    otherKey: text("other_key"),
    /** correct: {date?, precision?, placeId?, type?, summary?}. */
    patch: text("patch", { mode: "json" }).$type<Record<string, string | number | null>>(),
    guildId: text("guild_id"),
    userId: text("user_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("incident_decisions_report_idx").on(t.reportKey), index("incident_decisions_other_idx").on(t.otherKey)],
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
  // A rowid table: the digest lists an event's actors in the order they were written (rowid).
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
  (t) => [index("event_claims_event_idx").on(t.eventId), index("event_claims_claimant_idx").on(t.claimantId)],
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
  (t) => [
    uniqueIndex("digest_subscriptions_channel_uq").on(t.channelId),
    index("digest_subscriptions_guild_idx").on(t.guildId),
    index("digest_subscriptions_about_idx").on(t.aboutEntityId),
  ],
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
    /**
     * A resend after Discord's nonce window first looks for the message in the channel: "found" (it was there:
     * recorded, not posted again), "absent" (not there: posted), "unreadable" (the bot may not read the channel's
     * history, so it posted once more and a duplicate cannot be ruled out). Null: no such resend.
     */
    resendCheck: text("resend_check").$type<"found" | "absent" | "unreadable">(),
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
  (t) => [
    uniqueIndex("digest_quote_shows_day_uq").on(t.subscriptionId, t.localDate),
    index("digest_quote_shows_cycle_idx").on(t.subscriptionId, t.cycle),
    index("digest_quote_shows_quote_idx").on(t.quoteId),
  ],
);

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;
export type DigestDelivery = typeof digestDeliveries.$inferSelect;

// ------------------------------------------------------------------ intake: ACLED, review, feeds (issue 5)

/**
 * What an ACLED row says beyond the event itself: where exactly, when as ACLED gave it, its sources and notes
 * (the provenance), and a hash of the row so a re-import can tell a changed row from an unchanged one.
 */
export const acledDetails = sqliteTable(
  "acled_details",
  {
    eventId: integer("event_id")
      .primaryKey()
      .references(() => events.id, { onDelete: "cascade" }),
    /** The date as ACLED gave it (YYYY-MM-DD); `events.occurred_on` may be coarser (week and month precision). */
    eventDate: text("event_date").notNull(),
    /** ACLED's time_precision: 1 day, 2 week, 3 month. */
    timePrecision: integer("time_precision").notNull(),
    disorderType: text("disorder_type"),
    country: text("country").notNull(),
    iso: text("iso"),
    admin1: text("admin1"),
    admin2: text("admin2"),
    admin3: text("admin3"),
    location: text("location"),
    lat: real("lat"),
    lon: real("lon"),
    geoPrecision: integer("geo_precision"),
    /** ACLED's `source` column: the outlets it coded the event from. */
    sources: text("sources"),
    sourceScale: text("source_scale"),
    notes: text("notes"),
    civilianTargeting: text("civilian_targeting"),
    tags: text("tags"),
    /** ACLED's own last-modified stamp (unix seconds). */
    acledTimestamp: integer("acled_timestamp"),
    /** Group labels among the row's actors ("Journalists (Pakistan)"), with their role: JSON [[label, role], …]. */
    actorLabels: text("actor_labels"),
    rowHash: text("row_hash").notNull(),
  },
  // No index on (country, event_date): only --prune asks by them, and a scan there (a second per million rows)
  // costs less than keeping that index up on every import.
);

export type EditorialAction = "promote" | "merge" | "dismiss" | "speaker";

/**
 * Every correction an editor makes in /review: who, when, what, and the target. Kept by a stable key (a
 * candidate's normalised name; an article's slug/URL plus the quote's text), not by row id, because re-ingest
 * rewrites an article's rows: triggers (migration editorial_triggers) apply the decisions to the new rows.
 */
export const editorialDecisions = sqliteTable(
  "editorial_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    action: text("action").$type<EditorialAction>().notNull(),
    /** The candidate's normalised name (promote, merge, dismiss). */
    targetNorm: text("target_norm"),
    /** What the editor saw: the candidate's text, or the quote's speaker as the article named them. */
    targetText: text("target_text"),
    /** The entity created (promote), merged into (merge) or named as speaker (speaker). */
    entityId: integer("entity_id").references(() => entities.id, { onDelete: "set null" }),
    /** For promote: the kind chosen. */
    kind: text("kind").$type<"person" | "organisation" | "place">(),
    articleSlug: text("article_slug"),
    articleUrl: text("article_url"),
    quoteText: text("quote_text"),
    guildId: text("guild_id"),
    userId: text("user_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("editorial_decisions_norm_idx").on(t.action, t.targetNorm),
    index("editorial_decisions_quote_idx").on(t.action, t.quoteText),
    index("editorial_decisions_entity_idx").on(t.entityId),
  ],
);

/** An RSS/Atom feed a guild follows; each is polled on its own interval, failures back off and show in /feeds list. */
export const feeds = sqliteTable(
  "feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    /** Where the one-line "new in the store" notes go; null = ingest quietly. */
    channelId: text("channel_id"),
    url: text("url").notNull(),
    title: text("title"),
    intervalMinutes: integer("interval_minutes").notNull().default(30),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** new = never polled (its first poll takes the backlog without posting); failing = last polls failed. */
    status: text("status").$type<"new" | "ok" | "failing">().notNull().default("new"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    lastPolledAt: text("last_polled_at"),
    lastSuccessAt: text("last_success_at"),
    nextPollAt: text("next_poll_at").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("feeds_guild_url_uq").on(t.guildId, t.url), index("feeds_next_poll_idx").on(t.nextPollAt)],
);

/** Items seen in a feed: each guid is taken in once; the content hash catches the same piece under a new guid. */
export const feedItems = sqliteTable(
  "feed_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    feedId: integer("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    guid: text("guid").notNull(),
    contentHash: text("content_hash").notNull(),
    link: text("link"),
    title: text("title"),
    articleId: integer("article_id").references(() => articles.id, { onDelete: "set null" }),
    status: text("status").$type<"ingested" | "duplicate" | "failed">().notNull(),
    error: text("error"),
    seenAt: text("seen_at").notNull(),
  },
  (t) => [uniqueIndex("feed_items_feed_guid_uq").on(t.feedId, t.guid), index("feed_items_hash_idx").on(t.contentHash), index("feed_items_article_idx").on(t.articleId)],
);

export type AcledDetails = typeof acledDetails.$inferSelect;
export type EditorialDecision = typeof editorialDecisions.$inferSelect;
export type Feed = typeof feeds.$inferSelect;
export type FeedItem = typeof feedItems.$inferSelect;

// ------------------------------------------------------------------ operations (issue 8)

/** Per-guild settings from /settings: the default time zone, the editor role, and quiet mode for "new in the store" notes. */
export const guildSettings = sqliteTable("guild_settings", {
  guildId: text("guild_id").primaryKey(),
  /** IANA zone used for "today" when a channel has no digest subscription of its own; null = DEFAULT_TIMEZONE. */
  timezone: text("timezone"),
  /** Members with this role may use editor commands, as well as those with Manage Server. */
  editorRoleId: text("editor_role_id"),
  /** True: feeds ingest without posting "new in the store" notes. */
  quietNotes: integer("quiet_notes", { mode: "boolean" }).notNull().default(false),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export type GuildSettings = typeof guildSettings.$inferSelect;

// ------------------------------------------------------------------ watches (issue 18)

/**
 * A channel's watch on a person, group or place: one alert per new incident that concerns it (a place covers the
 * places inside it; a group or person, incidents they are an actor or claimant in), edited as reports join.
 */
export const watches = sqliteTable(
  "watches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    channelId: text("channel_id").notNull(),
    subjectId: integer("subject_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    /** Only incidents of these types (empty: every type). */
    types: text("types", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Only incidents with at least this many killed or injured (the highest figure any report gives). */
    minCasualties: integer("min_casualties"),
    /** Quiet hours "HH:MM-HH:MM" in `timezone`: alerts are held and summarised when they end. */
    quietHours: text("quiet_hours"),
    /** IANA zone for quiet hours, validated when stored. */
    timezone: text("timezone").notNull(),
    /** Incidents older than this (by their date) do not alert: backfills and imports stay quiet. */
    maxAgeHours: integer("max_age_hours").notNull().default(48),
    status: text("status").$type<"active" | "paused">().notNull().default("active"),
    pauseReason: text("pause_reason"),
    pausedAt: text("paused_at"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("watches_channel_subject_uq").on(t.channelId, t.subjectId), index("watches_guild_idx").on(t.guildId), index("watches_subject_idx").on(t.subjectId)],
);

/**
 * The watch delivery ledger, like digest_deliveries: one row per message a watch posts — an incident's alert
 * (`incident_id` set) or a summary of a burst or of quiet hours — written with its nonce and payload before the
 * send, then marked sent with Discord's message id. An alert that is summarised, held or withdrawn keeps its row,
 * so the same incident never alerts twice.
 */
export const watchAlerts = sqliteTable(
  "watch_alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    watchId: integer("watch_id")
      .notNull()
      .references(() => watches.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"alert" | "burst" | "quiet">().notNull(),
    /** The incident alerted (alerts only); no foreign key: a merged-away incident's alert is withdrawn, not lost. */
    incidentId: integer("incident_id"),
    /**
     * pending: recorded, not yet sent · sent · held: in quiet hours · summarised: in a summary's message
     * (`summary_id`) · withdrawn: the incident was dismissed or merged (the message says so) · failed.
     */
    status: text("status").$type<"pending" | "sent" | "held" | "summarised" | "withdrawn" | "failed">().notNull(),
    summaryId: integer("summary_id"),
    nonce: text("nonce").notNull(),
    /** The message body as last rendered: what was (or will be) posted, and what an edit sends. */
    payload: text("payload").notNull(),
    /** The rendered payload changed after the post: an edit is owed. */
    editPending: integer("edit_pending", { mode: "boolean" }).notNull().default(false),
    messageId: text("message_id"),
    /** The report keys the alert showed: a re-ingested or merged incident is found again by them. */
    reportKeys: text("report_keys", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The highest killed figure when last posted: a big change gets a reply in the alert's thread. */
    killedShown: integer("killed_shown"),
    threadId: text("thread_id"),
    /** A thread reply owed (figure jump or correction), its text. */
    notePending: text("note_pending"),
    edits: integer("edits").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** Like digest_deliveries.resend_check: what a look through the channel before a late resend found. */
    resendCheck: text("resend_check").$type<"found" | "absent" | "unreadable">(),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    uniqueIndex("watch_alerts_watch_incident_uq").on(t.watchId, t.incidentId),
    index("watch_alerts_incident_idx").on(t.incidentId),
    index("watch_alerts_status_idx").on(t.status),
  ],
);

/** How far the watch dispatcher has read incidents: ids above it are new to it. One row (id 1). */
export const watchCursor = sqliteTable("watch_cursor", {
  id: integer("id").primaryKey(),
  lastIncidentId: integer("last_incident_id").notNull(),
});

/**
 * Incidents changed since the dispatcher last looked (reports joined, an editor's merge, correction or dismissal),
 * queued by triggers on `incidents` (migration watch_triggers) in the writer's own transaction: ingest pays one
 * insert per changed incident and never waits for Discord.
 */
export const watchChanges = sqliteTable("watch_changes", {
  incidentId: integer("incident_id").primaryKey(),
});

export type Watch = typeof watches.$inferSelect;
export type WatchAlert = typeof watchAlerts.$inferSelect;

/**
 * While a batch of articles is being written (ingestFiles, in its transaction), the full-text index of paragraphs
 * and quotes is written once at the batch's end instead of by a trigger per row: FTS5 writes its pending terms out
 * as a new segment at every statement that follows, so an article's paragraphs and quotes cost a segment each and
 * the merges after them (src/store/fts-deferral.ts). At most one row (id 1), only ever inside a transaction: rows
 * from paragraphs_from and quotes_from on are not in the index yet; the triggers of migration 0028 leave them to
 * the batch's end. No row is ever committed.
 */
export const ftsDeferred = sqliteTable("fts_deferred", {
  id: integer("id").primaryKey(),
  paragraphsFrom: integer("paragraphs_from").notNull(),
  quotesFrom: integer("quotes_from").notNull(),
});

/**
 * Repairs of stored data that SQL alone cannot make, because they need the project's own code (a name's key, say):
 * a migration inserts a row naming the repair, and openDb runs every named repair once after migrating and deletes
 * its row in the same transaction (src/db/data-fixes.ts). A fresh store runs each repair once on empty tables.
 */
export const dataFixes = sqliteTable("data_fixes", {
  name: text("name").primaryKey(),
});
