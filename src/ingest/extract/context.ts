/**
 * What the stages share. Extraction walks an article paragraph by paragraph and sentence by sentence; each sentence
 * gets one SentenceContext holding only what lies inside it (its referents, quotations and dates), so the work per
 * sentence does not grow with the paragraph. What carries across sentences lives in ParagraphState (the story's
 * date and place, the last quoted speaker) and across paragraphs in ArticleState (who was named, who spoke last).
 */
import type { EventType } from "../../gazetteer/schema.ts";
import type { PartialDate } from "../../text/dates.ts";
import type { Token } from "../../text/normalize.ts";
import type { DateMention } from "../dates-in-text.ts";
import type { AliasIndex, EntityInfo } from "../matcher.ts";
import type { ParsedParagraph } from "../parse.ts";
import type { Span } from "../sentences.ts";
import type { Credit } from "./lexicon.ts";
import type { CandidateKind, ExtractedCandidate, ExtractedQuote, Extraction } from "./types.ts";

/**
 * A thing in the text that could speak or act: a known entity, an unknown name, or a pronoun. Every field is set (a
 * field a referent lacks is undefined), in one order, by the functions below: the loops over a sentence's referents,
 * which read them all, run faster over objects of one shape, and none is copied to get it.
 */
export interface Referent {
  start: number;
  end: number;
  text: string;
  type: "entity" | "candidate" | "pronoun";
  entity: EntityInfo | undefined;
  candidateKind: CandidateKind | undefined;
  /**
   * A pronoun or role noun stands for someone the article named: "he", "she", "they" and "the minister" for a
   * person, "it" and "the ministry" for an organisation. `noun` is the role noun's head ("minister", "ministry").
   */
  wants: "person" | "organisation" | undefined;
  noun: string | undefined;
  /** The organisation a role noun is of ("the head of the UN refugee agency, UNHCR"): its holder is named beside it. */
  of: Referent | undefined;
}

/** A known entity's name as a referent. */
export function entityReferent(start: number, end: number, text: string, entity: EntityInfo): Referent {
  return { start, end, text, type: "entity", entity, candidateKind: undefined, wants: undefined, noun: undefined, of: undefined };
}

/** A new name (a candidate) as a referent. */
export function candidateReferent(start: number, end: number, text: string, candidateKind: CandidateKind): Referent {
  return { start, end, text, type: "candidate", entity: undefined, candidateKind, wants: undefined, noun: undefined, of: undefined };
}

/** A pronoun or role noun ("he", "it", "the minister") as a referent; `of`, the organisation a role noun is of. */
export function pronounReferent(start: number, end: number, text: string, wants: Referent["wants"], noun?: string, of?: Referent): Referent {
  return { start, end, text, type: "pronoun", entity: undefined, candidateKind: undefined, wants, noun, of };
}

export interface Speaker {
  entityId: number | null;
  text: string;
}

export interface QuoteSpan {
  /** Offsets of the opening and (exclusive) closing quotation marks. */
  start: number;
  end: number;
  /**
   * A quotation left open at the paragraph's end because it runs on into the next paragraph, which opens with a
   * quotation mark again (the convention for a quotation of several paragraphs): `end` is then the end of its text.
   * (Always set, false on the others: quotations of one shape keep the loops over them from being deoptimised by a
   * rare open one.)
   */
  open: boolean;
}

/** Where an event happened: the most specific known place, and the most specific place named at all. */
export interface PlaceRef {
  entity: EntityInfo | undefined;
  text: string;
}

