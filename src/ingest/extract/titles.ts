/**
 * Bare titles: "the defence minister", "Defence Minister" with no name beside it. A title names a person only
 * through a country and a date, so the holder is looked up in the gazetteer's role aliases by both: the roles say
 * their country ("Pakistan's defence minister", "Afghan foreign minister", "President of Tajikistan"), and the
 * country of a bare title is the one the words give ("Pakistan's", "the Afghan …") or, failing that, the one the
 * article is clearly about so far. When neither is clear the title stays unresolved: a wrong minister is worse
 * than none.
 */
import { tokenize, type Token } from "../../text/normalize.ts";
import { WordFilter } from "../../text/word-filter.ts";
import { validOn, type AliasIndex, type AliasRow, type EntityInfo } from "../matcher.ts";
import { entityReferent, type ArticleState, type ParagraphState } from "./context.ts";
import { DEMONYMS, indefiniteBefore, isCap, isOutletName, joinedBySpace, ORG_WORDS, STOP, TITLES } from "./lexicon.ts";

/** One holder of an office: "defence minister" of Pakistan, from 2024-03-11. */
interface Holding {
  entityId: number;
  countryId: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface TitleTable {
  /** Title words (folded, "defense" spelt "defence") → who held it, of which country, when. */
  byTitle: Map<string, Holding[]>;
  /** The titles by first word, longest first. */
  byFirst: Map<string, string[][]>;
  /** The keys of byFirst, for a quick "no" before the map is asked. */
  firstWords: WordFilter;
  /** Folded country names and abbreviations → the country's entity id. */
  countries: Map<string, number>;
  /** Demonyms ("afghan", "pakistani") → the country's entity id. */
  demonyms: Map<string, number>;
  /** The keys of demonyms, for a quick "no". */
  demonymWords: WordFilter;
}

const TABLES = new WeakMap<AliasIndex, TitleTable>();

/** Spelling variants that name the same office. */
const foldTitleWord = (w: string): string => (w === "defense" ? "defence" : w);

/** The office table of an alias index, built once per index from its role aliases. */
export function titleTable(index: AliasIndex): TitleTable {
  let table = TABLES.get(index);
  if (table) return table;
  const countries = new Map<string, number>();
  for (const e of index.entities.values()) if (e.kind === "place" && e.subtype === "country") countries.set(e.name.toLowerCase(), e.id);
  for (const a of index.aliasRows) {
    const e = index.entities.get(a.entityId);
    if (e?.kind === "place" && e.subtype === "country" && a.kind !== "role") countries.set(a.norm, e.id);
  }
  const demonyms = new Map<string, number>();
  for (const [demonym, slug] of DEMONYMS) {
    const id = [...index.entities.values()].find((e) => e.slug === slug)?.id;
    if (id !== undefined) {
      countries.set(demonym, id);
      demonyms.set(demonym, id);
    }
  }
  table = { byTitle: new Map(), byFirst: new Map(), firstWords: new WordFilter(), countries, demonyms, demonymWords: new WordFilter(demonyms.keys()) };
  for (const a of index.aliasRows) {
    if (a.kind !== "role" || index.entities.get(a.entityId)?.kind !== "person") continue;
    const split = splitRole(a, countries);
    if (!split) continue;
    const key = split.title.join(" ");
    let list = table.byTitle.get(key);
    if (!list) {
      table.byTitle.set(key, (list = []));
      const first = split.title[0] ?? "";
      const titles = table.byFirst.get(first) ?? [];
      titles.push(split.title);
      titles.sort((x, y) => y.length - x.length);
      table.byFirst.set(first, titles);
    }
    list.push({ entityId: a.entityId, countryId: split.countryId, validFrom: a.validFrom, validTo: a.validTo });
  }
  for (const first of table.byFirst.keys()) table.firstWords.add(first);
  TABLES.set(index, table);
  return table;
}

/** "Pakistan's defence minister" → Pakistan + [defence, minister]; "President of Tajikistan" → Tajikistan + [president]. */
function splitRole(a: AliasRow, countries: ReadonlyMap<string, number>): { countryId: number; title: string[] } | undefined {
  const words = tokenize(a.text).map((t) => foldTitleWord(t.norm));
  if (words[0] === "the") words.shift();
  // The country first, in one or two words ("Pakistan's", "United States", "US").
  for (const n of [2, 1]) {
    const id = countries.get(words.slice(0, n).join(" "));
    if (id !== undefined && words.length > n && isTitle(words.slice(n))) return { countryId: id, title: words.slice(n) };
  }
  // The country last, after "of" ("Prime Minister of Pakistan", "President of the United States").
  const of = words.lastIndexOf("of");
  if (of > 0) {
    const rest = words.slice(of + 1);
    if (rest[0] === "the") rest.shift();
    const id = countries.get(rest.join(" "));
    if (id !== undefined && isTitle(words.slice(0, of))) return { countryId: id, title: words.slice(0, of) };
  }
  return undefined;
}

/** Whether words end in a title ("defence minister", "army chief", "president"): an office, not a name. */
function isTitle(words: readonly string[]): boolean {
  const last = words[words.length - 1] ?? "";
  return TITLES.has(last) || last === "representative" || last === "coordinator";
}

/** Words before a bare title that mean someone other than the holder on the article's date. */
const NOT_THE_HOLDER = new Set(["former", "ex", "then", "late", "new", "next", "previous", "incoming", "outgoing", "deputy", "vice"]);

/**
 * Bare titles in a paragraph, resolved by country and date, become mentions of their holder and referents the
 * speaker rules can point at ("the defence minister told reporters").
 */
export function linkBareTitles(article: ArticleState, para: ParagraphState): void {
  if (!article.onDate) return;
  const table = titleTable(article.index);
  if (!table.byTitle.size) return;
  const { i, p, tokens, covered, referents, titleAt } = para;
  const { byFirst } = table;
  // (Only the tokens the titles' first words may start at, tokenFacts in lexicon.ts; `past`: the end of a title found.)
  let past = 0;
  for (const k of titleAt) {
    const t = tokens[k];
    if (k < past || !t || covered[k]) continue;
    const first = t.norm === "defense" ? "defence" : t.norm;
    const titles = byFirst.get(first);
    if (!titles) continue;
    const title = titles.find((words) => words.every((w, j) => !covered[k + j] && foldTitleWord(tokens[k + j]?.norm ?? "") === w));
    if (!title) continue;
    const end = k + title.length;
    const last = tokens[end - 1] ?? t;
    // A title beside a name is that person's title ("Defence Minister Khawaja Asif"); the name's own rules link it.
    const next = tokens[end];
    if (next && isCap(next.raw) && joinedBySpace(p.text, last, next)) continue;
    const before = tokens[k - 1];
    if (before && NOT_THE_HOLDER.has(before.norm)) continue;
    // ("a defence minister", "a senior defence minister": someone holding such an office.)
    if (indefiniteBefore(tokens, k)) continue;
    // "acting" and "interim" still name the holder ("the acting defence minister").
    let from = k;
    while (from > 0 && (tokens[from - 1]?.norm === "acting" || tokens[from - 1]?.norm === "interim" || tokens[from - 1]?.norm === "caretaker")) from--;
    const all = table.byTitle.get(title.join(" ")) ?? [];
    const direct = countryBefore(table, tokens, from, covered, article, para);
    // With no country before it, a title one holder of the day's the article has named already is that holder's
    // ("Khawaja Asif told Geo News … “…,” the defence minister said" is Asif's, whatever else the article is about).
    const namedHolder = direct === undefined ? holderNamedBefore(article, para, t.start, all) : undefined;
    const countryId = direct ?? namedHolder?.countryId ?? countryOfContext(article, para, t.start);
    if (countryId === undefined) continue;
    const holders = namedHolder ? [namedHolder] : all.filter((h) => h.countryId === countryId && validOn(h, article.onDate));
    const ids = new Set(holders.map((h) => h.entityId));
    if (ids.size !== 1) continue;
    const entity = article.index.entities.get(holders[0]?.entityId ?? -1);
    if (!entity) continue;
    covered.fill(1, k, end);
    const text = p.text.slice(t.start, last.end);
    article.result.mentions.push({ paragraph: i, entityId: entity.id, start: t.start, end: last.end, text });
    referents.push(entityReferent(t.start, last.end, text, entity));
    past = end;
  }
}

/**
 * The holder of a title on the article's date who is the last person the article named before `at` of paragraph
 * `i`, if one: no one else named since ("Afghan Defence Minister Mullah Yaqoob … the defence minister said" is
 * Yaqoob's, whoever the article named before him).
 */
function holderNamedBefore(article: ArticleState, para: ParagraphState, at: number, holders: readonly Holding[]): Holding | undefined {
  const last = lastPersonBefore(article, para, at);
  if (last === undefined) return undefined;
  const holder = holders.find((h) => h.entityId === last.id && validOn(h, article.onDate));
  // (The words since are read only for a holder: most titles' last person holds none of them.)
  return holder && !newNameBefore(para, last.paragraph === para.i ? last.start : 0, at) ? holder : undefined;
}

/**
 * The last person named before `at` of the paragraph: a known person's mention (its entity id), or a new person's
 * name of a paragraph before (id -1). Undefined when no one was named.
 */
function lastPersonBefore(article: ArticleState, para: ParagraphState, at: number): { paragraph: number; start: number; id: number } | undefined {
  const { i } = para;
  let best: { paragraph: number; start: number; id: number } | undefined;
  // (Read from the newest mention back, and the entity's kind asked only of one later than the best so far: most
  // mentions come in the order of the text. Of two at one place the first in the list wins, as read forward.)
  const mentions = article.result.mentions;
  for (let n = mentions.length - 1; n >= 0; n--) {
    const m = mentions[n];
    if (!m || m.paragraph > i || (m.paragraph === i && m.end > at)) continue;
    if (best && (m.paragraph < best.paragraph || (m.paragraph === best.paragraph && m.start < best.start))) continue;
    if (article.index.entities.get(m.entityId)?.kind !== "person") continue;
    best = { paragraph: m.paragraph, start: m.start, id: m.entityId };
  }
  for (const c of article.result.candidates) {
    if (c.kind !== "person" || c.paragraph >= i) continue;
    if (!best || c.paragraph > best.paragraph || (c.paragraph === best.paragraph && c.start > best.start)) best = { paragraph: c.paragraph, start: c.start, id: -1 };
  }
  return best;
}

/**
 * Whether a new name stands in the paragraph from `from` to `at`: a new name between the last person's mention and
 * the title, whose candidates are not found yet. Two capitalised words or more, not an outlet's or a body's name
 * ("told Geo News" names no one).
 */
function newNameBefore(para: ParagraphState, from: number, at: number): boolean {
  const { tokens, covered, starts } = para;
  const text = para.p.text;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.start < from) continue;
    if (t.end > at) break;
    if (covered[k] || !isCap(t.raw) || starts.has(t.start) || STOP.has(t.norm) || t.raw.length < 2) continue;
    let e = k;
    while (e + 1 < tokens.length && !covered[e + 1] && isCap(tokens[e + 1]?.raw ?? "") && (tokens[e + 1]?.end ?? at + 1) <= at) e++;
    const lastWord = tokens[e];
    if (e > k && lastWord && !isOutletName(text.slice(t.start, lastWord.end)) && !ORG_WORDS.has(lastWord.norm)) return true;
    k = e;
  }
  return false;
}

