/**
 * Candidates: capitalised names the gazetteer does not know, whole ("Pakistan-Afghanistan Joint Chamber of
 * Commerce"), with a guess at their kind. Title words, sentence openers and group adjectives are left out here.
 */
import { honorificKey, type Token } from "../../text/normalize.ts";
import { isSpace, type Span } from "../sentences.ts";
import { spelledEnd } from "../matcher.ts";
import { candidateReferent, type ArticleState, type ParagraphState } from "./context.ts";
import { datedDatelineEnd } from "./dates.ts";
import type { Credit } from "./lexicon.ts";
import {
  CAPTION_WORDS,
  FAITH_ADJECTIVES,
  COMPOUND_TAILS,
  CONNECTORS,
  COUNTRY_NAMES,
  datelineEnd,
  DEMONYMS,
  DESCRIPTORS,
  GROUP_NOUNS,
  HONORIFICS,
  isCap,
  isOutletName,
  isSayingVerb,
  joinedBySpace,
  joinedBySpaceOrHyphen,
  OFFICE_WORDS,
  ORG_WORDS,
  PERIOD_TITLES,
  PEOPLE_NOUNS,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  RANK_FIRSTS,
  RANK_SECONDS,
  ROLE_HEADS,
  ROLE_WORDS,
  STATE_WORDS,
  STOP,
  TITLES,
} from "./lexicon.ts";
import type { CandidateKind, ExtractedCandidate } from "./types.ts";
import { isEnglishWord } from "./wordlist.ts";

/** Abbreviations whose full stop ends no sentence ("Mr. Ban", "Gen. Munir"). */
const ABBREVIATED = new Set(["mr", "mrs", "ms", "dr", "gen", "col", "capt", "sgt", "gov", "sen", "rep", "prof", "maj", "brig", "lt", "st", "no", "jr", "sr"]);

/*
 * Expressions with a Unicode class (\p{…}) are constants here, never written inside a function: tsx's esbuild lowers
 * such a literal to `new RegExp(…)`, which would build it again on every call.
 */