/** What one article's extraction carries from paragraph to paragraph. */
export interface ArticleState {
  index: AliasIndex;
  /** The publication date as a reference for relative dates; undefined leaves them unresolved. */
  refDate: Date | undefined;
  /** The publication date as written ("" when unknown): time-bound aliases apply on it. */
  onDate: string;
  result: Extraction;
  /** Words the article capitalises on their own mid-sentence: names even at a sentence start. */
  midSentenceCaps: Set<string>;
  /** Family names (and both parts of two-part names) of the known people named so far; -1 when two share one. */
  surnames: Map<string, number>;
  /** Family names of the new people named so far ("Momand" after "Sherzad Momand"). */
  candidateSurnames: Map<string, ExtractedCandidate>;
  /** Every part of the new people's names so far, for "Mr. Zeid" after "Zeid Ra’ad Al Hussein"; null when two share one. */
  candidateNameParts: Map<string, ExtractedCandidate | null>;
  /**
   * New names (by norm) the article gives evidence of what they are somewhere (a title, an appositive, a verb of
   * saying, an organisation's or a place's head noun, …): only these are listed as candidates at the end.
   */
  evidenced: Set<string>;
  /** Acronyms the article defines in brackets ("… Mission (UNAMA)"): an acronym so defined is a name. */
  definedAcronyms: Set<string>;
  /** Capitalised plurals the article writes as common nouns after a quantifier ("all States"): no name alone either. */
  commonNouns: Set<string>;
  /** Names standing alone as a heading near the top (a byline without "By" or a date): a writer's only if named again. */
  headingNames: Set<string>;
  lastSpeaker: Speaker | undefined;
  lastPerson: Speaker | undefined;
  /** Whether lastPerson was named as a person for certain (isPerson), not a name of unknown kind. */
  lastPersonCertain: boolean;
  /** Whether lastPerson was named after lastSpeaker last spoke (a "he" after a body's speech may mean that person). */
  personSinceSpeech: boolean;
  /**
   * How many names `named` held after the last sentence that brought in an official or diplomat without a name ("a
   * senior official, speaking on condition of anonymity"): "the official" means no one named before that.
   */
  unnamedOfficialAt: number;
  /**
   * A spokesperson brought in without a name as the sayer of a sentence that quotes nobody ("…, a spokesperson for
   * UNHCR said today."), and the paragraph they were: the next person quoted by name, with no role of their own, in
   * that paragraph or the next is that spokesperson (quotes.ts, noteUnnamedSpokesperson).
   */
  unnamedSpokespersonIn: number | undefined;
  /** The person the article named as the spokesperson it first brought in unnamed: whom a later "the spokesperson" means. */
  spokesperson: Speaker | undefined;
  /** The referents of the last sentence naming a person or organisation: its first one is whom "according to a statement" means. */
  lastSubjectIn: readonly Referent[] | undefined;
  /** Who the article last said issued a statement ("ISPR said in a statement"): whom "the statement said" quotes. */
  lastStatementBy: Speaker | undefined;
  /**
   * The last sentence whose subject was a statement (or "it" standing for one): its paragraph, and how many names
   * `named` held after it. A later "it" is that statement while no organisation has been named since (quotes.ts).
   */
  statementThread: { para: number; named: number } | undefined;
  /**
   * The last organisation the article told as speaking without a quotation ("the media wing of the military
   * confirmed …, saying …"): whom "the statement added" quotes when the article named no statement before.
   */
  lastOrgSpeech: { sayer: () => Speaker | undefined } | undefined;
  /** Whose report the article last named ("a UN report", "a report by Amnesty"): whom "the report said" quotes; undefined after a report of nobody's named. */
  lastReportBy: Speaker | undefined;
  /**
   * Who last spoke in the paragraph before and in this one, quoted or reported ("He says aid agencies …"): `sayer()`
   * gives them (worked out only when asked, which is rare), undefined when the sayer has no name ("Her mother says
   * …"); undefined when the paragraph has no speech.
   */
  speechBefore: { sayer: () => Speaker | undefined } | undefined;
  /** (`si`: the sentence of this paragraph it was told in.) */
  speechHere: { sayer: () => Speaker | undefined; si?: number } | undefined;
  /** The people and organisations named so far, newest last, with their paragraph's text (for the words around them). */
  named: { referent: Referent; text: string }[];
  /** The countries the paragraphs so far point to, once per known place, organisation or demonym (for bare titles). */
  countryRefs: number[];
  /** Quotations left open at the end of the paragraphs before, and nobody's yet: the quotation that goes on says whose. */
  openQuotes: ExtractedQuote[];
  /**
   * Whether the body so far tells of a telling on the day of publication ("a spokesperson said today", "announced
   * today"): a briefing the article names without a day of its own ("told reporters in Geneva") is that day's.
   */
  toldToday: boolean;
  /**
   * Happenings the article last counted on a day ("killed Saturday in two militant attacks"): their type, day and
   * paragraph; "the second attack" in the next paragraph is one of them.
   */
  counted: { type: EventType; date: DateMention; paragraph: number } | undefined;
  /**
   * The last sentences (up to four, the last at the end) whose words may tell of an incident (an attack, a clash, a
   * strike …), their cues and their place or their story's: "the incident" of a later sentence is the last happening
   * they tell ("Authorities say the incident took place early Friday").
   */
  lastHappenings: { text: string; cues: number; place: PlaceRef | undefined }[];
  /**
   * Where the article last told of violence (the place of the last of lastHappenings that had one; a country does not
   * replace a smaller place): where a violent happening it tells on a day of its own, with no place in its sentence or
   * paragraph, took place (events.ts, storyPlace).
   */
  violencePlace: PlaceRef | undefined;
  /** The last date of the paragraph before ("Two days later" opening a paragraph counts from it). */
  previousDate: PartialDate | undefined;
  /** Body paragraphs after the one previousDate was last set by whose dates were not read yet (dates.ts, skipParagraphDates). */
  datesPending: string[];
}

