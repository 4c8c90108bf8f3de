import { foldCase, type Token } from "../text/normalize.ts";
import { WordFilter } from "../text/word-filter.ts";
import { DEMONYMS } from "./extract/lexicon.ts";

export type EntityKind = "person" | "organisation" | "place";

export interface EntityInfo {
  id: number;
  slug: string;
  kind: EntityKind;
  subtype: string | null;
  name: string;
  parentId: number | null;
}

export interface AliasRow {
  aliasId: number;
  entityId: number;
  text: string;
  norm: string;
  kind: "name" | "abbreviation" | "transliteration" | "designation" | "role";
  validFrom: string | null;
  validTo: string | null;
}

export interface AliasMatch {
  entityId: number;
  aliasId: number;
  aliasKind: AliasRow["kind"];
  /** Token range [from, to) and character range in the text. */
  tokenFrom: number;
  tokenTo: number;
  start: number;
  end: number;
}

interface Entry {
  tokens: string[];
  rows: AliasRow[];
  /** Short all-capital abbreviations ("US", "IS", "FO") only match capitalised text, so "us" and "is" do not. */
  caseSensitive: boolean;
  /**
   * A name shortened by its parent's abbreviation ("UN Assistance Mission in Afghanistan"): its first `upperHead`
   * words must be written in capitals and its other words capitalised (connectors aside), so that "us of America"
   * or "is Khorasan Province" in running text is not it. 0 for every alias as stored.
   */
  upperHead: number;
}

const KIND_RANK: Record<AliasRow["kind"], number> = { name: 0, abbreviation: 1, transliteration: 2, designation: 3, role: 4 };

/**
 * An index of every alias by its first normalised token; matching walks the text once and takes the
 * longest alias starting at each token, so "Tehreek e Taliban Pakistan" wins over "Taliban".
 */
export class AliasIndex {
  /**
   * Every alias by its first normalised token, split by its second: those of two words or more under their second
   * word, those of one word alone, each list longest first. An entry whose second word is not the text's cannot match,
   * so longestAt asks only the list of the text's second word and then the one-word list (which comes last in a
   * longest-first order of all of them too): the same first match, without comparing the text with every name that
   * opens with "Pakistan" (21 of them).
   */
  private readonly byHead = new Map<string, { bySecond: Map<string, Entry[]>; single: Entry[] }>();
  /** The keys of byHead, for a quick "no" before the map is asked (most tokens start no alias). */
  readonly firstWords = new WordFilter();
  readonly entities: Map<number, EntityInfo>;
  /** Every alias row, as loaded (the office table of bare titles is built from the role rows). */
  readonly aliasRows: readonly AliasRow[];

  constructor(entities: Iterable<EntityInfo>, aliases: Iterable<AliasRow>) {
    this.entities = new Map([...entities].map((e) => [e.id, e]));
    this.aliasRows = [...aliases];
    const byNorm = new Map<string, Entry>();
    const add = (a: AliasRow, upperHead: number): void => {
      if (!a.norm) return;
      let entry = byNorm.get(a.norm);
      if (!entry) {
        const letters = a.text.replace(/[^\p{L}]/gu, "");
        entry = { tokens: a.norm.split(" "), rows: [], caseSensitive: upperHead === 0 && letters.length <= 5 && letters === letters.toUpperCase(), upperHead };
        byNorm.set(a.norm, entry);
      }
      entry.rows.push(a);
    };
    for (const a of this.aliasRows) add(a, 0);
    for (const a of shortenedNames(this.aliasRows)) add(a, a.upperHead);
    // An organisation's name that opens with a country's demonym is also written with the country's name ("Pakistani
    // Taliban" / "Pakistan Taliban"), and the other way; a form another name already holds stays that name's.
    for (const a of countryForms(this.aliasRows, this.entities)) if (!byNorm.has(a.norm)) add(a, 0);
    const byFirst = new Map<string, Entry[]>();
    for (const entry of byNorm.values()) {
      entry.rows.sort((x, y) => KIND_RANK[x.kind] - KIND_RANK[y.kind] || x.entityId - y.entityId);
      const first = entry.tokens[0] ?? "";
      const list = byFirst.get(first) ?? [];
      list.push(entry);
      byFirst.set(first, list);
    }
    for (const [first, list] of byFirst) {
      list.sort((x, y) => y.tokens.length - x.tokens.length);
      const head = { bySecond: new Map<string, Entry[]>(), single: [] as Entry[] };
      for (const entry of list) {
        const second = entry.tokens[1];
        if (second === undefined) head.single.push(entry);
        else {
          const same = head.bySecond.get(second);
          if (same) same.push(entry);
          else head.bySecond.set(second, [entry]);
        }
      }
      this.byHead.set(first, head);
    }
    for (const first of byFirst.keys()) this.firstWords.add(first);
  }