const LETTER = /\p{L}/u;
const LOWER_FIRST = /^\p{Ll}/u;
const LETTERS_FIRST = /^\p{L}+/u;
const ALL_LOWER = /^\p{Ll}+$/u;
const NON_LETTERS = /[^\p{L}]/gu;
/** After a name: a comma and a capitalised word ("…, Chairman"). */
const COMMA_THEN_CAPITALISED = /^\s*,\s*(\p{Lu}\p{L}+)/u;
/** After a name: a possessive and up to three words ("’s latest annual report"), the last one kept. */
const POSSESSIVE_THEN_WORDS = /^[’']s\s+(?:\p{L}+\s+){0,2}?(\p{L}+)/u;

/**
 * Whether a word opens a sentence inside a quotation ("“… every child’s right. Going to school …”"), which the
 * sentence splitter keeps in the quotation's sentence: it follows a full stop (or ! ?) ending a lower-case word that
 * is no abbreviation. Asked only of capitalised words not already known to open a sentence.
 */
function opensInnerSentence(text: string, at: number): boolean {
  let k = at - 1;
  if (k < 1 || text.charCodeAt(k) !== 32) return false;
  while (k > 0 && text.charCodeAt(k) === 32) k--;
  const stop = text.charCodeAt(k);
  if (stop !== 46 && stop !== 33 && stop !== 63) return false;
  let w = k;
  while (w > 0 && LETTER.test(text[w - 1] ?? "")) w--;
  const word = text.slice(w, k);
  return word.length > 0 && LOWER_FIRST.test(word.slice(-1)) && !ABBREVIATED.has(word.toLowerCase());
}

/**
 * Where sentences start, counting the first word inside a quotation as a sentence start too. `firstMark`: where the
 * first of MARK_ANY's marks stands (-1: none), as splitSentences notes it (sentences.ts, FirstMarks).
 */
export function sentenceStarts(text: string, sentences: readonly Span[], credit?: Credit, firstMark = MARK_ANY.exec(text)?.index ?? -1): Set<number> {
  const starts = new Set<number>();
  for (const s of sentences) starts.add(s.start);
  // (A straight mark opens a quotation only where one can open: at the start or after a space, a bracket or a dash;
  // after a word or a comma it closes one, and the word after it goes on the sentence: `…border," Riaz says`.)
  // A list's items run together in one paragraph ("• Office open • Population movements …"): each item opens like a
  // sentence, its first word capitalised as any item's is.
  // (Where the first quotation mark or list item's mark stands first: most paragraphs hold neither, and a plain search
  // for each mark goes over the whole of a two-byte paragraph. Neither kind stands before the first. From there
  // one expression finds both kinds: its match is a mark and the white space after it, and no mark is white space, so
  // a match of one kind never holds one of the other.)
  if (firstMark >= 0) {
    OPENING_MARK_OR_BULLET.lastIndex = firstMark;
    for (let m = OPENING_MARK_OR_BULLET.exec(text); m; m = OPENING_MARK_OR_BULLET.exec(text)) starts.add(m.index + m[0].length);
  }

  // After a dateline ("QUETTA — Thousands joined …"), one with a date ("20 October -- Amid reports …", "KABUL, Oct.
  // 19 –") or a credit line ("VOA News Officials say …") the report's first sentence begins.
  const dateline = datelineEnd(text, credit) || datedDatelineEnd(text) || (LEAD_ANY.test(text) ? (LEAD.exec(text)?.[0].length ?? 0) : 0);
  if (dateline) starts.add(dateline);
  return starts;
}
/**
 * What may open a paragraph before its first sentence proper, besides a dateline in capitals: a dateline in mixed
 * case and a dash ("Peshawar, Pakistan — "), a place or a label and a colon ("ISLAMABAD: ", "Highlights: "), either perhaps with an agency in brackets ("KABUL (AFP) - "), a list
 * item's mark ("- ", "* ", "2) "); then a capitalised word.
 */
const LEAD = /^(?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?(?:\s*\([^()]{1,30}\))?(?:\s+(?:—|–|--)|\s+-|:)|[-*–—]|\d{1,2}[.)])\s+(?=\p{Lu})/u;
/** (A quick test first: a dash, a colon or a list mark in the paragraph's first sixty characters.) */
const LEAD_ANY = /^[^\n]{0,60}?[—–:*-]|^\s*\d{1,2}[.)]/u;
/** A quotation mark OPENING_MARK_OR_BULLET starts with, or a list item's mark. */
const MARK_ANY = /["“‘•◦▪▫●■□‣∙·]/u;

/** A possessive right before a name, its owner one or two words ("VOA's", "the BBC's"). */
const OUTLET_OWNER_BEFORE = /(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)['’]s\s+$/u;
/**
 * A mark that opens a quotation, and the spaces after it; or a list item's mark and the spaces after it, before a
 * letter.
 */
const OPENING_MARK_OR_BULLET = /[“‘]\s*|(?<![^\s([—–-])"\s*|[•◦▪▫●■□‣∙·]\s*(?=\p{L})/gu;

/**
 * Words the article capitalises on their own mid-sentence are names even at a sentence start; a word seen
 * capitalised only inside a longer name ("Small Traders Alliance") is not ("Traders in Chaman say").
 */
export function collectMidSentenceCaps(paras: readonly Pick<ParagraphState, "p" | "tokens" | "caps" | "starts">[], into: Set<string>): void {
  for (const { p, tokens, caps, starts } of paras) {
    if (p.role !== "body") continue;
    // (The paragraph's capitalised tokens, in order: a neighbour is capitalised when it is the one before or after.)
    for (let j = 0; j < caps.length; j++) {
      const k = caps[j] ?? -1;
      const t = tokens[k];
      if (!t) continue;
      // (A word of a longer name first, the cheapest test: most capitalised words are.)
      if ((caps[j - 1] === k - 1 && joinedBySpaceOrHyphen(p.text, tokens[k - 1] ?? t, t)) || (caps[j + 1] === k + 1 && joinedBySpaceOrHyphen(p.text, t, tokens[k + 1]))) continue;
      if (!starts.has(t.start) && !opensInnerSentence(p.text, t.start)) into.add(t.norm);
    }
  }
}

/** A body paragraph's candidates, added to the result and as referents. */
export function addCandidates(article: ArticleState, para: ParagraphState): void {
  for (const c of findCandidates(para.p.text, para.tokens, para.caps, para.covered, para.starts, article, para.i, para.credit)) {
    article.result.candidates.push(c);
    para.referents.push(candidateReferent(c.start, c.end, c.text, c.kind));
  }
}

/** Words of a heading over a kind of piece ("Press Statement", "Media Note", "Fact Sheet"): no byline. */
const HEADING_WORDS = new Set([
  "press", "statement", "release", "briefing", "remarks", "report", "update", "editorial", "opinion", "analysis", "interview", "transcript",
  "news", "breaking", "video", "audio", "photos", "gallery", "readout", "fact", "sheet", "media", "note", "notes", "summary", "comment",
  "commentary", "feature", "background", "live", "latest", "watch", "listen", "read", "more", "story", "stories", "highlights",
]);
/** How a photograph's caption above a byline ends (a line of a sentence's length): with the picture's date, or cut off without a stop. */
const CAPTION_END = /(?:\d{4}\.?|[^.!?"”’)\s])\s*$/u;
/** A byline line: "By" and a name, or a name alone, perhaps with a date ("By Ayaz Gul August 10, 2018"). */
const BYLINE_LINE = /^\s*(?:By\s+)?(\p{Lu}\p{Ll}+(?:[’'-]\p{L}+)?(?:\s+\p{Lu}[\p{Ll}.]+(?:[’'-]\p{L}+)?){1,2})(\s*[,|–—-]?\s*(?:\p{Lu}\p{Ll}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{Lu}\p{Ll}+\s+\d{4}))?\s*$/u;

/**
 * A byline standing as its own line near the top that the parser kept as a heading: its name is a person's, the
 * writer's. Only a name none of whose words is a title, an office, an organisation's or a place's word,
 * a stop word or a known name.
 */
export function addBylineCandidate(article: ArticleState, para: ParagraphState, prev: string | undefined, next: string | undefined): void {
  const { p, tokens, covered } = para;
  if (para.i > 3 || tokens.length > 8) return;
  const m = BYLINE_LINE.exec(p.text);
  const name = m?.[1];
  if (!m || name === undefined) return;
  const start = m.index + m[0].indexOf(name);
  const end = start + name.length;
  for (const [k, t] of tokens.entries()) {
    if (t.start < start || t.end > end) continue;
    if (covered[k] || STOP.has(t.norm) || TITLES.has(t.norm) || OFFICE_WORDS.has(t.norm) || ORG_WORDS.has(t.norm) || PLACE_WORDS.has(t.norm) || CAPTION_WORDS.has(t.norm) || HEADING_WORDS.has(t.norm) || DESK_WORDS.has(t.norm)) return;
  }
  if (isOutletName(name)) return;
  const norm = tokens.filter((t) => t.start >= start && t.end <= end).map((t) => t.norm).join(" ");
  const candidate: ExtractedCandidate = { paragraph: para.i, text: name, norm, kind: "person", start, end };
  article.result.candidates.push(candidate);
  // "By X" or a date after the name makes the line a byline, and so does what a byline stands over: the story's
  // dateline ("ISLAMABAD —") or the writer's office ("Secretary of State"), and what stands over one: a photograph's
  // caption (a line ending in its date, or cut off with no stop). A name alone otherwise ("Heavy Shelling
  // Continues" is shaped like one) is the writer's only when the article names them again: the whole name in the body,
  // or its last word ("Gul said …", admitCandidates).
  const over = next === undefined ? "" : (LETTERS_FIRST.exec(next)?.[0].toLowerCase() ?? "");
  if (m[0].trimStart().startsWith("By ") || m[2] !== undefined || (next !== undefined && datelineEnd(next) > 0) || TITLES.has(over) || (prev !== undefined && prev.length >= 60 && CAPTION_END.test(prev))) {
    article.evidenced.add(norm);
    return;
  }
  article.headingNames.add(norm);
  const last = tokens.filter((t) => t.start >= start && t.end <= end).at(-1)?.norm;
  if (last !== undefined && last.length >= 3 && !article.candidateSurnames.has(last)) article.candidateSurnames.set(last, candidate);
}

function findCandidates(
  text: string,
  tokens: readonly Token[],
  caps: readonly number[],
  covered: readonly number[],
  starts: ReadonlySet<number>,
  article: Pick<ArticleState, "midSentenceCaps" | "candidateSurnames" | "candidateNameParts" | "evidenced" | "definedAcronyms" | "commonNouns" | "headingNames" | "result">,
  paragraph: number,
  credit: Credit | undefined,
): ExtractedCandidate[] {
  const { midSentenceCaps, candidateSurnames, candidateNameParts, evidenced } = article;
  // (A credit line's outlet and the name after it are two names: "VOA News Sana Jamal", "VOA News Officials".)
  const breakAt = credit?.outletEnd ?? -1;
  const out: ExtractedCandidate[] = [];
  let listEnd = -1;
  // (Whether the paragraph is written in capitals: asked once, when a name is first about to be taken.)
  let heading: boolean | undefined;
  let k = 0;
  // (A name starts at a capitalised word: the loop goes from one to the next in the paragraph's list of them, `cap`.)
  let cap = 0;
  while (k < tokens.length) {
    while (cap < caps.length && (caps[cap] ?? 0) < k) cap++;
    if (cap >= caps.length) break;
    k = caps[cap] ?? tokens.length;
    const t = tokens[k];
    if (!t || covered[k]) {
      k++;
      continue;
    }
    // A courtesy title before a word in lower case ("Mr. ban’s spokesperson", as printed): the word is a person's name.
    if (COURTESY.has(t.norm)) {
      const name = tokens[k + 1];
      if (name && !covered[k + 1] && name.raw.length >= 3 && ALL_LOWER.test(name.raw) && !STOP.has(name.norm) && !CONNECTORS.has(name.norm) && /^\.? $/.test(text.slice(t.end, name.start))) {
        out.push({ paragraph, text: name.raw, norm: name.norm, kind: "person", start: name.start, end: name.end });
        evidenced.add(name.norm);
        k += 2;
        continue;
      }
    }
    // Grow a run of capitalised words joined by a space or hyphen, allowing lower-case connectors (al-, -e-, of).
    let end = k;
    while (end + 1 < tokens.length) {
      const next = tokens[end + 1];
      const cur = tokens[end];
      if (!next || !cur || covered[end + 1]) break;
      if (!joinedBySpaceOrHyphen(text, cur, next) || cur.end === breakAt) break;
      // A weekday or a month ends the name before it ("the agency told VOA Thursday"): a date, no part of any name.
      if (isCap(next.raw) && DATE_NAMES.has(next.norm)) break;
      if (isCap(next.raw)) end++;
      // A hyphenated given name with a lower-case second part, after a family name ("Ban Ki-moon", "Kim Jong-un").
      else if (end > k && isGivenNameTail(text, cur, next)) end++;
      // "Ministry of Refugees and Repatriation": "and" joins inside an organisation's name, not between two names.
      // ("UN Migration Agency and UNICEF", "the Interior Ministry and Federal Investigation Agency": two bodies.)
      else if (next.norm === "and" && (runHasOrgWord(tokens, k, end) || (end - k <= 1 && orgRunAt(text, tokens, covered, end + 2))) && isCap(tokens[end + 2]?.raw ?? "") && !covered[end + 2] && joinedBySpace(text, next, tokens[end + 2]) && !secondBodyAfterAnd(text, tokens, covered, k, end)) end += 2;
      // "Minister for Refugees and Repatriation X": an office's two fields joined by "and" after its "for" or "of".
      else if (next.norm === "and" && OFFICE_WORDS.has(cur.norm) && OFFICE_WORDS.has(tokens[end + 2]?.norm ?? "") && isCap(tokens[end + 2]?.raw ?? "") && !covered[end + 2] && joinedBySpace(text, next, tokens[end + 2]) && titleFieldRun(tokens, k, end)) end += 2;
      // "<name> of <country>": a person of a country ("Ambassador Jan Grauls of Belgium"), two names; a state's or an
      // organisation's name holds it ("Republic of Korea", "Embassy of Japan").
      // (Nor an outlet's: "Associated Press of Pakistan".)
      else if (next.norm === "of" && countryAt(text, tokens, covered, end + 2) && !runHasWord(tokens, k, end, ORG_WORDS) && !runHasWord(tokens, k, end, STATE_WORDS) && !isOutletName(text.slice(t.start, tokens[end + 2]?.end ?? next.end))) break;
      // "<union council> of Tehsil <name>", "… of District <name>": an administrative unit named after "of" is a
      // second place, the one the first lies in, no part of its name.
      else if (next.norm === "of" && ADMIN_UNITS.has(tokens[end + 2]?.norm ?? "") && isCap(tokens[end + 2]?.raw ?? "") && isCap(tokens[end + 3]?.raw ?? "")) break;
      else if (CONNECTORS.has(next.norm) && tokens[end + 2] && isCap(tokens[end + 2]?.raw ?? "") && !covered[end + 2] && joinedBySpaceOrHyphen(text, next, tokens[end + 2])) end += 2;
      // "Committee to Protect Journalists": an organisation's "to" and the capitalised verb and plural object after it
      // go on ("the Army to Landi Kotal", a movement to a place, does not: its object is no plural).
      // ("from the Interior Ministry to Chief Secretaries" is a way from one body to others: no name goes on.)
      else if (next.norm === "to" && runHasOrgWord(tokens, k, end) && !FROM_BEFORE.test(text.slice(Math.max(0, t.start - 12), t.start)) && purposeAfter(text, tokens, covered, end + 2) > end + 2) end = purposeAfter(text, tokens, covered, end + 2);
      // "Office for the Coordination of Humanitarian Affairs": an organisation's "of the" or "for the" goes on.
      else if ((next.norm === "of" || next.norm === "for") && tokens[end + 2]?.raw === "the" && isCap(tokens[end + 3]?.raw ?? "") && !covered[end + 3] && runHasOrgWord(tokens, k, end) && joinedBySpace(text, next, tokens[end + 2]) && joinedBySpace(text, tokens[end + 2] ?? next, tokens[end + 3])) end += 3;
      else break;
    }
    // "Group of Friends of Democratic Pakistan": an organisation's run ending in "of" and an adjective stopped at the
    // known name after it. An adjective ends no name: the known name is what it qualifies, and the name goes on through
    // it. ("Residents of Eastern Afghanistan" is no organisation's: the place stays the gazetteer's.)
    if (end >= k + 2 && covered[end + 1] && tokens[end - 1]?.raw === "of" && adjectiveShaped(tokens[end]) && joinedBySpace(text, tokens[end] ?? t, tokens[end + 1]) && runHasOrgWord(tokens, k, end - 2)) {
      end++;
      while (end - k < 12 && covered[end + 1] && isCap(tokens[end + 1]?.raw ?? "") && joinedBySpaceOrHyphen(text, tokens[end] ?? t, tokens[end + 1])) end++;
    }
    // A title written short ending the run before its stop and a name ("… Committee Chairman Sen. John McCain", "Sen"
    // of "Sen. John Reed"): the title is the name's after the stop (titled below), no word of the run; alone, no name.
    if (titleBeforeName(text, tokens[end] ?? t)) {
      if (end === k) {
        k = end + 1;
        continue;
      }
      end--;
    }
    // A US legislator's party and state after the name ("Sen. John McCain, R-Ariz.", "D-Mass."): no name.
    if (end === k + 1 && (t.raw === "R" || t.raw === "D" || t.raw === "I") && /(?:,\s|\()$/.test(text.slice(Math.max(0, t.start - 2), t.start)) && PARTY_STATE.test(text.slice(t.start, t.start + 10))) {
      k = end + 1;
      continue;
    }
    // A stop word alone ("The", "However", "He" opening a sentence) names nothing, and nothing below notes anything
    // of it: titles and office words are dropped from a run's front, then stop words, and no word is left.
    if (end === k && STOP.has(t.norm)) {
      k = end + 1;
      continue;
    }
    // Nor does a word alone that opens a sentence as any word does (opensSentenceOnly): the loop over the run's front
    // below drops it (as a title, an office's word or such an opening word), and nothing before that loop notes
    // anything of a word alone.
    if (end === k && opensSentenceOnly(text, tokens, k, starts, article)) {
      k = end + 1;
      continue;
    }
    const runFrom = k;
    let from = k;
    const next = end + 1;
    // An acronym spelled out ("U-N-H-C-R") the gazetteer does not hold: an organisation's, never a person's name.
    let spelled = k;
    while (spelled < end && STOP.has(tokens[spelled]?.norm ?? "")) spelled++;
    if (end - spelled >= 2 && tokens[spelled]?.raw.length === 1 && spelledEnd(tokens, spelled) > end) {
      const first = tokens[spelled] ?? t;
      const last = tokens[end] ?? t;
      const norm = joinNorms(tokens, spelled, end + 1);
      out.push({ paragraph, text: text.slice(first.start, last.end), norm, kind: "organisation", start: first.start, end: last.end });
      evidenced.add(norm);
      k = next;
      continue;
    }
    // Drop leading sentence-openers and titles ("However", "The", "General"), remembering a title means a person.
    let titled = false;
    // A title written short with a full stop just before the run ("Mr. X", "Lt. Gen. X", "Sen. X"): the stop parts it
    // from the run, and the run is its holder's name.
    // (Not a body's or a place's word after it: "the Gen. Headquarters" is no one's name.)
    const titleBefore = tokens[k - 1];
    if (titleBefore && isCap(titleBefore.raw) && t.start === titleBefore.end + 2 && titleBeforeName(text, titleBefore) && !runHasOrgWord(tokens, k, end) && !FACILITY_HEADS.has(tokens[end]?.norm ?? "") && !PLACE_WORDS.has(tokens[end]?.norm ?? "")) titled = true;
    // "… for South and Central Asian Affairs Richard Boucher": an office's field ends in "Affairs"; a name after it
    // is the office holder's (unless an organisation's words follow: "Foreign Affairs Committee").
    for (let j = end - 1; j >= from; j--) {
      if (tokens[j]?.norm !== "affairs") continue;
      if (!runHasOrgWord(tokens, j + 1, end)) {
        from = j + 1;
        titled = true;
      }
      break;
    }
    // An office before a name ("Defence Minister", "Intelligence Chief Maulvi"): words of an office ending in a title.
    let office = from;
    // (A country's adjective opens an office too: "Indonesian FM", "Nepalese Prime Minister".)
    // (Only with a name after the office: "Imran Sheikh", "Usman Haji" are a given name and a title-like surname.)
    // (An organisation's office too: "Council President X", "Assembly Speaker X", "Party Chairman X".)
    while (office <= end && officeWordAt(tokens, office, from, end)) office++;
    for (let j = office - 1; j >= from; j--) {
      if ((TITLES.has(tokens[j]?.norm ?? "") || (RANK_SECONDS.has(tokens[j]?.norm ?? "") && rankAt(tokens, j - 1))) && !ORG_WORDS.has(tokens[j + 1]?.norm ?? "") && !FACILITY_HEADS.has(tokens[j + 1]?.norm ?? "")) {
        titled = true;
        // A religious or customary honorific is written as part of the name ("Mullah Mohammad", "Intelligence Chief
        // Maulvi Abdul Haq"): the name keeps it, with any honorifics before it ("Maulana Qari …").
        if (HONORIFICS.has(tokens[j]?.norm ?? "") && nameAfterOffice(tokens, j, end)) {
          from = j;
          while (from - 1 >= k && HONORIFICS.has(tokens[from - 1]?.norm ?? "")) from--;
          break;
        }
        from = j + 1;
        // (An office word after the title is still the office: "Chief Executive Abdullah Abdullah".)
        while (from < end - 1 && OFFICE_WORDS.has(tokens[from]?.norm ?? "") && !STOP.has(tokens[from]?.norm ?? "")) from++;
        break;
      }
    }
    // An organisation's office after its name, in the middle of the run ("Pakistan Bar Council President X", "Qaumi
    // Watan Party Chairman X"): the name and the office are a title, the name after them the holder's.
    if (!titled) {
      for (let j = end - 2; j > from - 1; j--) {
        // (A party's or a body's acronym too, opening the run: "PPP Senator X", "PTI MNA X".)
        if (!(ORG_WORDS.has(tokens[j]?.norm ?? "") && j > from) && !acronymRun(tokens, from, j)) continue;
        if (!TITLES.has(tokens[j + 1]?.norm ?? "")) continue;
        let holder = j + 1;
        while (holder < end && TITLES.has(tokens[holder]?.norm ?? "")) holder++;
        if (TITLES.has(tokens[holder]?.norm ?? "") || runHasOrgWord(tokens, holder, end) || !nameAfterOffice(tokens, holder - 1, end)) break;
        from = holder;
        titled = true;
        break;
      }
    }
    // A body's or a place's name run on into a person's, no comma between ("Pakistan's Interior Ministry Rehman Malik
    // announced", "a Taliban spokesman in restive Swat Valley Muslim Khan said"): the words after the head noun are the
    // person's name, two or three words none of which is a body's, a place's, an office's or a title's word.
    if (!titled) {
      const holder = personAfterHead(text, tokens, from, end);
      if (holder > from) {
        from = holder;
        titled = true;
      }
    }
    // A job title of words the lexicon does not list, ending in a role's head noun, before a name ("Associate
    // Protection Officer Fawar Aamir", "Senior Field Coordinator X"): the name after the head is the holder's.
    if (!titled) {
      const holder = holderAfterRole(tokens, covered, from, end);
      if (holder > from) {
        from = holder;
        titled = true;
      }
    }
    // "High Commissioner for Human Rights", "Secretary of State": a title's "for" or "of" and the office words after
    // it name an office; a name of two words or more after them is its holder's ("Secretary of State Marcus Hale").
    if (titled && (tokens[from]?.norm === "for" || tokens[from]?.norm === "of")) {
      let holder = from + 1;
      // (The office goes on through its own "for" or "of": "Secretary of State for Refugees".)
      // ("Head of Office X", "Chief of Staff X", "Head of Mission X": a post's own unit after "of" is the office's too.)
      const unit = tokens[from]?.norm === "of";
      while (holder <= end && (OFFICE_WORDS.has(tokens[holder]?.norm ?? "") || (unit && POST_UNITS.has(tokens[holder]?.norm ?? "")) || tokens[holder]?.norm === "and" || tokens[holder]?.norm === "for" || tokens[holder]?.norm === "of")) holder++;
      if (holder === from + 1 || end - holder < 1) {
        k = next;
        continue;
      }
      from = holder;
    }
    // "DPO Bannu Ziaud Din", "Deputy Commissioner Khyber Abdul Nasir Khan": the post's place, one the article has
    // named as a place before, between the title and a name of two words or more, is no word of the name.
    if (titled && end - from >= 2 && placeNamedBefore(tokens[from]?.norm ?? "", out, article.result.candidates)) from++;
    const orgName = runHasOrgWord(tokens, from, end);
    // "Tehsil Haleemzai", "District Mohmand": an administrative unit's word before a new name of one or two words,
    // written in South Asian copy before the name, is the unit's kind; the name after it is a place's.
    let unitBefore = false;
    if (from < end && end - from <= 2 && ADMIN_UNITS.has(tokens[from]?.norm ?? "") && !orgName && !runHasWord(tokens, from + 1, end, PLACE_WORDS) && !runHasWord(tokens, from + 1, end, STOP)) {
      from++;
      unitBefore = true;
    }
    while (from <= end) {
      const tok = tokens[from];
      if (!tok) break;
      // A demonym or "National" opening an organisation's name is part of it ("Afghan National Disaster Authority").
      if (orgName && DESCRIPTORS.has(tok.norm) && from < end) break;
      // A connector left at the front once the words before it are dropped ("Thousands of IDPs" → not "of IDPs").
      if (CONNECTORS.has(tok.norm) && !isCap(tok.raw) && from > k) {
        from++;
        continue;
      }
      // A word of faith written as a name's first word ("Islam Qala", "Allah Noor") is part of that name.
      if (NAME_OPENING_STOP_WORDS.has(tok.norm) && from < end && !STOP.has(tokens[from + 1]?.norm ?? "") && isCap(tokens[from + 1]?.raw ?? "")) break;
      if (TITLES.has(tok.norm)) {
        // A title that is also an office's adjective, right before the body's word that ends the run, is the body's
        // first word ("General Assembly", "General Headquarters", "Justice Department"), no one's title.
        if (!titled && from + 1 === end && OFFICE_WORDS.has(tok.norm) && (ORG_WORDS.has(tokens[end]?.norm ?? "") || FACILITY_HEADS.has(tokens[end]?.norm ?? ""))) break;
        titled = true;
        // (An honorific with a name after it stays the name's first word.)
        if (HONORIFICS.has(tok.norm) && nameAfterOffice(tokens, from, end)) break;
        // (So is an office's word after a title written short, before a name of two words: "IG Police X Y".)
        if (tok.raw.length <= 4 && tok.raw === tok.raw.toUpperCase() && from + 3 <= end && OFFICE_WORDS.has(tokens[from + 1]?.norm ?? "")) from++;
      } else if (PEOPLE_NOUNS.has(tok.norm) && CONNECTORS.has(tokens[from + 1]?.norm ?? "") && from + 2 <= end) from++; // "Residents of Mir Ali"
      // A person's label before a name ("Refugee Aqakhan recounted", "Resident Gul Khan said"): the name is a person's.
      // (A verb of the sentence or a comma right after the name: "Witness Protection Unit officials said" is a body's.)
      else if (from === k && from < end && PERSON_LABELS.has(tok.norm) && !runHasOrgWord(tokens, from + 1, end) && !runHasWord(tokens, from + 1, end, PLACE_WORDS) && nameAfterOffice(tokens, from, end) && verbOrCommaAfter(text, tokens, end)) titled = true;
      // A participle opening the sentence before a name ("Quoting Balkhi, …", "Praising Imran Khan, …"): no word of it.
      else if (from === k && from < end && openingParticiple(text, tokens, from, end, starts, article)) {
        /* dropped */
      }
      // (A word alone that opens a sentence as any word does is dropped: opensSentenceOnly.)
      else if (!STOP.has(tok.norm) && !(from === end && opensSentenceOnly(text, tokens, from, starts, article))) break;
      from++;
    }
    // (Not the last word of an outlet's name: "India Today"; asked only when there is such a word to drop.)
    // (A given name's lower-case syllable, "Jae-in", is no stop word.)
    const untrimmed = end;
    if (from <= end && STOP.has(tokens[end]?.norm ?? "") && isCap(tokens[end]?.raw ?? "") && !isOutletName(text.slice(tokens[from]?.start ?? 0, tokens[end]?.end ?? 0)) && !familyDemonymLast(text, tokens, from, end)) {
      while (end >= from && STOP.has(tokens[end]?.norm ?? "") && isCap(tokens[end]?.raw ?? "")) end--;
      // A word in lower case that joined the dropped words on ("Coalition and Afghan forces": "and") ends no name.
      while (end > from && !isCap(tokens[end]?.raw ?? "") && JOINING_WORDS.has(tokens[end]?.norm ?? "")) end--;
    }
    // "its Kabul, Herat and Jalalabad Offices": a plural head noun after a list is each item's, no part of the last's
    // name; what is left of the item is a place unless it names an organisation itself.
    let sharedHead = false;
    // (Not after a joining word: "… and Reporters Without Borders" is one name, whose item would end in "Without".)
    if (end > from && isCap(tokens[end]?.raw ?? "") && PLURAL_HEADS.has(tokens[end]?.norm ?? "") && !JOINS_A_NAME.has(tokens[end - 1]?.norm ?? "") && closesList(text, tokens, from)) {
      end--;
      sharedHead = true;
    }
    k = next;
    // A sentence's opening word before a demonym ("Displaced Afghans live …", "Returning Afghans say …"), left alone
    // once the demonym is dropped, opens the sentence like any other: no name unless written so mid-sentence too.
    if (from === end && end < untrimmed && starts.has(tokens[from]?.start ?? -1) && !midSentenceCaps.has(tokens[from]?.norm ?? "") && !candidateSurnames.has(tokens[from]?.norm ?? "")) continue;
    // A job title with no name after it ("UN Emergency Relief Coordinator", "Camp Commissioner for Returnees") is no
    // name; a body's own name before it is ("Norwegian Refugee Council ‸Country Director").
    const role = from <= end ? roleHead(tokens, from, end) : -1;
    if (role >= 0) {
      end = bodyBeforeRole(tokens, from, role);
      if (end < from) continue;
    }
    const first = tokens[from];
    const last = tokens[end];
    if (from > end || !first || !last) continue;
    // A caption or credit ("Pic Via X"), or an office with no name ("Resident", "Humanitarian Coordinator").
    if (officeOrCaption(tokens, from, end)) continue;
    // One of the fields of an office ("the Ministers for Refugees, Rural Rehabilitation, the Economy and Foreign
    // Affairs", "the ministry of Rural Rehabilitation and Development"): part of the office's name, never a name.
    if (inOfficeFields(text, tokens, from, end)) continue;
    // Holders of an office in the plural and its field ("the Ministers for Refugees and Economy"): no one's name.
    if (PLURAL_TITLES.has(first.norm) && (tokens[from + 1]?.raw === "for" || tokens[from + 1]?.raw === "of")) continue;
    // A body's building or seat named by what it is ("Police Headquarters", "Army Headquarters", "Police Station"):
    // generic words alone, no name of its own.
    if (end > from && FACILITY_HEADS.has(last.norm) && genericRun(tokens, from, end - 1)) continue;
    // A document named by what it is, not by a name ("the Tripartite Agreement", "a Peace Accord", "the Joint
    // Declaration"): no person, organisation or place. ("Doha Agreement", named after a place, stays: FRAMEWORK_WORDS.)
    if (end > from && DOCUMENT_HEADS.has(last.norm) && describesOnly(tokens, from, end - 1)) continue;
    // A day, a prize, a festival ("World Press Freedom Day", "Nobel peace Prize"): no person, organisation or place.
    if (OCCASION_WORDS.has(last.norm) || (from === end && OCCASION_WORDS.has(tokens[end + 2]?.norm ?? "") && isCap(tokens[end + 2]?.raw ?? "") && !isCap(tokens[end + 1]?.raw ?? "x"))) continue;
    if (from === end && first.raw.length < 2) continue;
    // A reference by number ("Resolution 2593", "Article 51", "COVID-19") and a military operation ("Operation
    // Zarb-e-Azb") name no person, organisation or place.
    if (numberAfter(text, last.end, last.norm) && !PLACE_WORDS.has(last.norm) && !ORG_WORDS.has(last.norm) && !STOP.has(last.norm)) continue;
    if (first.norm === "operation" && end > from) continue;
    // A plural acronym ("IDPs", "NGOs", "MPs") is a common noun, and a compass point ("NW", "SE") a direction.
    if (from === end && (PLURAL_ACRONYM.test(first.raw) || COMPASS.test(first.raw))) continue;
    // A bare organisation word ("our Consulate in Peshawar", a "Committee" whose name a hyphenated word cut short)
    // names no organisation on its own.
    if (from === end && ORG_WORDS.has(first.norm) && !SELF_NAMING_ORG_WORDS.has(first.norm)) continue;
    // Nor does the plural of a body's or an office's word alone ("with the respective Governments", "Ministries
    // said", "the Commissioners"): a common noun written with a capital.
    if (from === end && INSTITUTION_PLURALS.has(first.norm)) continue;
    // A faith's adjective alone before a noun in lower case ("an Ahmadi worship centre", "a Hindu temple"); not a
    // family name that speaks ("Ahmadi said").
    if (from === end && FAITH_ADJECTIVES.has(first.norm) && lowerNounAfter(text, tokens, end)) continue;
    // A word made with a prefix and a hyphen, used as an adjective before a noun in lower case ("an Inter-Cluster
    // mission", "a Multi-Sector assessment"): no name. ("Inter-Services Intelligence" is more words than two.)
    if (end === from + 1 && HYPHEN_PREFIXES.has(first.norm) && text.charCodeAt(first.end) === 45 && last.start === first.end + 1 && lowerNounAfter(text, tokens, end)) continue;
    // A report speaking of itself ("This Humanitarian Update covers the period …", "this Situation Report"): the
    // document, no person, organisation or place.
    if (PUBLICATION_WORDS.has(last.norm) && (tokens[from - 1]?.norm === "this" || tokens[from - 1]?.norm === "these") && joinedBySpace(text, tokens[from - 1] ?? first, first)) continue;
    // A media player a caption names ("Watch in RealPlayer", "Listen with Windows Media"): no name of the story.
    if (MEDIA_PREPOSITIONS.has(tokens[runFrom - 1]?.norm ?? "") && MEDIA_VERBS.has(tokens[runFrom - 2]?.norm ?? "")) continue;
    // So does a bare word of a kind of place or an administrative unit ("displaced within the Province", a heading's
    // "Central Region" cut to "Region"): a place's head noun alone names no place.
    if (from === end && GENERIC_PLACES.has(first.norm)) continue;
    // A lone capitalised word used as an adjective of a group ("Kandhari and Kabuli factions", "Gulf nations").
    if (from === end && describesGroup(text, tokens, end)) continue;
    // A common plural noun written with a capital after a quantifier ("urges all States", "other Parties").
    // (And it is one wherever else the article writes it alone: "reminded States that …"; see admitCandidates.)
    // ("both X and Y" pairs two names: "both Abbas and Dar", where "both States" alone counts States.)
    if (from === end && first.raw.endsWith("s") && QUANTIFIERS.has(tokens[from - 1]?.raw ?? "") && joinedBySpace(text, tokens[from - 1] ?? first, first) && !pairedByBoth(text, tokens, from)) {
      article.commonNouns.add(first.norm);
      continue;
    }
    // "Doha Agreement", "Trump administration": a lone capitalised word glued to a known name belongs to it.
    if (from === end && from > 0 && covered[from - 1] && joinedBySpace(text, tokens[from - 1] ?? first, first)) continue;
    // "Lower Kurram", "Upper Dir": a word of position glued before a known name is part of that name; so is one
    // joined to another before it ("North and South Waziristan", "Upper and Lower Dir").
    if (from === end && POSITION_WORDS.has(first.norm) && covered[from + 1] && joinedBySpace(text, first, tokens[from + 1])) continue;
    if (from === end && POSITION_WORDS.has(first.norm) && (tokens[from + 1]?.norm === "and" || tokens[from + 1]?.norm === "or") && POSITION_WORDS.has(tokens[from + 2]?.norm ?? "") && isCap(tokens[from + 2]?.raw ?? "") && isCap(tokens[from + 3]?.raw ?? "")) continue;
    // "Jan. 20", "Mar 3": a month's abbreviation before a number is a date.
    if (from === end && MONTH_ABBREVIATIONS.has(first.norm) && /^\.?\s*\d/.test(text.slice(first.end, first.end + 3))) continue;
    const span = text.slice(first.start, last.end);
    // An acronym in brackets right after a name ("… Union (SCAU)") is that name again, and so is a long form in
    // brackets right after an acronym ("ISAF (International Security Assistance Force)").
    if (from === end && first.raw === first.raw.toUpperCase() && text[first.start - 1] === "(") continue;
    if (text[first.start - 1] === "(" && AFTER_ACRONYM.test(text.slice(Math.max(0, first.start - 12), first.start))) continue;
    // (The name's key leaves out the honorifics it opens with before two words or more, as nameKey does: "Haji Ahmad
    // Gul" is "ahmad gul"; before one word they stay, spelled one way: "Mulla Omar" is "mullah omar".)
    let keyFrom = from;
    while (keyFrom < end && HONORIFICS.has(tokens[keyFrom]?.norm ?? "")) keyFrom++;
    const norm = keyFrom > from && keyFrom === end ? honorificKey(tokens.slice(from, end + 1).map((tk) => tk.norm)) : joinNorms(tokens, keyFrom, end + 1);
    // "Mr. Zeid" after "Zeid Ra’ad Al Hussein": a courtesy title and one part of a person's name named before.
    // So is one part alone as the subject of a verb of saying right after it ("Riaz says" after "Riaz Mohammad Khan").
    // (Or right after the verb, the order inverted after a quotation: "“…,” said Wali" after "Wali Mohammad".)
    const courtesy = from === end && (COURTESY.has(tokens[from - 1]?.norm ?? "") || (isSayingVerb(tokens[end + 1]?.raw ?? "") && joinedBySpace(text, last, tokens[end + 1])) || (isSayingVerb(tokens[from - 1]?.raw ?? "") && joinedBySpace(text, tokens[from - 1] ?? first, first))) ? candidateNameParts.get(norm) : undefined;
    let surnameOf: ExtractedCandidate | undefined = from === end ? (candidateSurnames.get(norm) ?? courtesy ?? undefined) : undefined;
    // A heading's last word opening a sentence names the heading's name again only as a subject that says or does
    // something, or one described as a person ("Qadri reported from Chaman", "Qadri is a journalist", "Qadri, who …":
    // actsAfter); "Return of trade …" under "Smugglers Return" is an ordinary word.
    // (Then it is a sentence's opening word like any other: no name unless the article writes it so mid-sentence.)
    if (surnameOf && article.headingNames.has(surnameOf.norm) && !evidenced.has(surnameOf.norm) && starts.has(first.start) && !actsAfter(text, tokens, end)) {
      if (!midSentenceCaps.has(norm)) continue;
      surnameOf = undefined;
    }
    if (surnameOf) {
      // A later reference by one part of the name is evidence that the name is a person's.
      evidenced.add(surnameOf.norm);
      // (Written out, not spread: a copy by spread has a map of its own, and the loops over candidates deoptimised on it.)
      out.push({ paragraph, text: surnameOf.text, norm: surnameOf.norm, kind: surnameOf.kind, start: first.start, end: last.end });
      continue;
    }
    // "… Mission in Afghanistan (UNAMA)": a name followed by a known acronym in brackets is that known name's long
    // form, written in a way the gazetteer does not hold; it is no new name.
    // (Only when the acronym could be the run's own: "Senator Mushtaq Ahmad Khan (JI)" is a person and his party.)
    if (!titled && knownAcronymAfter(text, tokens, covered, from, end)) continue;
    // The writer a credit line names ("VOA News Sana Jamal | Peshawar …") is a person, named as such.
    const writer = credit?.writer !== undefined && first.start === credit.writer.start && last.end === credit.writer.end;
    const kind = writer ? "person" : (sharedHead || unitBefore) && !runHasOrgWord(tokens, from, end) ? "place" : guessKind(text, tokens, from, end, titled);
    // An organisation named after a known place ("Chaman Traders Welfare Association") keeps the place in its name.
    let named = from;
    if (kind === "organisation" && !titled) {
      while (named > 0 && covered[named - 1] && isCap(tokens[named - 1]?.raw ?? "") && joinedBySpaceOrHyphen(text, tokens[named - 1] ?? first, tokens[named] ?? first)) named--;
    }
    const head = tokens[named] ?? first;
    // A line written wholly in capitals is a heading ("VISITS", "… IN ANTICIPATION OF POTENTIAL … INFLUX"): its
    // capitals are the layout's, no evidence of a name; its known names are linked as anywhere, its new ones left
    // out. (A dateline's place opening a paragraph in capitals is a place: "PESHAWAR, Pakistan —".)
    if (!writer && (heading ??= shouting(text)) && !(first.start === 0 && DATELINE_END.test(text.slice(last.end)))) continue;
    // A phrase of ordinary English words with no name's head noun ("Facilitated Group Returns", "Armed Conflict",
    // "Rural Rehabilitation", "Solidarity"): a common noun phrase written with capitals (commonPhrase).
    if (named === from && !titled && !writer && tokens[end + 1]?.raw !== "network" && commonPhrase(tokens, from, end) && !isOutletName(span)) continue;
    // An official's seat named by the office ("Governor House", "the Chief Minister's Secretariat"): with the title
    // dropped, the seat's word alone names no one.
    if (titled && from === end && OFFICIAL_SEATS.has(tokens[from]?.norm ?? "")) continue;
    // A body of a kind, not a named one: an organisation's run of generic words after "a" or "an" that heads its
    // phrase ("plans to set up an independent Commission of Inquiry", "formed a Peace Committee"), or one named by
    // its members ("the Board of Directors", "a Committee of Experts"). No word of it is a name (a known one, a
    // country, a people, an acronym), so nothing tells one such body from another; the article's later
    // references to it ("the Commission of Inquiry will report") are the same common noun (admitCandidates).
    if (named === from && !titled && (kind === "organisation" || MEMBER_BODIES.has(tokens[end - 2]?.norm ?? "")) && !(covered[from - 1] && joinedBySpaceOrHyphen(text, tokens[from - 1] ?? first, first)) && !properWordIn(tokens, covered, from, end) && ((kind === "organisation" && runHasOrgWord(tokens, from, end) && indefiniteBefore(text, tokens, runFrom) && headsPhrase(text, tokens, end)) || namedByMembers(tokens, from, end))) {
      article.commonNouns.add(norm);
      continue;
    }
    // "the Haqqani network": a name before "network" in lower case names that network, an organisation.
    const network = tokens[end + 1]?.raw === "network" && joinedBySpace(text, last, tokens[end + 1]) ? tokens[end + 1] : undefined;
    const candidate: ExtractedCandidate = network
      ? { paragraph, text: text.slice(head.start, network.end), norm: `${joinNorms(tokens, named, end + 1)} network`, kind: "organisation", start: head.start, end: network.end }
      : named === from
        ? { paragraph, text: span, norm, kind, start: first.start, end: last.end }
        : { paragraph, text: text.slice(head.start, last.end), norm: joinNorms(tokens, named, end + 1), kind, start: head.start, end: last.end };
    out.push(candidate);
    // (A list of new names shares the evidence of its first: "two villages, Killi Luqman and Killi Jahangir".)
    // (A name already evidenced needs no more; asked first, as most names recur.)
    // A run that fills a quotation by itself ("the signing of the “One Programme Document,”") is a label, a title
    // or a term the writer quotes: its own words (an organisation's or a place's head noun) are no evidence that it
    // names anything, only what the text says around the quotation marks is ("a group calling itself “…”, which …").
    const quoted = quotationAround(text, tokens[runFrom] ?? first, tokens[untrimmed] ?? last);
    if (evidenced.has(candidate.norm) || titled || unitBefore || network || writer || hasEvidence(text, tokens, covered, from, end, kind, article.definedAcronyms, quoted) || (listEnd >= 0 && LIST_GAP.test(text.slice(listEnd, candidate.start)))) {
      evidenced.add(candidate.norm);
      listEnd = candidate.end;
      // "both A and B": the pair shares the evidence of its second too ("backed by both Younas and Khan, who …").
      const pair = out[out.length - 2];
      if (pair && text.slice(pair.end, candidate.start) === " and " && BOTH_BEFORE.test(text.slice(Math.max(0, pair.start - 6), pair.start))) evidenced.add(pair.norm);
    }
    // Later bare family names ("Momand said", "Gul’s office") are this person again, from here on.
    if (candidate.kind === "person" && end > from) {
      // A name ending in a hyphenated given name puts the family name first ("Ban Ki-moon" → "Mr. Ban").
      const lastNorm = isCap(last.raw) ? last.norm : first.norm;
      if (lastNorm.length >= 3 && !candidateSurnames.has(lastNorm)) candidateSurnames.set(lastNorm, candidate);
      for (let j = from; j <= end; j++) {
        const part = tokens[j];
        if (!part || part.norm.length < 3 || !isCap(part.raw) || CONNECTORS.has(part.norm) || HONORIFICS.has(part.norm)) continue;
        const known = candidateNameParts.get(part.norm);
        candidateNameParts.set(part.norm, known === undefined || known?.norm === candidate.norm ? candidate : null);
      }
    }
  }
  return out;
}

/** Heads of a body's name the lexicon's organisation words leave out ("RAND Corporation", "Pew Research Center" has one). */
const BODY_HEADS = new Set(["corporation", "corp", "academy", "college", "institution", "initiative", "partnership", "consortium", "cooperation"]);

/** Heads of places and administrative units that name no place alone. */
/** Whether a word in lower case that is no verb of saying (nor an auxiliary) follows token k, one space between ("Ahmadi ‸mosque"). */
function lowerNounAfter(text: string, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  if (!t || !next || isCap(next.raw) || !/^\p{Ll}/u.test(next.raw) || !joinedBySpace(text, t, next)) return false;
  return !isSayingVerb(next.raw) && !AUXILIARIES.has(next.norm) && !AGENT_VERBS.has(next.norm) && !CONNECTORS.has(next.norm) && !STOP.has(next.norm);
}

/** Administrative units written before or after a place's name ("Tehsil Bara", "District Mohmand", "Bara Tehsil"). */
const ADMIN_UNITS = new Set(["tehsil", "district", "division", "province", "agency", "subdivision"]);
const GENERIC_PLACES = new Set(["region", "regions", "province", "provinces", "district", "districts", "division", "divisions", "tehsil", "area", "areas", "valley", "river", "village", "villages", "city", "town", "zone", "county", "territory", "territories"]);

/** Whether a paragraph has letters and none of them in lower case: a heading written in capitals. */
function shouting(text: string): boolean {
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c > 127 && text[i] !== text[i]?.toUpperCase()) return false;
  }
  return letters >= 4;
}

/**
 * Whether a word ends as one derived as a common noun, a participle or an abstract noun ("rehabilitation",
 * "document", "solidarity", "displaced", "going", "partnership", "conference", and their plurals): a proper noun
 * rarely ends so and is an English word. (Asked by its last letter: this runs for each word of most new names.)
 */
function derivedWord(w: string): boolean {
  let n = w.length;
  if (n < 5) return false;
  if (w.charCodeAt(n - 1) === 115 && w.charCodeAt(n - 2) !== 115) n--;
  switch (w.charCodeAt(n - 1)) {
    case 110: // n
      return endsAt(w, n, "tion") || endsAt(w, n, "sion");
    case 116: // t
      return endsAt(w, n, "ment");
    case 121: // y
      return endsAt(w, n, "ity");
    case 115: // s (the plural's s already dropped: "ness")
      return endsAt(w, n, "ness");
    case 101: // e
      return endsAt(w, n, "ance") || endsAt(w, n, "ence");
    case 103: // g
      return endsAt(w, n, "ing");
    case 100: // d
      return n === w.length && endsAt(w, n, "ed");
    case 109: // m
      return endsAt(w, n, "ism");
    case 112: // p
      return endsAt(w, n, "ship");
    default:
      return false;
  }
}
/** A head noun of a body's, a place's or a building's name ("Committee", "Corporation", "Valley", "Hotel", "Republic"). */
function nameHead(w: string): boolean {
  return ORG_WORDS.has(w) || ORG_HEADS.has(w) || BODY_HEADS.has(w) || PLACE_WORDS.has(w) || BUILDING_WORDS.has(w) || FACILITY_HEADS.has(w) || STATE_WORDS.has(w);
}
/** Whether `w` cut to `n` characters ends in `x` with at least two letters before it. */
function endsAt(w: string, n: number, x: string): boolean {
  return n >= x.length + 2 && w.startsWith(x, n - x.length);
}
const LOWER_ASCII = /^[a-z]+$/;
/** Joining words inside a phrase ("Commission of Inquiry", "Partnership for Solidarity"). */
const PHRASE_JOINS = new Set(["of", "for", "and", "the", "on", "in", "to"]);

/**
 * Whether the run [from, end] is a common noun phrase written with capitals: every word an ordinary English word
 * (a lower-case entry of the word list), at least one of them derived (derivedWord: the list also holds proper
 * nouns' homographs, "geneva", "swat", "james", which no such ending has), and its head (the last word, or the word
 * before its first "of"/"for") no head noun of a name (an institution's "Ministry", "Council", "Programme", a
 * place's "Valley", a building's "Hotel"). The word list is asked last, and only then.
 */
function commonPhrase(tokens: readonly { readonly norm: string }[], from: number, end: number): boolean {
  let derived = false;
  let head = end;
  for (let j = from; j <= end; j++) {
    const w = tokens[j]?.norm ?? "";
    if (PHRASE_JOINS.has(w)) {
      if (head === end && j > from && (w === "of" || w === "for")) head = j - 1;
      continue;
    }
    if (!derived && derivedWord(w) && !NAME_ADJECTIVES.has(w)) derived = true;
  }
  if (!derived) return false;
  const h = tokens[head]?.norm ?? "";
  if (nameHead(h) || (h.length > 3 && h.endsWith("s") && !h.endsWith("ss") && nameHead(h.slice(0, -1)))) return false;
  for (let j = from; j <= end; j++) {
    const w = tokens[j]?.norm ?? "";
    if (!PHRASE_JOINS.has(w) && !(LOWER_ASCII.test(w) && isEnglishWord(w))) return false;
  }
  return true;
}

/** A word shaped like an adjective ("Democratic", "Islamic", "Federal", "Afghan", "Northern", "Greater"). */
function adjectiveShaped(t: Token | undefined): boolean {
  if (!t || !isCap(t.raw) || t.norm.length < 4) return false;
  return ADJECTIVE_ENDING.test(t.norm) || DEMONYM_SHAPE.test(t.norm) || DESCRIPTORS.has(t.norm) || POSITION_WORDS.has(t.norm) || NAME_ADJECTIVES.has(t.norm);
}
const ADJECTIVE_ENDING = /(?:ic|al|ern|ist|ive|ary)$/;
/** Adjectives of other shapes that qualify a country in a name ("Free", "United", "Sovereign", "Independent"). */
const NAME_ADJECTIVES = new Set(["free", "united", "new", "sovereign", "independent", "peaceful", "prosperous", "stable"]);

/**
 * Whether a word of [from, end] is a name's own: a known name, a country, a people's word ("Afghan", "Pakistani"),
 * an acronym. Without one, a run of capitalised words is made of common words ("Commission of Inquiry").
 */
function properWordIn(tokens: readonly Token[], covered: readonly number[], from: number, end: number): boolean {
  for (let j = from; j <= end; j++) {
    const t = tokens[j];
    if (!t) continue;
    if (covered[j] || ACRONYM.test(t.raw) || COUNTRY_NAMES.has(t.norm) || DEMONYMS.has(t.norm) || (DESCRIPTORS.has(t.norm) && !GENERIC_DESCRIPTORS.has(t.norm)) || (DEMONYM_SHAPE.test(t.norm) && !ORG_WORDS.has(t.norm) && !OFFICE_WORDS.has(t.norm))) return true;
  }
  return false;
}
/** Descriptors that say what a body is, not whose: "National", "Federal", "Provincial", "Central". */
const GENERIC_DESCRIPTORS = new Set(["national", "federal", "provincial", "central", "western", "eastern", "northern", "southern"]);

/**
 * Whether the run starting at token `k` follows "a" or "an", perhaps after up to three adjectives in lower case ("an
 * independent ‸Commission", "a new three-member ‸Committee"): an indefinite phrase names a kind of thing.
 */
function indefiniteBefore(text: string, tokens: readonly Token[], k: number): boolean {
  for (let j = k - 1, hops = 0; j >= 0 && hops < 4; j--, hops++) {
    const t = tokens[j];
    const after = tokens[j + 1];
    if (!t || !after || !/^[\s-]$/.test(text.slice(t.end, after.start))) return false;
    if (t.norm === "a" || t.norm === "an") return true;
    // (Adjectives only: a verb ends the search, "a senior official told ‸Reuters".)
    if (!ALL_LOWER.test(t.raw) || STOP.has(t.norm) || CONNECTORS.has(t.norm) || AUXILIARIES.has(t.norm) || isSayingVerb(t.raw) || AGENT_VERBS.has(t.norm) || PHRASE_ENDERS.has(t.norm)) return false;
  }
  return false;
}

/**
 * Whether the run ending at token `end` ends its noun phrase too: no noun in lower case follows it ("a Security
 * Council ‸resolution", where the article is the resolution's). After it: the end of the text, a mark, a function
 * word, an auxiliary or adverb ("shortly"), or a verb of saying.
 */
function headsPhrase(text: string, tokens: readonly Token[], end: number): boolean {
  let last = tokens[end];
  let next = tokens[end + 1];
  // (Past an acronym in brackets: "a World Food Programme (WFP) ‸distribution centre".)
  if (last && next && acronymAfter(text, last) === next.raw) {
    last = { ...next, end: next.end + 1 };
    next = tokens[end + 2];
  }
  if (!last || !next || text.slice(last.end, next.start) !== " " || !ALL_LOWER.test(next.raw)) return true;
  return STOP.has(next.norm) || CONNECTORS.has(next.norm) || AUXILIARIES.has(next.norm) || PHRASE_ENDERS.has(next.norm) || next.norm.endsWith("ly") || isSayingVerb(next.raw);
}
/** Words in lower case that follow a noun phrase rather than go on with it. */
const PHRASE_ENDERS = new Set(["of", "to", "with", "into", "about", "over", "under", "soon", "which", "who", "whose", "that", "be", "been", "being", "can", "may", "might", "must", "should", "shall"]);

/** Organisation words for a body formed inside another and named by its members ("Board of Directors", "Group of Friends"). */
const MEMBER_BODIES = new Set(["board", "committee", "council", "commission", "panel", "group"]);
/** Plural nouns for people ("Directors", "Experts", "Elders", "Friends"): a body's members. */
const MEMBER_NOUNS = new Set(["experts", "friends", "elders", "notables", "scholars", "citizens", "parents", "members", "delegates", "trustees", "ministers", "governors", "directors", "advisers", "advisors", "judges", "ulema", "clerics"]);
/** Plural agent nouns ("Directors", "Governors", "Journalists", "Trustees") by their ending. */
const AGENT_PLURAL = /^\p{L}{3,}(?:ors|ers|ists|ees)$/u;
/**
 * Whether [from, end] is "<body> of <members>": organisation words, "of" and a plural noun for people ("Board of
 * Directors", "Council of Elders", "Panel of Experts").
 */
function namedByMembers(tokens: readonly Token[], from: number, end: number): boolean {
  const of = tokens[end - 1];
  const members = tokens[end];
  if (end - from < 2 || !of || of.raw !== "of" || !members) return false;
  if (!MEMBER_NOUNS.has(members.norm) && !PEOPLE_NOUNS.has(members.norm) && !PLURAL_TITLES.has(members.norm) && !AGENT_PLURAL.test(members.norm)) return false;
  return MEMBER_BODIES.has(tokens[end - 2]?.norm ?? "");
}

/**
 * Where the quotation a run fills by itself opens, perhaps after "the" or "a" ("“One Programme Document,”", "the
 * “Quetta Shura”"), or -1: a mark right before its first token and the matching one right after its last, a comma
 * or stop between them allowed.
 */
function quotationAround(text: string, first: Token, last: Token): number {
  let open = first.start - 1;
  while (open >= 0 && text.charCodeAt(open) === 32) open--;
  const mark = text[open];
  const close = mark === "“" ? "”" : mark === "‘" ? "’" : mark === '"' ? '"' : undefined;
  if (close === undefined) return -1;
  let at = last.end;
  if (at < text.length && ",.;:!?".includes(text[at] ?? "x")) at++;
  return text[at] === close ? open : -1;
}

/** Whether a run is only office and title words ("Humanitarian Coordinator"), or holds a caption word ("Via"). */
/**
 * The normal forms of tokens [from, to) joined by single spaces, as `tokens.slice(from, to).map((t) => t.norm).join(" ")`
 * gives them, without the two arrays (and without the arrays' element kinds, which deoptimised findCandidates).
 */
function joinNorms(tokens: readonly Token[], from: number, to: number): string {
  const end = Math.min(to, tokens.length);
  if (from < 0) return tokens.slice(from, to).map((t) => t.norm).join(" ");
  if (from >= end) return "";
  let out = tokens[from]?.norm ?? "";
  for (let k = from + 1; k < end; k++) out += ` ${tokens[k]?.norm ?? ""}`;
  return out;
}

/** Nouns of an office that a list of fields follows after "for" or "of" ("the Ministers for Refugees, …, and Economy"). */
const FIELD_OWNERS = new Set(["minister", "ministers", "ministry", "ministries", "department", "departments", "secretary", "secretaries", "office", "offices", "commission", "commissions", "commissioner", "commissioners", "directorate", "directorates", "division", "divisions", "portfolio", "portfolios"]);
/** Titles in the plural, holders of an office named by its field after them ("the Ministers for Refugees and Economy"). */
const PLURAL_TITLES = new Set(["ministers", "secretaries", "commissioners", "governors", "ambassadors", "envoys", "representatives", "directors", "advisers", "advisors", "coordinators", "consuls", "deputies", "chiefs", "heads", "commanders", "spokesmen", "spokespersons", "spokeswomen"]);
/** Prepositions inside an organisation's name that no person's name holds ("Reporters Without Borders"). */
const NAME_PREPOSITIONS = new Set(["without", "against", "within", "beyond", "across", "under", "between", "through", "sans", "to"]);
/** Head nouns of a body's building or seat ("Police Headquarters", "Police Station"). */
const FACILITY_HEADS = new Set(["headquarters", "station", "building", "compound", "premises", "complex"]);

/** Whether every word of [from, to] is a body's or an office's generic word ("Police", "Army", "District"). */
function genericRun(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j <= to; j++) {
    const w = tokens[j]?.norm ?? "";
    if (!ORG_WORDS.has(w) && !OFFICE_WORDS.has(w)) return false;
  }
  return true;
}

/** Organisations' words an office's field may end in ("Minister for Postal Services", "Relief", "Information and News"). */
const FIELD_ORG_WORDS = new Set(["services", "service", "relief", "news", "administration", "programme", "program"]);

/** Whether a run ends in an organisation's head noun, so that it names a body, never an office's field ("the Federal Investigation Agency"). */
function bodyHeaded(tokens: readonly Token[], to: number): boolean {
  const w = tokens[to]?.norm ?? "";
  return ORG_WORDS.has(w) && !FIELD_ORG_WORDS.has(w);
}

/**
 * Whether tokens [from, to] are capitalised words joined by spaces, none a title ("Rural Rehabilitation", not "Interior
 * Minister X"), and not ending in a body's head noun ("the Federal Investigation Agency" in a list after "the Ministry of
 * Interior" is a body of its own).
 */
function fieldItem(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j <= to; j++) {
    const t = tokens[j];
    if (!t || !isCap(t.raw) || TITLES.has(t.norm) || (j > from && !joinedBySpace(text, tokens[j - 1] ?? t, t))) return false;
  }
  return !bodyHeaded(tokens, to);
}

/** The first token of the capitalised item ending at `to` (perhaps after "the"), walking back over joined capitals. */
function itemStart(text: string, tokens: readonly Token[], to: number): number {
  let j = to;
  for (let prev = tokens[j - 1]; prev && isCap(prev.raw) && joinedBySpace(text, prev, tokens[j]); prev = tokens[j - 1]) j--;
  return j;
}

/**
 * Whether the run [from, end] is one of a list of an office's fields: the list follows "<office noun> for" or "…
 * of" ("the Ministers for Refugees, Rural Rehabilitation, the Economy and Foreign Affairs", "the ministry of Rural
 * Rehabilitation and Development") and is closed by "and" or "or", after the run or right before it. Items are
 * capitalised words, perhaps after "the", none a title. A name in apposition to an office of one field ("the
 * Minister for Refugees, X, said", "the Minister for Refugees and Repatriation, X, said") is no item: an "and"
 * before it closed the list already, and "X, and" after one field is the apposition's close (so a list of three
 * with a comma before its "and" is left alone: "the Minister for Refugees, X, and Y met").
 */
function inOfficeFields(text: string, tokens: readonly Token[], from: number, end: number): boolean {
  if (bodyHeaded(tokens, end)) return false;
  let closed: "and" | "comma" | undefined;
  let items = 1;
  let j = from;
  // Back to the office's "for" or "of", over the items before the run.
  for (let hops = 0; ; hops++) {
    if (hops > 8) return false;
    let p = j - 1;
    const article = tokens[p];
    if (article?.raw === "the" && joinedBySpace(text, article, tokens[j])) p--;
    const t = tokens[p];
    const after = tokens[p + 1];
    if (!t || !after) return false;
    const gap = text.slice(t.end, after.start);
    if ((t.raw === "for" || t.raw === "of") && gap === " ") {
      const owner = tokens[p - 1];
      if (!owner || !FIELD_OWNERS.has(owner.norm) || !joinedBySpace(text, owner, t)) return false;
      break;
    }
    let itemEnd: number;
    if ((t.raw === "and" || t.raw === "or") && gap === " ") {
      // (Only right before the run: an "and" further back closed the list before it.)
      if (hops > 0) return false;
      const q = tokens[p - 1];
      if (!q || !/^,?\s$/.test(text.slice(q.end, t.start))) return false;
      closed = text.charCodeAt(q.end) === 44 ? "comma" : "and";
      itemEnd = p - 1;
    } else if (/^\s*,\s*$/.test(gap)) itemEnd = p;
    else return false;
    const start = itemStart(text, tokens, itemEnd);
    if (!fieldItem(text, tokens, start, itemEnd)) return false;
    items++;
    j = start;
  }
  // ("the Minister for Refugees, X, and Y": one field, then two names, the first set off by commas.)
  if (closed) return !(closed === "comma" && items === 3);
  // On from the run to the "and" that closes the list.
  let k = end;
  for (let hops = 0; hops < 8; hops++) {
    const t = tokens[k + 1];
    if (!t) return false;
    const gap = text.slice(tokens[k]?.end ?? 0, t.start);
    let next = k + 1;
    const joining = (t.raw === "and" || t.raw === "or") && /^,?\s$/.test(gap);
    if (joining) {
      // ("the Minister for Refugees, X, and Y": one field, then a name set off by commas, is an apposition.)
      if (items === 2 && hops === 0 && gap.startsWith(",")) return false;
      next = k + 2;
    } else if (!/^\s*,\s*$/.test(gap)) return false;
    if (tokens[next]?.raw === "the") next++;
    let last = next;
    for (let cur = tokens[last]; cur && isCap(tokens[last + 1]?.raw ?? "") && joinedBySpace(text, cur, tokens[last + 1]); cur = tokens[last]) last++;
    if (!fieldItem(text, tokens, next, last)) return false;
    if (joining) return true;
    items++;
    k = last;
  }
  return false;
}

function officeOrCaption(tokens: readonly Token[], from: number, end: number): boolean {
  let office = true;
  for (let j = from; j <= end; j++) {
    const w = tokens[j]?.norm ?? "";
    if (CAPTION_WORDS.has(w)) return true;
    if (office && !OFFICE_WORDS.has(w) && !TITLES.has(w)) office = false;
  }
  return office;
}

/**
 * Where the holder's name starts in a run [from, end] that holds a job title ending in a role's head noun and a name
 * after it ("Associate Protection Officer ‸Fawar Aamir"), or -1: the head is the last one in the run, and the one
 * to four words after it could be a person's name (capitalised, none known, an acronym, a title's, an office's, an
 * organisation's or a place's word, a country or a stop word: "Deputy Commissioner Office" is a body's name).
 */
function holderAfterRole(tokens: readonly Token[], covered: readonly number[], from: number, end: number): number {
  let head = -1;
  for (let j = end - 1; j >= from; j--) {
    if (ROLE_HEADS.has(tokens[j]?.norm ?? "")) {
      head = j;
      break;
    }
  }
  if (head < 0) return -1;
  // (A role's word that is also a given name is a role only after another word: "District Nazim X", not "Nazim Shah".)
  if (head === from && GIVEN_NAME_ROLES.has(tokens[head]?.norm ?? "")) return -1;
  // ("Senior Superintendent of Police Ali Khan": the title's own "of" or "for" and its field; the caller looks past them.)
  const after = tokens[head + 1]?.raw;
  if (after === "of" || after === "for") return head + 1;
  if (end - head > 4) return -1;
  for (let j = head + 1; j <= end; j++) {
    const t = tokens[j];
    if (!t || covered[j] || !isCap(t.raw) || ACRONYM.test(t.raw)) return -1;
    const w = t.norm;
    if (ROLE_HEADS.has(w) || (TITLES.has(w) && !HONORIFICS.has(w)) || OFFICE_WORDS.has(w) || ORG_WORDS.has(w) || PLACE_WORDS.has(w) || STOP.has(w) || COUNTRY_NAMES.has(w)) return -1;
  }
  return head + 1;
}

/**
 * The head noun of a run that is a job title with no name, or -1: the last word, or the one before its first "for" or
 * "of", is a role's ("… Emergency Relief Coordinator", "Camp Commissioner for …"). A role is no organisation or
 * person of its own; its holder is (titles.ts resolves a bare title by country and date where the gazetteer knows
 * one). A body's name ending so is an office's, "Office of the Special Envoy", whose head is its first word.
 */
function roleHead(tokens: readonly Token[], from: number, end: number): number {
  let head = end;
  for (let j = from + 1; j < end; j++) {
    const w = tokens[j]?.raw;
    if (w === "for" || w === "of") {
      head = j - 1;
      break;
    }
  }
  return ROLE_HEADS.has(tokens[head]?.norm ?? "") ? head : -1;
}

/**
 * Where a body's name before a job title ends ("‸Norwegian Refugee Council‸ Country Director", "Pakistan Bar
 * Council‸ President"), or -1: the last organisation's head noun before the role's head (not a field's: "Emergency
 * Relief Coordinator"), the words up to it not generic alone ("District Police Officer" is a title).
 */
function bodyBeforeRole(tokens: readonly Token[], from: number, head: number): number {
  for (let j = head - 1; j >= from; j--) {
    if (bodyHeaded(tokens, j)) return genericRun(tokens, from, j) ? -1 : j;
  }
  return -1;
}

/**
 * Whether a run of capitalised words starting at `k` names an organisation ("Registration Authority"): then one
 * word and "and" before it are part of its name ("National Database and Registration Authority"), not a name apart.
 */
function orgRunAt(text: string, tokens: readonly Token[], covered: readonly number[], k: number): boolean {
  for (let j = k; j < tokens.length && j < k + 5; j++) {
    const t = tokens[j];
    if (!t || covered[j] || !isCap(t.raw)) return false;
    if (ORG_WORDS.has(t.norm)) return true;
    if (!joinedBySpace(text, t, tokens[j + 1])) return false;
  }
  return false;
}

/**
 * Whether the "and" after a body's name ending at token `end` (run from `k`) joins a second body, not a part of the
 * first's name: the words before it already stand as a body's name of two words or more, ending in its head noun
 * ("UN Migration Agency", "the Interior Ministry"), and the words after it stand as a name alone too: an acronym
 * by itself ("… and UNICEF") or a run of its own with an organisation's word ("… and Federal Investigation Agency").
 * A name whose "and" joins two fields ("Ministry of States and Frontier Regions", "National Database and
 * Registration Authority", "Ministry of Science and IT") has no head noun before its "and".
 */
function secondBodyAfterAnd(text: string, tokens: readonly Token[], covered: readonly number[], k: number, end: number): boolean {
  if (end <= k || !bodyHeaded(tokens, end)) return false;
  const first = end + 2;
  let last = first;
  for (let cur = tokens[last]; cur && last < first + 6 && isCap(tokens[last + 1]?.raw ?? "") && !covered[last + 1] && joinedBySpaceOrHyphen(text, cur, tokens[last + 1]); cur = tokens[last]) last++;
  if (last === first) return ACRONYM.test(tokens[first]?.raw ?? "");
  return runHasOrgWord(tokens, first, last);
}

/** Right before a body's name: "from" ("a letter from the Interior Ministry to …"). */
const FROM_BEFORE = /\bfrom\s+(?:the\s+)?$/i;

/**
 * Where the purpose of an organisation's name after its "to" ends ("… to ‸Protect Journalists‸"): two or more
 * capitalised words joined by spaces, none known or a place's word, the first no title nor a word of an office or a
 * body (a verb's: "Chief Secretaries", "Provincial Governments" are whom the body writes to), the last a plural and no
 * title's; -1 when there is none.
 */
function purposeAfter(text: string, tokens: readonly Token[], covered: readonly number[], k: number): number {
  const to = tokens[k - 1];
  if (!to || !joinedBySpace(text, to, tokens[k])) return -1;
  const first = tokens[k]?.norm ?? "";
  if (TITLES.has(first) || OFFICE_WORDS.has(first) || ORG_WORDS.has(first)) return -1;
  let j = k;
  for (let t = tokens[j]; t && isCap(t.raw) && !covered[j] && !PLACE_WORDS.has(t.norm) && j < k + 4; t = tokens[j]) {
    if (!joinedBySpace(text, t, tokens[j + 1]) || !isCap(tokens[j + 1]?.raw ?? "") || covered[j + 1]) break;
    j++;
  }
  const last = tokens[j];
  return j > k && last && !PLACE_WORDS.has(last.norm) && !PLURAL_TITLES.has(last.norm) && /[^s]s$/.test(last.norm) ? j : -1;
}

function runHasOrgWord(tokens: readonly Token[], from: number, end: number): boolean {
  return runHasWord(tokens, from, end, ORG_WORDS);
}

function runHasWord(tokens: readonly Token[], from: number, end: number, words: ReadonlySet<string>): boolean {
  for (let j = from; j <= end; j++) if (words.has(tokens[j]?.norm ?? "")) return true;
  return false;
}

/** "Ki-" + "moon": a short capitalised part, a hyphen, and a short lower-case syllable that is no compound's tail ("-led"). */
function isGivenNameTail(text: string, cur: Token, next: Token): boolean {
  return cur.raw.length <= 5 && text.charCodeAt(cur.end) === 45 && next.start === cur.end + 1 && next.raw.length >= 2 && next.raw.length <= 5 && ALL_LOWER.test(next.raw) && !COMPOUND_TAILS.has(next.norm);
}

/** Whether a country's name (one to three capitalised words, not a known place's) starts at token `k`. */
function countryAt(text: string, tokens: readonly Token[], covered: readonly number[], k: number): boolean {
  let name = "";
  for (let j = k; j < k + 3 && j < tokens.length; j++) {
    const t = tokens[j];
    if (!t || covered[j] || !isCap(t.raw)) return false;
    name = name ? `${name} ${t.norm}` : t.norm;
    if (COUNTRY_NAMES.has(name) && !(isCap(tokens[j + 1]?.raw ?? "") && joinedBySpace(text, t, tokens[j + 1]))) return true;
    if (!joinedBySpace(text, t, tokens[j + 1])) return false;
  }
  return false;
}

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

/** Words of faith in STOP that may open a longer name ("Islam Qala", "Allah Noor"): kept when a capitalised word follows. */
const NAME_OPENING_STOP_WORDS = new Set(["islam", "allah"]);
/** Plurals of organisation words ("Offices", "Embassies"). */
const ORG_PLURALS: ReadonlySet<string> = new Set([...ORG_WORDS].map(plural));
/** Plurals of a body's or an office's word, and of "government" ("Governments", "Ministries", "Commissioners"): common nouns alone. */
const INSTITUTION_PLURALS: ReadonlySet<string> = new Set([...ORG_PLURALS, ...[...TITLES].filter((w) => w.length > 3 && !HONORIFICS.has(w)).map(plural), "governments", "administrations", "authorities"]);
/** A caption's verb and preposition before a media player's name ("Watch in RealPlayer", "Listen with QuickTime"). */
const MEDIA_VERBS: ReadonlySet<string> = new Set(["watch", "listen", "view", "play", "download"]);
const MEDIA_PREPOSITIONS: ReadonlySet<string> = new Set(["in", "on", "with", "using"]);
/** Plurals of organisation and place words that a list of names may share ("Kabul and Herat Offices", "Khyber and Kurram Agencies"). */
const PLURAL_HEADS: ReadonlySet<string> = new Set([...ORG_PLURALS, ...[...PLACE_WORDS].map(plural)]);
function plural(w: string): string {
  return /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /(?:s|sh|ch|x|z)$/.test(w) ? `${w}es` : `${w}s`;
}
/**
 * Words that join a name's parts and so end none: prepositions and connectors ("Reporters Without Borders", "Friends
 * of the Earth"). Before a plural head noun they make it the name's own, not one a list shares.
 */
const JOINS_A_NAME: ReadonlySet<string> = new Set([...CONNECTORS, ...STOP, "without", "within", "against", "beyond", "across", "under", "over", "between", "through", "sans", "du", "des", "la", "le"]);
/** Whether the name at `from` is the last item of a list of capitalised names ("Kabul, Herat and ‸Jalalabad"). */
function closesList(text: string, tokens: readonly Token[], from: number): boolean {
  const first = tokens[from];
  if (!first) return false;
  let k = from - 1;
  if (tokens[k]?.raw === "and" || tokens[k]?.raw === "or") k--;
  const before = tokens[k];
  return before !== undefined && isCap(before.raw) && LIST_GAP.test(text.slice(before.end, first.start));
}
/** Last words of the names of documents: agreements, declarations, plans. */
const DOCUMENT_HEADS = new Set(["agreement", "agreements", "accord", "accords", "treaty", "pact", "declaration", "charter", "convention", "protocol", "memorandum", "communique", "communiqué", "plan", "roadmap", "strategy", "framework"]);
/** A newsroom's desk signing a story, no writer's name ("By Staff Reporter", "By Web Desk", "By Reuters Staff"). */
const DESK_WORDS = new Set(["staff", "reporter", "reporters", "correspondent", "correspondents", "desk", "bureau", "agencies", "team", "editor", "editors", "editorial", "monitor", "monitoring", "writer", "writers", "newsroom", "wires"]);
/** Prefixes written with a hyphen before a word ("Inter-Cluster", "Multi-Sector", "Cross-Border"). */
const HYPHEN_PREFIXES = new Set(["inter", "intra", "multi", "cross", "non", "pre", "post", "sub", "trans", "co"]);
/** What a report calls itself ("This Humanitarian Update", "this Situation Report", "This Snapshot"). */
const PUBLICATION_WORDS = new Set(["update", "updates", "report", "bulletin", "snapshot", "overview", "factsheet", "sitrep", "brief", "note", "newsletter", "dashboard"]);
/** Adjectives and nouns that say what a document is, not whose or where ("Joint", "Peace", "Transit Trade"). */
const DOCUMENT_QUALIFIERS = new Set(["peace", "ceasefire", "truce", "joint", "interim", "final", "comprehensive", "framework", "strategic", "transit", "trade", "action", "national", "new", "draft", "provisional", "preliminary", "global", "regional", "bilateral", "multilateral"]);
/** Whether every word of [from, to] describes a document: a qualifier, an office's field ("Security"), or a count of parties ("Tripartite", "Trilateral"). */
function describesOnly(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j <= to; j++) {
    const w = tokens[j]?.norm ?? "";
    if (!DOCUMENT_QUALIFIERS.has(w) && !OFFICE_WORDS.has(w) && !/^(?:uni|bi|tri|quadri?|multi)(?:lateral|partite)$/.test(w)) return false;
  }
  return true;
}
/** Organisation words that are a name on their own ("the Taliban", "Jamaat"), unlike "Consulate" or "Committee". */
const SELF_NAMING_ORG_WORDS = new Set(["taliban", "jamaat", "jirga"]);

/** Words of position that open a place's name ("Lower Kurram", "Upper Dir", "Greater Khorasan"). */
const POSITION_WORDS = new Set(["lower", "upper", "north", "south", "east", "west", "greater", "inner", "outer", "old", "central"]);
/** Weekdays and the months that are no one's name too ("May", "June", "April", "August" are left out): never part of a name. */
const DATE_NAMES = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "july", "september", "october", "november", "december"]);
/** Month abbreviations that are also given names, so not stop words ("Jan Baz", but "Jan. 20"). */
const MONTH_ABBREVIATIONS = new Set(["jan", "mar", "may"]);
/** Lower-case words that join two parts of a name (CONNECTORS, "and", "or"): never a name's last word. */
const JOINING_WORDS: ReadonlySet<string> = new Set([...CONNECTORS, "and", "or"]);
/** Courtesy titles before a part of a person's name ("Mr. Ban", "Dr. Farida"). */
const COURTESY = new Set(["mr", "mrs", "ms", "dr"]);
/** Whether the run [from, to] so far is a title, its "for" or "of", and office words ("Minister for Refugees"). */
function titleFieldRun(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = to; j > from; j--) {
    const w = tokens[j]?.norm ?? "";
    if ((w === "for" || w === "of") && TITLES.has(tokens[j - 1]?.norm ?? "")) return true;
    if (!OFFICE_WORDS.has(w)) return false;
  }
  return false;
}