/** One paragraph, tokenised and matched (pass 1), with the per-paragraph story state the sentences carry forward. */
export interface ParagraphState {
  i: number;
  p: ParsedParagraph;
  tokens: Token[];
  sentences: Span[];
  /**
   * Where the paragraph's sentences start (sentenceStarts in candidates.ts: also the first word inside a quotation
   * and after a dateline); empty for a paragraph that is not body text. Built once in pass 1 and read by both passes.
   */
  starts: ReadonlySet<number>;
  /** The credit line the paragraph opens with (lexicon.ts, creditLine), if any. */
  credit: Credit | undefined;
  /** The indices of the capitalised tokens, in order (lexicon.ts, tokenFacts). */
  caps: readonly number[];
  /** The indices of the tokens a bare title may start at, in order (tokenFacts; empty without a publication date). */
  titleAt: readonly number[];
  /** The indices of the tokens that may be or hold a pronoun, in order (tokenFacts; mentions.ts, pronounsIn). */
  pronounAt: readonly number[];
  /** Tokens inside a known name (1) or not (0). A plain array: a Uint8Array per paragraph cost more to allocate than to use. */
  covered: number[];
  /** Every referent of the paragraph, in text order. */
  referents: Referent[];
  dates: DateMention[];
  quotes: QuoteSpan[];
  /** The event cues each sentence's words allow (event-types.ts, possibleCues; 0: none), by sentence (lexicon.ts, tokenFacts). */
  cues: number[];
  /** The paragraph's verbs of saying (lexicon.ts), in text order. */
  verbs: { start: number; end: number }[];
  /** Where the paragraph's dateline ends (0: none). */
  datelineEnd: number;
  /** The story's date and place so far: a sentence without its own may continue them. */
  carriedDate: DateMention | undefined;
  carriedPlace: PlaceRef | undefined;
  /** The speaker of the previous sentence's quotation, for a sentence that is nothing but a quotation. */
  previousQuoteSpeaker: Speaker | undefined;
  /** Whom the previous sentence's pronoun or role-noun subject stands for ("The U.N. official said …"), if a person. */
  previousSubject: Speaker | undefined;
  /** The last sentence of the paragraph whose subject was a statement ("A military statement said …"; -1: none): "It" opening the next one is that statement. */
  statementSubjectSi: number;
  /** Who had spoken last when the paragraph began: whether anyone has spoken in it since (a new speaker is a new object). */
  speakerAtStart: Speaker | undefined;
  /** Which of KEY_WORDS the paragraph holds (bits, KEY_WORD): a sentence holds none the paragraph does not. */
  keyWords: number;
}