  /**
   * Finds alias matches in `tokens`; role aliases apply only when `onDate` ("YYYY[-MM[-DD]]") is inside their
   * validity ("" = the article's date is unknown, so no time-bound alias applies). `from`, when given, lists in
   * order the tokens a match may start at (every token whose norm passes firstWords, and every capital letter
   * alone): the others are passed over without being looked at (extract/lexicon.ts, tokenFacts).
   */
  match(tokens: readonly Token[], onDate: string, from?: readonly number[]): AliasMatch[] {
    const out: AliasMatch[] = [];
    let i = 0;
    let next = 0;
    while (i < tokens.length) {
      if (from) {
        while (next < from.length && (from[next] ?? 0) < i) next++;
        if (next >= from.length) break;
        i = from[next] ?? tokens.length;
      }
      // An acronym spelled out letter by letter ("U-N-H-C-R", "U.N.H.C.R."): three or more capitals, each one token,
      // one character apart, is the acronym they spell when the index holds it, and no shorter one inside it ("U-N").
      const raw = tokens[i]?.raw ?? "";
      if (raw.length === 1 && isUpperAscii(raw.charCodeAt(0))) {
        const end = spelledEnd(tokens, i);
        if (end - i >= 3) {
          const spelled = this.spelledAt(tokens, i, end, onDate);
          if (spelled) out.push(spelled);
          i = end;
          continue;
        }
      }
      const found = this.longestAt(tokens, i, onDate, false);
      if (found) {
        out.push(found);
        // A role alias names an office that may contain an organisation ("DG ISI", "Foreign Office spokesperson").
        if (found.aliasKind === "role") out.push(...this.nested(tokens, found, onDate));
        i = found.tokenTo;
      } else i++;
    }
    return out;
  }

  private nested(tokens: readonly Token[], outer: AliasMatch, onDate: string): AliasMatch[] {
    const out: AliasMatch[] = [];
    // (Names inside the office end with it: tokens past its end are out of reach, without copying the tokens before.)
    for (let k = outer.tokenFrom; k < outer.tokenTo; ) {
      const m = this.longestAt(tokens, k, onDate, true, outer.tokenTo);
      if (m && m.entityId !== outer.entityId && this.entities.get(m.entityId)?.kind === "organisation") {
        out.push(m);
        k = m.tokenTo;
      } else k++;
    }
    return out;
  }

  /** The longest alias starting at token `i` and ending by token `limit` (exclusive). */
  private longestAt(tokens: readonly Token[], i: number, onDate: string, skipRoles: boolean, limit = tokens.length): AliasMatch | undefined {
    const first = tokens[i];
    if (!first) return undefined;
    if (!this.firstWords.mayHave(first.norm)) return undefined;
    const head = this.byHead.get(first.norm);
    if (!head) return undefined;
    const second = i + 1 < limit ? tokens[i + 1] : undefined;
    const longer = second ? head.bySecond.get(second.norm) : undefined;
    return (longer ? this.firstAt(longer, tokens, i, onDate, skipRoles, limit) : undefined) ?? this.firstAt(head.single, tokens, i, onDate, skipRoles, limit);
  }