/** The country the words just before a title name: "Pakistan's", "Afghan", "the United States'". */
function countryBefore(table: TitleTable, tokens: readonly Token[], k: number, covered: readonly number[], article: ArticleState, para: ParagraphState): number | undefined {
  const prev = tokens[k - 1];
  if (!prev) return undefined;
  const direct = table.countries.get(prev.norm) ?? table.countries.get(`${tokens[k - 2]?.norm ?? ""} ${prev.norm}`);
  if (direct !== undefined) return direct;
  // "the country's defence minister": the country the article is about.
  if (prev.norm === "country" || prev.norm === "nation") return countryOfContext(article, para, prev.start);
  // A known place or organisation just before ("Kabul's defence minister"): its country.
  if (covered[k - 1]) {
    const m = para.referents.find((r) => r.type === "entity" && r.end === prev.end);
    if (m?.entity) return countryOf(article, m.entity);
  }
  return undefined;
}

/** Remembers the countries a paragraph's known names and demonyms point to (after its bare titles are resolved). */
export function noteCountries(article: ArticleState, para: ParagraphState): void {
  for (const r of para.referents) {
    const id = r.type === "entity" && r.entity ? countryOf(article, r.entity) : undefined;
    if (id !== undefined) article.countryRefs.push(id);
  }
  const table = titleTable(article.index);
  const { demonymWords } = table;
  // Demonyms are capitalised: only the paragraph's capitalised words are looked at.
  for (const k of para.caps) {
    const t = para.tokens[k];
    if (!t) continue;
    // (The filter of demonyms' words first: it rules out most words, and reads the word's normal form alone.)
    if (!demonymWords.mayHave(t.norm)) continue;
    const c = t.raw.charCodeAt(0);
    if (c < 65 || c > 90) continue;
    const id = table.demonyms.get(t.norm);
    if (id !== undefined) article.countryRefs.push(id);
  }
}

