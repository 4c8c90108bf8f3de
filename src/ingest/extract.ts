/**
 * Extraction: an article's paragraphs → mentions of known names, new names (candidates), quotes with their
 * speakers, and dated events. The work is in stages, one file each under ./extract/:
 *
 *   lexicon     the words extraction recognises (titles, roles, organisation and place words)
 *   mentions    gazetteer names, later bare surnames, pronouns → referents
 *   titles      bare titles ("the defence minister") → their holder, by the article's country and date
 *   candidates  names the gazetteer does not know, with a kind guess
 *   dates       the publication date as reference, each paragraph's date mentions
 *   quotes      quotations and who said them (speaker rules: quotes.ts, attributeQuote / resolveReference)
 *   events      dated happenings with place, claimant and casualties
 *
 * Paragraph by paragraph, each sentence gets one SentenceContext (extract/context.ts) holding only what lies inside
 * it; the quote and event stages read it, so the work per sentence does not grow with the paragraph.
 */
import { tokenize } from "../text/normalize.ts";
import type { PartialDate } from "../text/dates.ts";
import type { DateMention } from "./dates-in-text.ts";
import type { AliasIndex } from "./matcher.ts";
import { isCreditLine, type ParsedParagraph } from "./parse.ts";
import { splitSentences, type FirstMarks } from "./sentences.ts";
import { addBylineCandidate, addCandidates, admitCandidates, collectDefinedAcronyms, collectMidSentenceCaps, sentenceStarts } from "./extract/candidates.ts";
import { insideAny, isPerson, isPersonish, KEY_WORD, keyWordsIn, toSpeaker, type ArticleState, type ParagraphState, type QuoteSpan, type Referent, type SentenceContext } from "./extract/context.ts";
import { datedDatelineEnd, datelineDay, paragraphDates, refFromPartial, skipParagraphDates } from "./extract/dates.ts";
import { extractEvent } from "./extract/events.ts";
import { creditLine, datelineEnd, tokenFacts } from "./extract/lexicon.ts";
import { addPronouns, linkKnownNames, linkSurnames, noteNamed } from "./extract/mentions.ts";
import { linkBareTitles, noteCountries, titleTable } from "./extract/titles.ts";
import { creditPullQuotes, extractQuotes, findQuotes, notePronounSubject, noteUnnamedOfficial, noteUnnamedSpokesperson, noteReportedSpeech, noteReportIssuer, noteSayer, noteStatementIssuer, noteSubject } from "./extract/quotes.ts";
import type { Extraction } from "./extract/types.ts";

export type { CandidateKind, ExtractedCandidate, ExtractedEvent, ExtractedMention, ExtractedQuote, Extraction } from "./extract/types.ts";

/** A telling on the day of writing: "said today", "announced today", "told reporters today", "today announced". */
const TOLD_TODAY = /\b(?:said|says|announced|reported|stated|warned|told(?:\s+\w+){1,3}?)\s+today\b|\btoday\s+(?:said|announced|reported|stated|warned|told)\b/i;

const NO_STARTS: ReadonlySet<number> = new Set();

