import { tokenize, foldCase, type Token } from "../text/normalize.ts";
import type { PartialDate } from "../text/dates.ts";
import { findDates, type DateMention } from "./dates-in-text.ts";
import type { AliasIndex, EntityInfo } from "./matcher.ts";
import type { ParsedParagraph } from "./parse.ts";
import { splitSentences, type Span } from "./sentences.ts";
import { classifyEvent, cueOccurrences, mayHoldEventCue, type EventCue } from "./event-types.ts";

export type CandidateKind = "person" | "organisation" | "place" | "unknown";

export interface ExtractedMention {
  paragraph: number;
  entityId: number;
  start: number;
  end: number;
  text: string;
}

export interface ExtractedCandidate {
  paragraph: number;
  text: string;
  norm: string;
  kind: CandidateKind;
  start: number;
  end: number;
}

export interface ExtractedQuote {
  paragraph: number;
  text: string;
  start: number;
  end: number;
  speakerId: number | null;
  speakerText: string | null;
  confidence: number;
  isFragment: boolean;
  saidOn: PartialDate | undefined;
}

export interface ExtractedEvent {
  paragraph: number;
  start: number;
  end: number;
  date: PartialDate;
  cue: EventCue;
  summary: string;
  placeId: number | null;
  /** The place as the article names it: the most specific one, which may be a candidate ("Zarghun Kalay"). */
  placeText: string;
  claimedById: number | null;
  /** Who asserts it as the article names them, also when they are a candidate not (yet) in the gazetteer. */
  claimedByText: string | null;
  actors: { entityId: number; role: string }[];
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
}

export interface Extraction {
  mentions: ExtractedMention[];
  candidates: ExtractedCandidate[];
  quotes: ExtractedQuote[];
  events: ExtractedEvent[];
}

/** A thing in the text that could speak or act: a known entity, an unknown name, or a pronoun. */
interface Referent {
  start: number;
  end: number;
  text: string;
  type: "entity" | "candidate" | "pronoun";
  entity?: EntityInfo;
  candidateKind?: CandidateKind;
}

interface Speaker {
  entityId: number | null;
  text: string;
}

const CONNECTORS = new Set(["al", "ul", "ud", "e", "i", "bin", "ibn", "of", "for", "de", "da", "van", "von", "din", "ur"]);
const TITLES = new Set([
  "mr", "mrs", "ms", "dr", "general", "gen", "lt", "lieutenant", "colonel", "col", "major", "maj", "brigadier", "brig", "captain", "capt",
  "maulana", "mufti", "haji", "mullah", "qari", "sheikh", "president", "minister", "senator", "commissioner", "ambassador", "sardar",
  "chief", "judge", "justice", "governor", "deputy", "spokesman", "spokesperson", "marshal", "field", "admiral", "professor", "prof",
]);
const ROLE_WORDS = /\b(spokes(?:man|woman|person)|elder|administrator|commander|minister|official|officer|trader|leader|chief|head|director|president|secretary|chairman|chairperson|analyst|lawmaker|governor|commissioner|envoy|ambassador|cleric|resident|driver|journalist|reporter|told|said)\s*,?\s*$/i;
const STOP = new Set([
  "the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "by", "for", "from", "with", "however", "meanwhile", "although",
  "while", "despite", "during", "after", "before", "since", "instead", "additionally", "domestically", "simultaneously", "among", "adding",
  "speaking", "whether", "so", "if", "when", "what", "some", "recent", "to", "he", "she", "they", "we", "it", "his", "her", "their", "our",
  "its", "i", "both", "many", "though", "also", "still", "yet", "but", "and", "or", "not", "no", "yes", "as", "there", "here", "one", "two",
  "three", "according", "earlier", "later", "last", "next", "today", "yesterday", "tomorrow", "every", "each", "all", "most", "more", "such",
  "god", "islam", "islamic", "muslim", "muslims", "afghan", "afghans", "pakistani", "pakistanis", "chinese", "indian", "russian", "american",
  "tajik", "pashtun", "pashtuns", "baloch", "punjabi", "sindhi", "western", "eastern", "northern", "southern", "central", "federal",
  "provincial", "national", "government", "related", "articles", "conclusion", "context", "monday", "tuesday", "wednesday", "thursday",
  "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "mr", "mrs", "ms", "dr", "sir", "madam", "we", "you", "my", "your", "following", "overall", "now", "then",
  "why", "how", "who", "where", "which", "once", "even", "only", "just", "again", "further", "finally", "first", "second", "third",
]);
/** Plural nouns for people that open a sentence before "of <place>" ("Residents of Mir Ali said"): not part of a name. */
const PEOPLE_NOUNS = new Set([
  "residents", "villagers", "locals", "elders", "officials", "traders", "shopkeepers", "relatives", "families", "witnesses", "analysts",
  "students", "teachers", "doctors", "soldiers", "troops", "militants", "protesters", "people", "leaders", "members", "tribesmen",
]);
const ORG_WORDS = new Set([
  "association", "council", "movement", "party", "front", "ministry", "department", "committee", "union", "foundation", "relief", "agency",
  "police", "army", "forces", "force", "group", "network", "authority", "commission", "chamber", "jirga", "institute", "organisation",
  "organization", "society", "league", "federation", "bank", "office", "news", "corps", "brigade", "regiment", "directorate", "bureau",
  "services", "service", "board", "trust", "company", "alliance", "coalition", "tribune", "times", "post", "agency", "administration",
  "assembly", "court", "university", "school", "hospital", "centre", "center", "program", "programme", "mission", "taliban", "jamaat",
  "journal", "magazine", "newspaper", "gazette", "herald", "observer", "chronicle",
]);
const PLACE_WORDS = new Set([
  "valley", "district", "province", "bazaar", "bazar", "village", "pass", "crossing", "road", "river", "camp", "tehsil", "kalay", "kalai",
  "kili", "mandi", "city", "town", "mountains", "mountain", "range", "border", "corridor", "region", "area", "agency", "dam", "gate",
  "highway", "checkpost", "post", "square", "market", "airport", "base", "fort", "hills", "lake", "plateau", "garrison",
]);
const PLACE_PREPOSITIONS = /\b(in|at|near|from|to|across|into|outside|inside|toward|towards|via|around|through|beyond)\s+(the\s+)?$/i;
const SPEECH_CUE =
  /\b(said|says|saying|stated|stating|states|remarked|remarking|emphasi[sz]ed|emphasi[sz]ing|urged|urging|warned|warning|told|telling|added|adding|noted|noting|maintained|reiterated|asserted|insisted|insisting|claimed|claiming|declared|described|describing|called|calling|explained|argued|acknowledged|announced|according to|wrote|tweeted|posted|asked|replied|responded|expressed|labelled|labeled|branded|termed|accused|accusing|blamed|blaming|alleged|alleging|denied|denying|condemned|condemning|vowed|demanded|demanding)\b/gi;