/** One sentence and what lies inside it: everything a sentence-level rule (speaker, event) reads. */
export interface SentenceContext {
  article: ArticleState;
  para: ParagraphState;
  /** The sentence's index in its paragraph, its span and its text. */
  si: number;
  span: Span;
  text: string;
  /** The index of the sentence's first token in para.tokens. */
  firstToken: number;
  /** Referents inside the sentence and outside quotations, in text order. */
  referents: Referent[];
  /** Quotations wholly inside the sentence. */
  quotes: QuoteSpan[];
  /** Quotations that overlap the sentence (to blank them out of it). */
  overlappingQuotes: QuoteSpan[];
  /** Verbs of saying inside the sentence and outside quotations, in text order. */
  verbs: { start: number; end: number }[];
  /** Dates inside the sentence, in and out of quotations. */
  dates: DateMention[];
  /** The first person named in the sentence before, in or out of quotations. */
  prevFirstPerson: Referent | undefined;
  /** The first person named in the latest sentence of the paragraph before this one that names one. */
  paraFirstPerson: Referent | undefined;
  /** The sentence with its quotations blanked (maskedText), made when first asked; undefined until then. */
  masked: string | undefined;
}

/**
 * Pieces of words several rules ask a sentence or paragraph for before their expressions ("statement", "report",
 * "spokes…", "ministry of", "according to", "official", "diplomat"), and words extraction asks a paragraph for ("today",
 * "incident", a media player's "Watch " or "Listen "). They are found in one search of the paragraph (keyWordsIn): a
 * plain search for each went over the whole of a two-byte paragraph, and most paragraphs hold none.
 */
export const KEY_WORD = { statement: 1, report: 2, spokes: 4, ministryOf: 8, accordingTo: 16, official: 32, diplomat: 64, today: 128, incident: 256, watchOrListen: 512, expert: 1024 } as const;
/**
 * (No two pieces can match at the same place (those that start with the same letter differ in the next), so at any
 * place at most one matches; the search goes on from the character after each match's start, so a piece overlapping
 * the one before, "Ministry official", is found too: the bits are those of every piece the text holds.)
 */
const KEY_WORDS = /tatement|eport|spokes|inistry of|ccording to|official|diplomat|expert|today|incident|Watch |Listen /g;
const KEY_WORD_BITS: Readonly<Record<string, number>> = {
  tatement: KEY_WORD.statement,
  eport: KEY_WORD.report,
  spokes: KEY_WORD.spokes,
  "inistry of": KEY_WORD.ministryOf,
  "ccording to": KEY_WORD.accordingTo,
  official: KEY_WORD.official,
  diplomat: KEY_WORD.diplomat,
  expert: KEY_WORD.expert,
  today: KEY_WORD.today,
  incident: KEY_WORD.incident,
  "Watch ": KEY_WORD.watchOrListen,
  "Listen ": KEY_WORD.watchOrListen,
};

/** Which of KEY_WORDS a text holds, as bits of KEY_WORD. */
export function keyWordsIn(text: string): number {
  let bits = 0;
  KEY_WORDS.lastIndex = 0;
  for (let m = KEY_WORDS.exec(text); m; m = KEY_WORDS.exec(text)) {
    bits |= KEY_WORD_BITS[m[0]] ?? 0;
    KEY_WORDS.lastIndex = m.index + 1;
  }
  return bits;
}