/**
 * The country an article is about at a point: the one its known places and organisations (and demonyms) point to
 * clearly most often (at least twice as often as any other), looked for in the point's sentence, then its
 * paragraph so far, then the article so far; each wider view counts the narrower ones too.
 */
export function countryOfContext(article: ArticleState, para: ParagraphState, at: number, upTo?: number): number | undefined {
  const table = titleTable(article.index);
  const found0 = para.sentences.find((s) => s.start <= at && at < s.end) ?? { start: at, end: at };
  // (Only the words up to `upTo` when given: a subject's country, not the countries its clause goes on to name.)
  const sentence = upTo === undefined ? found0 : { start: found0.start, end: Math.min(found0.end, upTo) };
  const counts = new Map<number, number>();
  const demonyms = demonymsIn(table, para.tokens);
  // (Functions of the module, not closures: tsx's esbuild names each closure a call makes with a call of its own.)
  countSpan(article, para, demonyms, counts, sentence.start, sentence.end);
  let found = clearLead(counts);
  if (found !== undefined) return found;
  countSpan(article, para, demonyms, counts, 0, sentence.start);
  found = clearLead(counts);
  if (found !== undefined) return found;
  for (const id of article.countryRefs) addCount(counts, id);
  found = clearLead(counts);
  // (For a subject, a tie goes to the country the article named first: the one its lead is about.)
  if (found === undefined && upTo !== undefined) return article.countryRefs[0];
  return found;
}