/** Just before a verb: a back-shifted tense ("had responded"), the sign of reported speech. */
const BACKSHIFT = /\b(?:had|would|could|might)\s+$/i;
/** After a speech verb, up to the quotation: a that-clause ("said that …", "said … and that …"). */
const REPORTED_CLAUSE = /^\s*,?\s*that\b|\b(?:and|but) that\b/i;
const WEAK_CUE = /\b(acknowledg\w*|statement|remarks?|words|assurances?)\b/gi;
const ANONYMOUS = /\b(?:asked|declined|refused|requested) not to be (?:named|identified)|\bon (?:the )?condition of anonymity|\brequested anonymity|\bnot authori[sz]ed to (?:speak|talk)/i;
/** "A driver …", "Meanwhile, one official …": a speaker the article does not name. */
const INDEFINITE_SUBJECT = /^\s*(?:\p{L}+(?: \p{Ll}+)?, )?(?:a|an|one|another|some|several)\s+\p{Ll}/iu;
const PRONOUN = /\b(he|she|they)\b/gi;

function isCap(raw: string): boolean {
  // ASCII first: this runs for every token several times, and the Unicode class test is slow.
  const c = raw.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(raw);
}

/** Extracts mentions, candidates, quotes and events from an article's paragraphs. */
export function extractArticle(paragraphs: readonly ParsedParagraph[], index: AliasIndex, published: PartialDate | undefined): Extraction {
  // Relative dates ("last year", "on Monday") need the publication date; without one they stay unresolved,
  // never silently measured from today.
  const refDate = published ? refFromPartial(published) : undefined;
  const onDate = published?.value ?? "";
  const result: Extraction = { mentions: [], candidates: [], quotes: [], events: [] };

  // Pass 1: tokens, alias matches, sentences, dates per paragraph; and which words the article capitalises mid-sentence.
  const paras = paragraphs.map((p, i) => {
    const tokens = p.role === "related" ? [] : tokenize(p.text);
    const matches = index.match(tokens, onDate);
    const sentences = splitSentences(p.text);
    return { i, p, tokens, matches, sentences };
  });
  // Words the article capitalises on their own mid-sentence are names even at a sentence start; a word seen
  // capitalised only inside a longer name ("Small Traders Alliance") is not ("Traders in Chaman say").
  const midSentenceCaps = new Set<string>();
  for (const { p, tokens, sentences } of paras) {
    if (p.role !== "body") continue;
    const starts = sentenceStarts(p.text, sentences);
    tokens.forEach((t, k) => {
      if (!isCap(t.raw) || starts.has(t.start)) return;
      const prev = tokens[k - 1];
      const next = tokens[k + 1];
      const joinedBefore = prev && isCap(prev.raw) && joinedBySpaceOrHyphen(p.text, prev, t);
      const joinedAfter = next && isCap(next.raw) && joinedBySpaceOrHyphen(p.text, t, next);
      if (!joinedBefore && !joinedAfter) midSentenceCaps.add(t.norm);
    });
  }

  const surnames = new Map<string, number>();
  const candidateSurnames = new Map<string, ExtractedCandidate>();
  let lastSpeaker: Speaker | undefined;
  let lastPerson: Speaker | undefined;
  let previousDate: PartialDate | undefined;

  for (const { i, p, tokens, matches, sentences } of paras) {
    if (p.role === "related") continue;
    // A plain array: a Uint8Array per paragraph cost more to allocate than to use.
    const covered: number[] = new Array<number>(tokens.length).fill(0);
    const referents: Referent[] = [];
    for (const m of matches) {
      covered.fill(1, m.tokenFrom, m.tokenTo);
      const entity = index.entities.get(m.entityId);
      if (!entity) continue;
      const text = p.text.slice(m.start, m.end);
      result.mentions.push({ paragraph: i, entityId: m.entityId, start: m.start, end: m.end, text });
      referents.push({ start: m.start, end: m.end, text, type: "entity", entity });
      if (entity.kind === "person") {
        // Later bare references use the family name ("Munir") or, for two-part names, either part ("Zhao").
        const parts = nameParts(entity);
        const keys = new Set([parts[parts.length - 1], parts.length === 2 ? parts[0] : undefined, tokens[m.tokenTo - 1]?.norm]);
        for (const key of keys) {
          if (!key || key.length < 3) continue;
          const prev = surnames.get(key);
          surnames.set(key, prev === undefined || prev === entity.id ? entity.id : -1);
        }
      }
    }
    // A bare surname after the full name ("Zhao emphasized", "General Munir") refers to the same person.
    tokens.forEach((t, k) => {
      if (covered[k] || !isCap(t.raw)) return;
      const id = surnames.get(t.norm);
      const entity = id === undefined || id < 0 ? undefined : index.entities.get(id);
      if (!entity || (tokens[k + 1] && !covered[k + 1] && isCap(tokens[k + 1]?.raw ?? "") && joinedBySpace(p.text, t, tokens[k + 1]))) return;
      covered[k] = 1;
      result.mentions.push({ paragraph: i, entityId: entity.id, start: t.start, end: t.end, text: t.raw });
      referents.push({ start: t.start, end: t.end, text: t.raw, type: "entity", entity });
    });

    if (p.role === "body") {
      for (const c of findCandidates(p.text, tokens, covered, sentences, midSentenceCaps, candidateSurnames, i)) {
        result.candidates.push(c);
        referents.push({ start: c.start, end: c.end, text: c.text, type: "candidate", candidateKind: c.kind });
      }
    }
    for (const m of p.text.matchAll(PRONOUN)) referents.push({ start: m.index, end: m.index + m[0].length, text: m[0], type: "pronoun" });
    referents.sort((a, b) => a.start - b.start);

    if (p.role !== "body") continue;
    // "Two days later" at the start of a paragraph counts from the last date of the one before.
    const dates = findDates(p.text, refDate, previousDate);
    previousDate = dates.at(-1) ?? previousDate;
    const quoteSpans = findQuotes(p.text);
    let carriedDate: DateMention | undefined;
    let carriedPlace: PlaceRef | undefined;
    let previousQuoteSpeaker: Speaker | undefined;
    // The first token of the current sentence (sentences and tokens both run in text order).
    let firstToken = 0;

    sentences.forEach((s, si) => {
      while (firstToken < tokens.length && (tokens[firstToken]?.start ?? 0) < s.start) firstToken++;
      // Plain loops rather than filter/find with closures: this runs for every sentence of the article.
      const inSentence: Referent[] = [];
      for (const r of referents) if (r.start >= s.start && r.end <= s.end && !insideAny(quoteSpans, r.start, r.end)) inSentence.push(r);
      const prevSentence = si > 0 ? sentences[si - 1] : undefined;
      let prevFirstPerson: Referent | undefined;
      if (prevSentence) {
        for (const r of referents) {
          if (r.start >= prevSentence.start && r.end <= prevSentence.end && isPersonish(r) && r.type !== "pronoun") {
            prevFirstPerson = r;
            break;
          }
        }
      }
      const resolvePronoun = (pronounAt: number): Speaker | undefined => {
        const before = [...inSentence].reverse().find((r) => r.end <= pronounAt && isPersonish(r) && r.type !== "pronoun");
        if (before) return toSpeaker(before);
        if (prevFirstPerson) return toSpeaker(prevFirstPerson);
        return lastSpeaker ?? lastPerson;
      };

      const sentenceQuotes: QuoteSpan[] = [];
      for (const q of quoteSpans) if (q.start >= s.start && q.end <= s.end) sentenceQuotes.push(q);
      // A sentence that is nothing but a quotation continues the previous sentence's quoted speaker
      // ("“…,” he said. “Our grandfathers traded here…”").
      const bareQuote = sentenceQuotes.length > 0 && maskQuotes(p.text.slice(s.start, s.end), s.start, quoteSpans).trim() === "";
      const carriedQuoteSpeaker = bareQuote ? previousQuoteSpeaker : undefined;
      previousQuoteSpeaker = undefined;
      for (const q of sentenceQuotes) {
        const attribution = carriedQuoteSpeaker
          ? { speaker: carriedQuoteSpeaker, confidence: 0.6 }
          : attributeQuote(p.text, s, q, quoteSpans, inSentence, resolvePronoun);
        const sentenceDate = dates.find((d) => d.start >= s.start && d.end <= s.end && (d.end <= q.start || d.start >= q.end));
        const quote: ExtractedQuote = {
          paragraph: i,
          text: p.text.slice(q.start + 1, q.end - 1),
          start: q.start + 1,
          end: q.end - 1,
          speakerId: attribution.speaker?.entityId ?? null,
          speakerText: attribution.speaker?.text ?? null,
          confidence: attribution.confidence,
          isFragment: isFragment(p.text, q),
          saidOn: sentenceDate ? { value: sentenceDate.value, precision: sentenceDate.precision } : undefined,
        };
        result.quotes.push(quote);
        if (attribution.speaker) lastSpeaker = attribution.speaker;
        previousQuoteSpeaker = attribution.speaker;
      }

      const sentenceText = p.text.slice(s.start, s.end);
      const sentenceDates: DateMention[] = [];
      for (const d of dates) if (d.start >= s.start && d.end <= s.end && !insideAny(quoteSpans, d.start, d.end)) sentenceDates.push(d);
      const masked = mayHoldEventCue(tokens, firstToken, s.end) ? maskLeadingPhrase(maskQuotes(sentenceText, s.start, quoteSpans)) : undefined;
      const found = masked === undefined ? undefined : classifyEvent(masked);
      const cue = found && masked !== undefined ? closestCue(found, masked, s.start, sentenceDates, inSentence) : undefined;
      const ownPlace = mostSpecificPlace(inSentence, index);
      if (cue) {
        // A sentence that continues the previous one's story ("In retaliation, …") inherits its date; one that
        // names no place happens where the paragraph's story is ("shut Torkham … Earlier this month, … the closure").
        const continues = CONTINUATION.test(sentenceText);
        const date = nearestDate(sentenceDates, s.start + cue.index) ?? (continues ? carriedDate : undefined);
        const place = ownPlace ?? carriedPlace;
        if (date && place) result.events.push(buildEvent(i, s, sentenceText, cue, date, place, inSentence, resolvePronoun));
      }
      if (sentenceDates.length) carriedDate = sentenceDates[sentenceDates.length - 1];
      if (ownPlace) carriedPlace = ownPlace;
      for (const r of inSentence) {
        if (isPersonish(r) && r.type !== "pronoun") {
          lastPerson = toSpeaker(r);
          break;
        }
      }
    });
  }
  return result;
}