/** Whether a word in the plural stands right before an "of" or "for" inside tokens [from, end] ("Joint Chiefs of Staff", "Friends of Pakistan"). */
function pluralBeforeOf(tokens: readonly Token[], from: number, end: number): boolean {
  for (let j = from + 1; j < end; j++) {
    const w = tokens[j]?.norm;
    if (w !== "of" && w !== "for") continue;
    const before = tokens[j - 1]?.norm ?? "";
    if (before.length > 3 && before.endsWith("s") && !before.endsWith("ss") && !before.endsWith("us") && !before.endsWith("is")) return true;
  }
  return false;
}
/** A title written short before its full stop and a capitalised word ("Sen. John", "Lt. Gen. Asim"). */
function titleBeforeName(text: string, tok: Token): boolean {
  return PERIOD_TITLES.has(tok.norm) && PERIOD_THEN_CAPITAL.test(text.slice(tok.end, tok.end + 3));
}
const PERIOD_THEN_CAPITAL = /^\. \p{Lu}/u;
/** A party's letter and a state's abbreviation, as US copy writes them after a legislator's name and a comma ("R-Ariz.", "D-N.Y."; not "D-Chowk"). */
const PARTY_STATE = /^[RDI]-\p{Lu}[\p{Ll}.]{0,5}(?=[,.)\s]|$)/u;
/** Role heads that are also given names ("Nazim"). */
const GIVEN_NAME_ROLES = new Set(["nazim"]);