/** Extracts mentions, candidates, quotes and events from an article's paragraphs. */
export function extractArticle(paragraphs: readonly ParsedParagraph[], index: AliasIndex, stored: PartialDate | undefined): Extraction {
  // The day of writing: the piece's own dateline's, else the publication date given ("28 July - … today agreed" on a
  // page dated 29 July was agreed on the 28th).
  const published = datelineDay(paragraphs, stored) ?? stored;
  const article: ArticleState = {
    index,
    // Relative dates ("last year", "on Monday") need the publication date; without one they stay unresolved,
    // never silently measured from today.
    refDate: published ? refFromPartial(published) : undefined,
    onDate: published?.value ?? "",
    result: { mentions: [], candidates: [], quotes: [], events: [] },
    midSentenceCaps: new Set<string>(),
    surnames: new Map(),
    candidateSurnames: new Map(),
    candidateNameParts: new Map(),
    evidenced: new Set<string>(),
    definedAcronyms: new Set<string>(),
    commonNouns: new Set<string>(),
    headingNames: new Set<string>(),
    lastSpeaker: undefined,
    lastPerson: undefined,
    lastPersonCertain: false,
    personSinceSpeech: false,
    unnamedOfficialAt: 0,
    unnamedSpokespersonIn: undefined,
    spokesperson: undefined,
    lastStatementBy: undefined,
    statementThread: undefined,
    lastOrgSpeech: undefined,
    lastReportBy: undefined,
    lastSubjectIn: undefined,
    toldToday: false,
    counted: undefined,
    lastHappenings: [],
    violencePlace: undefined,
    speechBefore: undefined,
    speechHere: undefined,
    named: [],
    previousDate: undefined,
    datesPending: [],
    openQuotes: [],
    countryRefs: [],
  };

  // Pass 1: tokens, alias matches and sentences per paragraph; and which words the article capitalises mid-sentence.
  let bodies = 0;
  // (Bare titles name a holder only on a known date: without one, no word is looked at for them.)
  const titleWords = article.onDate ? titleTable(index).firstWords : undefined;
  const paras = paragraphs.map((p, i) => {
    const tokens = p.role === "related" ? [] : tokenize(p.text);
    const marks: FirstMarks = { quote: -1, openOrBullet: -1 };
    const sentences = splitSentences(p.text, marks);
    // (A credit line opens one of the first body paragraphs: "VOA News Sana Jamal | Peshawar March 3, 2019 …".)
    // (A picture's credit on a line of its own, "© VOA/2019/Jamal", is not one of them.)
    const credit = p.role === "body" && !isCreditLine(p.text) && bodies++ < 2 ? creditLine(p.text) : undefined;
    // (A body paragraph's sentences: what event cues each allows is read in the same pass.)
    const { caps, verbs, aliasAt, titleAt, pronounAt, cues } = tokenFacts(tokens, index.firstWords, titleWords, p.role === "body" ? sentences : undefined);
    // (keyWordsIn here, where tokenize has just read the text, not in pass 2.)
    return { i, p, tokens, caps, verbs, titleAt, pronounAt, cues, matches: index.match(tokens, article.onDate, aliasAt), sentences, credit, starts: p.role === "body" ? sentenceStarts(p.text, sentences, credit, marks.openOrBullet) : NO_STARTS, firstQuoteMark: marks.quote, keyWords: p.role === "related" ? 0 : keyWordsIn(p.text) };
  });
  collectMidSentenceCaps(paras, article.midSentenceCaps);
  // (A term's acronym, "internally displaced persons (IDPs)", is written as a common noun: no name alone.)
  collectDefinedAcronyms(paras, article.definedAcronyms, article.commonNouns);

  // Pass 2: paragraph by paragraph, names first (they are what the sentences refer to), then sentence by sentence.
  let firstBody = true;
  for (const { i, p, tokens, caps, verbs, titleAt, pronounAt, cues, matches, sentences, starts, credit, firstQuoteMark, keyWords } of paras) {
    if (p.role === "related") continue;
    const para: ParagraphState = {
      i,
      p,
      tokens,
      sentences,
      starts,
      credit,
      caps,
      titleAt,
      pronounAt,
      covered: new Array<number>(tokens.length).fill(0),
      referents: [],
      dates: [],
      quotes: [],
      cues,
      verbs,
      datelineEnd: 0,
      carriedDate: undefined,
      carriedPlace: undefined,
      previousQuoteSpeaker: undefined,
      previousSubject: undefined,
      statementSubjectSi: -1,
      speakerAtStart: article.lastSpeaker,
      keyWords,
    };
    linkKnownNames(article, para, matches);
    linkSurnames(article, para);
    linkBareTitles(article, para);
    noteCountries(article, para);
    if (p.role === "body") addCandidates(article, para);
    // (A line the parser took for a byline already gives the article its author; one it kept as a heading, "By X
    // August 10, 2018" or the name alone, names its writer only here.)
    else if (p.role === "heading") addBylineCandidate(article, para, paras[i - 1]?.p.text, paras[i + 1]?.p.text);
    addPronouns(para);
    sortByStart(para.referents);

    if (p.role !== "body") continue;
    // A video's caption is read, but the people it names are not the story's ("UNICEF correspondent X reports on …
    // Watch in RealPlayer"): a later "she" or a quotation standing alone goes on as if it were not there. (A picture's
    // caption stays in the story: "Hanifa, 12, sits outside her tent. © …" brings in whom the next "she" may be.)
    const caption = (para.keyWords & KEY_WORD.watchOrListen) !== 0 && VIDEO_CAPTION.test(p.text) ? discourse(article) : undefined;
    article.speechBefore = article.speechHere;
    article.speechHere = undefined;
    // (Whether the next body paragraph opens with a quotation mark: then a quotation this one leaves open goes on there.)
    let next = i + 1;
    while (next < paras.length && paras[next]?.p.role !== "body") next++;
    para.quotes = findQuotes(p.text, /^\s*[“"]/.test(paras[next]?.p.text ?? ""), firstQuoteMark);
    // Dates are read by events (a sentence with a cue) and quotations (saidOn) alone: a paragraph with neither
    // leaves its dates unread unless a later paragraph's "later" counts from them.
    // (A paragraph that names "the incident" after one told may date it: extract/events.ts, referredIncident.)
    if (para.quotes.length || para.cues.some((c) => c !== 0) || (article.lastHappenings.length !== 0 && (para.keyWords & KEY_WORD.incident) !== 0)) para.dates = paragraphDates(article, p.text);
    else skipParagraphDates(article, p.text);
    if (!article.toldToday && article.onDate.length === 10 && (para.keyWords & KEY_WORD.today) !== 0) article.toldToday = TOLD_TODAY.test(p.text);
    if (!para.quotes.some((q) => q.start === 0)) article.openQuotes = [];
    // (A dateline's date, "New York, Oct 19 2009 1:10PM …", "28 July - …", is the report's, no happening's: at the
    // head of the first body paragraph alone, where datelineDay reads it. Later, "March 3 – Militants attacked …"
    // is a timeline's entry, its date the happening's.)
    para.datelineEnd = Math.max(datelineEnd(p.text, credit), firstBody ? datedDatelineEnd(p.text) : 0);
    firstBody = false;
    // The person the paragraph opens with, as its subject ("Hadiza is one of those who returned …").
    let subject: Referent | undefined;
    const contexts = new SentenceContexts(article, para);
    for (let ctx = contexts.next(); ctx; ctx = contexts.next()) {
      if (ctx.si === 0) {
        const first = ctx.referents[0];
        if (first && first.type !== "pronoun" && isPersonish(first) && first.start === Math.max(ctx.span.start, para.datelineEnd)) subject = first;
      }
      extractQuotes(ctx);
      noteUnnamedSpokesperson(ctx);
      noteStatementIssuer(ctx);
      noteReportIssuer(ctx);
      noteSayer(ctx);
      noteReportedSpeech(ctx);
      noteSubject(ctx);
      extractEvent(ctx);
      // The first person a sentence names (outside quotations) is who a later "he" may mean; a name of unknown kind
      // ("the Taleban insurgency") does not displace someone the article named as a person.
      for (const r of ctx.referents) {
        if (isPersonish(r) && r.type !== "pronoun") {
          if (isPerson(r) || !article.lastPersonCertain) {
            article.lastPerson = toSpeaker(r);
            article.lastPersonCertain = isPerson(r);
            article.personSinceSpeech = true;
          }
          break;
        }
      }
      notePronounSubject(ctx);
      noteNamed(article, p.text, ctx.referents);
      noteUnnamedOfficial(ctx);
    }
    // A paragraph about a person that reports no speech, followed by a quotation standing alone as the next
    // paragraph: the quotation is that person's (the paragraph introduced them; the quotation gives their words).
    if (!article.speechHere && subject) {
      const about = toSpeaker(subject);
      article.speechHere = { sayer: () => about };
    }
    if (caption) restoreDiscourse(article, caption);
  }
  creditPullQuotes(article.result.quotes, paragraphs);
  admitCandidates(article, paras);
  return article.result;
}

/** A video's caption: a media player's prompt ("Watch in RealPlayer", "Listen with Windows Media"). */
const VIDEO_CAPTION = /\b(?:Watch|Listen) (?:in|with) (?:RealPlayer|Windows Media|QuickTime)\b/;

/** Who the story has named and heard so far: what a later pronoun, role noun or lone quotation is read against. */
type Discourse = Pick<
  ArticleState,
  "lastSpeaker" | "lastPerson" | "lastPersonCertain" | "personSinceSpeech" | "unnamedOfficialAt" | "unnamedSpokespersonIn" | "spokesperson" | "lastSubjectIn" | "lastStatementBy" | "statementThread" | "lastOrgSpeech" | "lastReportBy" | "speechHere"
> & { named: number };

function discourse(a: ArticleState): Discourse {
  const { lastSpeaker, lastPerson, lastPersonCertain, personSinceSpeech, unnamedOfficialAt, unnamedSpokespersonIn, spokesperson, lastSubjectIn, lastStatementBy, statementThread, lastOrgSpeech, lastReportBy, speechHere } = a;
  return { lastSpeaker, lastPerson, lastPersonCertain, personSinceSpeech, unnamedOfficialAt, unnamedSpokespersonIn, spokesperson, lastSubjectIn, lastStatementBy, statementThread, lastOrgSpeech, lastReportBy, speechHere, named: a.named.length };
}

function restoreDiscourse(a: ArticleState, d: Discourse): void {
  const { named, ...rest } = d;
  Object.assign(a, rest);
  a.named.length = named;
}

/**
 * Sorts referents by where they start, stably, as `sort((a, b) => a.start - b.start)` does. They arrive as a few runs
 * already in order (known names, surnames, titles, candidates, pronouns), which an insertion sort puts together with
 * few moves and no comparator calls; a long list goes to the built-in sort.
 */
function sortByStart(referents: Referent[]): void {
  const n = referents.length;
  if (n > 64) {
    referents.sort((a, b) => a.start - b.start);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = referents[i];
    if (!x) continue;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = referents[j];
      if (!y || y.start <= x.start) break;
      referents[j + 1] = y;
    }
    referents[j + 1] = x;
  }
}

/**
 * One context per sentence, in order, each holding the referents, quotations and dates inside it. Referents, dates
 * and quotations are in text order, as are the sentences, so one cursor over each finds every sentence's share.
 * (A cursor object, not a generator: `next()` is asked once per sentence, after the sentence before was handled.)
 */
class SentenceContexts {
  private readonly article: ArticleState;
  private readonly para: ParagraphState;
  private si = 0;
  private firstToken = 0;
  private r = 0;
  private d = 0;
  private v = 0;
  private q = 0;
  private prevFirstPerson: Referent | undefined = undefined;
  private paraFirstPerson: Referent | undefined = undefined;

  constructor(article: ArticleState, para: ParagraphState) {
    this.article = article;
    this.para = para;
  }

  /** The next sentence's context; undefined after the last. */
  next(): SentenceContext | undefined {
    const { para } = this;
    const si = this.si;
    const span = para.sentences[si];
    if (!span) return undefined;
    this.si = si + 1;
    const { referents, dates, quotes, tokens, verbs } = para;
    let firstToken = this.firstToken;
    while (firstToken < tokens.length && (tokens[firstToken]?.start ?? 0) < span.start) firstToken++;
    this.firstToken = firstToken;
    // Quotations overlapping the sentence (one may run on into the next sentence, so the cursor stays on it).
    let q = this.q;
    while (q < quotes.length && (quotes[q]?.end ?? 0) <= span.start) q++;
    this.q = q;
    const overlappingQuotes: QuoteSpan[] = [];
    const inQuotes: QuoteSpan[] = [];
    for (let k = q; k < quotes.length; k++) {
      const x = quotes[k];
      if (!x || x.start >= span.end) break;
      overlappingQuotes.push(x);
      if (x.start >= span.start && x.end <= span.end) inQuotes.push(x);
    }
    // Referents wholly inside the sentence; those outside quotations are the sentence's, and the first person
    // of all of them is who the next sentence's pronoun may mean.
    let r = this.r;
    while (r < referents.length && (referents[r]?.start ?? 0) < span.start) r++;
    const inSentence: Referent[] = [];
    let firstPerson: Referent | undefined;
    for (; r < referents.length; r++) {
      const x = referents[r];
      if (!x || x.start >= span.end) break;
      if (x.end > span.end) continue;
      if (!firstPerson && isPersonish(x) && x.type !== "pronoun") firstPerson = x;
      if (overlappingQuotes.length === 0 || !insideAny(overlappingQuotes, x.start, x.end)) inSentence.push(x);
    }
    this.r = r;
    let d = this.d;
    while (d < dates.length && (dates[d]?.start ?? 0) < span.start) d++;
    const sentenceDates: DateMention[] = [];
    for (; d < dates.length; d++) {
      const x = dates[d];
      if (!x || x.start >= span.end) break;
      if (x.end <= span.end) sentenceDates.push(x);
    }
    this.d = d;
    let v = this.v;
    while (v < verbs.length && (verbs[v]?.start ?? 0) < span.start) v++;
    const sentenceVerbs: { start: number; end: number }[] = [];
    for (; v < verbs.length; v++) {
      const x = verbs[v];
      if (!x || x.start >= span.end) break;
      if (x.end <= span.end && (overlappingQuotes.length === 0 || !insideAny(overlappingQuotes, x.start, x.end))) sentenceVerbs.push(x);
    }
    this.v = v;
    const ctx: SentenceContext = {
      article: this.article,
      para,
      si,
      span,
      text: para.p.text.slice(span.start, span.end),
      firstToken,
      referents: inSentence,
      quotes: inQuotes,
      overlappingQuotes,
      dates: sentenceDates,
      verbs: sentenceVerbs,
      prevFirstPerson: this.prevFirstPerson,
      paraFirstPerson: this.paraFirstPerson,
      masked: undefined,
    };
    this.prevFirstPerson = firstPerson;
    if (firstPerson) this.paraFirstPerson = firstPerson;
    return ctx;
  }
}