const NAME_PARTS = new WeakMap<EntityInfo, string[]>();

/** A person's name as folded words, once per entity. */
function nameParts(entity: EntityInfo): string[] {
  let parts = NAME_PARTS.get(entity);
  if (!parts) NAME_PARTS.set(entity, (parts = entity.name.split(/\s+/).map(foldCase)));
  return parts;
}

/**
 * Of several cue words of the event's type in one sentence, the one its date and place stand closest to: in
 * "the weekend's fighting was the most serious since clashes at Torkham in 2023" the event is the 2023 clash
 * at Torkham, which the first cue word alone would have dated to the weekend.
 */
function closestCue(cue: EventCue, masked: string, offset: number, dates: readonly DateMention[], referents: readonly Referent[]): EventCue {
  const at = cueOccurrences(masked, cue.type);
  if (at.length < 2) return cue;
  const places: number[] = [];
  for (const r of referents) if ((r.type === "entity" && r.entity?.kind === "place") || (r.type === "candidate" && r.candidateKind === "place")) places.push(r.start);
  const nearest = (points: readonly number[], p: number): number => {
    let best = Infinity;
    for (const x of points) best = Math.min(best, Math.abs(x - p));
    return best;
  };
  const dateStarts = dates.map((d) => d.start);
  let best = cue.index;
  let bestScore = Infinity;
  for (const index of at) {
    const p = offset + index;
    const dd = nearest(dateStarts, p);
    const dp = nearest(places, p);
    const score = (dd === Infinity ? 1e6 : dd) + (dp === Infinity ? 0 : dp);
    if (score < bestScore) {
      bestScore = score;
      best = index;
    }
  }
  return best === cue.index ? cue : { ...cue, index: best };
}