/** Whether tokens [from, to] are one acronym, perhaps hyphenated ("PPP", "PML-N", "JUI-F"). */
function acronymRun(tokens: readonly Token[], from: number, to: number): boolean {
  if (!ACRONYM.test(tokens[from]?.raw ?? "") || to - from > 2) return false;
  for (let j = from + 1; j <= to; j++) if (!/^[A-Z]{1,8}$/.test(tokens[j]?.raw ?? "")) return false;
  return true;
}

/** An official's seat named by the office it houses ("Governor House", "the President's Palace"). */
const OFFICIAL_SEATS = new Set(["house", "secretariat", "residence", "palace", "annexe", "lodge"]);
/** A post's unit named after a title's "of" ("Head of Office", "Chief of Staff", "Head of Mission", "Head of Delegation"). */
const POST_UNITS = new Set(["office", "staff", "mission", "delegation", "station", "sub-office"]);
/** Last words of the names of days, prizes and festivals. */
const OCCASION_WORDS = new Set(["day", "prize", "award", "awards", "festival", "cup", "trophy", "medal", "games", "olympics", "anniversary"]);

/**
 * Whether the word at `k` is a person's name by what follows it: the subject of a verb of saying or acting, perhaps
 * after an auxiliary or adverb ("Gul said", "Gul has reported", "Gul also met"), an owner ("Gul’s office"),
 * a name a relative clause or an apposition describes ("Gul, who covers Chaman, …", "Gul, a freelance journalist,"),
 * or the subject of "is a …" ("Gul is a journalist based in Quetta", a writer's note).
 */
