/**
 * Mentions: the gazetteer's names in a paragraph (alias matches), later bare family names of the people it named
 * ("Munir" after "Asim Munir"), and the pronouns that may stand for them. Each becomes a referent the quote and
 * event stages can point at.
 */
import { foldCase, type Token } from "../../text/normalize.ts";
import type { AliasMatch, EntityInfo } from "../matcher.ts";
import { candidateReferent, entityReferent, KEY_WORD, pronounReferent, type ArticleState, type ParagraphState, type Referent } from "./context.ts";
import { indefiniteBefore, isCap, isOutletName, joinedBySpace, OUTLET_AFTER_PLACE, PLACE_PREPOSITIONS, TITLES } from "./lexicon.ts";

const PRONOUN = /\b(he|she|they)\b/gi;
/** Verbs of saying: the word before one may be its subject ("it said", "the ministry added"). */
const PERSON_NOUNS =
  "minister|spokes(?:man|woman|person)|consul(?: general)?|ambassador|envoy|governor|commissioner|commander|official|president|chief|administrator|adviser|advisor|secretary|diplomat|representative|coordinator|rapporteur|expert(?!\\s+(?:panels?|groups?|committees?|teams?|bod(?:y|ies)|missions?|meetings?|advice|opinions?|level|witness(?:es)?))|director|head|chair(?:man|woman|person)?|leader|premier|general|colonel|brigadier|admiral|captain|doctor";
/**
 * Nouns for anyone, no office ("the young man", "the 19-year-old", "the mother of five"): as a verb's subject, the
 * person the article is telling about, read as "he" or "she" are (no role to match).
 */
const FOLK_NOUNS = "man|woman|boy|girl|teenager|mother|father|widow|refugee|villager|farmer|shopkeeper|survivor|\\d{1,3}-year-old";
const FOLK_NOUN = new RegExp(`^(?:${FOLK_NOUNS})$`);
const ORG_NOUNS = "statement|report|ministry|agency|army|military|mission|department|office|authority|police|council|union|group|movement|party|embassy|consulate|organi[sz]ation|government|administration|association|committee|commission|directorate|bureau|body|secretariat";
/**
 * Just before a verb of saying: "it" or a role noun, written in lower case or as an office ("the minister", "The
 * interior ministry", "the UN chief", "the Mission", "The Secretary-General"), perhaps then "also". (Capitals are
 * allowed in the words before the noun and in the noun: UN copy writes "the Mission", "the Special Representative".)
 */
const SUBJECT_BEFORE = new RegExp(`\\b(?:(it)|(the\\s+(?:(?:(?:\\p{L}\\.)+|[\\p{L}’'-]+)\\s+){0,2}?(${PERSON_NOUNS}|${ORG_NOUNS}|${FOLK_NOUNS})(?:-general)?))(?:,\\s*(?:meanwhile|however|too|in turn|for its part),)?\\s+(?:(?:also|later|further)\\s+|(?:went|goes) on to\\s+)?$`, "iu");
/** The last words before a verb that SUBJECT_BEFORE can end in (a quick test before the full one). */
const SUBJECT_TAIL = `(?:\\bit|(?:${PERSON_NOUNS}|${ORG_NOUNS}|${FOLK_NOUNS})(?:-general)?)(?:,\\s*(?:meanwhile|however|too|in turn|for its part),)?\\s+(?:(?:also|later|further)\\s+|(?:went|goes) on to\\s+)?`;
/**
 * Whether some words before a verb end in SUBJECT_TAIL: the text's end, then the tail read back from it (a
 * lookbehind), asked at the end alone (lastIndex). (As `/${SUBJECT_TAIL}$/` the expression was tried at each of the
 * forty characters before every verb; a pre-test of the last word that spared most of those tries cost more than this.)
 */