function refFromPartial(d: PartialDate): Date {
  const [y, m, day] = d.value.split("-").map(Number);
  // A month- or year-precise publication date: take its last day as "now" for relative phrases.
  if (day === undefined && m !== undefined) return new Date(Date.UTC(y ?? 1970, m, 0, 12));
  if (m === undefined) return new Date(Date.UTC(y ?? 1970, 11, 31, 12));
  return new Date(Date.UTC(y ?? 1970, m - 1, day, 12));
}

/** Whether exactly one space or hyphen stands between two tokens (without slicing it out: this runs per token). */
function joinedBySpaceOrHyphen(text: string, a: Token, b: Token | undefined): boolean {
  if (!b || b.start !== a.end + 1) return false;
  const c = text.charCodeAt(a.end);
  return c === 32 || c === 45;
}

/** Whether exactly one space stands between two tokens. */
function joinedBySpace(text: string, a: Token, b: Token | undefined): boolean {
  return b !== undefined && b.start === a.end + 1 && text.charCodeAt(a.end) === 32;
}

/** Whether [start, end) lies inside one of the quotations. */
function insideAny(quotes: readonly QuoteSpan[], start: number, end: number): boolean {
  for (const q of quotes) if (start >= q.start && end <= q.end) return true;
  return false;
}

function isPersonish(r: Referent): boolean {
  if (r.type === "pronoun") return true;
  if (r.type === "entity") return r.entity?.kind === "person";
  return r.candidateKind === "person" || r.candidateKind === "unknown";
}

function isOrg(r: Referent): boolean {
  return (r.type === "entity" && r.entity?.kind === "organisation") || (r.type === "candidate" && r.candidateKind === "organisation");
}

function isCountry(r: Referent): boolean {
  return r.type === "entity" && r.entity?.kind === "place" && r.entity.subtype === "country";
}

function toSpeaker(r: Referent): Speaker {
  return { entityId: r.type === "entity" ? (r.entity?.id ?? null) : null, text: r.text };
}

interface QuoteSpan {
  /** Offsets of the opening and (exclusive) closing quotation marks. */
  start: number;
  end: number;
}

function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const m of text.matchAll(/“([^“”]{1,20000})”|"([^"]{1,20000})"/g)) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function isFragment(text: string, q: QuoteSpan): boolean {
  const inner = text.slice(q.start + 1, q.end - 1).trim();
  const before = text.slice(0, q.start).trimEnd();
  const introduced = /[,:]$/.test(before) || before === "" || /[.!?]$/.test(before);
  const words = inner.split(/\s+/).length;
  const endsLikeStatement = /[.!?,…]$/.test(inner);
  if (introduced && /^\p{Lu}/u.test(inner) && (endsLikeStatement || words >= 6)) return false;
  return !(words >= 8 && endsLikeStatement);
}