function actsAfter(text: string, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || !tokens[k + 1]) return false;
  const after = text.slice(t.end, t.end + 12);
  if (/^[’']s\b/.test(after) || DESCRIBED_AFTER.test(after)) return true;
  for (let j = k + 1, prev = t; j <= k + 3; j++) {
    const next = tokens[j];
    if (!next || !joinedBySpace(text, prev, next)) return false;
    if (isSayingVerb(next.raw) || AGENT_VERBS.has(next.norm)) return true;
    if (!AUXILIARIES.has(next.norm) && !/^[a-z]+ly$/.test(next.raw)) return false;
    prev = next;
  }
  return false;
}
/**
 * A lone word opening a sentence that the sentence goes on to tell of as a person, so a name ("Ahmadullah fled to
 * Pakistan with his parents when he was seven", "Gulalai, who fled Swat last year, …", "Bakht, 45, said"): after it,
 * "who", an age in commas or an apposition of one ("a 30-year-old", "a mother of four"), or a verb in the past (or of
 * saying) and, further in the sentence, "he", "she", "his" or "her" (not "he said", which tells the sentence). Not a
 * common noun opening the sentence: a plural, a word of people or of an office, place or organisation, an indefinite
 * pronoun ("Someone"), nor one the paragraph writes in lower case too ("Police found his body … the police").
 */
/**
 * Whether the capitalised word at k, as a run of its own, opens a sentence (or a quotation's, or a list item) as any
 * word does: the article writes it so nowhere mid-sentence, it is no part of a new name said before, no acronym (an
 * acronym is written in capitals wherever it stands: opening a sentence it is no ordinary word, "VOA's X reports"),
 * and it does not open the sentence as a person's name (opensAsPerson).
 */
function opensSentenceOnly(text: string, tokens: readonly Token[], k: number, starts: ReadonlySet<number>, article: Pick<ArticleState, "midSentenceCaps" | "candidateSurnames">): boolean {
  const t = tokens[k];
  if (!t || !(starts.has(t.start) || opensInnerSentence(text, t.start))) return false;
  return !article.midSentenceCaps.has(t.norm) && !article.candidateSurnames.has(t.norm) && !(ACRONYM.test(t.raw) && !HEADING_WORDS.has(t.norm)) && !opensAsPerson(text, tokens, k);
}

/** Words for someone written before the name like a title ("Refugee X", "Resident X", "Shopkeeper X"). */
const PERSON_LABELS = new Set(["refugee", "resident", "villager", "shopkeeper", "trader", "farmer", "driver", "survivor", "labourer", "laborer", "returnee", "widow"]);

/** Whether a one-word name was found as a place's before, in this paragraph or the article's earlier ones. */
function placeNamedBefore(norm: string, here: readonly ExtractedCandidate[], before: readonly ExtractedCandidate[]): boolean {
  if (!norm) return false;
  for (const c of here) if (c.kind === "place" && c.norm === norm) return true;
  for (const c of before) if (c.kind === "place" && c.norm === norm) return true;
  return false;
}

/** Whether a comma or a verb in lower case (of saying, or past-shaped) follows a run's last word. */
function verbOrCommaAfter(text: string, tokens: readonly Token[], end: number): boolean {
  const last = tokens[end];
  const next = tokens[end + 1];
  if (!last) return false;
  if (text.charCodeAt(last.end) === 44) return true;
  return !!next && joinedBySpace(text, last, next) && !isCap(next.raw) && (isSayingVerb(next.raw) || PAST_SHAPE.test(next.raw) || PAST_VERBS.has(next.raw));
}

/** A people's name that is also a common family name on the beat ("Babar Baloch", "Dr. Saeed Baloch"). */
const FAMILY_DEMONYMS = new Set(["baloch"]);
const QUANTITY_WORDS = new Set(["many", "some", "thousands", "hundreds", "dozens", "several", "other", "the"]);
/** Words after a person's name that no people's name qualifies: a verb's helper, "who", a place's preposition. */
const FAMILY_NAME_NEXT = new Set(["who", "was", "is", "has", "had", "at", "in", "from"]);
/**
 * Whether a run's last word is such a people's name closing a person's name: after a capitalised given name of the
 * run (no body's or place's word in it), with a comma, a stop, a verb of the sentence or a place's preposition after it, not a noun it
 * qualifies ("Marri Baloch tribesmen", "Baloch leaders").
 */
function familyDemonymLast(text: string, tokens: readonly Token[], from: number, end: number): boolean {
  const last = tokens[end];
  if (!last || end <= from || !FAMILY_DEMONYMS.has(last.norm) || STOP.has(tokens[end - 1]?.norm ?? "") || runHasOrgWord(tokens, from, end - 1) || runHasWord(tokens, from, end - 1, PLACE_WORDS)) return false;
  // (Not a tribe of the people after "of" or a number: "Thousands of Marri Baloch, who fled Kohlu".)
  const before = tokens[from - 1];
  if (before && (before.norm === "of" || /^\d/.test(before.raw) || QUANTITY_WORDS.has(before.norm))) return false;
  const after = text.slice(last.end, last.end + 24);
  if (/^\s*[,.;:)—–]/.test(after)) return true;
  const word = /^\s+(\p{Ll}+)/u.exec(after)?.[1] ?? "";
  return isSayingVerb(word) || FAMILY_NAME_NEXT.has(word);
}

/**
 * A present participle opening the sentence ("Quoting", "Citing", "Praising"): an English word ending in "-ing" of six
 * letters or more, never written capitalised mid-sentence in the article nor a name's last word there ("Harding"),
 * whose phrase a comma closes before the sentence ends ("Quoting Balkhi, Tolo News said …"; "Fleming Khan said" is a
 * name).
 */