  /** The first entry of `list` (all opening with token `i`'s word, and the next one's if longer) that matches there. */
  private firstAt(list: readonly Entry[], tokens: readonly Token[], i: number, onDate: string, skipRoles: boolean, limit: number): AliasMatch | undefined {
    const first = tokens[i];
    if (!first) return undefined;
    for (const entry of list) {
      const n = entry.tokens.length;
      if (i + n > limit) continue;
      let ok = true;
      for (let k = 2; k < n && ok; k++) ok = tokens[i + k]?.norm === entry.tokens[k];
      if (!ok) continue;
      if (entry.caseSensitive && !allUpperCase(tokens, i, i + n)) continue;
      if (entry.upperHead > 0 && !(allUpperCase(tokens, i, i + entry.upperHead) && capitalisedName(tokens, i + entry.upperHead, i + n))) continue;
      let row: AliasRow | undefined;
      for (const r of entry.rows) {
        if (validOn(r, onDate) && !(skipRoles && r.kind === "role")) {
          row = r;
          break;
        }
      }
      if (!row) continue;
      const last = tokens[i + n - 1];
      if (!last) continue;
      return { entityId: row.entityId, aliasId: row.aliasId, aliasKind: row.kind, tokenFrom: i, tokenTo: i + n, start: first.start, end: last.end };
    }
    return undefined;
  }

  /** The acronym tokens [i, end) spell, when the index holds it. */
  private spelledAt(tokens: readonly Token[], i: number, end: number, onDate: string): AliasMatch | undefined {
    let letters = "";
    for (let k = i; k < end; k++) letters += tokens[k]?.norm ?? "";
    const entry = this.byHead.get(letters)?.single[0];
    const row = entry?.rows.find((r) => validOn(r, onDate) && r.kind !== "role");
    const first = tokens[i];
    const last = tokens[end - 1];
    if (!row || !first || !last) return undefined;
    return { entityId: row.entityId, aliasId: row.aliasId, aliasKind: row.kind, tokenFrom: i, tokenTo: end, start: first.start, end: last.end };
  }
}