const DATE_NUMBERS = /\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/gi;
const CLAIM_CUE = /\b(claim(?:ed|ing|s)?|said|says|told|recalled|reported|according to|alleged|accus\w+)\b/i;
const CONTINUATION = /^(in retaliation|in response|in return|during (the|these|those)|then|later|afterwards|subsequently|the next day|the following day|a day later|hours later)\b/i;
const LEADING_PHRASE = /^(during|after|amid|following|since|despite|before|while)\b[^,]{0,80},/i;

/** Blanks an opening temporal phrase ("During the clashes,") so its noun is not taken as the sentence's event. */
function maskLeadingPhrase(sentence: string): string {
  const m = LEADING_PHRASE.exec(sentence);
  return m ? " ".repeat(m[0].length) + sentence.slice(m[0].length) : sentence;
}

function maskQuotes(sentence: string, offset: number, quotes: readonly QuoteSpan[]): string {
  let out = sentence;
  for (const q of quotes) {
    const a = Math.max(0, q.start - offset);
    const b = Math.min(sentence.length, q.end - offset);
    if (b > a) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  }
  return out;
}

function attributeQuote(
  text: string,
  s: Span,
  q: QuoteSpan,
  allQuotes: readonly QuoteSpan[],
  referents: readonly Referent[],
  resolvePronoun: (at: number) => Speaker | undefined,
): { speaker: Speaker | undefined; confidence: number } {
  const masked = maskQuotes(text.slice(s.start, s.end), s.start, allQuotes);
  let cues = [...masked.matchAll(SPEECH_CUE)].map((m) => ({ at: s.start + m.index, end: s.start + m.index + m[0].length, weak: false }));
  if (!cues.length) cues = [...masked.matchAll(WEAK_CUE)].map((m) => ({ at: s.start + m.index, end: s.start + m.index + m[0].length, weak: true }));
  if (!cues.length) return { speaker: undefined, confidence: 0 };
  const distance = (c: { at: number; end: number }): number => (c.end <= q.start ? q.start - c.end : c.at >= q.end ? c.at - q.end : 0);
  const nearest = [...cues].sort((a, b) => distance(a) - distance(b))[0];
  if (!nearest) return { speaker: undefined, confidence: 0 };
  // A verb inside reported speech is not the attribution: in "ISPR said Afghan posts had opened fire “without
  // provocation” and that Pakistani troops had responded “proportionately”", both quotes are ISPR's. When the
  // nearest verb is back-shifted ("had responded") inside a that-clause an earlier verb opens, that earlier
  // verb's subject is the speaker ("Gul said that talks failed, and Momand told reporters “…”" stays Momand's).
  const backShifted = nearest.end <= q.start && BACKSHIFT.test(text.slice(Math.max(0, nearest.at - 12), nearest.at));
  const reporting = backShifted ? cues.find((c) => c.end <= nearest.at && REPORTED_CLAUSE.test(text.slice(c.end, q.start))) : undefined;
  const cue = reporting ?? nearest;
  const scale = cue.weak ? 0.6 : 1;

  // An unnamed speaker ("A driver …, who asked not to be named, said") stays unnamed: a pronoun in the
  // subject refers to them, not to the last person quoted.
  const subject = text.slice(s.start, Math.min(cue.at, q.start));
  if (ANONYMOUS.test(subject) || (INDEFINITE_SUBJECT.test(subject) && !referents.some((r) => r.end <= cue.at && r.type !== "pronoun" && (isPersonish(r) || isOrg(r))))) {
    return { speaker: undefined, confidence: 0 };
  }

  // The speaker usually stands before the verb ("Mujahid said, …"); when the quote comes first, the speaker
  // follows the verb ("…,” said Gul) or stands between quote and verb ("…,” Gul told reporters).
  const before = referents.filter((r) => r.end <= cue.at).reverse();
  if (cue.at >= q.end || /^according to$/i.test(text.slice(cue.at, cue.end))) {
    const after = referents.find((r) => r.start >= cue.end && r.start <= cue.end + 40 && (isPersonish(r) || isOrg(r)));
    const anonymous = after && /^\s*(?:one|a|an|another|some|several)\b/i.test(text.slice(cue.end, after.start));
    if (after && !anonymous) return fromReferent(after, resolvePronoun, scale);
    if (/^\s*(?:one|a|an|another|some|several)\b/i.test(text.slice(cue.end))) return { speaker: undefined, confidence: 0 };
    const between = before.filter((r) => r.start >= q.end);
    const who = between.find(isPersonish) ?? between.find(isOrg);
    if (who) return fromReferent(who, resolvePronoun, scale);
    // "… called the closure “temporary” and said …": a second verb of the same subject, who stands before the quote.
    const coordinated = cue.at >= q.end && /^[\s,]*(?:and|but|then|before)\s+(?:then\s+|also\s+)?$/i.test(text.slice(q.end, cue.at));
    if (cue.at >= q.end && !coordinated) return { speaker: undefined, confidence: 0 };
  }
  const person = before.find(isPersonish);
  if (person) return fromReferent(person, resolvePronoun, scale);
  const org = before.find(isOrg);
  if (org) return { speaker: toSpeaker(org), confidence: 0.7 * scale };
  const country = before.find(isCountry);
  if (country) return { speaker: toSpeaker(country), confidence: 0.5 * scale };
  return { speaker: undefined, confidence: 0 };
}