function openingParticiple(text: string, tokens: readonly Token[], k: number, end: number, starts: ReadonlySet<number>, article: Pick<ArticleState, "midSentenceCaps" | "candidateSurnames">): boolean {
  const t = tokens[k];
  if (!t || !starts.has(t.start) || t.norm.length < 6 || !t.norm.endsWith("ing")) return false;
  if (article.midSentenceCaps.has(t.norm) || article.candidateSurnames.has(t.norm) || !isEnglishWord(t.norm)) return false;
  const after = text.slice(tokens[end]?.end ?? t.end, (tokens[end]?.end ?? t.end) + 200);
  const stop = after.search(SENTENCE_END);
  return (stop < 0 ? after : after.slice(0, stop)).includes(",");
}

function opensAsPerson(text: string, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  if (!t || !next || !PERSON_WORD_SHAPE.test(t.raw) || COMMON_OPENING.test(t.norm)) return false;
  if (PEOPLE_NOUNS.has(t.norm) || TITLES.has(t.norm) || OFFICE_WORDS.has(t.norm) || ORG_WORDS.has(t.norm) || PLACE_WORDS.has(t.norm)) return false;
  const after = text.slice(t.end, t.end + 40);
  let person = WHO_OR_AGE_AFTER.test(after);
  if (!person) {
    if (!joinedBySpace(text, t, next) || !(PAST_SHAPE.test(next.raw) || PAST_VERBS.has(next.raw) || AGENT_VERBS.has(next.raw) || isSayingVerb(next.raw))) return false;
    const stop = text.slice(next.end).search(SENTENCE_END);
    let rest = stop < 0 ? text.slice(next.end) : text.slice(next.end, next.end + stop);
    // (Only in the word's own clause: "Winter arrived early, and his family had no blankets" tells of another.)
    const clause = rest.search(NEXT_CLAUSE);
    if (clause >= 0) rest = rest.slice(0, clause);
    // (Not "he" or "she" telling the sentence: "Fighting forced the agency to halt returns, she said" is hers. Nor the
    // verb's object or its owner right after it, someone else as often as not: "Gunfire killed his brother",
    // "Violence forced her family to flee".)
    GENDERED_PRONOUN.lastIndex = 0;
    for (let m = GENDERED_PRONOUN.exec(rest); m && !person; m = GENDERED_PRONOUN.exec(rest)) person = !OBJECT_AT.test(rest.slice(0, m.index)) && !isSayingVerb(NEXT_WORD.exec(rest.slice(m.index + m[0].length))?.[1] ?? "");
  }
  return person && !text.includes(` ${t.norm} `);
}
/** A word of a name: a capital and three lower-case letters or more, not a plural's "s" at its end. */
const PERSON_WORD_SHAPE = /^\p{Lu}\p{Ll}{2,}(?<![^s]s)$/u;
/** Words that open sentences as pronouns or common nouns: "Someone", "Everybody", "Nothing", "Whoever", "Fighting". */
const COMMON_OPENING = /(?:one|body|thing|ever|ity|ion|ment|ness|ship|ism|ing)$/;
/** After a name: ", who", an age set off by commas (", 45,"), or "a" and an age or a noun of a person (", a 30-year-old", ", a mother of four"). */
const WHO_OR_AGE_AFTER = /^\s*,\s*(?:who\s|\d{1,3},|an?\s+(?:\d{1,3}-year-old|(?:young\s+|widowed\s+)?(?:mother|father|widow|widower|grandmother|grandfather|refugee|farmer|teacher|student|trader|shopkeeper|driver|labou?rer|resident|villager|housewife|elder)\b))/;
/** A verb in the past by its shape ("fled" is not: PAST_VERBS). */
const PAST_SHAPE = /^[a-z]{2,}ed$/;
const PAST_VERBS = new Set(["fled", "was", "had", "lost", "left", "went", "came", "ran", "took", "fought", "grew", "became", "began", "saw", "spent", "sold", "has", "is", "lives", "says"]);
const SENTENCE_END = /[.!?](?:\s|$)/;
const GENDERED_PRONOUN = /\b(?:he|she|his|her)\b/g;
/** Where a clause of its own starts after a word's verb: a comma and a conjunction, or a semicolon. */
const NEXT_CLAUSE = /,\s*(?:and|but|so|yet)\s|;/;
/** Nothing but spaces between a verb and the pronoun after it: the pronoun is its object, or its object's owner. */
const OBJECT_AT = /^\s*$/;
const NEXT_WORD = /^\s+([a-z]+)/;

/** Right after a name: a relative clause or an apposition ("…, who", "…, a"), or "is a" / "was an". */
const DESCRIBED_AFTER = /^(?:\s*,\s*(?:who|an?)\s|\s+(?:is|was)\s+an?\s)/;
/** Just before the first of a pair: "both ". */
const BOTH_BEFORE = /\bboth $/;
/** Whether the word at `k` is the first of a pair "both <k> and <Name>" ("both Abbas and Dar"). */
function pairedByBoth(text: string, tokens: readonly Token[], k: number): boolean {
  const and = tokens[k + 1];
  return tokens[k - 1]?.raw === "both" && and?.raw === "and" && joinedBySpace(text, tokens[k] ?? and, and) && isCap(tokens[k + 2]?.raw ?? "") && joinedBySpace(text, and, tokens[k + 2]);
}
/** Lower-case words before a plural noun that make it a common noun, however written ("all States", "member States"). */
const QUANTIFIERS = new Set(["all", "other", "member", "many", "some", "several", "both", "most", "these", "those", "such", "various", "individual", "neighbouring", "neighboring"]);

/** "west of …", "the outskirts of …": a place follows. */
const DIRECTION_OF = /\b(?:(?:north|south)?-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|outskirts|suburbs)\s+of\s+(?:the\s+)?$/i;
/** "Residents of …", "elders of …": a place follows. */
const PEOPLE_OF = /\b(?:residents|villagers|locals|elders|people|tribesmen|traders|shopkeepers) of\s+$/i;
/**
 * What follows a dateline's place: a dash, perhaps after ", <province>" ("MIR ALI, North Waziristan —"); or a month's
 * day ("DERA ISMAIL KHAN, Pakistan, December 31 (UNHCR)") or a news agency's credit in brackets ("WANA (AFP) -"; not a party's faction, "MQM (Pakistan) said").
 */
/** A dateline's place followed by its month's day, perhaps after its country ("New York, Oct 19", "KABUL, Afghanistan, May 2"). */
const DATED_DATELINE_END = /^\s*(?:,\s*[^,—–.]{1,40}?)?,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b/;
const DATELINE_END = /^\s*(?:,\s*(?!(?:the|a|an)\b)[^,—–.]{1,40}?)?\s*(?:—|–|--?\s|,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\((?:AFP|AP|Reuters|UNHCR|UHCR|APP|IRIN|UNAMA|OCHA|PPI|NNI|INP|Xinhua|IANS|PTI|ANI|VOA|UPI|dpa)\)\s*(?:—|–|-|\p{Lu}))/iu;

const PLURAL_ACRONYM = /^[A-Z]{2,8}s$/;
const COMPASS = /^[NS][EW]$/;
/** A word in capitals, two to eight letters long. */
const ACRONYM = /^[A-Z]{2,8}$/;

/** After a name: "statement", perhaps after one word in lower case ("X statement", "X joint statement"). */
const STATEMENT_AFTER_NAME = /^\s+(?:[\p{Ll}-]+\s+)?statement\b/u;

