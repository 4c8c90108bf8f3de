/**
 * Quotes and speakers: the quotations of a sentence and who said them. A new speaker rule goes in
 * `attributeQuote` (who, for one quotation) or `resolveReference` (who a pronoun stands for).
 */
import type { Span } from "../sentences.ts";
import { isCountry, isOrg, isPersonish, maskQuotes, toSpeaker, type QuoteSpan, type Referent, type SentenceContext, type Speaker } from "./context.ts";
import type { ExtractedQuote } from "./types.ts";

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

type Attribution = { speaker: Speaker | undefined; confidence: number };
type Resolve = (at: number) => Speaker | undefined;

export function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const m of text.matchAll(/“([^“”]{1,20000})”|"([^"]{1,20000})"/g)) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Who a pronoun at `at` stands for: the nearest person named before it in the sentence, else the first person of
 * the sentence before, else whoever spoke (or was named) last.
 */
export function resolveReference(ctx: SentenceContext, at: number): Speaker | undefined {
  for (let k = ctx.referents.length - 1; k >= 0; k--) {
    const r = ctx.referents[k];
    if (r && r.end <= at && isPersonish(r) && r.type !== "pronoun") return toSpeaker(r);
  }
  if (ctx.prevFirstPerson) return toSpeaker(ctx.prevFirstPerson);
  return ctx.article.lastSpeaker ?? ctx.article.lastPerson;
}

/** The sentence's quotations, each with its speaker, added to the result. */
export function extractQuotes(ctx: SentenceContext): void {
  const { para, span: s, article } = ctx;
  const text = para.p.text;
  // A sentence that is nothing but a quotation continues the previous sentence's quoted speaker
  // ("“…,” he said. “Our grandfathers traded here…”").
  const bareQuote = ctx.quotes.length > 0 && maskQuotes(ctx.text, s.start, ctx.overlappingQuotes).trim() === "";
  const carriedQuoteSpeaker = bareQuote ? para.previousQuoteSpeaker : undefined;
  para.previousQuoteSpeaker = undefined;
  const resolve: Resolve = (at) => resolveReference(ctx, at);
  for (const q of ctx.quotes) {
    const attribution = carriedQuoteSpeaker ? { speaker: carriedQuoteSpeaker, confidence: 0.6 } : attributeQuote(text, s, q, ctx.overlappingQuotes, ctx.referents, resolve);
    const sentenceDate = ctx.dates.find((d) => d.end <= q.start || d.start >= q.end);
    const quote: ExtractedQuote = {
      paragraph: para.i,
      text: text.slice(q.start + 1, q.end - 1),
      start: q.start + 1,
      end: q.end - 1,
      speakerId: attribution.speaker?.entityId ?? null,
      speakerText: attribution.speaker?.text ?? null,
      confidence: attribution.confidence,
      isFragment: isFragment(text, q),
      saidOn: sentenceDate ? { value: sentenceDate.value, precision: sentenceDate.precision } : undefined,
    };
    article.result.quotes.push(quote);
    if (attribution.speaker) article.lastSpeaker = attribution.speaker;
    para.previousQuoteSpeaker = attribution.speaker;
  }
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

function attributeQuote(text: string, s: Span, q: QuoteSpan, allQuotes: readonly QuoteSpan[], referents: readonly Referent[], resolvePronoun: Resolve): Attribution {
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

function fromReferent(r: Referent, resolvePronoun: Resolve, scale: number): Attribution {
  if (r.type === "pronoun") {
    const resolved = resolvePronoun(r.start);
    return resolved ? { speaker: resolved, confidence: 0.75 * scale } : { speaker: undefined, confidence: 0 };
  }
  if (r.type === "candidate") return { speaker: toSpeaker(r), confidence: 0.8 * scale };
  if (r.entity?.kind === "organisation") return { speaker: toSpeaker(r), confidence: 0.7 * scale };
  return { speaker: toSpeaker(r), confidence: 0.9 * scale };
}
