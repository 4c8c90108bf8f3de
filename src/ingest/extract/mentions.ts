/**
 * Mentions: the gazetteer's names in a paragraph (alias matches), later bare family names of the people it named
 * ("Munir" after "Asim Munir"), and the pronouns that may stand for them. Each becomes a referent the quote and
 * event stages can point at.
 */
import { foldCase } from "../../text/normalize.ts";
import type { AliasMatch, EntityInfo } from "../matcher.ts";
import type { ArticleState, ParagraphState } from "./context.ts";
import { isCap, joinedBySpace } from "./lexicon.ts";

const PRONOUN = /\b(he|she|they)\b/gi;

/** Known names: mentions, referents, and the family names later references may use. */
export function linkKnownNames(article: ArticleState, para: ParagraphState, matches: readonly AliasMatch[]): void {
  const { i, p, tokens, covered, referents } = para;
  for (const m of matches) {
    covered.fill(1, m.tokenFrom, m.tokenTo);
    const entity = article.index.entities.get(m.entityId);
    if (!entity) continue;
    const text = p.text.slice(m.start, m.end);
    article.result.mentions.push({ paragraph: i, entityId: m.entityId, start: m.start, end: m.end, text });
    referents.push({ start: m.start, end: m.end, text, type: "entity", entity });
    if (entity.kind === "person") {
      // Later bare references use the family name ("Munir") or, for two-part names, either part ("Zhao").
      const parts = nameParts(entity);
      const keys = new Set([parts[parts.length - 1], parts.length === 2 ? parts[0] : undefined, tokens[m.tokenTo - 1]?.norm]);
      for (const key of keys) {
        if (!key || key.length < 3) continue;
        const prev = article.surnames.get(key);
        article.surnames.set(key, prev === undefined || prev === entity.id ? entity.id : -1);
      }
    }
  }
}

/** A bare surname after the full name ("Zhao emphasized", "General Munir") refers to the same person. */
export function linkSurnames(article: ArticleState, para: ParagraphState): void {
  const { i, p, tokens, covered, referents } = para;
  tokens.forEach((t, k) => {
    if (covered[k] || !isCap(t.raw)) return;
    const id = article.surnames.get(t.norm);
    const entity = id === undefined || id < 0 ? undefined : article.index.entities.get(id);
    if (!entity || (tokens[k + 1] && !covered[k + 1] && isCap(tokens[k + 1]?.raw ?? "") && joinedBySpace(p.text, t, tokens[k + 1]))) return;
    covered[k] = 1;
    article.result.mentions.push({ paragraph: i, entityId: entity.id, start: t.start, end: t.end, text: t.raw });
    referents.push({ start: t.start, end: t.end, text: t.raw, type: "entity", entity });
  });
}

/** "he", "she", "they": referents the speaker stage resolves to someone named. */
export function addPronouns(para: ParagraphState): void {
  for (const m of para.p.text.matchAll(PRONOUN)) para.referents.push({ start: m.index, end: m.index + m[0].length, text: m[0], type: "pronoun" });
}

const NAME_PARTS = new WeakMap<EntityInfo, string[]>();

/** A person's name as folded words, once per entity. */
function nameParts(entity: EntityInfo): string[] {
  let parts = NAME_PARTS.get(entity);
  if (!parts) NAME_PARTS.set(entity, (parts = entity.name.split(/\s+/).map(foldCase)));
  return parts;
}