/** Where a run of single capital letters one character apart ("U-N-H-C-R") that starts at token `i` ends (exclusive). */
export function spelledEnd(tokens: readonly Token[], i: number): number {
  let end = i + 1;
  while (end < tokens.length) {
    const cur = tokens[end - 1];
    const next = tokens[end];
    if (!cur || !next || next.raw.length !== 1 || !isUpperAscii(next.raw.charCodeAt(0)) || next.start !== cur.end + 1) break;
    end++;
  }
  return end;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether tokens [from, to) are written as a name's words: capitalised, or a lower-case connector ("in", "of", "for"). */
function capitalisedName(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const raw = tokens[k]?.raw ?? "";
    const c = raw.charCodeAt(0);
    if (raw.toLowerCase() === raw && !NAME_CONNECTORS.has(raw) && !(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** Lower-case words inside a name ("Mission in Afghanistan", "Islamic State of Iraq and the Levant"). */
const NAME_CONNECTORS = new Set(["in", "of", "for", "and", "the", "on", "de", "al", "el", "e", "ul"]);

function allUpperCase(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const raw = tokens[k]?.raw ?? "";
    if (raw !== raw.toUpperCase()) return false;
  }
  return true;
}

/** Partial dates compare by prefix: a role valid from "2022-11" covers "2022-11-29" and "2023". */
export function validOn(row: Pick<AliasRow, "validFrom" | "validTo">, date: string): boolean {
  // An undated article cannot say who held an office then: time-bound aliases do not apply.
  if (date === "") return !row.validFrom && !row.validTo;
  // (ISO dates are ASCII digits and hyphens: < compares them as the calendar does, without localeCompare's cost.)
  if (row.validFrom && date < row.validFrom.slice(0, date.length)) return false;
  if (row.validTo && date.slice(0, row.validTo.length) > row.validTo) return false;
  return true;
}

/** The demonym and country-name forms of organisations' names ("pakistani taliban" ↔ "pakistan taliban"). */
export function countryForms(rows: readonly AliasRow[], entities: ReadonlyMap<number, EntityInfo>): AliasRow[] {
  const countryBySlug = new Map<string, string>();
  for (const e of entities.values()) if (e.kind === "place" && e.subtype === "country") countryBySlug.set(e.slug, foldCase(e.name));
  const swap = new Map<string, string>();
  for (const [demonym, slug] of DEMONYMS) {
    const country = countryBySlug.get(slug);
    if (country === undefined || country.includes(" ")) continue;
    swap.set(demonym, country);
    swap.set(country, demonym);
  }
  const out: AliasRow[] = [];
  for (const r of rows) {
    if (!r.norm || r.kind === "role" || entities.get(r.entityId)?.kind !== "organisation") continue;
    const space = r.norm.indexOf(" ");
    const other = space > 0 ? swap.get(r.norm.slice(0, space)) : undefined;
    if (other !== undefined) out.push({ ...r, norm: `${other}${r.norm.slice(space)}` });
  }
  return out;
}

/**
 * Names that hold another entity's full name, written with that entity's abbreviation instead: "United Nations
 * Assistance Mission in Afghanistan" is also "UN Assistance Mission in Afghanistan" and "U.N. Assistance Mission in
 * Afghanistan", because "United Nations" is "UN". Only an entity's name (not a role, a designation or an
 * abbreviation) is shortened, only at its start, and only when at least two words stay after the shortened part.
 */
export function shortenedNames(rows: readonly AliasRow[]): (AliasRow & { upperHead: number })[] {
  const names = new Map<number, string>();
  const abbreviations = new Map<number, string[]>();
  for (const r of rows) {
    if (!r.norm) continue;
    if (r.kind === "name" && !names.has(r.entityId)) names.set(r.entityId, r.norm);
    if (r.kind === "abbreviation" && !r.validFrom && !r.validTo) abbreviations.set(r.entityId, [...(abbreviations.get(r.entityId) ?? []), r.norm]);
  }
  // The full names that have abbreviations, by their first word.
  const byFirst = new Map<string, { id: number; words: string[]; short: string[] }[]>();
  for (const [id, short] of abbreviations) {
    const name = names.get(id);
    if (!name || !name.includes(" ")) continue;
    const words = name.split(" ");
    const list = byFirst.get(words[0] ?? "") ?? [];
    list.push({ id, words, short });
    byFirst.set(words[0] ?? "", list);
  }
  const out: (AliasRow & { upperHead: number })[] = [];
  // And the other way: a name written with another entity's abbreviation ("UN Refugee Agency") is also written with
  // that entity's full name ("the United Nations refugee agency"), when at least two words follow the abbreviation.
  const fullByShort = new Map<string, string[]>();
  for (const [id, short] of abbreviations) {
    const name = names.get(id);
    if (!name || !name.includes(" ")) continue;
    for (const s of short) if (!s.includes(" ")) fullByShort.set(s, [...(fullByShort.get(s) ?? []), name]);
  }
  for (const r of rows) {
    if (r.kind !== "name" || !r.norm) continue;
    const words = r.norm.split(" ");
    if (words.length >= 3) for (const name of fullByShort.get(words[0] ?? "") ?? []) out.push({ ...r, norm: `${name} ${words.slice(1).join(" ")}`, upperHead: 0 });
    for (const full of byFirst.get(words[0] ?? "") ?? []) {
      // (Another entity's name only: "United States of America" is not "US of America".)
      if (full.id === r.entityId) continue;
      const n = full.words.length;
      if (words.length - n < 2 || full.words.some((w, k) => words[k] !== w)) continue;
      const rest = words.slice(n).join(" ");
      for (const short of full.short) out.push({ ...r, kind: "abbreviation", text: r.text, norm: `${short} ${rest}`, upperHead: short.split(" ").length });
    }
  }
  return out;
}