function fromReferent(r: Referent, resolvePronoun: (at: number) => Speaker | undefined, scale: number): { speaker: Speaker | undefined; confidence: number } {
  if (r.type === "pronoun") {
    const resolved = resolvePronoun(r.start);
    return resolved ? { speaker: resolved, confidence: 0.75 * scale } : { speaker: undefined, confidence: 0 };
  }
  if (r.type === "candidate") return { speaker: toSpeaker(r), confidence: 0.8 * scale };
  if (r.entity?.kind === "organisation") return { speaker: toSpeaker(r), confidence: 0.7 * scale };
  return { speaker: toSpeaker(r), confidence: 0.9 * scale };
}

function nearestDate(dates: readonly DateMention[], at: number): DateMention | undefined {
  let best: DateMention | undefined;
  for (const d of dates) if (!best || Math.abs(d.start - at) < Math.abs(best.start - at)) best = d;
  return best;
}

const SPECIFICITY: Record<string, number> = {
  crossing: 0, pass: 0, village: 0, hospital: 0, tehsil: 1, district: 1, subdivision: 1, area: 1, valley: 1, town: 2, city: 2,
  border: 3, "border area": 3, province: 3, region: 3, country: 5,
};

/** Where an event happened: the most specific known place, and the most specific place named at all. */
interface PlaceRef {
  entity: EntityInfo | undefined;
  text: string;
}

const SMALL_PLACE_WORDS = /\b(village|kalay|kalai|kili|mandi|bazaa?r|crossing|pass|checkpost|camp|gate|market)$/i;

function candidatePlaceRank(name: string): number {
  if (SMALL_PLACE_WORDS.test(name)) return 0;
  if (/\b(valley|tehsil|district|town)$/i.test(name)) return 1;
  // A place the gazetteer does not know is most likely a small one, a village or a town ("near Mir Ali"): the
  // gazetteer has every district and province of the border, so a name it lacks sits inside one of them.
  return 0.5;
}

function mostSpecificPlace(referents: readonly Referent[], index: AliasIndex): PlaceRef | undefined {
  let best: EntityInfo | undefined;
  let bestRank = Infinity;
  let named: { text: string; rank: number } | undefined;
  for (const r of referents) {
    if (r.type === "candidate" && r.candidateKind === "place") {
      const rank = candidatePlaceRank(r.text);
      // (A dateline's capitals give way to the same rank's name as written in the text.)
      if (!named || rank < named.rank || (rank === named.rank && named.text === named.text.toUpperCase() && r.text !== r.text.toUpperCase())) named = { text: r.text, rank };
      continue;
    }
    const e = r.entity;
    if (r.type !== "entity" || !e || e.kind !== "place") continue;
    const rank = SPECIFICITY[e.subtype ?? ""] ?? 3.5;
    if (rank < bestRank) {
      best = index.entities.get(e.id);
      bestRank = rank;
    }
  }
  if (!best && !named) return undefined;
  const text = named && (!best || named.rank < bestRank) ? named.text : (best?.name ?? "");
  return { entity: best, text };
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12 };

function casualties(sentence: string): { killed: number | null; injured: number | null; text: string | null } {
  const num = "\\b(\\d{1,3}(?:,\\d{3})+|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
  const parse = (s: string | undefined): number | null => (s === undefined ? null : (NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(/,/g, ""))));
  const killed = new RegExp(`${num}\\s+(?:[\\w-]+\\s+){0,3}(?:were\\s+|was\\s+|have been\\s+|had been\\s+)?(?:killed|dead|died|martyred)`, "i").exec(sentence);
  const injured = new RegExp(`${num}\\s+(?:[\\w-]+\\s+){0,3}(?:were\\s+|was\\s+|have been\\s+)?(?:injured|wounded|hurt)`, "i").exec(sentence);
  // "… killed two shepherds", "wounding three children": the verb before the figure.
  const killedAfter = new RegExp(`\\b(?:killed|killing)\\s+(?:at least\\s+|about\\s+)?${num}`, "i").exec(sentence);
  const injuredAfter = new RegExp(`\\b(?:injured|injuring|wounded|wounding)\\s+(?:at least\\s+|about\\s+)?${num}`, "i").exec(sentence);
  const k = parse(killed?.[1] ?? killedAfter?.[1]);
  const w = parse(injured?.[1] ?? injuredAfter?.[1]);
  const text = k !== null || w !== null ? null : /\bcasualties\b/i.test(sentence) ? "casualties reported, no figure given" : null;
  return { killed: k, injured: w, text };
}

/**
 * Who stands before the verb: the nearest person or organisation, except that an organisation inside a person's
 * title ("Zabihullah Mujahid, the Afghan Taliban spokesman, said") gives way to the person.
 */
function claimantBefore(sentence: string, offset: number, referents: readonly Referent[], at: number): Referent | undefined {
  const between = (from: number, to: number): string => sentence.slice(from - offset, to - offset);
  let k = referents.length - 1;
  for (; k >= 0; k--) {
    const r = referents[k];
    if (r && r.end <= at && (isPersonish(r) || isOrg(r))) break;
  }
  const nearest = referents[k];
  if (!nearest || !isOrg(nearest)) return nearest;
  for (let j = k - 1; j >= 0; j--) {
    const r = referents[j];
    if (!r || r.end > nearest.start) continue;
    if (isPersonish(r) && r.type !== "pronoun" && APPOSITION.test(between(r.end, nearest.start)) && TITLE_AFTER.test(between(nearest.end, at))) return r;
    break;
  }
  return nearest;
}