const ENDS_IN_SUBJECT_TAIL = new RegExp(`$(?<=${SUBJECT_TAIL})`, "iy");
const PERSON_NOUN = new RegExp(`^(?:${PERSON_NOUNS})$`);

function endsInSubjectTail(words: string): boolean {
  ENDS_IN_SUBJECT_TAIL.lastIndex = words.length;
  return ENDS_IN_SUBJECT_TAIL.test(words);
}

/** A person's role noun heading a phrase of an organisation: "the head of", "the chief of", "the spokesman for". */
export const ROLE_OF = new RegExp(`^[\\s,]*the\\s+(?:[\\p{L}.’'-]+\\s+){0,2}?(${PERSON_NOUNS})\\s+(?:of|for|at)\\s`, "iu");
/**
 * Right before a verb of saying: a person's role noun heading its subject after the sentence's start or a comma, and
 * the phrase of its post ("At the Security Council, the representative of Afghanistan said", "a spokesman for UNHCR
 * in Kabul said").
 */
export const ROLE_PHRASE_BEFORE = new RegExp(`(?:^|[,;:—–])\\s*(?:[Tt]he|[Aa]n?)\\s+(?:[\\p{L}.’'-]+\\s+){0,2}?(${PERSON_NOUNS})\\s+(?:of|for|to|at|in)\\s+[^,;:]{1,80}$`, "u");
/** A role noun of a person anywhere in some words ("Afghanistan's ambassador to Pakistan"). */
export const PERSON_NOUN_IN = new RegExp(`\\b(?:${PERSON_NOUNS})s?\\b`, "i");
/** After a verb of saying that follows a quotation: a role noun as its subject ("…,” said the UN envoy", "declared the High Commissioner", "said the 70-year-old"). */
const SUBJECT_AFTER = new RegExp(`^\\s+(?:the\\s+(?:[\\p{L}’'.-]+\\s+){0,3}?(${PERSON_NOUNS}|${ORG_NOUNS}|${FOLK_NOUNS})\\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)[’']s\\s+(?:[\\p{Ll}-]+\\s+)?(statement)\\b)`, "iu");
/** A person described by age ("said the 70-year-old"): whom the article named last, as "he" or "she" would be. */
const AGE_NOUN = /^\d/;
const AFTER_QUOTATION = /[”"],?\s*$/;
/**
 * Just before a verb of saying: "the ministry of …" as its subject, perhaps with where it sits and a word set off by
 * commas ("The ministry of defence in Kabul, meanwhile, said").
 */
const MINISTRY_OF_BEFORE = /\b([Tt]he\s+(?:\p{Ll}+\s+){0,2}?ministry\s+of\s+(?:\p{L}+\s+){0,2}?\p{L}+)(?:\s+in\s+\p{Lu}\p{L}+)?(?:,\s*(?:meanwhile|however|too|in turn|for its part),)?\s+(?:(?:also|later|further)\s+)?$/u;
/**
 * After "according to": a role noun standing for someone the article named, or for a country's body ("according to
 * the military", "according to police", "according to the interior ministry", "according to the minister"): the
 * words before the noun in lower case, so that a name there ("according to the UN refugee agency") is read as the
 * name; the noun ends its phrase ("according to government figures" names no one). (Not "a statement", "the report":
 * those are quotes.ts's.)
 */
const ACCORDING_TO_ROLE = new RegExp(`\\b[Aa]ccording to\\s+((?:the\\s+)?(?:\\p{Ll}[\\p{L}’'-]*\\s+){0,2}?(${PERSON_NOUNS}|${ORG_NOUNS.replace("statement|report|", "")}))(?=\\s*(?:[,.;:!?)\\]—–]|$)|\\s+(?:in|at|on|from|who|which|and)\\b)`, "gu");
/** The organisation noun before "statement" or "report" ("the military statement", "the ministry's report"). */
export const ISSUER_NOUN = /\b(military|army|ministry|mission|embassy|consulate|department|office|government|police|agency|council|commission|committee)(?:[’']s)?\s+(?:statement|report)$/i;
/**
 * Just before a verb of saying: a statement as its subject, perhaps with its day ("The statement said", "A military
 * statement Sunday said", "An army statement on Monday added"). An indefinite one counts only with the organisation
 * noun that says whose it is ("A statement said" names no one).
 */
const STATEMENT_BEFORE = /\b((?:([Tt]he)|[Aa]n?)\s+(?:[\p{L}’'-]+\s+){0,2}?statement)(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?\s+(?:(?:also|later|further)\s+)?$/u;

/** Whether up to four capitalised words (and "of") just before a name end with it in an outlet's name (isOutletName). */
function outletEndingIn(text: string, tokens: readonly Token[], from: number, end: number): boolean {
  let j = from;
  while (j > 0 && from - j < 4) {
    const t = tokens[j - 1];
    const next = tokens[j];
    if (!t || !next || !(isCap(t.raw) || t.raw === "of") || !joinedBySpace(text, t, next)) break;
    j--;
    // (Not an acronym alone before the place: "told AFP Pakistan would not …" is the agency and the country.)
    if (isCap(t.raw) && !(j === from - 1 && /^[A-Z]+$/.test(t.raw)) && isOutletName(text.slice(t.start, end))) return true;
  }
  return false;
}

/**
 * A folk noun as a verb's subject ("the young man", "said the refugee"), a referent for the person the story tells of —
 * not someone the paragraph brought in unnamed ("A man … “…,” said the man" is that man's, nobody named), nor a
 * relative of the person named ("the boy's father", "said the boy's mother").
 */
function addFolkReferent(para: ParagraphState, noun: string, start: number, role: string): void {
  const text = para.p.text;
  if (unnamedBefore(text, noun, start) || /['’]s\s/.test(role) || /^['’]s\b/.test(text.slice(start + role.length))) return;
  para.referents.push(pronounReferent(start, start + role.length, role, "person", folkNoun(noun)));
}

/** A folk noun as a referent's noun: "folk", "folk:man" or "folk:woman" (quotes.ts, resolveReference). */
function folkNoun(noun: string): string {
  return /^(?:man|boy|father)$/.test(noun) ? "folk:man" : /^(?:woman|girl|mother|widow)$/.test(noun) ? "folk:woman" : "folk";
}

/** Whether the paragraph brought in an unnamed "a man", "one refugee", "a 30-year-old" before `at`. */
function unnamedBefore(text: string, noun: string, at: number): boolean {
  const before = text.slice(0, at);
  const i = before.search(new RegExp(`\\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\\s+(?:[\\p{L}’'-]+\\s+){0,2}?${noun}\\b`, "u"));
  return i >= 0;
}

/** Known names: mentions, referents, and the family names later references may use. */
export function linkKnownNames(article: ArticleState, para: ParagraphState, matches: readonly AliasMatch[]): void {
  const { i, p, tokens, covered, referents } = para;
  for (let n = 0; n < matches.length; n++) {
    const m = matches[n];
    if (!m) continue;
    const entity = article.index.entities.get(m.entityId);
    // A place's name that is an outlet's ("India Today reported", "the Kabul Times"): the words stay a new name
    // (an outlet, for the review queue), not a mention of the place.
    const after = tokens[m.tokenTo];
    const prev = tokens[m.tokenTo - 1];
    if (entity?.kind === "place" && after && prev && isCap(after.raw) && OUTLET_AFTER_PLACE.has(after.norm) && joinedBySpace(p.text, prev, after)) continue;
    // So is a place's name ending an outlet's ("Radio Pakistan", "the Associated Press of Pakistan").
    if (entity?.kind === "place" && outletEndingIn(p.text, tokens, m.tokenFrom, m.end)) continue;
    // A country's name opening a body's name the gazetteer does not hold ("Pakistan Muslim League-N", "U.S. Central
    // Command"): the words stay one new name, an organisation's, not a mention of the
    // country and a fragment after it ("League-N", "Command").
    if (entity?.subtype === "country" && after && isCap(after.raw) && p.role === "body") {
      const last = bodyNameEnd(p.text, tokens, m, entity, matches[n + 1]);
      if (last >= 0) {
        addBodyName(article, para, m, last);
        continue;
      }
    }
    // (A loop, not covered.fill: fill is a runtime call, some ten times the loop's cost for the few tokens of a name.)
    for (let k = m.tokenFrom; k < m.tokenTo; k++) covered[k] = 1;
    if (!entity) continue;
    // A title right before a name ("Army chief General Asim Munir", "Army chief Qari Fitrat") is that person's
    // title: one mention of the person named, not a second one (or one of whoever else held the title).
    if (m.aliasKind === "role" && entity.kind === "person" && titlesName(p.text, tokens, m, matches[n + 1])) continue;
    // An office named with "a" or "another" is someone holding such an office, not its holder ("A Taliban spokesman in
    // Swat said …" is no mention of the movement's spokesman).
    if (m.aliasKind === "role" && entity.kind === "person" && indefiniteBefore(tokens, m.tokenFrom)) continue;
    const text = p.text.slice(m.start, m.end);
    article.result.mentions.push({ paragraph: i, entityId: m.entityId, start: m.start, end: m.end, text });
    referents.push(entityReferent(m.start, m.end, text, entity));
    if (entity.kind === "person") {
      // Later bare references use the family name ("Munir") or, for two-part names, either part ("Zhao").
      // (A key given twice sets the same id twice.)
      const parts = nameParts(entity);
      noteSurname(article, parts[parts.length - 1], entity.id);
      if (parts.length === 2) noteSurname(article, parts[0], entity.id);
      noteSurname(article, tokens[m.tokenTo - 1]?.norm, entity.id);
    }
  }
}

/** Words after a body's head word that go on with its name ("Institute of …", "Council for …", "Society and …"). */
const BODY_GOES_ON = new Set(["of", "for", "and", "on", "in"]);

/** Head words of a body's name that a country's name may open ("Pakistan Muslim League", "U.S. Central Command"). */
const BODY_HEADS = new Set(["league", "party", "command", "movement", "front", "council", "foundation", "society", "association", "federation", "alliance", "institute", "union", "congress"]);

/**
 * The last token of a body's name a country's name opens, or -1: the country matched as written (its name or "U.S.",
 * "UK", not a demonym), then capitalised words that end in a body's head word, perhaps with a hyphenated suffix
 * ("League-N"), up to five words on, with no known name among them.
 */
function bodyNameEnd(text: string, tokens: readonly Token[], m: AliasMatch, entity: EntityInfo, next: AliasMatch | undefined): number {
  const written = text.slice(m.start, m.end);
  if (written !== entity.name && !/^U\.?[SK]\.?$/.test(written)) return -1;
  let headAt = -1;
  for (let k = m.tokenTo; k < m.tokenTo + 5 && k < tokens.length; k++) {
    const t = tokens[k];
    const before = tokens[k - 1];
    if (!t || !before || (next && next.tokenFrom <= k)) break;
    const gap = text.slice(k === m.tokenTo ? m.end : before.end, t.start);
    const hyphen = gap === "-";
    // (After the country: one space, or the abbreviation's last full stop and a space, "U.S. Central".)
    if (!hyphen && !(isCap(t.raw) && (gap === " " || (k === m.tokenTo && gap === ". ")))) break;
    // (A suffix in capitals names the body's branch, "League-N"; one in lower case makes an adjective, "League-led".)
    if (hyphen && headAt === k - 1) return isCap(t.raw) ? k : -1;
    if (BODY_HEADS.has(t.norm)) headAt = k;
  }
  const head = tokens[headAt];
  const after = tokens[headAt + 1];
  // (Capitalised words after the head go on with another name; "of", "for" or "and" go on with the body's own, "…
  // Institute of Medical Sciences", which the candidates' rules read whole.)
  return head !== undefined && !(joinedBySpace(text, head, after) && (isCap(after?.raw ?? "") || BODY_GOES_ON.has(after?.norm ?? ""))) ? headAt : -1;
}

/** A body's name a country's name opens, through token `last`: one new name, an organisation's, its head word its evidence. */
function addBodyName(article: ArticleState, para: ParagraphState, m: AliasMatch, last: number): void {
  const { tokens, covered } = para;
  let norm = "";
  for (let k = m.tokenFrom; k <= last; k++) {
    covered[k] = 1;
    norm += (k === m.tokenFrom ? "" : " ") + (tokens[k]?.norm ?? "");
  }
  const end = tokens[last]?.end ?? m.end;
  const text = para.p.text.slice(m.start, end);
  article.result.candidates.push({ paragraph: para.i, text, norm, kind: "organisation", start: m.start, end });
  article.evidenced.add(norm);
  para.referents.push(candidateReferent(m.start, end, text, "organisation"));
}

function noteSurname(article: ArticleState, key: string | undefined, id: number): void {
  if (!key || key.length < 3) return;
  const prev = article.surnames.get(key);
  article.surnames.set(key, prev === undefined || prev === id ? id : -1);
}

/** Whether a title match is followed at once by a name: a known person's, or capitalised words of a new one. */
function titlesName(text: string, tokens: readonly Token[], m: AliasMatch, next: AliasMatch | undefined): boolean {
  let k = m.tokenTo;
  // Ranks between the title and the name ("army chief General …").
  for (;;) {
    const prev = tokens[k - 1];
    const cur = tokens[k];
    if (!prev || !cur || !joinedBySpace(text, prev, cur) || !isCap(cur.raw)) return false;
    if (next && next.tokenFrom === k) return true;
    if (!TITLES.has(cur.norm)) break;
    k++;
  }
  // A new name: two capitalised words ("Qari Fitrat"), not one word that may open the clause ("… chief Munir said").
  const second = tokens[k + 1];
  const first = tokens[k];
  return first !== undefined && second !== undefined && isCap(second.raw) && joinedBySpace(text, first, second);
}

/** A bare surname after the full name ("Zhao emphasized", "General Munir") refers to the same person. */
export function linkSurnames(article: ArticleState, para: ParagraphState): void {
  const { i, p, tokens, caps, covered, referents } = para;
  if (!article.surnames.size) return;
  // (Only capitalised words: the paragraph's capitals, found once.)
  for (let j = 0; j < caps.length; j++) {
    const k = caps[j] ?? -1;
    const t = tokens[k];
    if (!t || covered[k]) continue;
    const id = article.surnames.get(t.norm);
    const entity = id === undefined || id < 0 ? undefined : article.index.entities.get(id);
    if (!entity || (caps[j + 1] === k + 1 && !covered[k + 1] && joinedBySpace(p.text, t, tokens[k + 1]))) continue;
    covered[k] = 1;
    article.result.mentions.push({ paragraph: i, entityId: entity.id, start: t.start, end: t.end, text: t.raw });
    referents.push(entityReferent(t.start, t.end, t.raw, entity));
  }
}

/** Whether a known or new name inside [start, end) ends at `end` (the noun of a phrase is that name's last word). */
function nameEndsAt(referents: readonly Referent[], start: number, end: number): boolean {
  for (const r of referents) if (r.type !== "pronoun" && r.end === end && r.start > start) return true;
  return false;
}

/**
 * "he", "she", "they", and as the subject of a verb of saying "it" and role nouns ("the minister said"): referents
 * the speaker stage resolves to someone named before, of a compatible kind.
 */
export function addPronouns(para: ParagraphState): void {
  const text = para.p.text;
  pronounsIn(text, para.tokens, para.pronounAt, para.referents);
  // (Found from the verbs back, which are fewer than the words "the" and "it".)
  const hasStatement = para.verbs.length > 0 && (para.keyWords & KEY_WORD.statement) !== 0;
  const hasMinistryOf = para.verbs.length > 0 && (para.keyWords & KEY_WORD.ministryOf) !== 0;
  for (const verb of para.verbs) {
    const verbEnd = verb.end;
    if (AFTER_QUOTATION.test(text.slice(Math.max(0, verb.start - 4), verb.start))) {
      const after = SUBJECT_AFTER.exec(text.slice(verbEnd, verbEnd + 80));
      if (after) {
        const start = verbEnd + after.index + (after[0].length - after[0].trimStart().length);
        const role = after[0].trim();
        const noun = (after[1] ?? after[2] ?? "").toLowerCase();
        if (FOLK_NOUN.test(noun) && !AGE_NOUN.test(noun)) {
          addFolkReferent(para, noun, start, role);
          continue;
        }
        const age = AGE_NOUN.test(noun);
        // A name whose last word is the noun ("said the Palace Council", "said the Interior Ministry") is the subject
        // itself: the name, not a role noun standing for one named before.
        if (nameEndsAt(para.referents, start, start + role.length)) continue;
        para.referents.push(pronounReferent(start, start + role.length, role, age || PERSON_NOUN.test(noun) ? "person" : "organisation", age ? undefined : noun));
        continue;
      }
    }
    const from = Math.max(0, verb.start - 64);
    const statement = hasStatement && occursIn(text, "tatement", from + 1, verb.start) ? STATEMENT_BEFORE.exec(text.slice(from, verb.start)) : null;
    if (statement) {
      const phrase = statement[1] ?? "";
      if (statement[2] !== undefined || ISSUER_NOUN.test(phrase)) {
        const start = from + statement.index;
        para.referents.push(pronounReferent(start, start + phrase.length, phrase, "organisation", "statement"));
        continue;
      }
    }
    if (!endsInSubjectTail(text.slice(Math.max(0, verb.start - 40), verb.start))) {
      const of = hasMinistryOf && (from < 15 || occursIn(text, "inistry of", from - 15, verb.start)) ? MINISTRY_OF_BEFORE.exec(text.slice(Math.max(0, verb.start - 80), verb.start)) : null;
      if (of) {
        const start = Math.max(0, verb.start - 80) + of.index;
        const phrase = of[1] ?? "";
        // (Not a ministry whose name the gazetteer knows: that name is the subject.)
        if (!para.referents.some((r) => r.type !== "pronoun" && r.start < start + phrase.length && r.end > start)) para.referents.push(pronounReferent(start, start + phrase.length, phrase, "organisation", "ministry"));
      }
      continue;
    }
    const m = SUBJECT_BEFORE.exec(text.slice(from, verb.start));
    if (!m) continue;
    const start = from + m.index;
    // A noun after a preposition of place is not the verb's subject ("elders in the Orakzai Agency said").
    if (m[1] === undefined && PLACE_PREPOSITIONS.test(text.slice(Math.max(0, start - 12), start))) continue;
    // A bare title already resolved to its holder ("the defence minister", titles.ts) is that person.
    if (para.referents.some((r) => r.type === "entity" && r.entity?.kind === "person" && r.start < verb.start && r.end > start)) continue;
    if (m[1] !== undefined) {
      para.referents.push(pronounReferent(start, start + 2, m[1], "organisation"));
      continue;
    }
    const role = m[2] ?? "";
    const noun = (m[3] ?? "").toLowerCase();
    // "The statement said", "the military statement added": whoever issued the statement (quotes.ts).
    // (A report speaks for whoever issued it, like a statement: "the report says".)
    if (noun === "statement" || noun === "report") {
      para.referents.push(pronounReferent(start, start + role.length, role, "organisation", noun));
      continue;
    }
    if (FOLK_NOUN.test(noun)) {
      addFolkReferent(para, noun, start, role);
      continue;
    }
    // ("A doctor at the hospital, who asked not to be named, said … “…,” the doctor said": that doctor, no one named.)
    if (noun === "doctor" && unnamedBefore(text, noun, start)) continue;
    para.referents.push(pronounReferent(start, start + role.length, role, PERSON_NOUN.test(noun) ? "person" : "organisation", noun));
  }
  if ((para.keyWords & KEY_WORD.accordingTo) === 0) return;
  ACCORDING_TO_ROLE.lastIndex = 0;
  for (let m = ACCORDING_TO_ROLE.exec(text); m; m = ACCORDING_TO_ROLE.exec(text)) {
    const role = m[1] ?? "";
    const start = m.index + m[0].length - role.length;
    const end = start + role.length;
    // (A bare title already resolved to its holder, or a name inside the phrase, is read as that name.)
    if (para.referents.some((r) => r.type !== "pronoun" && r.start < end && r.end > start)) continue;
    const noun = (m[2] ?? "").toLowerCase();
    para.referents.push(pronounReferent(start, end, role, PERSON_NOUN.test(noun) ? "person" : "organisation", noun));
  }
}

/**
 * "he", "she" and "they" where PRONOUN finds them in the text, read from the tokens instead of a scan of the text.
 * A plain token (ASCII letters and digits, tokenize) has the word boundaries the expression sees, so it is one
 * exactly when it is the word and no "_" (a word character to the expression) touches it. Any other match lies
 * inside a token that is not plain ("he’d", a word with an accented letter): the expression is asked of that
 * token alone, with the characters on either side for its boundaries. (The letters outside every token are a
 * possessive's "s", which no pronoun contains.)
 */
export function pronounsIn(text: string, tokens: readonly Token[], at: readonly number[], into: Referent[]): void {
  // (`at`: the tokens tokenFacts found may be or hold one, lexicon.ts; the others are none.)
  for (const k of at) {
    const t = tokens[k];
    if (!t) continue;
    if (t.plain) {
      // (No read outside the text, which charCodeAt answers with NaN and which deoptimised this loop.)
      if ((t.start > 0 && text.charCodeAt(t.start - 1) === 95) || (t.end < text.length && text.charCodeAt(t.end) === 95)) continue;
      into.push(pronounReferent(t.start, t.end, t.raw, undefined));
      continue;
    }
    const from = Math.max(0, t.start - 1);
    for (const m of text.slice(from, t.end + 1).matchAll(PRONOUN)) into.push(pronounReferent(from + m.index, from + m.index + m[0].length, m[0], undefined));
  }
}

/**
 * Whether `word` starts somewhere in [from, to] of the text: `text.lastIndexOf(word, to) >= from`, without
 * lastIndexOf's scan back to the text's start when the word is not near (it is a runtime call, not a fast builtin).
 */
function occursIn(text: string, word: string, from: number, to: number): boolean {
  const at = text.indexOf(word, Math.max(0, from));
  return at >= 0 && at <= to;
}

/** Remembers the people and organisations a sentence names (the words around them give their role, for "the minister"). */
export function noteNamed(article: ArticleState, text: string, referents: readonly Referent[]): void {
  for (const r of referents) {
    if (r.type === "pronoun") continue;
    const kind = r.type === "entity" ? r.entity?.kind : r.candidateKind;
    if (kind !== "person" && kind !== "organisation") continue;
    article.named.push({ referent: r, text });
  }
}

const NAME_PARTS = new WeakMap<EntityInfo, string[]>();

/** A person's name as folded words, once per entity. */
function nameParts(entity: EntityInfo): string[] {
  let parts = NAME_PARTS.get(entity);
  if (!parts) NAME_PARTS.set(entity, (parts = entity.name.split(/\s+/).map(foldCase)));
  return parts;
}