function addCount(counts: Map<number, number>, id: number | undefined): void {
  if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** Counts the countries the known names and demonyms starting in [from, to) of the paragraph point to. */
function countSpan(article: ArticleState, para: ParagraphState, demonyms: readonly number[], counts: Map<number, number>, from: number, to: number): void {
  for (const r of para.referents) if (r.type === "entity" && r.entity && r.start >= from && r.start < to) addCount(counts, countryOf(article, r.entity));
  for (let k = 0; k < demonyms.length; k += 2) if ((demonyms[k] ?? -1) >= from && (demonyms[k] ?? -1) < to) addCount(counts, demonyms[k + 1]);
}

/** The last paragraph's tokens demonymsIn read, and what it found in them. */
let demonymsOf: { table: TitleTable; tokens: readonly Token[]; found: number[] } | undefined;

/**
 * The demonyms among a paragraph's tokens, as flat pairs [start, country id, …], found once per paragraph (a bare
 * title asks for its country through them, and a paragraph may have several titles). (Kept for the last paragraph
 * asked only: paragraphs are read one after another, and a WeakMap's entry for each cost more than the search.)
 */
function demonymsIn(table: TitleTable, tokens: readonly Token[]): number[] {
  if (demonymsOf?.tokens === tokens && demonymsOf.table === table) return demonymsOf.found;
  const found: number[] = [];
  for (const t of tokens) {
    const id = table.demonymWords.mayHave(t.norm) ? table.demonyms.get(t.norm) : undefined;
    if (id !== undefined) found.push(t.start, id);
  }
  demonymsOf = { table, tokens, found };
  return found;
}

/** The id counted at least twice as often as any other, if any. */
function clearLead(counts: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  let bestN = 0;
  let second = 0;
  for (const [id, n] of counts) {
    if (n > bestN) {
      second = bestN;
      best = id;
      bestN = n;
    } else if (n > second) second = n;
  }
  return bestN > 0 && bestN >= 2 * second ? best : undefined;
}

const COUNTRY_OF = new WeakMap<EntityInfo, number | null>();

/** The country an entity belongs to (itself, or up its parent chain), if any; once per entity. */
export function countryOf(article: ArticleState, entity: EntityInfo): number | undefined {
  const known = COUNTRY_OF.get(entity);
  if (known !== undefined) return known ?? undefined;
  let found: number | null = null;
  let e: EntityInfo | undefined = entity;
  for (let depth = 0; e && depth < 8; depth++) {
    if (e.kind === "place" && e.subtype === "country") {
      found = e.id;
      break;
    }
    e = e.parentId === null ? undefined : article.index.entities.get(e.parentId);
  }
  COUNTRY_OF.set(entity, found);
  return found ?? undefined;
}

/**
 * A country's one body of a kind, named by a common noun phrase alone: "the military", "the army", "the police",
 * "the interior ministry", "the ministry of defence" of the country the words give ("the Afghan defence ministry")
 * or the article is about. The gazetteer names such a body with the country's name or demonym before the phrase
 * ("Pakistani military", "Afghan Ministry of Defense"); a phrase and a country that lead to exactly one body, on the
 * article's date, resolve to it.
 */
const BODY_NOUN_GROUP: ReadonlyMap<string, string> = new Map([
  ["military", "army"],
  ["army", "army"],
  ["forces", "army"],
  ["troops", "army"],
  ["police", "police"],
]);
/** The head nouns of a body named by a longer phrase ("interior ministry", "foreign office"). */
const BODY_HEADS = new Set(["ministry", "office", "department", "directorate"]);

/**
 * A body's phrase as a key: one noun by its group ("military" → "army"), "ministry of X" as "X ministry", "defense"
 * spelt "defence"; undefined for words that name no body by a common noun.
 */
function bodyKey(words: readonly string[]): string | undefined {
  const w = words.map(foldTitleWord);
  if (w[0] === "the") w.shift();
  if (w.length === 1) return BODY_NOUN_GROUP.get(w[0] ?? "");
  if (w.length > 5) return undefined;
  const head = w[0] ?? "";
  if (BODY_HEADS.has(head) && w[1] === "of") return [...w.slice(2).filter((x) => x !== "the"), head].join(" ");
  return BODY_HEADS.has(w[w.length - 1] ?? "") ? w.join(" ") : undefined;
}

/** Country id and body key ("12 army", "3 defence ministry") → the aliases naming a body so, with their entity. */
const BODIES = new WeakMap<AliasIndex, Map<string, AliasRow[]>>();

function nationalBodies(index: AliasIndex): Map<string, AliasRow[]> {
  let bodies = BODIES.get(index);
  if (bodies) return bodies;
  bodies = new Map();
  const { countries } = titleTable(index);
  for (const a of index.aliasRows) {
    if (a.kind === "role" || index.entities.get(a.entityId)?.kind !== "organisation") continue;
    const words = tokenize(a.text).map((t) => t.norm);
    if (words[0] === "the") words.shift();
    // (The country first, in one or two words: "Pakistani military", "Afghan Ministry of Defense".)
    for (const n of [2, 1]) {
      const countryId = countries.get(words.slice(0, n).join(" "));
      const key = countryId === undefined ? undefined : bodyKey(words.slice(n));
      if (key === undefined) continue;
      const list = bodies.get(`${countryId} ${key}`) ?? [];
      list.push(a);
      bodies.set(`${countryId} ${key}`, list);
      break;
    }
  }
  BODIES.set(index, bodies);
  return bodies;
}

/** Words of a body's phrase that say nothing of which body of its kind it is. */
const BODY_PHRASE_WORDS = new Set(["the", "of", "and", "for", "its", "s", "country", "nation", "federal", "provincial", "national", "central", "caretaker", "interim", "acting", "visiting", "new", "minister", "ministry", "office", "department", "directorate"]);

/**
 * The words of a body's or a minister's phrase that say which one of its kind it is ("health" in "the ministry of
 * health", "interior" in "the Afghan interior ministry" or "the interior minister"; "defense" spelt "defence"): not its
 * head noun, its country's words or "the", "of".
 */
export function bodyFields(index: AliasIndex, phrase: string): string[] {
  const { countries } = titleTable(index);
  const out: string[] = [];
  for (const t of tokenize(phrase)) {
    const w = foldTitleWord(t.norm);
    if (!BODY_PHRASE_WORDS.has(w) && !countries.has(w)) out.push(w);
  }
  return out;
}

/** Whether a phrase may name a body by a common noun phrase of several words ("the interior ministry"): asked first. */
export function qualifiedBody(phrase: string): boolean {
  return phrase.includes(" ") && /(?:ministry|office|department|directorate)(?:\s+of\b|$)/i.test(phrase.replace(/^the\s+/i, ""));
}

/**
 * The body a bare "the military", "the police", "the interior ministry" or "the ministry of defence" at a point
 * means: the one the gazetteer names with that phrase and the country the phrase names ("the Afghan defence
 * ministry") or the article is about there (countryOfContext), on the article's date; none when no country is clear
 * or the country has no such body, or several.
 */
export function nationalBody(article: ArticleState, para: ParagraphState, at: number, phrase: string, upTo?: number): EntityInfo | undefined {
  if (!article.onDate) return undefined;
  const words = tokenize(phrase).map((t) => t.norm);
  if (words[0] === "the") words.shift();
  const table = titleTable(article.index);
  let countryId = table.countries.get(words[0] ?? "");
  if (countryId !== undefined || words[0] === "country" || words[0] === "nation") words.shift();
  const key = bodyKey(words);
  if (key === undefined) return undefined;
  countryId ??= countryOfContext(article, para, at, upTo);
  if (countryId === undefined) return undefined;
  let found: number | undefined;
  for (const a of nationalBodies(article.index).get(`${countryId} ${key}`) ?? []) {
    if (!validOn(a, article.onDate)) continue;
    if (found !== undefined && found !== a.entityId) return undefined;
    found = a.entityId;
  }
  return found === undefined ? undefined : article.index.entities.get(found);
}