function guessKind(text: string, tokens: readonly Token[], from: number, end: number, titled: boolean): CandidateKind {
  const lastNorm = tokens[end]?.norm ?? "";
  // An outlet ("Reuters", "Tolo News") is an organisation even after "told", which otherwise marks a person.
  if (!titled && isOutletName(text.slice(tokens[from]?.start ?? 0, tokens[end]?.end ?? 0))) return "organisation";
  const words = tokens.slice(from, end + 1).map((t) => t.norm);
  if (COUNTRY_NAMES.has(words.join(" "))) return "place";
  if (words.some((w) => ORG_WORDS.has(w)) && (!PLACE_WORDS.has(lastNorm) || (lastNorm === "agency" && fieldBeforeHead(words)))) return "organisation";
  // A named agreement is filed as an organisation ("Doha Agreement"), and a plural organisation word ends a body's
  // name ("… Offices"): neither is a person's.
  if (end > from && (FRAMEWORK_WORDS.has(lastNorm) || ORG_PLURALS.has(lastNorm))) return "organisation";
  // A preposition inside the name joins a body's members to its cause ("Reporters Without Borders", "Doctors Against
  // Hunger"): no person's name holds one.
  if (end - from >= 2 && runHasWord(tokens, from + 1, end - 1, NAME_PREPOSITIONS)) return "organisation";
  if (PLACE_WORDS.has(lastNorm)) return "place";
  // A body's seat ("Bacha Khan Headquarters", "Saddar Police Station") stands for the body, never for a person; a
  // station or a complex of no body ("Kachlak Railway Station", "Hayatabad Sports Complex") is a place.
  if (end > from && !titled && FACILITY_HEADS.has(lastNorm)) return lastNorm === "headquarters" || runHasOrgWord(tokens, from, end - 1) ? "organisation" : "place";
  if (titled) return "person";
  // "of" or "for" inside the name ("Joint Chiefs of Staff", "Friends of Pakistan"): no person's name holds one
  // (a person "of" a country is two names, cut where the run is grown).
  // (Only after a plural, members or parts of a body: "the Khan of Kalat", "the Strait of Hormuz" are a ruler and a place.)
  if (end - from >= 2 && pluralBeforeOf(tokens, from, end)) return "organisation";
  // A name of two words or more ending in an organisation's head word ("Amnesty International", "Human Rights
  // Watch") is an organisation's, whatever verb follows it.
  if (end > from && ORG_HEADS.has(lastNorm)) return "organisation";
  // A run an acronym in brackets stands for ("… Authority (PTA)", "Improvised Explosive Device (IED)") is the long
  // form of a term or an organisation's name: a person's name has no acronym of its own.
  const acronym = end > from ? acronymAfter(text, tokens[end]) : undefined;
  if (acronym !== undefined && longFormOf(tokens, from, end, end, acronym)) return "organisation";
  const start = tokens[from]?.start ?? 0;
  // A dateline: the place a report is filed from, in capitals, opening the paragraph ("MIR ALI, North Waziristan —").
  // (In mixed case too, with the month's day after it: "New York, Oct 19 2009 —".)
  if (start === 0 && DATELINE_END.test(text.slice(tokens[end]?.end ?? 0)) && (tokens.slice(from, end + 1).every((t) => t.raw === t.raw.toUpperCase()) || DATED_DATELINE_END.test(text.slice(tokens[end]?.end ?? 0)))) return "place";
  const before = text.slice(Math.max(0, start - 40), start);
  // An acronym ("UNHCR", "OCHA", "ISPR") names an organisation, not a person, whatever verb follows it; after a
  // place's preposition ("fled to AJK and GB") a place, unless it then speaks ("a statement from ISPR said").
  if (from === end && ACRONYM.test(tokens[from]?.raw ?? "")) {
    return PLACE_PREPOSITIONS.test(before) && !isSayingVerb(tokens[end + 1]?.raw ?? "") ? "place" : "organisation";
  }
  if (/\baccording to\s+$/i.test(before)) return "person";
  // A place's head noun right after it in lower case ("Jani Khel district", "the Tirah valley"): a place.
  const next = tokens[end + 1];
  if (next && !isCap(next.raw) && PLACE_WORDS.has(next.norm) && joinedBySpace(text, tokens[end] ?? next, next)) return "place";
  if (PLACE_PREPOSITIONS.test(before) || PEOPLE_OF.test(before) || DIRECTION_OF.test(before)) return "place";
  if (ROLE_WORDS.test(before) || KIN_BEFORE.test(before)) return "person";
  const after = text.slice(tokens[end]?.end ?? 0, (tokens[end]?.end ?? 0) + 30);
  // A statement's issuer named before its noun ("a White House statement"): a body.
  if (STATEMENT_AFTER_NAME.test(after)) return "organisation";
  if (/^[’']?s?\s*,?\s*(said|says|told|added|urged|warned|stated|noted|who|a\s|an\s|the\s)/i.test(after)) return "person";
  // (Not a run ending in a role or a thing numbered or written: "Station House Officer", "Investigation Report".)
  if (end > from && end - from <= 3 && !COMMON_HEADS.has(lastNorm)) return "person";
  return "unknown";
}

/**
 * Whether a name ending in a head noun that also names a place ("Agency": "Khyber Agency", a tribal district) says
 * a body's field or kind before it ("Migration Agency", "Federal Investigation Agency", "Relief and Works Agency"):
 * an office's or an organisation's word, or a descriptor. A tribal agency is named after its tribe or place alone.
 */
function fieldBeforeHead(words: readonly string[]): boolean {
  for (let j = 0; j < words.length - 1; j++) {
    const w = words[j] ?? "";
    if (OFFICE_WORDS.has(w) || ORG_WORDS.has(w) || DESCRIPTORS.has(w)) return true;
  }
  return false;
}

/** The acronym in brackets right after a token ("… Authority (PTA)"), if any. */
function acronymAfter(text: string, last: Token | undefined): string | undefined {
  // (No read past the text's end: see numberAfter.)
  if (!last || last.end + 1 >= text.length || text.charCodeAt(last.end) !== 32 || text.charCodeAt(last.end + 1) !== 40) return undefined;
  return BRACKETED_ACRONYM_AFTER.exec(text.slice(last.end, last.end + 14))?.[1];
}

/**
 * Acronyms the article defines in brackets after a name ("… in Afghanistan (UNAMA)", "(IOM.)"): such an acronym,
 * met alone elsewhere, is a name. Those it defines after words in lower case ("internally displaced persons
 * (IDPs)", "improvised explosive device (IED)") are terms: the acronym, singular or plural, is no name anywhere in
 * the article ("10 official IDP camps"); their norms go into `terms`.
 */
export function collectDefinedAcronyms(paras: readonly Pick<ParagraphState, "p">[], into: Set<string>, terms: Set<string>): void {
  for (const { p } of paras) {
    if (p.role !== "body" || !p.text.includes("(")) continue;
    // (exec loops, not matchAll, whose copy of the expression and iterator cost more than the search in most paragraphs.)
    BRACKETED_ACRONYM.lastIndex = 0;
    for (let m = BRACKETED_ACRONYM.exec(p.text); m; m = BRACKETED_ACRONYM.exec(p.text)) {
      if (!m[1]) continue;
      into.add(m[1]);
      // An acronym of a common noun phrase written with capitals ("… Repatriation Plan (IFRP)", "Facilitated Group
      // Returns (FGR)"): no name, there or anywhere in the article (commonPhrase).
      if (commonLongForm(p.text, m.index, m[1])) terms.add(m[1].toLowerCase());
    }
    // The other way round: an acronym and its long form in brackets ("ISAF (International Security … )").
    ACRONYM_THEN_LONG_FORM.lastIndex = 0;
    for (let m = ACRONYM_THEN_LONG_FORM.exec(p.text); m; m = ACRONYM_THEN_LONG_FORM.exec(p.text)) if (m[1]) into.add(m[1]);
    // (TERM_ACRONYM tries up to eight words at every word; its last word and the acronym, asked first, are rare.)
    if (!hasTermAcronymEnd(p.text)) continue;
    for (const m of p.text.matchAll(TERM_ACRONYM)) {
      const acronym = m[2] ?? "";
      const words = (m[1] ?? "").trim().split(/\s+/);
      const initials = words
        .slice(-acronym.length)
        .map((w) => w[0])
        .join("");
      if (initials === acronym.toLowerCase()) terms.add(initials);
    }
  }
}
/** A capitalised word: a capital, then letters, apostrophes and hyphens. */
const CAPITALISED_WORD = /^\p{Lu}[\p{L}’'-]*$/u;
/** The end of a word from the first capital that only letters, apostrophes and hyphens follow ("fooBar" → "Bar"). */
const CAPITALISED_TAIL = /\p{Lu}[\p{L}’'-]*$/u;

/**
 * Whether the long form before an acronym in brackets at `open` ("Illegal Foreigners Repatriation Plan (IFRP)")
 * is a common noun phrase: the capitalised words whose initials spell the acronym, joining words aside.
 *
 * The long form is read back from the bracket, word by word (words are what white space parts), over at most the 120
 * characters before it, until it holds as many capitalised words as the acronym has letters: the last words of the run
 * /(?:\p{Lu}[\p{L}’'-]*\s+(?:(?:of|for|and|the|on|in|to)\s+)*)+$/u matches before the bracket. (That expression,
 * tried at each character of the 120, cost some 1.5% of extraction; the run's words further back are never read.) A word
 * that is neither capitalised nor a joining word ends the run; the run may start inside it, at a capital that only
 * letters follow ("fooBar Plan", as the expression would), and not before.
 */
function commonLongForm(text: string, open: number, acronym: string): boolean {
  const from = Math.max(0, open - 120);
  // (The run ends in white space, right before the bracket.)
  if (open - 1 < from || !isSpace(text.charCodeAt(open - 1))) return false;
  const letters = acronym.toLowerCase();
  const norms: string[] = [];
  let caps = 0;
  let end = open - 1;
  // Where the long form's first word read so far starts.
  let first = end;
  while (caps < letters.length) {
    while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > from && !isSpace(text.charCodeAt(start - 1))) start--;
    if (start === end) break;
    const word = text.slice(start, end);
    if (PHRASE_JOINS.has(word)) {
      norms.push(word);
      end = start;
      continue;
    }
    const whole = CAPITALISED_WORD.test(word);
    const capitalised = whole ? word : CAPITALISED_TAIL.exec(word)?.[0];
    if (capitalised === undefined) break;
    // (The word's initial is the acronym's letter as far back, or the long form spells no such acronym: asked word by
    // word, so that most runs end at their last word. A capitalised joining word, "The", spells no letter.)
    const norm = capitalised.toLowerCase();
    if (PHRASE_JOINS.has(norm) || norm[0] !== letters[letters.length - 1 - caps]) return false;
    norms.push(norm);
    caps++;
    first = start;
    if (!whole) break;
    end = start;
  }
  if (caps !== letters.length) return false;
  // A kind one is designated or listed as, not one body: "designated … as a Foreign Terrorist Organization (FTO)",
  // "listed as a Specially Designated Global Terrorist (SDGT)". ("A Kurram Peace Committee (KPC) member" is a body's.)
  if (asAnBefore(text, first)) return true;
  norms.reverse();
  return commonPhrase(norms.map((norm) => ({ norm })), 0, norms.length - 1);
}

/** Whether the words right before offset `at` are "as a" or "as an" (each a whole word, any case). */
function asAnBefore(text: string, at: number): boolean {
  let i = at;
  const word = (): string => {
    while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
    const end = i;
    while (i > 0 && /\p{L}/u.test(text.charAt(i - 1))) i--;
    return text.slice(i, end).toLowerCase();
  };
  if (at === 0 || !isSpace(text.charCodeAt(at - 1))) return false;
  const article = word();
  if (article !== "a" && article !== "an") return false;
  if (i === 0 || !isSpace(text.charCodeAt(i - 1))) return false;
  return word() === "as";
}

/** Words in lower case and an acronym of them in brackets, perhaps plural: "internally displaced persons (IDPs)". */
const TERM_ACRONYM = /((?:\b[a-z][a-z-]*\s+){2,8})\(([A-Z]{2,8})s?\)/g;
/** An acronym in brackets, perhaps plural, at an opening bracket (sticky: asked at each bracket). */
const BRACKETED_CAPITALS = /\([A-Z]{2,8}s?\)/y;

/**
 * Whether a text holds the end of a TERM_ACRONYM match, /\b[a-z][a-z-]*\s+\([A-Z]{2,8}s?\)/: its last word and
 * the acronym. Read from each opening bracket back, not by trying the expression at every word of the paragraph.
 */
function hasTermAcronymEnd(text: string): boolean {
  for (let open = text.indexOf("("); open >= 0; open = text.indexOf("(", open + 1)) {
    BRACKETED_CAPITALS.lastIndex = open;
    if (!BRACKETED_CAPITALS.test(text)) continue;
    // White space right before the bracket, and before it a run of lower-case letters and hyphens in which a letter
    // starts a word (no letter, digit or underscore before it).
    let e = open;
    while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
    if (e === open) continue;
    for (let j = e - 1; j >= 0; j--) {
      const c = text.charCodeAt(j);
      if (c === 45) continue;
      if (c < 97 || c > 122) break;
      if (j === 0 || !isWordChar(text.charCodeAt(j - 1))) return true;
    }
  }
  return false;
}


/** Whether a UTF-16 unit is one \w matches (a regular expression without the u flag). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
/** An acronym followed by its long form in brackets. */
const ACRONYM_THEN_LONG_FORM = /\b([A-Z]{2,8})\s*\((?=\p{Lu}\p{Ll}+\s+\p{Lu})/gu;
/** Just before a name: an acronym and an opening bracket ("ISAF (…"): the name is that acronym's long form. */
const AFTER_ACRONYM = /\b[A-Z]{2,8}\s*\($/;
/** Between two items of a list ("A, B", "A and B", "A, or B"). */
const LIST_GAP = /^\s*(?:,|,?\s+(?:and|or))\s+$/;
const BRACKETED_ACRONYM = /\(([A-Z]{2,8})\.?\)/g;

/** Whether a known acronym in brackets follows token `end` ("UN Assistance Mission in Afghanistan (UNAMA)"). */
function knownAcronymAfter(text: string, tokens: readonly Token[], covered: readonly number[], from: number, end: number): boolean {
  const last = tokens[end];
  if (!last) return false;
  // Past a known place the name ends in ("… Mission in Afghanistan (UNAMA)"): up to three known words.
  let k = end + 1;
  let at = last.end;
  for (let hops = 0; hops < 4; hops++) {
    const next = tokens[k];
    if (!next) return false;
    const gap = text.slice(at, next.start);
    if (/^\s*\($/.test(gap)) return covered[k] === 1 && ACRONYM.test(next.raw) && text[next.end] === ")" && longFormOf(tokens, from, end, k - 1, next.raw);
    if (gap !== " " || !(covered[k] || next.norm === "in" || next.norm === "of" || next.norm === "for")) return false;
    at = next.end;
    k++;
  }
  return false;
}

/**
 * Whether an acronym can stand for the run [from, end] and the known words after it up to `to`, or for them with the
 * capitalised words just before them
 * (known names among them: "UN Children’s Fund (UNICEF)" where only "Fund" is new).
 */
function longFormOf(tokens: readonly Token[], from: number, end: number, to: number, acronym: string): boolean {
  // (A run ending in an organisation's head noun is the acronym's long form however it spells it: "UN Children’s
  // Fund (UNICEF)", "UN Political Office in Afghanistan (UNAMA)".)
  const head = tokens[end]?.norm ?? "";
  if (ORG_WORDS.has(head) || ORG_HEADS.has(head)) return true;
  for (let s = from; s >= 0 && s >= from - 6; s--) {
    if (initialsHold(tokens, s, to, acronym)) return true;
    const before = tokens[s - 1];
    if (!before || !(isCap(before.raw) || CONNECTORS.has(before.norm) || before.norm === "s")) return false;
  }
  return false;
}

/**
 * Whether an acronym can stand for the words [from, to]: its first letter opens the first word, and its other letters
 * come in order in the words ("UNAMA" in "United Nations Assistance Mission in Afghanistan", "NACTA" in "National
 * Counter Terrorism Authority"; not "JI" after "Mushtaq Ahmad Khan", not "TTP" after "Jamaat-ul-Ahrar").
 */
function initialsHold(tokens: readonly Token[], from: number, to: number, acronym: string): boolean {
  const letters = acronym.toLowerCase().replace(NON_LETTERS, "");
  let words = "";
  for (let j = from; j <= to; j++) words += tokens[j]?.norm ?? "";
  if (letters[0] !== words[0]) return false;
  let i = 1;
  for (let c = 1; c < words.length && i < letters.length; c++) if (words[c] === letters[i]) i++;
  return i === letters.length;
}

/** Buildings and sites whose names end in them ("Serena Hotel", "Lal Masjid" aside): a place's head noun. */
const BUILDING_WORDS = new Set(["hotel", "mosque", "masjid", "shrine", "stadium", "prison", "jail", "palace", "hall", "building", "bridge", "station", "port", "terminal", "compound", "plaza", "tower", "towers", "cantonment", "colony", "sector", "park"]);
/** Nouns of kinds of organisation and place a name may follow in apposition ("a charity, Helping Hands", "its largest city, Karachi"). */
const APPOSED_NOUNS = new Set(["organization", "organisation", "charity", "ngo", "firm", "outlet", "channel", "militia", "outfit", "body", "capital", "neighbourhood", "neighborhood", "suburb"]);
/** Whether a number after position `at` completes the word there into a reference ("Resolution 2593", "COVID-19"). */
function numberAfter(text: string, at: number, word: string): boolean {
  // (No read past the text's end, which charCodeAt answers with NaN: the first such read deoptimised findCandidates,
  // which inlines this, and its recompilation is the costliest of extraction's.)
  if (at + 1 >= text.length) return false;
  const c = text.charCodeAt(at);
  const d = text.charCodeAt(at + 1);
  if (!(d >= 48 && d <= 57)) return false;
  // "COVID-19", "Mi-17": a number joined by a hyphen; "Resolution 2593": a number after a word that numbers things.
  // ("Ayaz Gul 2 days ago", "said Khattak 3 others were hurt": a name and a number that is not its.)
  return c === 45 || (c === 32 && REFERENCE_HEADS.has(word));
}
/** Words that a number after them completes into a reference ("Resolution 2593", "Article 51", "Flight 268"). */
const REFERENCE_HEADS_LIST = ["resolution", "resolutions", "article", "articles", "section", "sections", "chapter", "clause", "paragraph", "annex", "protocol", "phase", "flight", "amendment", "rule", "order", "act", "ordinance", "bill", "code", "regulation", "regulations", "schedule", "form", "sector", "route", "highway", "corridor", "block", "report", "volume", "page", "item", "agenda", "summit", "conference", "session", "cup", "league", "plan", "vision", "target", "goal", "operation"];
const REFERENCE_HEADS: ReadonlySet<string> = new Set(REFERENCE_HEADS_LIST);
/** Last words of a capitalised run that make it a role's or a thing numbered or written, not a person's name ("Station House Officer", "First Information Report"). */
const COMMON_HEADS: ReadonlySet<string> = new Set([...REFERENCE_HEADS_LIST, "officer", "officers", "official", "officials", "statement", "letter", "message", "declaration"]);
/** Whether a word that is no office word or title comes after a title at `k` (up to `end`): the office holder's name. */
/**
 * Whether a two-word rank starts at token k ("Rear Admiral", "Air Chief Marshal", "Squadron Leader"): a rank's first
 * word written with a capital, then a title or a rank's second word.
 */
function rankAt(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || !RANK_FIRSTS.has(t.norm) || !isCap(t.raw)) return false;
  const next = tokens[k + 1]?.norm ?? "";
  return TITLES.has(next) || RANK_SECONDS.has(next);
}

/** Every word officeWordAt takes as an office's but a country's adjective: one lookup rules most words out. */
const OFFICE_RUN_WORDS: ReadonlySet<string> = new Set([...OFFICE_WORDS, ...TITLES, ...RANK_FIRSTS, ...RANK_SECONDS, ...STOP, ...ORG_WORDS]);

/**
 * Whether token k (in a run from `from` to `end`) is a word of an office before a name: an office word, a title, a
 * rank, a stop word, an organisation's word before a title ("Council President"), or a country's adjective opening
 * the run before a title ("Indonesian FM") with a name after the office.
 */
function officeWordAt(tokens: readonly Token[], k: number, from: number, end: number): boolean {
  const w = tokens[k]?.norm ?? "";
  const next = tokens[k + 1]?.norm ?? "";
  // (rankAt holds only at a rank's first word.)
  if (OFFICE_RUN_WORDS.has(w) && (OFFICE_WORDS.has(w) || TITLES.has(w) || rankAt(tokens, k) || (RANK_SECONDS.has(w) && rankAt(tokens, k - 1)) || STOP.has(w) || (ORG_WORDS.has(w) && TITLES.has(next) && k + 1 < end))) return true;
  return k === from && TITLES.has(next) && DEMONYM_SHAPE.test(w) && nameAfterOffice(tokens, k + 1, end);
}

/** Heads of bodies' and places' names that a person's name may run on after ("Ministry", "Valley", "Agency"). */
const RUN_ON_HEADS = new Set(["ministry", "department", "valley", "agency", "district", "province", "directorate", "commission"]);

/** Last words of a unit or a part of a body or a place, no person's name ("Crisis Cell", "Karachi Zone", "Weekly Briefing"). */
const PART_WORDS = new Set(["cell", "zone", "wing", "unit", "branch", "division", "briefing", "section", "sector", "circle", "range", "chapter"]);

/**
 * Where a person's name run on after a body's or a place's head noun starts ([from, end] one run), or -1: only before a
 * verb of saying or of a person's doing ("Interior Ministry Rehman Malik announced"), where the words are the sayer's
 * name; "Tirah Valley Bagh Maidan", "Health Directorate Lower Dir" before any other word are places.
 */
function personAfterHead(text: string, tokens: readonly Token[], from: number, end: number): number {
  const start = end - 1 >= from + 2 && RUN_ON_HEADS.has(tokens[end - 2]?.norm ?? "") ? end - 1 : end - 2 >= from + 2 && RUN_ON_HEADS.has(tokens[end - 3]?.norm ?? "") ? end - 2 : -1;
  if (start < 0) return -1;
  const verb = tokens[end + 1];
  const last = tokens[end];
  if (!verb || !last || !joinedBySpace(text, last, verb) || !(isSayingVerb(verb.raw) || AGENT_VERBS.has(verb.norm))) return -1;
  for (let j = start; j <= end; j++) {
    const w = tokens[j]?.norm ?? "";
    if (ORG_WORDS.has(w) || PLACE_WORDS.has(w) || OFFICE_WORDS.has(w) || TITLES.has(w) || STOP.has(w) || CONNECTORS.has(w) || PART_WORDS.has(w) || POSITION_WORDS.has(w) || (tokens[j]?.raw.length ?? 0) < 3) return -1;
  }
  return start;
}

function nameAfterOffice(tokens: readonly Token[], k: number, end: number): boolean {
  for (let j = k + 1; j <= end; j++) {
    const w = tokens[j]?.norm ?? "";
    if (!OFFICE_WORDS.has(w) && !TITLES.has(w) && !STOP.has(w)) return true;
  }
  return false;
}
/** A word shaped like a people's adjective ("Indonesian", "Nepalese", "Kuwaiti", "Danish"). */
const DEMONYM_SHAPE = /^\p{L}{3,}(?:ian|ean|ese|an|i|ish)$/u;
/** Last words of organisations' names, in a name of two words or more ("Human Rights Watch", "National Press Club", "Global Fund"). */
const ORG_HEADS = new Set(["watch", "club", "fund", "institution", "aid", "international", "worldwide"]);
/** Prepositions opening a phrase after a name, before its verb ("Jan Baz of the district council said"). */
const POSTMODIFIERS = new Set(["of", "from", "in", "at", "with"]);
/** Head nouns of named agreements and frameworks, filed as organisations like the gazetteer's "Global Security Initiative". */
const FRAMEWORK_WORDS = new Set(["agreement", "accord", "accords", "treaty", "pact", "initiative"]);
/** Verbs whose subject is a person or a body acting ("Ayaz Gul contributed to this report", "Mandy Clark recently visited …"). */
const AGENT_VERBS = new Set(["contributed", "reported", "reports", "visited", "visits", "met", "meets", "spoke", "speaks", "works", "worked", "heads", "headed", "leads", "led", "chaired", "chairs", "lives", "lived", "presided", "resigned", "appointed", "thanked", "thanks", "welcomed", "welcomes", "travelled", "traveled"]);
/**
 * Lower-case verbs and adverbs that may stand between a subject and its verb of saying ("Clinton also said",
 * "Amnesty International has strongly condemned").
 */
const AUXILIARIES = new Set(["has", "have", "had", "also", "will", "would", "could", "later", "earlier", "then", "further", "again", "already", "previously", "today", "yesterday", "on", "is", "was", "were", "are", "quickly", "publicly"]);
/** A bracketed acronym right after a name ("Gul Nawaz Dawar (PTM)", "… Regulatory Authority (PEMRA)"). */
const BRACKETED_ACRONYM_AFTER = /^ \((\p{Lu}[\p{Lu}\d-]{1,9})\)/u;
/** Nouns a name stands in apposition to after a comma ("a non-governmental organization, Counterpart International", "its largest city, Karachi"). */
const APPOSITION_NOUN_BEFORE = /\b(\p{Ll}+),\s*$/u;
/** Before a name: a noun of kin and the comma of an apposition ("her eldest brother, X", "his widow, X"): a person. */
const KIN_BEFORE = /\b(?:brother|sister|son|daughter|father|mother|wife|husband|uncle|aunt|cousin|nephew|niece|widow|widower|grandson|granddaughter|grandfather|grandmother)s?,\s*$/;
/** Before a name: a determiner or an owner, a title and a few words of its own, then the comma of an apposition. */
const TITLE_PHRASE_BEFORE = /\b(?:the|[\p{Lu}][\p{L}-]*[’']s)\s+(?:\p{Ll}+\s+)??(\p{L}+)\s+(?:of|for|responsible for|in charge of)\s+(?:the\s+)?\p{L}+(?:\s+(?:and\s+)?\p{L}+)?,\s*$/u;
/** Before a name: what names it ("known as University Town", "according to Dawn", "the speech given by …"). */
const NAMING_BEFORE = /\b(?:known as|called|named|dubbed|according to|by)\s+$/i;
/** Before a name: a role in lower case and the preposition joining it to its body ("a spokesman for the …"). */
const ROLE_OF_BEFORE = /\b(?:spokes(?:man|woman|person)|officials?|officers?|leaders?|chief|head|director|commander|members?|representative|envoy|ambassador|president|chairman|chairperson|secretary|minister|governor|founder|coordinator)\s+(?:for|of|at|with|to|from)\s+(?:the\s+)?$/;
/** Before a name: a place word and "of" ("the village of Ghundi", "the town of Wah"). */
const PLACE_OF_BEFORE = /\b(\p{Ll}+) of\s+$/u;
/**
 * After a name: an appositive saying what it is (", a senior doctor", ", the Taliban's chief spokesman", ", who …"),
 * an age (", 14,"), or a copula and an indefinite noun ("X is one of those who returned", "X is a camp …").
 */
const APPOSITIVE_AFTER = /^\s*(?:,\s*(?:a|an|the|who|whose|which|one of|also|now|then|its|his|her|their)\s|,\s*\d{1,3}\s*,|\s(?:is|was) (?:a|an|one of)\s)/;
/** After a name: an appositive opened by an owner's name and a lower-case noun (", UNHCR's representative in …"). */
const OWNER_APPOSITIVE_AFTER = /^\s*,\s*[\p{Lu}][\p{L}.-]*(?:\s[\p{Lu}][\p{L}.-]*)*[’']s\s+\p{Ll}/u;

/**
 * Whether the text says what a new name is: a person's title, an appositive, a verb of saying it is the subject or
 * the object of, an organisation's or place's head noun in or just after it, a place's preposition, "the village
 * of …", "known as …", a list it shares with known names, an acronym the article defines. A capitalised run with
 * none of these (a conference's title, a heading, a festival, a demonym, a sentence's opening word) is no
 * candidate: capital letters alone are no evidence.
 */
function hasEvidence(text: string, tokens: readonly Token[], covered: readonly number[], from: number, end: number, kind: CandidateKind, definedAcronyms: ReadonlySet<string>, quoted = -1): boolean {
  const first = tokens[from];
  const last = tokens[end];
  if (!first || !last) return false;
  if (quoted >= 0) return quotedEvidence(text, quoted, last);
  // The name's own words: an organisation's head noun ("… Welfare Association") or a place's ("Kyber Pass").
  if (kind === "organisation" && (runHasOrgWord(tokens, from, end) || isOutletName(text.slice(first.start, last.end)))) return true;
  if (PLACE_WORDS.has(last.norm) || BUILDING_WORDS.has(last.norm) || FACILITY_HEADS.has(last.norm) || (end > from && (FRAMEWORK_WORDS.has(last.norm) || ORG_HEADS.has(last.norm)))) return true;
  if (COUNTRY_NAMES.has(joinNorms(tokens, from, end + 1))) return true;
  if (from === end && ACRONYM.test(first.raw) && definedAcronyms.has(first.raw)) return true;
  // A dateline's place ("JAKARTA, Indonesia —", "Washington, DC - The United States …"), or a paragraph that is a
  // place and its state alone ("Washington, DC" under a statement).
  if (first.start === 0 && ((first.raw === first.raw.toUpperCase() && kind === "place") || DATELINE_END.test(text.slice(last.end)) || /^,\s*[A-Z]{2}\.?\s*$/.test(text.slice(last.end)))) return true;

  // A head noun just after it, in lower case ("Bannu district", "the Jalozai camp", "Kunar and Helmand provinces").
  // Also one lower-case word further ("the Landi Kotal holding centre", "the Kacha Garhi refugee camp"), and an
  // office ("the UNHCR representative", "Taliban spokesman").
  for (let k = end + 1; k <= end + 2; k++) {
    const next = tokens[k];
    if (!next || !joinedBySpace(text, tokens[k - 1] ?? last, next) || isCap(next.raw)) break;
    const noun = next.norm.endsWith("s") && !next.norm.endsWith("ss") ? next.norm.replace(/(?:ie)?s$/, (m) => (m === "ies" ? "y" : "")) : next.norm;
    if ([noun, next.norm].some((w) => PLACE_WORDS.has(w) || ORG_WORDS.has(w) || BUILDING_WORDS.has(w) || w === "province")) return true;
    if (k === end + 1 && TITLES.has(next.norm)) return true;
    // A statement's issuer ("a White House statement", "the Palace Council statement"): a body that speaks.
    if (k === end + 1 && next.norm === "statement") return true;
  }
  const after = text.slice(last.end, last.end + 80);
  // An acronym in brackets after a name of two words or more: its own when the name is an organisation's ("…
  // Authority (PTA)"; its other head nouns gave their evidence above, and a term's long form, "Improvised Explosive
  // Device (IED)", gets none), or a person's party ("Gul Nawaz Dawar (PTM)"), when the name could be a person's.
  // (One word may be the tail of a longer name: "UN Children’s Fund (UNICEF)".)
  if (end > from && kind !== "organisation" && kind !== "place" && !COMMON_HEADS.has(last.norm)) {
    const acronym = acronymAfter(text, last);
    if (acronym !== undefined && !longFormOf(tokens, from, end, end, acronym)) return true;
  }
  if (APPOSITIVE_AFTER.test(after) || OWNER_APPOSITIVE_AFTER.test(after)) return true;
  // An outlet's possessive before it ("VOA's Benjamin Sand has more from Islamabad"): the outlet's correspondent.
  const owner = OUTLET_OWNER_BEFORE.exec(text.slice(Math.max(0, first.start - 24), first.start))?.[1];
  if (owner !== undefined && kind === "person" && isOutletName(owner)) return true;
  // An office after a comma (", Director of Strategic Communications", ", Deputy Special Representative …").
  const office = COMMA_THEN_CAPITALISED.exec(after)?.[1]?.toLowerCase();
  if (office !== undefined && (TITLES.has(office) || (OFFICE_WORDS.has(office) && office !== "state"))) return true;
  // The subject of a verb of saying ("Clinton says", "Amnesty International has strongly condemned …").
  // (A lower-case phrase of place or membership may come between: "Jan Baz of the district council said".)
  const postmodified = POSTMODIFIERS.has(tokens[end + 1]?.raw ?? "");
  for (let k = end + 1, hops = 0; k < tokens.length && hops < (postmodified ? 6 : 4); k++, hops++) {
    const t = tokens[k];
    // (A weekday may stand between: "Gul Thursday said".)
    const dated = t !== undefined && DATE_NAMES.has(t.norm);
    if (!t || (isCap(t.raw) && !dated)) break;
    // (Only words, or a possessive's "s" and a comma before an appositive's close: "Kasi said", "Gul’s office".)
    if (isSayingVerb(t.raw) || AGENT_VERBS.has(t.norm)) {
      // (Not across a comma: "…, Special Representative for Children and Armed Conflict, noted" ends an appositive.)
      // A name between commas is an appositive and the verb is its own ("A Nobel laureate, Malala Yousafzai, urged …").
      const between = text.slice(last.end, t.start);
      if (!/[.;:!?“”"]/.test(between) && (!between.includes(",") || /,\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start)))) return true;
      break;
    }
    if (!postmodified && !AUXILIARIES.has(t.norm) && !dated && !t.norm.endsWith("ly")) break;
  }

  const before = text.slice(Math.max(0, first.start - 48), first.start);
  // A place's preposition without an article ("in Jakarta", "from Britain"); with one, a head noun is needed (above).
  // (Not a people's plural: "aid from Canadians".)
  const prep = PLACE_PREPOSITIONS.exec(before);
  if (prep && prep[2] === undefined && !(from === end && /[^s]ans$/.test(first.raw))) return true;
  if (NAMING_BEFORE.test(before) || ROLE_WORDS.test(before) || DIRECTION_OF.test(before) || KIN_BEFORE.test(before)) return true;
  // The body a role belongs to ("a spokesman for the WFP", "the head of Amnesty International"), unless it is an
  // office's field ("minister of the Interior").
  if (ROLE_OF_BEFORE.test(before) && !(from === end && OFFICE_WORDS.has(first.norm))) return true;
  const placeOf = PLACE_OF_BEFORE.exec(before);
  if (placeOf?.[1] && (PLACE_WORDS.has(placeOf[1]) || placeOf[1] === "province" || placeOf[1] === "capital")) return true;
  const apposed = APPOSITION_NOUN_BEFORE.exec(before);
  const apposedNoun = apposed?.[1]?.replace(/(?:ie)?s$/, (m) => (m === "ies" ? "y" : ""));
  if (apposed?.[1] && apposedNoun !== undefined && [apposed[1], apposedNoun].some((w) => TITLES.has(w) || ORG_WORDS.has(w) || PLACE_WORDS.has(w) || BUILDING_WORDS.has(w) || APPOSED_NOUNS.has(w))) return true;
  // An apposition to a title's phrase ("the minister responsible for refugees, X", "Pakistan's Minister of the
  // Interior, X"): the title heads the words before the comma, and the name is its holder's.
  const titled = TITLE_PHRASE_BEFORE.exec(before)?.[1]?.toLowerCase();
  if (titled !== undefined && TITLES.has(titled) && kind !== "organisation" && kind !== "place") return true;
  const prev = tokens[from - 1];
  // The object of a verb of saying ("said Clinton", "told VOA", "added Mr. Haysom"); a title before the name in
  // lower case or after another word ("Chargé d’affaires Ubaid-ur-Rehman Nizamani", "spokesman Enayatullah").
  if (prev && /^\s+$/.test(text.slice(prev.end, first.start)) && (isSayingVerb(prev.raw) || TITLES.has(prev.norm.replace(/^d'/, "")))) return true;
  // An owner of an office ("UNHCR's representative", "Mr. Ban’s Special Representative").
  const owned = POSSESSIVE_THEN_WORDS.exec(text.slice(last.end, last.end + 48));
  if (owned?.[1] && TITLES.has(owned[1].toLowerCase())) return true;

  // One of a list whose other members are known names ("the Taliban, ISIL, Boko Haram, Al Qaida").
  return listedWithKnown(text, tokens, covered, from, end);
}

/**
 * Whether the text around a quotation a run fills says it names something: what names it before the marks ("known
 * as the “Quetta Shura”", "a new group, “…”"), or a relative clause of a person after them ("“…,” who"). Its own
 * words say nothing ("the “One Programme Document,” which …" is a title), nor does a verb of saying after it, whose
 * words the quotation is.
 */
function quotedEvidence(text: string, open: number, last: Token): boolean {
  const before = text.slice(Math.max(0, open - 48), open).replace(/\bthe\s+$/, "");
  if (QUOTED_NAMING_BEFORE.test(before)) return true;
  const apposed = APPOSITION_NOUN_BEFORE.exec(before)?.[1];
  if (apposed !== undefined && (ORG_WORDS.has(apposed) || PLACE_WORDS.has(apposed) || APPOSED_NOUNS.has(apposed))) return true;
  return QUOTED_WHO_AFTER.test(text.slice(last.end, last.end + 12));
}
/**
 * Before a quotation: the name something is known by or calls itself ("known as the “…”", "a group calling itself
 * “…”"). ("called" or "dubbed" before marks is how a writer labels a coinage: "what they called the “…”".)
 */
const QUOTED_NAMING_BEFORE = /\b(?:known as|named|call(?:s|ing)? (?:itself|themselves))\s+$/i;
/** After a run that fills a quotation: the closing mark (a comma before or after it) and "who". */
const QUOTED_WHO_AFTER = /^,?[”"’],?\s+who\s/;

/** Whether the run is one item of a list ("A, B and C") next to an item the gazetteer knows. */
function listedWithKnown(text: string, tokens: readonly Token[], covered: readonly number[], from: number, end: number): boolean {
  const first = tokens[from];
  const last = tokens[end];
  if (!first || !last) return false;
  let k = from - 1;
  if (tokens[k]?.norm === "and" || tokens[k]?.norm === "or") k--;
  const before = tokens[k];
  if (before && covered[k] && /^\s*,?\s*(?:(?:and|or)\s+)?$/.test(text.slice(before.end, first.start)) && text.slice(before.end, first.start).trim() !== "") return true;
  k = end + 1;
  if (tokens[k]?.norm === "and" || tokens[k]?.norm === "or") k++;
  const after = tokens[k];
  return after !== undefined && covered[k] === 1 && /^\s*,?\s*(?:(?:and|or)\s+)?$/.test(text.slice(last.end, after.start)) && text.slice(last.end, after.start).trim() !== "";
}

/**
 * Keeps as candidates only the new names the article gave evidence for (hasEvidence, a later reference by one part
 * of the name), or made a quotation's speaker or an event's claimant. Each stays a referent of its sentence either
 * way, for the speaker and event rules.
 */
export function admitCandidates(article: ArticleState, paras: readonly Pick<ParagraphState, "p">[]): void {
  const { result, evidenced, commonNouns } = article;
  // A one-word name the article itself writes as an ordinary word ("a three-day Ramadan Solidarity mission … his
  // solidarity with the people"), or a common noun's acronym ("UN and NGO partners"): no name (ordinaryWords).
  ordinaryWords(article, paras);
  const used = new Set<string>();
  for (const q of result.quotes) if (q.speakerId === null && q.speakerText) used.add(q.speakerText);
  for (const e of result.events) if (e.claimedById === null && e.claimedByText) used.add(e.claimedByText);
  // (A word the article writes as a common noun after a quantifier, "all States", is one alone too: "reminded States".)
  // (A heading's name alone is admitted when the body names it again: a second candidate of the same name.)
  if (article.headingNames.size > 0) {
    const seen = new Set<string>();
    for (const c of result.candidates) {
      if (article.headingNames.has(c.norm) && seen.has(c.norm)) evidenced.add(c.norm);
      seen.add(c.norm);
    }
  }
  result.candidates = result.candidates.filter((c) => (evidenced.has(c.norm) || used.has(c.text)) && !(commonNouns.size > 0 && commonNouns.has(c.norm)));
}

/**
 * Acronyms of common nouns ("an NGO", "IDP camps", "a UAV strike", "an IED"): a kind of thing, no organisation's name.
 * Their plurals ("NGOs", "IDPs") are common nouns already (PLURAL_ACRONYM).
 */
const COMMON_NOUN_ACRONYMS = new Set(["ngo", "ingo", "cso", "cbo", "idp", "uav", "ied", "vbied", "svbied", "rpg", "apc", "ceo", "vip", "gdp", "sms", "pow"]);
const LETTERS_ONLY = /^\p{L}+$/u;
const WORD_CHAR_AT = /[\p{L}\p{N}@/_-]/u;

/**
 * Adds to `article.commonNouns` the one-word candidates that name nothing by the article's own evidence:
 * - a word it also writes in lower case as an ordinary word ("solidarity", "population"): capitalised only where a
 *   sentence, a heading or a title-case phrase opens, it is that ordinary word, unless the article writes it
 *   capitalised alone mid-sentence at least as often as in lower case (a place "Tank" named three times beside one
 *   "water tank");
 * - an acronym of a common noun ("NGO", "IDP"; COMMON_NOUN_ACRONYMS), or one the article writes in the plural too
 *   ("MPs" … "the MP said"): an organisation's acronym names one body and takes no plural.
 * (A lower-case word after a courtesy title is a person's name as printed, "Mr. ban’s spokesperson": not counted; nor
 * one inside an address or a compound, "dawn.com", "anti-taliban".)
 */
function ordinaryWords(article: ArticleState, paras: readonly Pick<ParagraphState, "p">[]): void {
  const { result, midSentenceCaps, commonNouns } = article;
  let body: WordCounts | undefined;
  const asked = new Set<string>();
  for (const c of result.candidates) {
    const word = c.text;
    if (word.length < 2 || asked.has(word) || !LETTERS_ONLY.test(word)) continue;
    asked.add(word);
    body ??= new WordCounts(
      paras
        .filter((x) => x.p.role === "body")
        .map((x) => x.p.text)
        .join("\n"),
    );
    if (ACRONYM.test(word)) {
      if (COMMON_NOUN_ACRONYMS.has(c.norm) || body.count(`${word}s`, false) > 0) commonNouns.add(c.norm);
      continue;
    }
    if (word.length < 3) continue;
    const lower = body.count(word.toLowerCase(), true);
    if (lower === 0) continue;
    if (!midSentenceCaps.has(c.norm) || lower >= body.count(word, false)) commonNouns.add(c.norm);
  }
}

/**
 * wordCount over one text, asked of many words: ordinaryWords asks up to three per one-word candidate, and a scan of
 * the body for each made a long article's work grow with its length squared (an article of 800 KB: 0.9 s of 3 s in
 * wordCount). After SCANS_BEFORE_COUNTING asks, every word of the text is counted in one pass and looked up. (The
 * native scan of one word is some 60 times faster than that pass over a text of a few KB: articles of normal length
 * never reach it.) A word of prose there is a run of letters (code units each a letter) with no letter, digit, "@",
 * "/", "_" or "-" on either side: what wordCount finds. A word with a code unit that is no letter alone (a surrogate
 * pair, a combining mark) is always counted by wordCount itself.
 */
class WordCounts {
  private readonly text: string;
  private asked = 0;
  private plain: Map<string, number> | undefined;
  private prose: Map<string, number> | undefined;
  constructor(text: string) {
    this.text = text;
  }
  count(word: string, prose: boolean): number {
    if (this.asked++ < SCANS_BEFORE_COUNTING || !lettersOnly(word)) return wordCount(this.text, word, prose);
    if (!this.plain || !this.prose) [this.plain, this.prose] = countAll(this.text);
    return (prose ? this.prose : this.plain).get(word) ?? 0;
  }
}

const SCANS_BEFORE_COUNTING = 64;

/** Whether each code unit of a word is a letter by itself (as wordCount reads the characters around a word). */
function lettersOnly(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!letterUnit(word, i)) return false;
  return word.length > 0;
}
function letterUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(text[i] ?? " ");
}

/** The counts of wordCount(text, w, false) and wordCount(text, w, true) for every word w of letters of the text. */
function countAll(text: string): [Map<string, number>, Map<string, number>] {
  const plain = new Map<string, number>();
  const prose = new Map<string, number>();
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!letterUnit(text, i)) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < n && letterUnit(text, e)) e++;
    const before = text[i - 1] ?? " ";
    const after = text[e] ?? " ";
    if (!(WORD_CHAR_AT.test(before) || WORD_CHAR_AT.test(after) || (after === "." && LETTER.test(text[e + 1] ?? " ")) || (before === "." && LETTER.test(text[i - 2] ?? " ")))) {
      const w = text.slice(i, e);
      plain.set(w, (plain.get(w) ?? 0) + 1);
      if (!COURTESY_BEFORE.test(text.slice(Math.max(0, i - 6), i))) prose.set(w, (prose.get(w) ?? 0) + 1);
    }
    i = e;
  }
  return [plain, prose];
}

/** How often `word` stands in `text` as a word of prose (not inside an address, a compound or a longer word); `prose` leaves out one after a courtesy title. */
function wordCount(text: string, word: string, prose: boolean): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + word.length] ?? " ";
    if (WORD_CHAR_AT.test(before) || WORD_CHAR_AT.test(after) || (after === "." && LETTER.test(text[at + word.length + 1] ?? " "))) continue;
    if (before === "." && LETTER.test(text[at - 2] ?? " ")) continue;
    if (prose && COURTESY_BEFORE.test(text.slice(Math.max(0, at - 6), at))) continue;
    n++;
  }
  return n;
}
const COURTESY_BEFORE = /\b(?:Mr|Mrs|Ms|Dr)\.?\s$/;