export function isPersonish(r: Referent): boolean {
  if (r.type === "pronoun") return r.wants !== "organisation";
  if (r.type === "entity") return r.entity?.kind === "person";
  return r.candidateKind === "person" || r.candidateKind === "unknown";
}

/** A person for certain: a known person, or a new name the article introduces as one. */
export function isPerson(r: Referent): boolean {
  if (r.type === "pronoun") return r.wants === "person";
  if (r.type === "entity") return r.entity?.kind === "person";
  return r.candidateKind === "person";
}

export function isOrg(r: Referent): boolean {
  if (r.type === "pronoun") return r.wants === "organisation";
  return (r.type === "entity" && r.entity?.kind === "organisation") || (r.type === "candidate" && r.candidateKind === "organisation");
}

export function isCountry(r: Referent): boolean {
  return r.type === "entity" && r.entity?.kind === "place" && r.entity.subtype === "country";
}

export function toSpeaker(r: Referent): Speaker {
  return { entityId: r.type === "entity" ? (r.entity?.id ?? null) : null, text: r.text };
}

/** Whether [start, end) lies inside one of the quotations. */
export function insideAny(quotes: readonly QuoteSpan[], start: number, end: number): boolean {
  for (const q of quotes) if (start >= q.start && end <= q.end) return true;
  return false;
}

/** The sentence with its quotations blanked out (same length, so offsets still hold). */
export function maskQuotes(sentence: string, offset: number, quotes: readonly QuoteSpan[]): string {
  let out = sentence;
  for (const q of quotes) {
    const a = Math.max(0, q.start - offset);
    const b = Math.min(sentence.length, q.end - offset);
    if (b > a) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  }
  return out;
}

/**
 * The sentence with the quotations overlapping it blanked out (maskQuotes), made once per sentence: the quote and event
 * rules that read a sentence outside its quotations share it (each made its own copy).
 */
export function maskedText(ctx: SentenceContext): string {
  return (ctx.masked ??= maskQuotes(ctx.text, ctx.span.start, ctx.overlappingQuotes));
}

/**
 * The words around a name: a title before it, an apposition after it ("Gul Rahman, a shopkeeper, …"), in lower case.
 * Another person's title joined by "and" is not this one's: "Khost Governor X and police chief Y" gives X "khost
 * governor" and Y "police chief" (the window stops at an "and" before a word in lower case; "Minister for States and
 * Frontier Regions" goes on).
 */
export function roleAround(text: string, r: Referent): string {
  let before = text.slice(Math.max(0, r.start - 48), r.start);
  let after = text.slice(r.end, r.end + 64).split(/[.;]/)[0] ?? "";
  // (Only where the "and" joins two people: a name stands before it, or one follows the phrase after it. An apposition
  // giving one person two roles, "X, a lawmaker and former finance minister", keeps both.)
  if (before.includes(" and ")) {
    const joined = [...before.matchAll(NAME_AND_THEN_LOWER)].at(-1);
    if (joined) before = before.slice(joined.index + joined[0].length);
  }
  if (after.includes(" and ")) {
    const at = after.search(AND_THEN_LOWER);
    if (at >= 0 && NAME_IN_PHRASE.test(after.slice(at))) after = after.slice(0, at);
  }
  return `${before} ${r.text} ${after}`.toLowerCase();
}
/** "and" before a word in lower case: two phrases joined, each with its own name ("X and police chief Y"). */
const AND_THEN_LOWER = /\sand\s+(?=\p{Ll})/u;
/** A capitalised word (a name's last), then "and" before a word in lower case. */
const NAME_AND_THEN_LOWER = /\p{Lu}[\p{L}’'-]*\sand\s+(?=\p{Ll})/gu;
/** In the phrase after such an "and", before its comma: a name of two capitalised words ("and police chief Naseem Akhtar"). */
const NAME_IN_PHRASE = /^[^,;:]*?\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}/u;