/** Between a name and the organisation of its title: ", the", ", a", ",". */
const APPOSITION = /^,\s*(?:the\s+|an?\s+)?$/i;
/** After that organisation, up to the verb: the title itself ("spokesman,", "’s chief spokesman,"). */
const TITLE_AFTER = /^(?:[’']s)?\s+(?:chief\s+|deputy\s+|senior\s+|main\s+)?(?:spokes(?:man|woman|person)|official|minister|commander|leader|envoy|ambassador|chief|head|director)\s*,?\s*$/i;

function buildEvent(
  paragraph: number,
  s: Span,
  sentenceText: string,
  cue: EventCue,
  date: DateMention,
  place: PlaceRef,
  referents: readonly Referent[],
  resolvePronoun: (at: number) => Speaker | undefined,
): ExtractedEvent {
  const cueAt = s.start + cue.index;
  const actors: { entityId: number; role: string }[] = [];
  let claimedById: number | null = null;
  let claimedByText: string | null = null;
  // Who asserts it: for statements the speaker; for incidents whoever "claims"/"says" it in the sentence
  // (the subject before the verb, or the name after "according to").
  const claimMatch = cue.statement ? null : CLAIM_CUE.exec(sentenceText);
  const claimCue = cue.statement ? cueAt : claimMatch ? s.start + claimMatch.index : undefined;
  if (claimCue !== undefined) {
    const claimsAfter = claimMatch !== null && /^according to$/i.test(claimMatch[0]);
    const claimant = claimsAfter
      ? referents.find((r) => r.start >= claimCue && (isPersonish(r) || isOrg(r)) && r.type !== "pronoun")
      : claimantBefore(sentenceText, s.start, referents, claimCue);
    if (claimant?.type === "pronoun") {
      const resolved = resolvePronoun(claimant.start);
      claimedById = resolved?.entityId ?? null;
      claimedByText = resolved?.text ?? null;
    } else if (claimant) {
      claimedById = claimant.type === "entity" ? (claimant.entity?.id ?? null) : null;
      claimedByText = claimant.text;
    }
  }
  for (const r of referents) {
    if (r.type !== "entity" || !r.entity || r.entity.kind === "place") continue;
    const role = r.entity.id === claimedById ? "claimant" : r.end <= cueAt ? (cue.statement ? "speaker" : "actor") : cue.type === "accusation" ? "accused" : "target";
    if (!actors.some((a) => a.entityId === r.entity?.id)) actors.push({ entityId: r.entity.id, role });
  }
  // Dates are not casualty figures ("on November 14, 2024, killed two shepherds").
  const c = casualties(sentenceText.replace(DATE_NUMBERS, (m) => " ".repeat(m.length)));
  const summary = sentenceText.length > 300 ? `${sentenceText.slice(0, 297).trimEnd()}…` : sentenceText;
  return {
    paragraph,
    start: s.start,
    end: s.end,
    date: { value: date.value, precision: date.precision },
    cue,
    summary,
    placeId: place.entity?.id ?? null,
    placeText: place.text,
    claimedById,
    claimedByText,
    actors,
    killed: c.killed,
    injured: c.injured,
    casualtiesText: c.text,
  };
}

/** Where sentences start, counting the first word inside a quotation as a sentence start too. */
function sentenceStarts(text: string, sentences: readonly Span[]): Set<number> {
  const starts = new Set(sentences.map((s) => s.start));
  for (const m of text.matchAll(/[“"‘]\s*/g)) starts.add(m.index + m[0].length);
  return starts;
}

function findCandidates(
  text: string,
  tokens: readonly Token[],
  covered: readonly number[],
  sentences: readonly Span[],
  midSentenceCaps: ReadonlySet<string>,
  candidateSurnames: Map<string, ExtractedCandidate>,
  paragraph: number,
): ExtractedCandidate[] {
  const out: ExtractedCandidate[] = [];
  const starts = sentenceStarts(text, sentences);
  let k = 0;
  while (k < tokens.length) {
    const t = tokens[k];
    if (!t || covered[k] || !isCap(t.raw)) {
      k++;
      continue;
    }
    // Grow a run of capitalised words joined by a space or hyphen, allowing lower-case connectors (al-, -e-, of).
    let end = k;
    while (end + 1 < tokens.length) {
      const next = tokens[end + 1];
      const cur = tokens[end];
      if (!next || !cur || covered[end + 1]) break;
      if (!joinedBySpaceOrHyphen(text, cur, next)) break;
      if (isCap(next.raw)) end++;
      else if (CONNECTORS.has(next.norm) && tokens[end + 2] && isCap(tokens[end + 2]?.raw ?? "") && !covered[end + 2] && joinedBySpaceOrHyphen(text, next, tokens[end + 2])) end += 2;
      else break;
    }
    let from = k;
    const next = end + 1;
    // Drop leading sentence-openers and titles ("However", "The", "General"), remembering a title means a person.
    let titled = false;
    while (from <= end) {
      const tok = tokens[from];
      if (!tok) break;
      if (TITLES.has(tok.norm)) titled = true;
      else if (PEOPLE_NOUNS.has(tok.norm) && CONNECTORS.has(tokens[from + 1]?.norm ?? "") && from + 2 <= end) from++; // "Residents of Mir Ali"
      else if (!STOP.has(tok.norm) && !(starts.has(tok.start) && from === end && !midSentenceCaps.has(tok.norm) && !candidateSurnames.has(tok.norm))) break;
      from++;
    }
    while (end >= from && STOP.has(tokens[end]?.norm ?? "")) end--;
    k = next;
    const first = tokens[from];
    const last = tokens[end];
    if (from > end || !first || !last) continue;
    if (from === end && first.raw.length < 2) continue;
    // A lone capitalised word used as an adjective of a group ("Kandhari and Kabuli factions", "Gulf nations").
    if (from === end && describesGroup(text, tokens, end)) continue;
    // "Doha Agreement", "Trump administration": a lone capitalised word glued to a known name belongs to it.
    if (from === end && from > 0 && covered[from - 1] && joinedBySpace(text, tokens[from - 1] ?? first, first)) continue;
    const span = text.slice(first.start, last.end);
    // An acronym in brackets right after a name ("… Union (SCAU)") is that name again.
    if (from === end && first.raw === first.raw.toUpperCase() && text[first.start - 1] === "(") continue;
    const norm = tokens.slice(from, end + 1).map((x) => x.norm).join(" ");
    const surnameOf = from === end ? candidateSurnames.get(norm) : undefined;
    if (surnameOf) {
      out.push({ ...surnameOf, paragraph, start: first.start, end: last.end });
      continue;
    }
    const kind = guessKind(text, tokens, from, end, titled);
    // An organisation named after a known place ("Chaman Traders Welfare Association") keeps the place in its name.
    let named = from;
    if (kind === "organisation" && !titled) {
      while (named > 0 && covered[named - 1] && isCap(tokens[named - 1]?.raw ?? "") && joinedBySpace(text, tokens[named - 1] ?? first, tokens[named] ?? first)) named--;
    }
    const head = tokens[named] ?? first;
    const candidate: ExtractedCandidate =
      named === from
        ? { paragraph, text: span, norm, kind, start: first.start, end: last.end }
        : { paragraph, text: text.slice(head.start, last.end), norm: tokens.slice(named, end + 1).map((x) => x.norm).join(" "), kind, start: head.start, end: last.end };
    out.push(candidate);
    // Later bare family names ("Momand said", "Gul’s office") are this person again, from here on.
    if (candidate.kind === "person" && end > from) {
      const lastNorm = last.norm;
      if (lastNorm.length >= 3 && !candidateSurnames.has(lastNorm)) candidateSurnames.set(lastNorm, candidate);
    }
  }
  return out;
}

/** Plural nouns a lone capitalised word before them describes rather than names ("Gulf nations"). */
const GROUP_NOUNS = new Set(["factions", "nations", "states", "countries", "communities", "militants", "fighters", "officials", "regimes", "elites", "governments", "monarchies"]);

/** Whether the word at `k` stands before a group noun, directly or as the first of two ("Kandhari and Kabuli factions"). */
function describesGroup(text: string, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  if (!t || !next) return false;
  if (GROUP_NOUNS.has(next.raw) && joinedBySpace(text, t, next)) return true;
  const other = tokens[k + 2];
  const noun = tokens[k + 3];
  return next.raw === "and" && other !== undefined && isCap(other.raw) && noun !== undefined && GROUP_NOUNS.has(noun.raw) && joinedBySpace(text, other, noun);
}

/** "Residents of …", "elders of …": a place follows. */
const PEOPLE_OF = /\b(?:residents|villagers|locals|elders|people|tribesmen|traders|shopkeepers) of\s+$/i;
/** What follows a dateline's place: a dash, perhaps after ", <province>" ("MIR ALI, North Waziristan —"). */
const DATELINE_END = /^\s*(?:,\s*(?!(?:the|a|an)\b)[^,—–.]{1,40}?)?\s*(?:—|–|--?\s)/i;

function guessKind(text: string, tokens: readonly Token[], from: number, end: number, titled: boolean): CandidateKind {
  const lastNorm = tokens[end]?.norm ?? "";
  const words = tokens.slice(from, end + 1).map((t) => t.norm);
  if (words.some((w) => ORG_WORDS.has(w)) && !PLACE_WORDS.has(lastNorm)) return "organisation";
  if (PLACE_WORDS.has(lastNorm)) return "place";
  if (titled) return "person";
  const start = tokens[from]?.start ?? 0;
  // A dateline: the place a report is filed from, in capitals, opening the paragraph ("MIR ALI, North Waziristan —").
  if (start === 0 && tokens.slice(from, end + 1).every((t) => t.raw === t.raw.toUpperCase()) && DATELINE_END.test(text.slice(tokens[end]?.end ?? 0))) return "place";
  const before = text.slice(Math.max(0, start - 40), start);
  if (/\baccording to\s+$/i.test(before)) return "person";
  if (PLACE_PREPOSITIONS.test(before) || PEOPLE_OF.test(before)) return "place";
  if (ROLE_WORDS.test(before)) return "person";
  const after = text.slice(tokens[end]?.end ?? 0, (tokens[end]?.end ?? 0) + 30);
  if (/^[’']?s?\s*,?\s*(said|says|told|added|urged|warned|stated|noted|who|a\s|an\s|the\s)/i.test(after)) return "person";
  if (end > from && end - from <= 3) return "person";
  return "unknown";
}
