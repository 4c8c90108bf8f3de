/**
 * Quotes and speakers: the quotations of a sentence and who said them. A new speaker rule goes in
 * `attributeQuote` (who, for one quotation) or `resolveReference` (who a pronoun stands for).
 */
import { isSpace, type Span } from "../sentences.ts";
import { isCountry, KEY_WORD, pronounReferent, isOrg, isPerson, isPersonish, maskedText, maskQuotes, roleAround, toSpeaker, type QuoteSpan, type Referent, type SentenceContext, type Speaker } from "./context.ts";
import { isOutletName, PERIOD_TITLES, TITLES } from "./lexicon.ts";
import { ISSUER_NOUN, PERSON_NOUN_IN, ROLE_OF, ROLE_PHRASE_BEFORE } from "./mentions.ts";
import { bodyFields, nationalBody, qualifiedBody } from "./titles.ts";
import type { ExtractedQuote } from "./types.ts";

/** "according to", a cue like a verb of saying (the verbs themselves are found once per paragraph: lexicon.ts). */
const ACCORDING_TO = /\b[Aa]ccording to\b/g;
/** Just before a verb: a back-shifted tense ("had responded"), the sign of reported speech. */
const BACKSHIFT = /\b(?:had|would|could|might)\s+$/i;
/**
 * After a speech verb, up to the quotation: a that-clause ("said that …", "said in a statement that …", "said … and
 * that …"; not "that day").
 */
const REPORTED_CLAUSE = /^\s*,?\s*that\b|^[^“”"]{0,60}?\bthat\b(?!\s+(?:day|week|month|year|time|night|morning|evening|afternoon)\b)|\b(?:and|but) that\b/i;
const WEAK_CUE = /\b(acknowledg\w*|statement|remarks?|words|assurances?)\b/gi;
const ANONYMOUS = /\b(?:asked|declined|refused|requested) not to be (?:named|identified)|\bon (?:the )?condition of anonymity|\brequested anonymity|\bnot authori[sz]ed to (?:speak|talk)/i;
/** "A driver …", "Meanwhile, one official …": a speaker the article does not name. */
/** After a verb and before a name: a comma and a conjunction, opening a clause of its own ("…,” Khan said, and Y replied"). */
const NEXT_CLAUSE = /,\s*(?:and|but|while|whereas)\b/i;
/**
 * Just before a name after the verb: "by", the agent of a passive ("was quoted as saying by AFP"), perhaps with words
 * in lower case that say what kind of outlet it is ("by state-run APP", "by the official news agency"; not "the letter
 * written by jailed former premier Imran Khan", whose words it is).
 */
const BY_AGENT = /\bby\s+(?:the\s+)?(?:(?:state-run|state-owned|state|official|semi-official|government-run|pro-government|private|independent|local|daily|weekly|news|agency|broadcaster|newspaper|channel|television|radio|wire|service|[\p{Ll}]+-language)\s+){0,3}$/u;
const INDEFINITE_SUBJECT = /^\s*(?:\p{L}+(?: \p{Ll}+)?, )?(?:a|an|one|another|some|several)\s+\p{Ll}/iu;

type Attribution = { speaker: Speaker | undefined; confidence: number };
type Resolve = (r: Referent) => Speaker | undefined;

/** A double mark or two single ones opening, words (an apostrophe inside a word among them), two single marks closing. */
const TWO_SINGLES = /(“|‘‘)((?:[^“”"‘’]|’(?=\p{L}))+?)’’/gu;

/** Adds the quotations closed with two single marks that no quotation found already holds (findQuotes). */
function closedByTwoSingles(text: string, out: QuoteSpan[]): void {
  const found = out.length;
  TWO_SINGLES.lastIndex = 0;
  for (let m = TWO_SINGLES.exec(text); m; m = TWO_SINGLES.exec(text)) {
    // (The span's first character is the last opening mark, its last the first closing one: text = slice(start + 1, end - 1).)
    const start = m.index + (m[1]?.length ?? 1) - 1;
    const end = m.index + m[0].length - 1;
    let overlaps = false;
    for (let k = 0; k < found && !overlaps; k++) {
      const d = out[k];
      if (d && d.start < end && start < d.end) overlaps = true;
    }
    if (!overlaps) out.push({ start, end, open: false });
  }
  if (out.length > found) out.sort((a, b) => a.start - b.start);
}

/**
 * The quotations of a paragraph whose curly double marks are typed the wrong way round somewhere — a left mark closing
 * a quotation ("…diseases,“ said X") or a right mark opening one ("said X.” Health care … Pakistan.”") — paired in
 * turn, the first mark opening, the second closing, and so on; undefined when every mark faces its way, or when the
 * marks are odd in number (the pairing is then unknown). Asked only of a paragraph with no straight marks (findQuotes).
 * A left mark closes where a letter or a stop stands before it and a space or the end after it; a right
 * mark opens where a space or the start stands before it and a letter after it, or after a stop and a space with a
 * capital next.
 */
function pairedInTurn(text: string): QuoteSpan[] | undefined {
  const marks: number[] = [];
  let wrong = false;
  // (The next mark of each kind, each searched for again only once passed.)
  let left = text.indexOf("“");
  let right = text.indexOf("”");
  while (left >= 0 || right >= 0) {
    const k = right < 0 || (left >= 0 && left < right) ? left : right;
    const closing = marks.length % 2 === 1;
    if (k === left) {
      if (closing && LEFT_CLOSES.test(text.slice(Math.max(0, k - 1), k + 2))) wrong = true;
      left = text.indexOf("“", k + 1);
    } else {
      if (!closing && rightOpens(text, k)) wrong = true;
      right = text.indexOf("”", k + 1);
    }
    marks.push(k);
  }
  if (!wrong || marks.length % 2 === 1) return undefined;
  const out: QuoteSpan[] = [];
  for (let k = 0; k < marks.length; k += 2) out.push({ start: marks[k] ?? 0, end: (marks[k + 1] ?? 0) + 1, open: false });
  return out;
}
/** A left mark in a closing place: after a letter or a stop, before a space or the end. */
const LEFT_CLOSES = /^[\p{L}\p{N},.!?…]“(?:\s|$)/u;
/** Whether the right mark at k stands in an opening place: after the start or a space and before a letter, or after a stop and before a space and a capital. */
function rightOpens(text: string, k: number): boolean {
  const before = k > 0 ? (text[k - 1] ?? "") : "";
  if (before === "" || before === " ") return LETTER.test(text[k + 1] ?? "");
  return (before === "." || before === "!" || before === "?") && text[k + 1] === " " && UPPER_FIRST.test(text[k + 2] ?? "");
}
const LETTER = /^\p{L}/u;

/**
 * Quotations in double marks, curly or straight, also opened with one kind and closed with the other (a right mark
 * typed for a left one too, after a space and before a letter: "is a ”prerequisite\" for peace"); a straight
 * mark closes at the nearest closing mark of either kind, and a curly pair holds no straight mark (in "“…,\" he said.
 * \"…”" the straight marks close and open, so these are two quotations, not one that holds "he said").
 */
const DOUBLE_QUOTE = /“([^“”"]{1,20000})”|"([^"“”]{1,20000})["”]|"([^"]{1,20000})"|“([^“”"]{1,20000})"|(?<![^\s(])”(?=[A-Za-z])((?:(?![.!?]\s+[A-Z])[^“”"\n]){1,300})"(?![A-Za-z])/g;
/** ‘Single-quoted’ words, whose closing mark is followed by no letter (an apostrophe, as in “officials’ plan”, is). */
const SINGLE_QUOTE = /(?<![\p{L}\p{N}])‘((?:[^‘’\n]|’(?=\p{L})){1,200})’(?!\p{L})/gu;
/*
 * Expressions with a Unicode class (\p{…}) are constants, never written inside a function: tsx's esbuild lowers such
 * a literal to `new RegExp(…)`, which would build it again on every call.
 */
const UPPER_FIRST = /^\p{Lu}/u;
const LOWER_FIRST = /^\p{Ll}/u;
/** Before a quotation mark: the paragraph's start, or a sentence's end (a stop, perhaps a closing mark) and a space. */
const SENTENCE_BEFORE = /(?:^|[.!?…][”"’]?\s+)$/;
/** A single closing mark after a stop or a comma, and a space: where a quotation opened with a double mark was closed by mistake. */
const MISTYPED_CLOSE = /[,.!?…]’+\s/;
/** A quotation mark opening a quotation that starts with a capital. */
const OPENING_BEFORE_CAPITAL = /[“"](?=\s*\p{Lu})/u;
/** Two right single marks, or a left one (a search from lastIndex). */
const SINGLE_MARKS = /’’|‘/g;
/** Any mark a quotation opens with (a right double mark too, when typed the wrong way round: pairedInTurn). */
const QUOTATION_MARK = /["“‘”]/;

/**
 * `runsOn`: the next paragraph opens with a quotation mark. `firstMark`: where the first of QUOTATION_MARK's marks
 * stands (-1: none), as splitSentences notes it (sentences.ts, FirstMarks).
 */
export function findQuotes(text: string, runsOn = false, firstMark = QUOTATION_MARK.exec(text)?.index ?? -1): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  // (Where the first of the marks stands first: most paragraphs hold none, and each plain search for a one-byte mark
  // goes over the whole of a two-byte paragraph; without a mark, no quotation opens or runs on either.)
  if (firstMark < 0) return out;
  // (No straight mark stands before the first mark.)
  const straight = text.includes('"', firstMark);
  // Curly marks typed the wrong way round ("“We condemn this,“ said X. ” Health care …”"): paired in turn, in a
  // paragraph with no straight marks.
  const swapped = !straight && text.includes("”", firstMark) ? pairedInTurn(text) : undefined;
  if (swapped) return swapped;
  const doubleMark = straight || text.includes("“", firstMark);
  // (Whether a single mark opens or two close anything: one search for either. Neither a quotation closed with two
  // single marks, which opens with a mark QUOTATION_MARK finds, nor a single-quoted one lies before the first mark.)
  SINGLE_MARKS.lastIndex = firstMark;
  const singles = SINGLE_MARKS.test(text);
  if (doubleMark) {
    DOUBLE_QUOTE.lastIndex = 0;
    for (let m = DOUBLE_QUOTE.exec(text); m; m = DOUBLE_QUOTE.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, open: false });
  }
  // A quotation closed with two single marks for a double one ("“… we had to leave,’’ says X"; "‘‘…’’"), as some
  // copy types them: the span ends before the second mark, so that its text leaves both out.
  if (singles && text.includes("’’", firstMark)) closedByTwoSingles(text, out);
  // A quotation of several paragraphs leaves each but its last open; the next paragraph opens with a mark again.
  // One opened at a sentence's start and never closed, running to the paragraph's end and ending as a sentence does,
  // is a quotation too: its closing mark was left out ("…,” said X. “We hope it will help." and a new paragraph).
  if (runsOn || doubleMark) {
    const last = out[out.length - 1];
    const from = last ? last.end : 0;
    const open = text.slice(from).search(OPENING_BEFORE_CAPITAL);
    const end = text.trimEnd().length;
    const at = from + open;
    // (Not when a single mark closes it instead, "“We will fight,’ said X." or "…,’’ said X": a quotation mistyped,
    // its end unknown, never the whole paragraph with its attribution.) (Tested in place, not by a named closure:
    // tsx's esbuild names every closure a call makes with a call of its own, __name.)
    if (open >= 0 && !/[”"]/.test(text.slice(at + 1)) && (runsOn || (SENTENCE_BEFORE.test(text.slice(Math.max(0, at - 4), at)) && /[.!?…]$/.test(text.slice(end - 1, end)) && !MISTYPED_CLOSE.test(text.slice(at + 1))))) out.push({ start: at, end, open: true });
  }
  if (!singles || !text.includes("‘", firstMark)) return out;
  const doubles = out.length;
  for (const m of text.matchAll(SINGLE_QUOTE)) {
    const start = m.index;
    const end = m.index + m[0].length;
    let inside = false;
    for (let k = 0; k < doubles && !inside; k++) {
      const d = out[k];
      if (d && start >= d.start && end <= d.end) inside = true;
    }
    if (!inside) out.push({ start, end, open: false });
  }
  return out.length > doubles ? out.sort((a, b) => a.start - b.start) : out;
}

/**
 * Who a pronoun or role noun stands for. "he", "she", "they": the nearest person named before it in the sentence,
 * else the first person of the sentence before, else whoever spoke (or was named) last. "it", "the ministry", "the
 * minister": the nearest entity of that kind the article named before it whose name or role fits the noun (a
 * ministry for "the ministry", someone introduced as a minister for "the minister"); none when there is none.
 */
export function resolveReference(ctx: SentenceContext, pronoun: Referent): Speaker | undefined {
  const at = pronoun.start;
  if (pronoun.wants === undefined) {
    // "they" may be a group: the nearest person or organisation before it in the sentence ("The Pakistani Taliban
    // have fought … to impose what they call …").
    if (/^they$/i.test(pronoun.text)) {
      for (let k = ctx.referents.length - 1; k >= 0; k--) {
        const r = ctx.referents[k];
        if (r && r.end <= at && r.type !== "pronoun" && (isPersonish(r) || isOrg(r)) && !isOutlet(r)) return toSpeaker(r);
      }
    }
    // A person the article names as one first, then a name of unknown kind ("he" is never a place or a party).
    // (Never a name a courtesy title gives the other sex: "Mr. X arrived on Thursday. “…,” she said" is not X's.)
    const text = ctx.para.p.text;
    for (const accept of [isPerson, isPersonish]) {
      for (let k = ctx.referents.length - 1; k >= 0; k--) {
        const r = ctx.referents[k];
        if (r && r.end <= at && accept(r) && r.type !== "pronoun" && !sexClash(pronoun.text, text, r)) return toSpeaker(r);
      }
    }
    // The sentence before had a person as its subject ("The U.N. official said he will meet the Taleban's envoy, X.
    // “…,” he said"): "he" goes on with that subject, not with a name its clauses go on to.
    if (ctx.para.previousSubject && !honorificClash(pronoun.text, ctx.para.previousSubject.text)) return ctx.para.previousSubject;
    if (ctx.prevFirstPerson && !sexClash(pronoun.text, text, ctx.prevFirstPerson)) return toSpeaker(ctx.prevFirstPerson);
    // Nobody has spoken yet in this paragraph, and it named a person before: that person, the nearest brought in,
    // not whoever was quoted in the paragraph before ("Zarghuna, a widow, arrived with her children. Her husband was
    // killed last year. “…,” she said").
    if (ctx.paraFirstPerson && ctx.article.lastSpeaker === ctx.para.speakerAtStart && !sexClash(pronoun.text, text, ctx.paraFirstPerson)) return toSpeaker(ctx.paraFirstPerson);
    // ("He" or "she" is no body or place that spoke last: "… ,” UNHCR said. / Arafat Jamal, UNHCR Representative, addressed
    // the press … / He said, “…”" is Jamal's, the person named last.)
    const last = ctx.article.lastSpeaker;
    // (Only a person named since that speech: one named paragraphs before it, "Zabihullah Mujahid … denied the claim. /
    // The Afghan Ministry of Defence said … “…,” the ministry said. / “…,” he said", is no nearer than the body.)
    if (last && PERSONAL_PRONOUN.test(pronoun.text) && !mayBePerson(ctx.article, last)) return ctx.article.personSinceSpeech ? ctx.article.lastPerson : undefined;
    const person = last ?? ctx.article.lastPerson;
    return person && honorificClash(pronoun.text, person.text) ? undefined : person;
  }
  const text = ctx.para.p.text;
  // "In August, Pakistan summoned the envoy to protest what it called “unprovoked” shelling": an "it" after a country
  // that is its sentence's subject is that country, whoever spoke before.
  if (pronoun.noun === undefined && /^it$/i.test(pronoun.text)) {
    const country = countrySubject(ctx, at);
    if (country) return toSpeaker(country);
  }
  // "A military statement said … . It stated that …": "it" right after a sentence whose subject was a statement is
  // that statement, whoever else the article named.
  // (Not at a paragraph's first sentence, where no sentence of it came before: that is the rule below.)
  if (pronoun.noun === undefined && ctx.si > 0 && ctx.para.statementSubjectSi === ctx.si - 1 && ctx.article.lastStatementBy && /^it$/i.test(pronoun.text)) return ctx.article.lastStatementBy;
  // So is an "it" in the next paragraphs, while the statement is still its nearest antecedent: no organisation named
  // since, in the article or before "it" ("A military statement said … ." / "It said troops responded …" / "It went
  // on to …"). Each such "it" carries the statement on.
  if (pronoun.noun === undefined && ctx.article.statementThread && ctx.article.lastStatementBy && /^it$/i.test(pronoun.text) && statementStillNearest(ctx, at)) {
    continueStatement(ctx);
    return ctx.article.lastStatementBy;
  }
  // "The statement said": who the article said issued one; else nobody (a statement is no organisation). "The
  // military statement", "the ministry's statement": the organisation the word before it names, like "the military".
  if (pronoun.noun === "statement" || pronoun.noun === "report") {
    const issuer = ISSUER_NOUN.exec(pronoun.text)?.[1]?.toLowerCase();
    // (No body of that name the article gave, and none the sentence's words settle: the country's body, the country
    // being the one the words up to the statement, or else the article's lead, are about — "A military statement said
    // “terrorists” from the Afghan side attacked Pakistani posts" is no body of both.)
    if (issuer) {
      const by = resolveReference(ctx, { ...pronoun, noun: issuer, wants: "organisation" });
      if (by) return by;
      const body = nationalBody(ctx.article, ctx.para, at, issuer, pronoun.end);
      return body ? { entityId: body.id, text: body.name } : undefined;
    }
    // (A statement the article named no issuer of before is that of the organisation it last told as speaking: "…
    // the military's media wing confirmed the casualties, saying … . “…,” the statement added.")
    if (pronoun.noun === "statement") {
      const by = ctx.article.lastStatementBy ?? ctx.article.lastOrgSpeech?.sayer();
      if (by && ctx.article.lastStatementBy) continueStatement(ctx);
      return by;
    }
    // "The UN report said": the name inside the subject is the report's issuer (an outlet's report speaks for no one);
    // "the report said": whose report the article last named, never whoever last made a statement.
    const inside = ctx.referents.find((r) => r.type !== "pronoun" && r.start >= pronoun.start && r.end <= pronoun.end);
    if (inside) return isOutlet(inside) || !(isPersonish(inside) || isOrg(inside)) ? undefined : toSpeaker(inside);
    return ctx.article.lastReportBy;
  }
  const named = ctx.article.named;
  // "The young man told UNHCR staff", "the refugee said": the person named last, when the article brought them in
  // with no office (one named with an office is someone else: "Police officer X said a man was arrested … “…,” the
  // man told the court") and no honorific of the other sex.
  if (pronoun.noun?.startsWith("folk")) {
    let last: Referent | undefined;
    let lastText = text;
    for (let k = ctx.referents.length - 1; k >= 0 && !last; k--) {
      const r = ctx.referents[k];
      if (r && r.end <= at && r.type !== "pronoun" && isPersonish(r)) last = r;
    }
    for (let k = named.length - 1; k >= 0 && !last; k--) {
      const n = named[k];
      if (n && isPersonish(n.referent)) {
        last = n.referent;
        lastText = n.text;
      }
    }
    if (!last || !isPerson(last) || titledAt(lastText, last)) return undefined;
    const role = roleAround(lastText, last);
    if (OFFICE_NOUN.test(role) || /\b(?:officer|police|inspector|superintendent)\b/i.test(role) || OFFICE_BEFORE.test(lastText.slice(Math.max(0, last.start - 30), last.start))) return undefined;
    // (The sex a gendered noun gives is checked as its pronoun's: "the woman" as "she".)
    const as = pronoun.noun === "folk:woman" ? "she" : pronoun.noun === "folk:man" ? "he" : "";
    return sexClash(as, lastText, last) ? undefined : toSpeaker(last);
  }
  // "the head of UNHCR": the person named beside that organisation ("UNHCR spokesman X", "The UN High Commissioner
  // for Refugees, X", "X, a spokesman for UNHCR"), the newest such.
  // Nobody else: whoever else holds such a post holds it somewhere else ("Dr X, head of the district hospital").
  const of = pronoun.of;
  // A relative, lawyer or aide of a person ("X's widow", "the lawyer for X"): someone the article does not name here.
  if (of && of.type !== "pronoun" && isPersonish(of)) return undefined;
  if (of) {
    for (let k = named.length - 1; k >= 0; k--) {
      const n = named[k];
      if (n && isPerson(n.referent) && (besideOrg(n, named[k - 1], of) || besideOrg(n, named[k + 1], of))) return toSpeaker(n.referent);
    }
    return undefined;
  }
  // "The interior ministry", "the ministry of defence": a body a phrase of several words names in the country the
  // words or the article give, before any ministry named earlier (which may be another country's or another one).
  // (Any other body it fits is one with the words of its field: "the ministry of health" is no ministry of defence.)
  let fields: readonly string[] = NO_FIELDS;
  if (pronoun.wants === "organisation" && qualifiedBody(pronoun.text)) {
    const body = nationalBody(ctx.article, ctx.para, at, pronoun.text);
    if (body) return { entityId: body.id, text: body.name };
    fields = bodyFields(ctx.article.index, pronoun.text);
  }
  // (So is a minister of a field: "the health minister" is no interior minister named before.)
  if (pronoun.wants === "person" && pronoun.noun?.startsWith("minist") && pronoun.text.includes(" ")) fields = bodyFields(ctx.article.index, pronoun.text);
  for (let k = ctx.referents.length - 1; k >= 0; k--) {
    const r = ctx.referents[k];
    if (r && r.end <= at && fits(pronoun, r, text, fields)) return toSpeaker(r);
  }
  for (let k = named.length - 1; k >= 0; k--) {
    const n = named[k];
    if (n && fits(pronoun, n.referent, n.text, fields)) return toSpeaker(n.referent);
  }
  // "The spokesperson" whom the article brought in unnamed and then quoted by name without a role ("…, a spokesperson
  // for UNHCR said today." / "“…,” X told reporters."): that person.
  if (pronoun.wants === "person" && pronoun.noun?.startsWith("spokes") && ctx.article.spokesperson) return ctx.article.spokesperson;
  // A noun any organisation may be called ("the agency", "the organisation", "the group") that no name holds: the
  // organisation the article named last.
  if (pronoun.wants === "organisation" && pronoun.noun !== undefined && GENERIC_ORG_NOUN.test(pronoun.noun)) {
    for (let k = named.length - 1; k >= 0; k--) {
      const n = named[k];
      if (n && kindFits(pronoun, n.referent)) return toSpeaker(n.referent);
    }
  }
  // "The military", "the army", "the police" that no name the article gave holds: the country's one such body, the
  // country being the one the article is about there ("Pakistani military" for a story about Pakistan).
  if (pronoun.wants === "organisation" && pronoun.noun !== undefined && !qualifiedBody(pronoun.text)) {
    const body = nationalBody(ctx.article, ctx.para, at, pronoun.noun);
    if (body) return { entityId: body.id, text: body.name };
  }
  // "The U.N. official", "the diplomat": a noun any holder of an office may be called, that no role names: the person
  // the article named last with an office ("The U.N. High Commissioner for Refugees, X, …").
  if (pronoun.wants === "person" && pronoun.noun !== undefined && GENERIC_PERSON_NOUN.test(pronoun.noun)) {
    // (Not someone named before an official the article left unnamed: "A senior official, speaking on condition of
    // anonymity, said … “…,” the official said" is that official's.)
    for (let k = named.length - 1; k >= ctx.article.unnamedOfficialAt; k--) {
      const n = named[k];
      if (n && isPerson(n.referent) && OFFICE_NOUN.test(roleAround(n.text, n.referent))) return toSpeaker(n.referent);
    }
  }
  return undefined;
}
const GENERIC_ORG_NOUN = /^(?:agency|organi[sz]ation|group|body)$/;

/**
 * A country that is the subject of the sentence, before `at`: its first name, after nothing or a phrase of time or
 * place and its comma ("In August, Pakistan summoned …"), with a verb in lower case after it.
 */
function countrySubject(ctx: SentenceContext, at: number): Referent | undefined {
  const first = ctx.referents[0];
  if (!first || first.end > at || first.type !== "entity" || first.entity?.subtype !== "country") return undefined;
  const text = ctx.para.p.text;
  if (!FRONT_OF_SUBJECT.test(text.slice(ctx.span.start, first.start))) return undefined;
  // (No body or person named between it and "it": "Pakistan deported 2,000 Afghans, UNHCR said in a statement, in
  // which it called for …" is UNHCR's "it".)
  if (ctx.referents.some((r) => r !== first && r.start >= first.end && r.end <= at && r.type !== "pronoun" && (isPersonish(r) || isOrg(r)))) return undefined;
  return VERB_AFTER_SUBJECT.test(text.slice(first.end, first.end + 30)) ? first : undefined;
}
/** Before a sentence's subject: nothing, or a short phrase and its comma ("In August, ", "On Tuesday, "). */
const FRONT_OF_SUBJECT = /^\s*(?:[^,;:“”"]{1,40},\s*)?$/;
/** After a subject: a verb in lower case, perhaps after "has"/"had" or "also" ("summoned", "has accused", "also said"). */
const VERB_AFTER_SUBJECT = /^\s+(?:(?:has|had|have|also|then|later|on \w+)\s+)?\p{Ll}+(?:ed|s)\b/u;

/** How far (in paragraphs) a statement stays the antecedent of "it" with nothing else said of it. */
const STATEMENT_THREAD_PARAGRAPHS = 2;

/** Whether the last statement told as a subject is still the nearest organisation-like antecedent of an "it" at `at`. */
function statementStillNearest(ctx: SentenceContext, at: number): boolean {
  const thread = ctx.article.statementThread;
  if (!thread || ctx.para.i - thread.para > STATEMENT_THREAD_PARAGRAPHS) return false;
  const named = ctx.article.named;
  for (let k = thread.named; k < named.length; k++) {
    const n = named[k];
    if (n && isOrg(n.referent) && !isOutlet(n.referent)) return false;
  }
  for (const r of ctx.referents) {
    if (r.end > at) break;
    if (r.type !== "pronoun" && isOrg(r) && !isOutlet(r)) return false;
  }
  return true;
}

/** Marks the sentence as going on with the last statement (its subject is the statement, or "it" for it). */
function continueStatement(ctx: SentenceContext): void {
  // (The sentence's own names are noted after it: they come before a later "it".)
  let own = 0;
  for (const r of ctx.referents) if (r.type !== "pronoun" && (isPersonish(r) || isOrg(r))) own++;
  ctx.article.statementThread = { para: ctx.para.i, named: ctx.article.named.length + own };
}
/** An office's word right before a name, perhaps with a comma ("Police officer X", "the district police officer, X"). */
const OFFICE_BEFORE = /\b(?:officer|official|police|minister|commander|spokes(?:man|woman|person)|chief|head|director|governor|commissioner|inspector|superintendent|secretary|ambassador|envoy|representative)\s*,?\s*$/i;
/** Whether a title stands right before a name ("Dr. X", "Gen X", "Minister X"): someone with an office. */
function titledAt(text: string, r: Referent): boolean {
  const word = /(\p{L}+)\.?\s+$/u.exec(text.slice(Math.max(0, r.start - 20), r.start))?.[1]?.toLowerCase() ?? "";
  return (TITLES.has(word) || PERIOD_TITLES.has(word)) && word !== "mr" && word !== "mrs" && word !== "ms" && word !== "miss";
}
/** Whether a name as written carries an honorific of the other sex than a "he" or "she" (MAN_IN_NAME, WOMAN_IN_NAME). */
function honorificClash(pronoun: string, name: string): boolean {
  if (pronoun === "she" || pronoun === "She") return MAN_IN_NAME.test(name);
  return (pronoun === "he" || pronoun === "He") && WOMAN_IN_NAME.test(name);
}
/** A man's honorifics and courtesy title, and a woman's, written before a name ("Mr", "Maulana X", "Begum X"). */
const MAN_HONORIFICS = "Mr|Maulana|Mawlana|Mullah|Mulla|Maulvi|Mawlawi|Mufti|Qari|Haji|Hajji|Sardar|Nawab|Sahibzada";
const WOMAN_HONORIFICS = "Mrs|Ms|Miss|Begum|Bibi|Syeda";
const MAN_BEFORE = new RegExp(`\\b(?:${MAN_HONORIFICS})\\.?\\s+$`);
const WOMAN_BEFORE = new RegExp(`\\b(?:${WOMAN_HONORIFICS})\\.?\\s+$`);
/** One opening a name ("Maulana Fazlur Rehman"); a woman's also closing one ("Gul Bibi"). */
const MAN_IN_NAME = new RegExp(`^(?:${MAN_HONORIFICS})\\b`);
const WOMAN_IN_NAME = new RegExp(`^(?:${WOMAN_HONORIFICS})\\b|\\sBibi$`);

/** Notes who spoke last: no person is named since (ArticleState.personSinceSpeech). */
function heard(article: SentenceContext["article"], s: Speaker): void {
  article.lastSpeaker = s;
  article.personSinceSpeech = false;
}

/** Pronouns that only a person can be. */
const PERSONAL_PRONOUN = /^(?:he|she|him|her)$/i;

/** Whether a speaker may be a person: a known person, or a new name not guessed to be an organisation or a place. */
function mayBePerson(article: SentenceContext["article"], s: Speaker): boolean {
  if (s.entityId !== null) return article.index.entities.get(s.entityId)?.kind === "person";
  const c = article.result.candidates.find((x) => x.text === s.text);
  return c === undefined || (c.kind !== "organisation" && c.kind !== "place");
}

/** Whether "he" or "she" cannot stand for a name in its paragraph's text: a courtesy title before it says the other sex. */
function sexClash(pronoun: string, text: string, r: Referent): boolean {
  const she = pronoun === "she" || pronoun === "She";
  if (!she && pronoun !== "he" && pronoun !== "He") return false;
  const before = text.slice(Math.max(0, r.start - 12), r.start);
  // (A man's or a woman's honorific in the name counts as one before it: "Maulana Fazlur Rehman", "Gul Bibi".)
  return she ? MAN_BEFORE.test(before) || MAN_IN_NAME.test(r.text) : WOMAN_BEFORE.test(before) || WOMAN_IN_NAME.test(r.text);
}

// (Functions of the module, not closures made on every call of resolveReference: tsx's esbuild names each closure
// with a call of its own, `__name`, which cost more than the closures' work.)
/** Whether a referent is of the kind a pronoun or role noun wants. */
function kindFits(pronoun: Referent, r: Referent): boolean {
  return r.type !== "pronoun" && !isOutlet(r) && (pronoun.wants === "person" ? isPersonish(r) && !(r.type === "candidate" && r.candidateKind !== "person") : isOrg(r));
}
/** Whether a referent fits a pronoun or role noun. (`inText` is the text of the referent's paragraph: the words around it there are its role.) */
function fits(pronoun: Referent, r: Referent, inText: string, fields: readonly string[] = NO_FIELDS): boolean {
  if (!kindFits(pronoun, r)) return false;
  if (pronoun.noun === undefined) return true;
  if (pronoun.wants === "person") {
    const role = roleAround(inText, r);
    return nounFits(pronoun.noun, role) && (fields.length === 0 || fieldsIn(fields, role.toLowerCase()));
  }
  const words = orgWords(r);
  return nounFits(pronoun.noun, words) && (fields.length === 0 || fieldsIn(fields, words));
}
const NO_FIELDS: readonly string[] = [];
/** Whether each word of a body's field is a word of an organisation's name (a plural "s" and "defense" aside). */
function fieldsIn(fields: readonly string[], words: string): boolean {
  const named = new Set(words.split(/[^\p{L}\p{N}]+/u).map((w) => (w === "defense" ? "defence" : w)));
  return fields.every((f) => named.has(f) || named.has(`${f}s`) || (f.endsWith("s") && named.has(f.slice(0, -1))));
}
/**
 * An organisation's noun is read in its name as written and in its full name ("the Mission" is "UNAMA", the United
 * Nations Assistance Mission in Afghanistan).
 */
function orgWords(r: Referent): string {
  return (r.entity ? `${r.text} ${r.entity.name}` : r.text).toLowerCase();
}

/** Whether a name stands beside a mention of an organisation in its paragraph, a few words of one clause between. */
function besideOrg(person: NamedRef, other: NamedRef | undefined, org: Referent): boolean {
  if (!other || other.text !== person.text) return false;
  const o = other.referent;
  // (The same organisation: the same known entity, or the same new name.)
  if (org.entity ? o.entity?.id !== org.entity.id : o.type !== "candidate" || o.text.toLowerCase() !== org.text.toLowerCase()) return false;
  const a = person.referent;
  const b = other.referent;
  const gap = a.end <= b.start ? person.text.slice(a.end, b.start) : person.text.slice(b.end, a.start);
  // (A post there: an office's word between them, "UNHCR spokesman X", "X, a spokesman for UNHCR", or around the
  // name, "The UN High Commissioner for Refugees, X"; "Refugee X told UNHCR" is no one's post.)
  return gap.length <= 40 && !/[.;:!?“”"]/.test(gap) && (OFFICE_NOUN.test(gap.toLowerCase()) || OFFICE_NOUN.test(roleAround(person.text, a)));
}
type NamedRef = SentenceContext["article"]["named"][number];
const GENERIC_PERSON_NOUN = /^(?:official|diplomat|expert)$/;
/** Words of an office around a person's name (a title before it or an apposition after it). */
const OFFICE_NOUNS = "minister|spokes(?:man|woman|person)|ambassador|envoy|commissioner|secretary|president|governor|representative|coordinator|director|chief|head|official|diplomat|rapporteur|consul|commander|chair(?:man|woman|person)?";
/**
 * More nouns of a post held in a body, after its name ("Provincial Assembly member X", "Frontier Corps officer X",
 * "ISPR Director General X"): with OFFICE_NOUNS, what stands between a body and its post's holder.
 */
const POST_NOUNS = "senator|mna|mpa|speaker|nazim|member|leader|lawmaker|legislator|officer|adviser|advisor|inspector|superintendent|administrator|deputy|negotiator|secretary-general|director-general";
const OFFICE_NOUN = new RegExp(`\\b(?:${OFFICE_NOUNS})\\b`);

/** Whether a role noun fits a name or role: "ministry" a ministry, "minister" a minister, "consul general" a consul. */
function nounFits(noun: string, words: string): boolean {
  const head = noun.split(" ")[0] ?? noun;
  const stem = head.startsWith("spokes")
    ? "spokes"
    : head === "army" || head === "military"
      ? "army|military|forces|troops"
      : head.startsWith("minist")
        ? "minist"
        : // An envoy is a representative or an ambassador ("the UN envoy" after "Special Representative …").
          head === "envoy" || head === "representative" || head === "ambassador"
          ? "envoy|representative|ambassador"
          : // The premier is the prime minister ("Prime Minister X … “…,” the premier said").
            head === "premier"
            ? "premier|prime minister"
            : // A doctor is written "Dr." before the name ("Dr. X at the hospital said … “…,” the doctor said").
              head === "doctor"
              ? "doctor|dr\\b"
              : head.replace(/(?:ation|ization|isation|y)$/, "");
  let re = STEM_RE.get(stem);
  if (!re) STEM_RE.set(stem, (re = new RegExp(`\\b(?:${stem})`)));
  return re.test(words);
}
/** nounFits' expressions, one per stem (made once: a pronoun's referent is asked of every name before it). */
const STEM_RE = new Map<string, RegExp>();

function isOutlet(r: Referent): boolean {
  return r.type !== "pronoun" && isOutletName(r.text);
}

/** A statement speaks for whoever issued it ("ISPR said in a statement"; a report: noteReportIssuer). */
const STATEMENT = /\bstatement\b/i;

/**
 * Remembers who a sentence says issued a statement ("ISPR said in a statement", "In a statement, the Afghan
 * defence ministry said"): the first person or organisation the sentence names outside quotations, not an outlet.
 */
export function noteStatementIssuer(ctx: SentenceContext): void {
  // (A plain substring test first: most sentences have no statement in them.)
  if ((ctx.para.keyWords & KEY_WORD.statement) === 0 || !ctx.text.includes("tatement")) return;
  if (!STATEMENT.test(ctx.text)) return;
  const masked = maskedText(ctx);
  if (!STATEMENT.test(masked)) return;
  // The issuer stands before the verb ("ISPR said in a statement", "In a statement, the ministry said"); what the
  // statement says ("The statement said Taliban forces had …") names no issuer.
  const verbAt = ctx.verbs[0]?.start ?? ctx.span.end;
  // (The verb's own subject when one stands right before it: "Troops killed 19 militants of the TTP, the ISPR said in
  // a statement" is the ISPR's, not the first body the clause before names.)
  const text = ctx.para.p.text;
  const subject = ctx.referents.findLast((r) => r.end <= verbAt && r.type !== "pronoun" && (isPersonish(r) || isOrg(r)) && !isOutlet(r) && SUBJECT_GAP.test(text.slice(r.end, verbAt)));
  const issuer = subject && /,\s*(?:the\s+)?$/i.test(text.slice(Math.max(ctx.span.start, subject.start - 6), subject.start)) ? subject : ctx.referents.find((r) => r.start < verbAt && r.type !== "pronoun" && (isPersonish(r) || isOrg(r)) && !isOutlet(r));
  if (!issuer) {
    // "The military statement said …": the statement's issuer is whom its noun stands for, and stays so.
    const subject = ctx.referents.find((r) => r.start < verbAt && r.type === "pronoun" && r.noun === "statement");
    const by = subject ? resolveReference(ctx, subject) : undefined;
    if (by) {
      ctx.article.lastStatementBy = by;
      ctx.para.statementSubjectSi = ctx.si;
      continueStatement(ctx);
    }
    return;
  }
  ctx.article.lastStatementBy = toSpeaker(issuer);
  // A person who issues or reads out a statement has spoken: a later "he said" may mean them.
  if (isPerson(issuer)) heard(ctx.article, toSpeaker(issuer));
}

/**
 * The singular noun "report": a plural ("there were reports of shelling", "UNAMA reports that …", the verb) names no
 * one report a later "the report said" could mean, and neither sets nor forgets whose report that is.
 */
const REPORT_WORD = /\breport\b/gi;
/** Between a name and "report" attached to it: nothing ("a UN report") or a possessive and up to two words ("UNAMA's latest report"). */
const NAME_THEN_REPORT = /^(?:[’']s(?:\s+[\p{Ll}-]+){0,2})?\s+$/u;
/** Between "report" and a name attached to it: "by", "from" or "of", perhaps "the" ("a report by Amnesty International"). */
const REPORT_THEN_NAME = /^\s+(?:by|from|of)\s+(?:the\s+)?$/i;
/** Before "report": a verb that issues it ("said in a report", "published its report"), then a determiner and up to two words. */
const ISSUED_IN = /\b(?:(in)|issued|released|published)\s+(?:a|an|its|their|his|her)\s+(?:[\p{Ll}-]+\s+){0,2}$/u;
/** Before "report": a definite determiner, perhaps with words between ("the report", "the latest report"): a report named before. */
const DEFINITE_BEFORE = /\b(?:the|this|that)\s+(?:[\p{Ll}-]+\s+){0,2}$/iu;

/**
 * Remembers whose report the sentence names, for a later "the report said": only the words attached to the noun name
 * its issuer ("a UN report", "UNAMA's report", "a report by Amnesty International", "UNAMA said in a report", "the
 * United Nations published its report"). A report whose words name no issuer, or name an outlet ("a report in Dawn",
 * "a Dawn report"), leaves the next "the report said" without a speaker; "the report" alone goes on with the last one.
 */
export function noteReportIssuer(ctx: SentenceContext): void {
  // (A plain substring test first: most sentences name no report.)
  if ((ctx.para.keyWords & KEY_WORD.report) === 0 || !ctx.text.includes("eport")) return;
  const text = ctx.para.p.text;
  const masked = maskedText(ctx);
  // (An exec loop, not matchAll, whose copy of the expression and iterator cost more than the search.)
  REPORT_WORD.lastIndex = 0;
  for (let m = REPORT_WORD.exec(masked); m; m = REPORT_WORD.exec(masked)) {
    const at = ctx.span.start + m.index;
    const end = at + m[0].length;
    let issuer: Referent | undefined;
    for (const r of ctx.referents) {
      if (r.start > end + 16) break;
      if (r.type === "pronoun") continue;
      const attached = r.end <= at ? r.end >= at - 40 && NAME_THEN_REPORT.test(text.slice(r.end, at)) : r.start >= end && REPORT_THEN_NAME.test(text.slice(end, r.start));
      if (!attached) continue;
      issuer = r;
      break;
    }
    if (!issuer) {
      const before = text.slice(Math.max(ctx.span.start, at - 48), at);
      const issued = ISSUED_IN.exec(before);
      if (issued) {
        let verbAt = at - before.length + issued.index;
        // ("said in a report": the verb of saying right before "in".)
        if (issued[1] !== undefined) verbAt = ctx.verbs.find((v) => v.end <= verbAt && text.slice(v.end, verbAt).trim() === "")?.start ?? -1;
        // (The verb's subject: the name right before it, only auxiliaries or adverbs between.)
        for (const r of ctx.referents) if (r.end <= verbAt && SUBJECT_GAP.test(text.slice(r.end, verbAt))) issuer = r;
      } else if (DEFINITE_BEFORE.test(before)) continue;
    }
    ctx.article.lastReportBy = issuer === undefined ? undefined : issuer.type === "pronoun" ? resolveReference(ctx, issuer) : isOutlet(issuer) || !(isPersonish(issuer) || isOrg(issuer)) ? undefined : toSpeaker(issuer);
  }
}

/**
 * A person named as saying something without a quotation ("Jan Kubis told the Security Council there have been
 * reports …") has spoken last: a later "he said" means them, not whoever was quoted before.
 */
export function noteSayer(ctx: SentenceContext): void {
  if (ctx.overlappingQuotes.length) return;
  // (The person first, then the verb after them: most sentences name no person.)
  const sayer = ctx.referents.find((r) => r.type !== "pronoun" && isPerson(r));
  if (!sayer || (ctx.article.lastSpeaker?.text === sayer.text && ctx.article.lastSpeaker.entityId === toSpeaker(sayer).entityId)) return;
  if (ctx.verbs.some((v) => v.start >= sayer.end && v.end <= sayer.end + 120)) heard(ctx.article, toSpeaker(sayer));
}

/**
 * A sentence that reports speech without quoting it ("He says aid agencies … were not prepared", "Her mother says she
 * does not know …"): its sayer, the name (or pronoun) standing last before the verb, or nobody named when there is
 * none ("Her mother"). A quotation standing alone as the next paragraph is theirs.
 */
export function noteReportedSpeech(ctx: SentenceContext): void {
  if (ctx.overlappingQuotes.length) return;
  const at = ctx.verbs[0]?.start;
  if (at === undefined) {
    noteAccordingTo(ctx);
    return;
  }
  let sayer: Referent | undefined;
  // (Not a name inside an apposition of the subject: "X, UNHCR spokesman in Geneva, told reporters …" is X's.)
  const text = ctx.para.p.text;
  // (The last such name: read from the end. The name's words are asked last, the outlet check being the dearest.)
  const before = withoutApposition(text, ctx.span.start, at, ctx.referents);
  for (let k = before.length - 1; k >= 0 && sayer === undefined; k--) {
    const r = before[k];
    if (r && r.end <= at && (isPersonish(r) || isOrg(r)) && !isOutlet(r)) sayer = r;
  }
  const speech = new ReportedSpeech(ctx, sayer);
  ctx.article.speechHere = speech;
  if (sayer && isOrg(sayer) && sayer.noun !== "statement" && sayer.noun !== "report") ctx.article.lastOrgSpeech = speech;
  // (Someone else told as speaking since leaves an unnamed statement no one's: "UNHCR said … . The minister said … .
  // “…,” the statement said.")
  else if (sayer && !isOrg(sayer)) ctx.article.lastOrgSpeech = undefined;
}

/** Right after "according to": the name it cites, perhaps after "the" ("according to the spokesman", "according to Kris Lund"). */
const ACCORDING_TO_NAME = /^\s+(?:the\s+)?$/i;

/**
 * A sentence with no verb of saying that cites its source with "according to" ("Tension is rising at the camp,
 * according to the spokesman.") reports that source's speech: a quotation standing alone after it is theirs.
 */
function noteAccordingTo(ctx: SentenceContext): void {
  // (The paragraph's key words first: most paragraphs say no "according to", and each sentence's search read it all.)
  if ((ctx.para.keyWords & KEY_WORD.accordingTo) === 0) return;
  const i = ctx.text.indexOf("ccording to");
  if (i < 1 || !/[Aa]/.test(ctx.text.charAt(i - 1))) return;
  const end = ctx.span.start + i + 11;
  const text = ctx.para.p.text;
  for (const r of ctx.referents) {
    if (r.start < end) continue;
    if (ACCORDING_TO_NAME.test(text.slice(end, r.start)) && (isPersonish(r) || isOrg(r)) && !isOutlet(r)) ctx.article.speechHere = new ReportedSpeech(ctx, r);
    return;
  }
}

/** A sentence of reported speech; who it names as its sayer is worked out when a quotation after it needs it. */
class ReportedSpeech {
  private readonly ctx: SentenceContext;
  private readonly named: Referent | undefined;
  /** The sentence of its paragraph it was told in. */
  readonly si: number;

  constructor(ctx: SentenceContext, named: Referent | undefined) {
    this.ctx = ctx;
    this.named = named;
    this.si = ctx.si;
  }

  sayer(): Speaker | undefined {
    const sayer = this.named;
    return sayer === undefined ? undefined : sayer.type === "pronoun" ? resolveReference(this.ctx, sayer) : toSpeaker(sayer);
  }
}

/**
 * Remembers the person a sentence's subject stands for when the subject is a pronoun or a role noun ("He said …", "The
 * U.N. official said …"), for a "he" in the next sentence of the paragraph; undefined otherwise (a named subject is
 * the sentence's first person already). Called before the sentence's names are noted as named (noteNamed): a role
 * noun means someone named before it, not a name later in its own sentence.
 */
export function notePronounSubject(ctx: SentenceContext): void {
  ctx.para.previousSubject = pronounSubject(ctx);
}

function pronounSubject(ctx: SentenceContext): Speaker | undefined {
  const first = ctx.referents[0];
  if (!first || first.type !== "pronoun" || !(first.wants === "person" || (first.wants === undefined && !/^they$/i.test(first.text)))) return undefined;
  // (The pronoun is the subject of the sentence's first verb of saying, nothing but an adverb between.)
  const at = ctx.verbs[0]?.start;
  if (at === undefined || at < first.end || !SUBJECT_GAP.test(ctx.para.p.text.slice(first.end, at))) return undefined;
  return resolveReference(ctx, first);
}

/**
 * "a senior official", "an Afghan diplomat", "one official" outside quotations, not in apposition to a name ("X, a
 * senior diplomat,"), said of one ("X is a senior official", "served as a diplomat") nor followed by one ("an
 * official, X,"): someone the article does not name. The noun, not the adjective: "official" before the noun it
 * describes ("on an official visit", "an official letter") brings in no one; the noun ends its phrase or is followed
 * by a verb, a preposition or a relative word ("an official said", "an official in Kabul", "an official who …").
 */
const UNNAMED_OFFICIAL =
  /(?<!(?:,|\b(?:is|was|as|became|becomes|been|remains|remained))\s*)\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}.’'-]+\s+){0,3}?(?:official|diplomat|expert)\b(?!\s*,\s*\p{Lu})(?=\s*(?:[,.;:!?()[\]—–“”"]|$)|\s+(?:who|whom|whose|that|which|of|in|at|from|with|for|on|to|near|inside|outside|familiar|close|speaking|requesting|citing|involved|based|is|was|has|had|would|will|could|also|later|then|says?|told|tells|adds?|[a-z]+ed)\b)/u;

/**
 * The noun UNNAMED_OFFICIAL ends in, whole ("officials" is not it): asked of the sentence first. (A word boundary in
 * the sentence is one in it with its quotations blanked too: a quotation starts with its mark.)
 */
const OFFICIAL_NOUN = /(?:official|diplomat|expert)\b/;

/**
 * Marks where the article brings in an official or diplomat it does not name: a later "the official" is not someone
 * named before (resolveReference). Called after the sentence's names are noted: nor is it someone the sentence names.
 */
export function noteUnnamedOfficial(ctx: SentenceContext): void {
  if ((ctx.para.keyWords & (KEY_WORD.official | KEY_WORD.diplomat | KEY_WORD.expert)) === 0 || !OFFICIAL_NOUN.test(ctx.text)) return;
  if (UNNAMED_OFFICIAL.test(maskedText(ctx))) ctx.article.unnamedOfficialAt = ctx.article.named.length;
}

/**
 * "a spokesperson", "a UNHCR spokesman for …" outside quotations, not followed by a name ("a spokesman, X,"), before
 * a verb of saying whose subject it is.
 */
const UNNAMED_SPOKESPERSON = /\b(?:[Aa]n?|[Oo]ne)\s+(?:[\p{L}.’'-]+\s+){0,2}?spokes(?:man|woman|person)\b(?!\s*,\s*\p{Lu})/u;

/**
 * A sentence that quotes nobody and says a spokesperson it does not name spoke ("… are fleeing, a spokesperson for
 * UNHCR reported today."): marks the paragraph, for naming them in the next quotation (nameSpokesperson). Called
 * after the sentence's quotations are attributed.
 */
export function noteUnnamedSpokesperson(ctx: SentenceContext): void {
  if (ctx.quotes.length || (ctx.para.keyWords & KEY_WORD.spokes) === 0 || !ctx.text.includes("spokes")) return;
  const m = UNNAMED_SPOKESPERSON.exec(maskedText(ctx));
  if (!m) return;
  const at = ctx.span.start + m.index + m[0].length;
  if (ctx.verbs.some((v) => v.start >= at)) ctx.article.unnamedSpokespersonIn = ctx.para.i;
}

/**
 * The first quotation given to a name after an unnamed spokesperson was brought in, in that paragraph or the next:
 * when the name carries no role of its own ("“…,” X told reporters"), X is that spokesperson. Either way the
 * spokesperson brought in is named or left unnamed for good.
 */
function nameSpokesperson(ctx: SentenceContext, speaker: Speaker): void {
  const { article } = ctx;
  const since = article.unnamedSpokespersonIn;
  if (since === undefined) return;
  if (ctx.para.i > since + 1) {
    article.unnamedSpokespersonIn = undefined;
    return;
  }
  const named = ctx.referents.find((r) => r.type !== "pronoun" && r.text === speaker.text && toSpeaker(r).entityId === speaker.entityId);
  if (!named) return;
  article.unnamedSpokespersonIn = undefined;
  if (isPerson(named) && bareName(ctx, named)) article.spokesperson = speaker;
}

/** Before a name with no title: the sentence start, a quotation's close, or a verb of saying ("said X"). */
const NO_TITLE_BEFORE = /(?:^|[”"],?|\b(?:said|says|told|added))\s*$/;
/** After a name with no apposition: no comma opening a description (", a shopkeeper,", ", who …", ", UNHCR's …"). */
const APPOSITION_AFTER = /^\s*,\s*(?:(?:a|an|the|who|one|another)\b|[\p{L}.-]+[’']s\s|(?:[\p{L}.’'-]+\s+){0,5}\p{Ll}+,)/u;

/** Whether a name stands with no role of its own: no word before it but the sentence's opening or the verb, no apposition after it. */
function bareName(ctx: SentenceContext, r: Referent): boolean {
  const text = ctx.para.p.text;
  return NO_TITLE_BEFORE.test(text.slice(ctx.span.start, r.start)) && !APPOSITION_AFTER.test(text.slice(r.end, Math.min(ctx.span.end, r.end + 80))) && !PERSON_NOUN_IN.test(r.text);
}

/** The name a sentence's subject stands at: the first person or organisation it names outside quotations. */
export function noteSubject(ctx: SentenceContext): void {
  // (Which of them is no outlet is asked only when a quotation needs it: see lastSubjectOf.)
  if (ctx.referents.some((r) => r.type !== "pronoun" && (isPersonish(r) || isOrg(r)))) ctx.article.lastSubjectIn = ctx.referents;
}

function lastSubjectOf(article: SentenceContext["article"]): Speaker | undefined {
  const subject = article.lastSubjectIn?.find((r) => r.type !== "pronoun" && (isPersonish(r) || isOrg(r)) && !isOutlet(r));
  return subject ? toSpeaker(subject) : undefined;
}

/**
 * Whether a sentence is nothing but a quotation: outside its quotations (`quotes`, those overlapping it) it holds only
 * spaces and the stop that ends it, as /^\s*[.!?…]?\s*$/ reads its masked text (maskedText): every other character is
 * white space, but one stop at most. Read in the paragraph, past each quotation, without the masked text (the
 * expression went back through a blanked quotation's spaces, in time of their number squared).
 */
function onlyQuotations(text: string, s: Span, quotes: readonly QuoteSpan[]): boolean {
  let stops = 0;
  for (let i = s.start; i < s.end; ) {
    let past = i;
    for (const q of quotes) if (q.start <= i && i < q.end && q.end > past) past = q.end;
    if (past > i) {
      i = past;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isSpace(c) && ((c !== 46 && c !== 33 && c !== 63 && c !== 0x2026) || ++stops > 1)) return false;
    i++;
  }
  return true;
}

function resolverOf(ctx: SentenceContext): Resolve {
  return (r) => resolveReference(ctx, r);
}
function maskerOf(ctx: SentenceContext): () => string {
  return () => maskedText(ctx);
}

/** The sentence's quotations, each with its speaker, added to the result. */
export function extractQuotes(ctx: SentenceContext): void {
  const { para, span: s, article } = ctx;
  const text = para.p.text;
  // A sentence that is nothing but a quotation continues the previous sentence's quoted speaker
  // ("“…,” he said. “Our grandfathers traded here…”"), also with its full stop outside the mark ("“…”.").
  const bareQuote = ctx.quotes.length > 0 && onlyQuotations(text, s, ctx.overlappingQuotes);
  const carriedQuoteSpeaker = bareQuote ? para.previousQuoteSpeaker : undefined;
  para.previousQuoteSpeaker = undefined;
  // (Nothing more to do without a quotation; the resolver is made only for a sentence that has one.)
  if (!ctx.quotes.length) return;
  const resolve = resolverOf(ctx);
  // A paragraph that opens with nothing but a quotation, no verb of saying anywhere near it, continues whoever spoke
  // in the paragraph before, quoted or reported ("He says aid agencies …" / "“So this has caused …”"); nobody when
  // that sayer has no name ("Her mother says …") or the paragraph before reports no speech.
  // Later in a paragraph, such a quotation goes on from the sentence of speech before it ("In an update, the agency
  // said families would be moved. “The site has water …”"): whoever that sentence says spoke.
  // (Only from the sentence right before: "X said the road was closed. Traders waited for hours. “Nobody told us.”"
  // is not X's.)
  const continued = bareQuote ? (ctx.si === 0 ? article.speechBefore : article.speechHere?.si === ctx.si - 1 ? article.speechHere : undefined) : undefined;
  let prev: { q: QuoteSpan; attribution: Attribution } | undefined;
  // Who may say the sentence's quotations, made once for all of them (attributeQuote).
  let sayers: readonly Referent[] | undefined;
  // The sentence with its quotations blanked, made once too (a sentence of many quotations cost their number times its length).
  const masked = maskerOf(ctx);
  for (const q of ctx.quotes) {
    // A quotation split by its attribution ("“Better governance is,” says Mr. Hale, “a central part of it.”"): the
    // second part is the first part's speaker's.
    const split = prev?.attribution.speaker && splitBy(text, prev.q, q, ctx.verbs, ctx.referents) ? prev.attribution : undefined;
    let attribution = split ?? (carriedQuoteSpeaker ? { speaker: carriedQuoteSpeaker, confidence: 0.6 } : attributeQuote(text, s, q, ctx.overlappingQuotes, ctx.verbs, (sayers ??= possibleSayers(text, s, ctx.referents)), masked, resolve, () => lastSubjectOf(article)));
    prev = { q, attribution };
    const before = !attribution.speaker ? continued?.sayer() : undefined;
    if (before) attribution = { speaker: before, confidence: 0.5 };
    // A headline's credit after a colon at its end ("‘Unprovoked’ firing kills two at the border: ISPR").
    const credit = !attribution.speaker ? headlineCredit(ctx, q) : undefined;
    if (credit) attribution = { speaker: credit, confidence: 0.6 };
    const sentenceDate = ctx.dates.find((d) => d.end <= q.start || d.start >= q.end);
    // The words between the marks, without spaces typed inside them ("” The border …”" when the marks were typed
    // the wrong way round): text and offsets stay one span.
    let from = q.start + 1;
    let to = q.open ? q.end : q.end - 1;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    const quote: ExtractedQuote = {
      paragraph: para.i,
      text: text.slice(from, to),
      start: from,
      end: to,
      speakerId: attribution.speaker?.entityId ?? null,
      speakerText: attribution.speaker?.text ?? null,
      confidence: attribution.confidence,
      isFragment: isFragment(text, q, ctx.verbs),
      saidOn: sentenceDate ? { value: sentenceDate.value, precision: sentenceDate.precision } : undefined,
    };
    article.result.quotes.push(quote);
    // A quotation that goes on from the paragraphs before (it opens this one) says whose they were.
    if (q.start === 0 && article.openQuotes.length && attribution.speaker) {
      for (const o of article.openQuotes) {
        o.speakerId = quote.speakerId;
        o.speakerText = quote.speakerText;
        o.confidence = Math.min(0.5, quote.confidence);
      }
      article.openQuotes = [];
    }
    if (q.open && !attribution.speaker) article.openQuotes.push(quote);
    if (attribution.speaker) {
      heard(article, attribution.speaker);
      nameSpokesperson(ctx, attribution.speaker);
    }
    para.previousQuoteSpeaker = attribution.speaker;
    const quoted = attribution.speaker;
    article.speechHere = { sayer: () => quoted, si: ctx.si };
  }
}

/**
 * The source a headline credits after a colon at its end ("… kills two at the Chaman border: ISPR", "Talks are
 * ‘over’: Asif"): a person or body (no outlet) the colon's words are all of, in a short paragraph of one sentence
 * with no verb of saying, for a quotation before the colon.
 */
function headlineCredit(ctx: SentenceContext, q: QuoteSpan): Speaker | undefined {
  const text = ctx.para.p.text;
  if (text.length > 200 || ctx.para.sentences.length > 1 || ctx.verbs.length) return undefined;
  const colon = text.lastIndexOf(":");
  if (colon < 0 || q.end > colon) return undefined;
  const r = ctx.referents.find((x) => x.start > colon && x.type !== "pronoun");
  if (!r || !(isPersonish(r) || isOrg(r)) || isOutlet(r)) return undefined;
  return /^\s*$/.test(text.slice(colon + 1, r.start)) && /^[\s.]*$/.test(text.slice(r.end)) ? toSpeaker(r) : undefined;
}

/**
 * Whether a person's role noun heads the subject a country stands in, in the country's own clause (between the
 * commas around it, up to the verb): before it ("the ambassador of Afghanistan", "Afghanistan's ambassador to
 * Pakistan") or after its possessive ("Afghanistan's consul in Peshawar"). A role noun in a clause of its own
 * ("Pakistan, whose ambassador was recalled, said") or in a phrase before the subject ("After meeting the Afghan
 * ambassador, Pakistan said"), or the object of the country's verb ("Pakistan summoned the ambassador and said"), is not.
 * Nor is the country the subject when it stands in a clause describing the role noun ("The ambassador, who represents
 * Afghanistan, said").
 */
function roleNounHeads(subject: string, countryStart: number, countryEnd: number): boolean {
  const from = subject.lastIndexOf(",", countryStart) + 1;
  const comma = subject.indexOf(",", countryEnd);
  const after = subject.slice(countryEnd, comma < 0 ? subject.length : comma);
  if (PERSON_NOUN_IN.test(subject.slice(from, countryStart)) || (/^['’]s\b/.test(after) && PERSON_NOUN_IN.test(after))) return true;
  // The country in a clause that describes the subject before it, set off by commas and opening in lower case ("The
  // ambassador, who represents Afghanistan in Islamabad, said", "The envoy, speaking for Afghanistan, told"): the
  // subject is the clause before, and a role noun there heads it.
  if (from > 0 && comma >= 0 && CLAUSE_IN_LOWER_CASE.test(subject.slice(from, countryStart))) {
    return PERSON_NOUN_IN.test(subject.slice(subject.lastIndexOf(",", from - 2) + 1, from - 1));
  }
  return false;
}
/** A clause opening with a word in lower case (a relative word or a participle: "who represents", "speaking for"). */
const CLAUSE_IN_LOWER_CASE = /^\s*\p{Ll}/u;

/** A word that may join a second clause, whose subject may be someone else ("…,” said X, while Y said, “…”). */
const COORDINATOR = /\b(?:and|but|while|whereas|as|then|before|after|when)\b/gi;

/** A determiner opening a noun phrase ("the governor", "his deputy", "a trader"). */
const SUBJECT_DETERMINER = /^\s+(?:the|a|an|his|her|their|its|one|another|some|several)\s/i;

/**
 * Whether only an attribution stands between two quotations, after a comma closing the first ("“…,” says X, “…”",
 * "“…,” X said, “…”"): one verb of saying, and no second clause — "and" or "but" and a subject of its own, or another
 * joining word, a subject and the verb of saying ("…,” said X, while Y, speaking in Z, said, “…”; "…,” X said, and Y
 * replied, “…”"). A person who is no subject of saying leaves the two parts one speaker's ("…,” said X, as Y looked
 * on, “…”; "…,” said X, standing beside Y, “…”; "…,” said X, spokesman for Y, “…”), and so does a joining word with
 * no new subject ("…,” said X, while addressing the assembly, “…”).
 */
function splitBy(text: string, first: QuoteSpan, second: QuoteSpan, verbs: readonly { start: number; end: number }[], referents: readonly Referent[]): boolean {
  // (A left mark may close the first part and a stop end the attribution when the marks were typed the wrong way
  // round: "“…,“ said X.” …”" is one sentence, pairedInTurn.)
  if (!/,\s*[”"“]$/.test(text.slice(Math.max(0, first.end - 3), first.end))) return false;
  const between = text.slice(first.end, second.start);
  if (between.length > 80 || !/^\s*[^!?;:“”"]+[,.]\s*$/.test(between)) return false;
  const saying: { start: number; end: number }[] = [];
  for (const v of verbs) if (v.start >= first.end && v.end <= second.start) saying.push(v);
  if (saying.length !== 1) return false;
  const verb = saying[0];
  if (!verb) return false;
  // (A second clause's subject stands after its joining word: "and"/"but" with someone right after it opens a main
  // clause of its own, "…,” X said, and Y agreed, “…”; "while", "as" … one that tells who speaks only when the verb of
  // saying is its subject's.)
  for (const m of between.matchAll(COORDINATOR)) {
    const at = first.end + m.index;
    const after = at + m[0].length;
    const main = /^(?:and|but|then)$/i.test(m[0]);
    // (After a comma, "and"/"but" and a determiner open a subject of their own too: "…,” said X, and the governor
    // agreed, “…”; "…, and his deputy nodded, “…”"; "…, and a trader shouted, “…”".)
    if (main && /,\s*$/.test(text.slice(Math.max(first.end, at - 3), at)) && SUBJECT_DETERMINER.test(text.slice(after, after + 12))) return false;
    const subject = (r: Referent): boolean => (r.type === "pronoun" || isPersonish(r)) && r.start > at && (main ? /^\s*$/.test(text.slice(after, r.start)) : r.end <= verb.start);
    if ((main || verb.start > at) && referents.some(subject)) return false;
  }
  return true;
}

/**
 * Whether `text.split(/\s+/)` makes at least `n` pieces (its runs of white space, plus one), without making them and
 * counting no further than `n`.
 */
function wordsAtLeast(text: string, n: number): boolean {
  let pieces = 1;
  let inSpace = false;
  for (let i = 0; i < text.length && pieces < n; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space && !inSpace) pieces++;
    inSpace = space;
  }
  return pieces >= n;
}


function isFragment(text: string, q: QuoteSpan, verbs: readonly { start: number; end: number }[]): boolean {
  const inner = text.slice(q.start + 1, q.open ? q.end : q.end - 1).trim();
  // Only the last character before the quotation matters (scanning back to it, not copying the paragraph before).
  let b = q.start - 1;
  while (b >= 0 && isSpace(text.charCodeAt(b))) b--;
  const last = b >= 0 ? (text[b] ?? "") : "";
  const introduced = last === "" || /[,:.!?]/.test(last);
  const endsLikeStatement = /[.!?,…]$/.test(inner);
  // (The words are counted only as far as a test needs: a long quotation's six or eight.)
  if (introduced && UPPER_FIRST.test(inner) && (endsLikeStatement || wordsAtLeast(inner, 6))) return false;
  // A quotation that is a sentence of its own, opening it and followed by its stop ("… . “Schools must stay open”."),
  // is a whole statement however short.
  if (UPPER_FIRST.test(inner) && (last === "" || /[.!?]/.test(last)) && /^[.!?]/.test(text.slice(q.end, q.end + 1))) return false;
  // Words quoted in the middle of the writer's own sentence, starting in lower case, are a fragment of what was said.
  if (LOWER_FIRST.test(inner) && !/[,:]/.test(last)) return true;
  // So are words in lower case after a comma that end a that-clause of the writer's ("X warned that if the fighting
  // goes on, “we will see more arrivals.”"): the writer reports the speech, and the quotation is its end.
  if (LOWER_FIRST.test(inner) && last === "," && reportedBefore(text, q, verbs)) return true;
  return !(endsLikeStatement && wordsAtLeast(inner, 8));
}

/** Right after a verb of saying: "that", opening the clause that reports the speech. */
const THAT_AFTER = /^\s+that\b/;

/**
 * Whether the last verb of saying of the quotation's sentence before it has "that" after it, no other quotation
 * between. (Another verb of saying after the that-clause introduces the quotation itself: "X said that the road was
 * shut, but he added, “we will reopen it …”" is a statement.)
 */
function reportedBefore(text: string, q: QuoteSpan, verbs: readonly { start: number; end: number }[]): boolean {
  let last: { start: number; end: number } | undefined;
  for (const v of verbs) {
    if (v.end > q.start) break;
    last = v;
  }
  return last !== undefined && THAT_AFTER.test(text.slice(last.end, last.end + 6)) && !/[;“”"]/.test(text.slice(last.end, q.start));
}

/** A verb of saying (or "according to"), or a weaker cue ("—", "in a statement"), near a quotation. */
interface Cue {
  at: number;
  end: number;
  weak: boolean;
}

/** How far a cue stands from a quotation (0 inside it). */
function cueDistance(q: QuoteSpan, c: Cue): number {
  return c.end <= q.start ? q.start - c.end : c.at >= q.end ? c.at - q.end : 0;
}

/**
 * A participle after a comma (", adding that …", ", calling them …") goes on with the subject of the verb before
 * it: after a quotation it attributes nothing ("It said that X “…,” adding that …" is still "It"'s),
 * and a quotation after it is that verb's subject's ("…, adding that peace was in the “greater interest”").
 */
function isParticiple(text: string, s: Span, c: Cue): boolean {
  return text.endsWith("ing", c.end) && /,[”"]?\s*$/.test(text.slice(Math.max(s.start, c.at - 4), c.at));
}

/** Before an inverted verb of saying: a closing quotation mark or a comma ("…,” said X", "…, said X"). */
const INVERTED_BEFORE = /(?:[”"],?|,)\s*$/;
/** Between an inverted verb's subject and the participle after it: the subject's apposition at most, then a comma. */
const SUBJECT_THEN_PARTICIPLE = /^(?:,[^,;:.!?“”"]{1,80})?,\s*$/;

/**
 * The subject written after its verb of saying ("…,” said X, adding, “…”; "…, said the spokesman, noting that …"),
 * when a participle goes on from that verb: the first name (or role noun) right after the verb, nothing but a comma
 * and perhaps its apposition between it and the participle.
 */
function invertedSubject(text: string, s: Span, verb: Cue, participle: Cue, referents: readonly Referent[]): Referent | undefined {
  if (!INVERTED_BEFORE.test(text.slice(s.start, verb.at))) return undefined;
  for (const r of referents) {
    if (r.start < verb.end) continue;
    if (r.end > participle.at || !(isPersonish(r) || isOrg(r))) return undefined;
    const gap = text.slice(verb.end, r.start);
    return gap.length <= 24 && !/[,;:.!?“”"]/.test(gap.replace(/\b(?:Mr|Ms|Mrs|Dr|Gen|Col|Lt|Sen|Rep|Capt|Maj)\.(?=\s)/g, "")) && SUBJECT_THEN_PARTICIPLE.test(text.slice(r.end, participle.at)) ? r : undefined;
  }
  return undefined;
}

/** The verb a participle goes on from: the nearest verb before it that is none (", where he urged unity, stating, “…”" is "he urged"'s). */
function mainCue(text: string, s: Span, cues: readonly Cue[], c: Cue): Cue {
  if (!isParticiple(text, s, c)) return c;
  let main = c;
  for (const x of cues) if (x.end <= c.at && !isParticiple(text, s, x)) main = x;
  return main;
}

/**
 * The sentence's referents that may say its quotations: no outlet, which reports words and never says them ("…,” Asif
 * told Reuters; according to Dawn, …), and for a name that only says whose someone is ("X's widow", "the lawyer for
 * X"), that someone (withDependents). The same for every quotation of the sentence: made once (a sentence of many
 * quotations and names cost their product).
 */
function possibleSayers(text: string, s: Span, sentenceReferents: readonly Referent[]): readonly Referent[] {
  // (Each referent asked once: the referents up to the first outlet are copied only when there is one.)
  let named: Referent[] | undefined;
  for (let k = 0; k < sentenceReferents.length; k++) {
    const r = sentenceReferents[k];
    if (!r) continue;
    if (isOutlet(r)) named ??= sentenceReferents.slice(0, k);
    else named?.push(r);
  }
  return withDependents(text, s, named ?? sentenceReferents);
}

/** `referents`: the sentence's possible sayers (possibleSayers); `masked`: the sentence with `allQuotes` blanked. */
function attributeQuote(
  text: string,
  s: Span,
  q: QuoteSpan,
  allQuotes: readonly QuoteSpan[],
  verbs: readonly { start: number; end: number }[],
  referents: readonly Referent[],
  masked: () => string,
  resolvePronoun: Resolve,
  previousSubject: () => Speaker | undefined,
): Attribution {
  // A quotation that is the predicate of the name before it ("Mr. Ban “reiterates his rejection …”"): that name,
  // when it is the clause's subject (only a title or an opening phrase before it).
  // (Not when a telling follows the quotation with a subject of its own: in "Mr. Brahimi “will travel on,” spokesman
  // X told reporters" the words are the spokesman's, who tells what the name before them will do.)
  const subjectBefore = subjectOfQuote(text, s, q, referents);
  if (subjectBefore && !toldAfter(text, s, q, verbs, referents)) return fromReferent(subjectBefore, resolvePronoun, 0.8);
  const sentence = text.slice(s.start, s.end);
  // (One array literal, filled by push: arrays made by map() of an empty list, or of matchAll's, hold other element
  // kinds, and the loops over the cues were deoptimised by each new one.)
  const cues: Cue[] = [];
  for (const v of verbs) cues.push({ at: v.start, end: v.end, weak: false });
  if (sentence.includes("ccording to")) {
    const sentenceMasked = masked();
    ACCORDING_TO.lastIndex = 0;
    for (let m = ACCORDING_TO.exec(sentenceMasked); m; m = ACCORDING_TO.exec(sentenceMasked)) cues.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, weak: false });
    cues.sort((a, b) => a.at - b.at);
  }
  if (!cues.length) {
    const sentenceMasked = masked();
    WEAK_CUE.lastIndex = 0;
    for (let m = WEAK_CUE.exec(sentenceMasked); m; m = WEAK_CUE.exec(sentenceMasked)) cues.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, weak: true });
  }
  if (!cues.length) return { speaker: undefined, confidence: 0 };
  // (The nearest cue, a participle after the quotation only when there is no other: one pass, no copies.)
  let closest: Cue | undefined;
  let fallback: Cue | undefined;
  for (const c of cues) {
    if (c.at >= q.end && isParticiple(text, s, c)) {
      if (!fallback || cueDistance(q, c) < cueDistance(q, fallback)) fallback = c;
    } else if (!closest || cueDistance(q, c) < cueDistance(q, closest)) closest = c;
  }
  const participle = closest ?? fallback;
  const nearest = participle && mainCue(text, s, cues, participle);
  if (!nearest || !participle) return { speaker: undefined, confidence: 0 };
  // "…,” said X, adding, “…”": the participle's verb stands after a quotation or a comma with its subject after it,
  // and a quotation after the participle is that subject's too.
  if (nearest !== participle && nearest.end <= q.start) {
    const inverted = invertedSubject(text, s, nearest, participle, referents);
    if (inverted) return fromReferent(inverted, resolvePronoun, nearest.weak ? 0.6 : 1);
  }
  // A verb inside reported speech is not the attribution: in "ISPR said Afghan posts had opened fire “without
  // provocation” and that Pakistani troops had responded “proportionately”", both quotes are ISPR's. When the
  // nearest verb is back-shifted ("had responded") inside a that-clause an earlier verb opens, that earlier
  // verb's subject is the speaker ("Gul said that talks failed, and Momand told reporters “…”" stays Momand's).
  // The same holds for a back-shifted verb after the quotation ("… had fired “without provocation” and that troops
  // had responded …"): it is more of what the earlier verb reports, not the quotation's attribution.
  const backShifted = BACKSHIFT.test(text.slice(Math.max(0, nearest.at - 12), nearest.at));
  const reporting = backShifted ? cues.find((c) => c.end <= q.start && c.end <= nearest.at && REPORTED_CLAUSE.test(text.slice(c.end, q.start))) : undefined;
  const cue = reporting ?? nearest;
  const scale = cue.weak ? 0.6 : 1;

  // "the United Nations renewed its warning that …": the owner of a possessive before the cue ("its" an
  // organisation, "his"/"her" a person) is the speaker, whoever else the sentence names.
  const owner = POSSESSIVE_BEFORE.exec(text.slice(Math.max(s.start, cue.at - 24), cue.at))?.[1]?.toLowerCase();
  if (owner && cue.end <= q.start) {
    const accept = owner === "its" ? isOrg : owner === "their" ? (r: Referent): boolean => isOrg(r) || isPersonish(r) : isPersonish;
    let who: Referent | undefined;
    for (const r of referents) if (r.end <= cue.at && r.type !== "pronoun" && accept(r)) who = r;
    if (who) return fromReferent(who, resolvePronoun, scale);
  }

  // An unnamed speaker ("A driver …, who asked not to be named, said") stays unnamed: a pronoun in the
  // subject refers to them, not to the last person quoted.
  const subject = text.slice(s.start, Math.min(cue.at, q.start));
  // (Not "A military statement said …": a statement whose noun says whose it is, like "the military statement".)
  if (ANONYMOUS.test(subject) || (INDEFINITE_SUBJECT.test(subject) && !referents.some((r) => r.end <= cue.at && (r.type !== "pronoun" ? isPersonish(r) || isOrg(r) : r.noun === "statement")))) {
    return { speaker: undefined, confidence: 0 };
  }

  // The speaker usually stands before the verb ("Mujahid said, …"); when the quote comes first, the speaker
  // follows the verb ("…,” said Gul) or stands between quote and verb ("…,” Gul told reporters).
  // (Not a name inside a phrase of place or occasion the sentence opens with: "At the Security Council, Afghanistan
  // said" is Afghanistan's.)
  const front = frontedPhraseEnd(text, s, cue.at);
  const before = [...withoutApposition(text, s.start, cue.at, referents.filter((r) => r.end <= cue.at && r.start >= front))].reverse();
  if (cue.at >= q.end || /^according to$/i.test(text.slice(cue.at, cue.end))) {
    // "…,” he said, noting that UNHCR …": a subject standing between the quotation and the verb is the verb's, and a
    // name after the verb is in another clause (the order is inverted, "said X", only when nothing stands before it).
    // "…,” the head of the UN refugee agency, UNHCR, told reporters": a person's role noun heads the subject, and the
    // organisation after it says whose; the speaker is the person the article named as holding a post there, else
    // nobody named (not the organisation).
    // (Only when an organisation is named after the role noun: "the head of the family", "the leader of the sit-in"
    // are read as before, not as whoever the article named with such a role elsewhere.)
    const role = cue.at >= q.end ? ROLE_OF.exec(text.slice(q.end, cue.at)) : null;
    if (role && !before.some((r) => r.start >= q.end && r.type !== "pronoun" && isPersonish(r))) {
      const roleEnd = q.end + role[0].length;
      const of = before.find((r) => r.start >= roleEnd && r.type !== "pronoun" && isOrg(r));
      const noun = (role[1] ?? "").toLowerCase();
      if (of) return fromReferent(pronounReferent(q.end, roleEnd, text.slice(q.end, roleEnd).trim(), "person", noun, of), resolvePronoun, scale);
    }
    const subject = cue.at >= q.end ? before[0] : undefined;
    if (subject && subject.start >= q.end && (isPersonish(subject) || isOrg(subject)) && SUBJECT_GAP.test(text.slice(subject.end, cue.at))) {
      const who = fromReferent(subject, resolvePronoun, scale);
      // (A pronoun there that stands for nobody leaves the words nobody's: a name after the verb is in a clause of
      // its own, "…,” he said, noting that X had agreed.)
      if (who.speaker || subject.type === "pronoun") return who;
    }
    // Who follows "told" is the one told ("…,” he told the BBC), and who follows "by" after a passive ("was
    // quoted as saying by AFP") reported it: neither said it.
    const told = /^tell|^told/i.test(text.slice(cue.at, cue.end));
    // "…,” said a White House statement, “…”", "…,” said a statement issued by the ministry": the statement's issuer,
    // named before its noun or after "from" or "by", speaks (whatever kind the new name was guessed to be).
    const issuer = told ? undefined : statementIssuerAfter(text, cue.end, s.end, referents);
    if (issuer) return fromReferent(issuer, resolvePronoun, scale);
    const nearAfter = told ? undefined : referents.find((r) => r.start >= cue.end && r.start <= cue.end + 40 && (isPersonish(r) || isOrg(r)) && !BY_AGENT.test(text.slice(Math.max(cue.end, r.start - 40), r.start)) && !NEXT_CLAUSE.test(text.slice(cue.end, r.start)));
    // "…,” said the Secretary-General’s Special Representative for Afghanistan, Ján Kubiš": the name the title
    // phrase after the verb ends in is who said it (the role noun, "the Secretary", is that person, not someone else).
    // "…,” said UNHCR spokesman X", "…,” said the UN envoy, X": an organisation before a role noun only says whose
    // post it is; the name the phrase ends in is who said it.
    // (A new name the extractor took for a person's is passed over the same way, "said Pentagon spokesman X": a role
    // noun and a name after it make it the post's body.)
    const holder = !told && nearAfter && nearAfter.type !== "pronoun" && (isOrg(nearAfter) || nearAfter.type === "candidate") ? postHolderAfter(text, nearAfter, s.end, referents) : undefined;
    const after = holder ?? (told || (nearAfter && nearAfter.type !== "pronoun") ? nearAfter : (namedAfterTitle(text, cue.end, s.end, referents) ?? nearAfter));
    const anonymous = after && /^\s*(?:one|a|an|another|some|several)\b/i.test(text.slice(cue.end, after.start));
    if (after && !anonymous) return fromReferent(after, resolvePronoun, scale);
    // "…,” according to a statement (issued at the time)": a statement no name follows is that of whom the article
    // was just telling about.
    if (!after && STATEMENT_AFTER.test(text.slice(cue.end, cue.end + 40))) {
      const subject = previousSubject();
      return subject ? { speaker: subject, confidence: 0.6 * scale } : { speaker: undefined, confidence: 0 };
    }
    // ("…,” said a police official" is anonymous; "…,” Gul told a news briefing" names whom he told, not who spoke.)
    if (!told && /^\s*(?:one|a|an|another|some|several)\b/i.test(text.slice(cue.end, cue.end + 64))) return { speaker: undefined, confidence: 0 };
    const between = before.filter((r) => r.start >= q.end);
    const who = between.find(isPersonish) ?? between.find(isOrg);
    if (who) return fromReferent(who, resolvePronoun, scale);
    // "… called the closure “temporary” and said …": a second verb of the same subject, who stands before the quote.
    const coordinated = cue.at >= q.end && /^[\s,]*(?:and|but|then|before)\s+(?:then\s+|also\s+)?$/i.test(text.slice(q.end, cue.at));
    if (cue.at >= q.end && !coordinated) return { speaker: undefined, confidence: 0 };
  }
  // A pronoun or role noun right before the verb is its subject, whoever else the words before name ("The group says
  // Gul was targeted for what it called her “…” views": "it", not Gul).
  const adjacent = before[0];
  if (adjacent?.type === "pronoun" && adjacent.end <= cue.at && SUBJECT_GAP.test(text.slice(adjacent.end, cue.at))) {
    const who = fromReferent(adjacent, resolvePronoun, scale);
    if (who.speaker) return who;
  }
  // "At the Security Council, the representative of Afghanistan said, “…”": a person's role noun heads the subject
  // of the verb before the quotation; the words before it name no speaker, and what its post's "of" or "for" names
  // says whose post it is (the person the article named as holding one there, else nobody named; a country, nobody).
  if (cue.end <= q.start) {
    const role = ROLE_PHRASE_BEFORE.exec(cue.at <= s.end ? masked().slice(0, cue.at - s.start) : maskQuotes(text.slice(s.start, cue.at), s.start, allQuotes));
    const phraseStart = role ? s.start + role.index : -1;
    if (role && !before.some((r) => r.start >= phraseStart && r.type !== "pronoun" && isPersonish(r))) {
      const of = before.find((r) => r.start >= phraseStart && r.type !== "pronoun" && isOrg(r));
      const noun = (role[1] ?? "").toLowerCase();
      return of ? fromReferent(pronounReferent(phraseStart, cue.at, text.slice(phraseStart, cue.at).trim(), "person", noun, of), resolvePronoun, scale) : { speaker: undefined, confidence: 0 };
    }
  }
  const person = before.find(isPersonish);
  if (person) return fromReferent(person, resolvePronoun, scale);
  const org = before.find(isOrg);
  if (org) return org.type === "pronoun" ? fromReferent(org, resolvePronoun, scale) : { speaker: toSpeaker(org), confidence: 0.7 * scale };
  const country = before.find(isCountry);
  // "Afghanistan's ambassador to Pakistan has called it …": a role noun of a person in the subject is who speaks, and
  // the countries around it say whose or where; a person no name is given for is nobody the store can name.
  if (country && roleNounHeads(maskQuotes(text.slice(s.start, cue.at), s.start, allQuotes), country.start - s.start, country.end - s.start)) return { speaker: undefined, confidence: 0 };
  if (country) return { speaker: toSpeaker(country), confidence: 0.5 * scale };
  // A city as the subject of the verb ("Islamabad denies …", "Kabul says …") stands for the government seated there.
  const city = before.find((r) => r.type === "entity" && r.entity?.subtype === "city");
  if (city && SUBJECT_GAP.test(text.slice(city.end, cue.at)) && CLAUSE_START.test(text.slice(s.start, city.start))) return { speaker: toSpeaker(city), confidence: 0.5 * scale };
  return { speaker: undefined, confidence: 0 };
}

/**
 * A phrase of place or occasion opening a sentence, up to its comma: a preposition and a noun phrase ("At the
 * Security Council,", "In the General Assembly on Monday,", "During a visit to Kabul,") or a participle of speaking
 * and its place ("Speaking at the UN,", "Addressing the Council,"). "At least …," is no such phrase.
 */
const FRONTED_PHRASE = /^\s*(?:(?:At|In|Inside|Outside|During|Before|After)\s+(?:the|a|an|its|his|her|their)\s+|(?:Speaking|Addressing|Writing)\s+(?:(?:at|in|to|before|on)\s+)?(?:the|a|an)\s+)[^,;:“”"]{1,80},\s*/;

/** Where a phrase of place or occasion opening the sentence ends, when the verb stands after it (else the sentence's start). */
function frontedPhraseEnd(text: string, s: Span, verbAt: number): number {
  const c = text.charCodeAt(s.start);
  // (Only a sentence opening with a capital A, B, D, I, O, S or W: most open otherwise.)
  if (c !== 65 && c !== 66 && c !== 68 && c !== 73 && c !== 79 && c !== 83 && c !== 87) return s.start;
  const m = FRONTED_PHRASE.exec(text.slice(s.start, verbAt));
  return m ? s.start + m[0].length : s.start;
}

/**
 * Nouns of someone a person's name says whose they are, not who they are: kin, a lawyer, an aide or spokesman of
 * theirs ("Gul Wazir's widow", "the lawyer for X", "X's spokesman").
 */
const DEPENDENT_NOUNS =
  "widow|widower|wife|husband|son|daughter|father|mother|brother|sister|uncle|aunt|cousin|nephew|niece|grand(?:son|daughter|father|mother)|relatives?|family|lawyer|attorney|counsel|aide|bodyguard|friend|neighbou?r|colleague|supporter|deputy|spokes(?:man|woman|person)";
/** After a name: its possessive and the noun it owns, perhaps after a word or two ("'s widow", "’s elder brother"). */
const OWNED_AFTER = new RegExp(`^[’']s?\\s+(?:\\p{Ll}+\\s+){0,2}?(${DEPENDENT_NOUNS})s?\\b`, "u");
/** Before a name: the noun and "for", "of" or "to" ("the lawyer for", "a cousin of", "a spokesman to"). */
const HEAD_BEFORE = new RegExp(`\\b(?:the|a|an|one)\\s+(?:\\p{Ll}+\\s+){0,2}?(${DEPENDENT_NOUNS})s?\\s+(?:of|for|to)\\s+(?:the\\s+)?$`, "iu");

/**
 * The referents with each name that only says whose someone is replaced by that someone: a role noun of the person
 * named ("Gul Wazir's widow", "the lawyer for X"), whom resolveReference leaves unnamed. Say "X's widow said" and
 * the widow speaks, not X.
 */
function withDependents(text: string, s: Span, referents: readonly Referent[]): readonly Referent[] {
  let out: Referent[] | undefined;
  for (let k = 0; k < referents.length; k++) {
    const r = referents[k];
    if (!r || r.type === "pronoun" || !isPersonish(r)) continue;
    const after = OWNED_AFTER.exec(text.slice(r.end, Math.min(s.end, r.end + 40)));
    const before = after ? null : HEAD_BEFORE.exec(text.slice(Math.max(s.start, r.start - 50), r.start));
    const m = after ?? before;
    if (!m) continue;
    const start = after ? r.start : r.start - m[0].length;
    const end = after ? r.end + m[0].length : r.end;
    out ??= referents.slice();
    out[k] = pronounReferent(start, end, text.slice(start, end), "person", (m[1] ?? "").toLowerCase(), r);
  }
  return out ?? referents;
}

/** Between a subject and its verb: nothing, or an auxiliary or adverb ("it has said", "Kabul also says"). */
const SUBJECT_GAP = /^\s*(?:(?:also|later|further|has|have|had|again|repeatedly|often|then)\s+|(?:went|goes) on to\s+)*$/i;
/** Before a clause's subject: the sentence start, a comma or a conjunction. */
const CLAUSE_START = /(?:^|[,;:]|\b(?:and|but|while|as))\s*(?:(?:the|The)\s+)?$/;

/**
 * After a verb: "the" (or an owner's name and its possessive) and a title phrase of up to a dozen words, then a comma
 * before the holder's name, perhaps after a courtesy title ("…, Mr. X"; "says Gul’s eldest brother, Anwar").
 */
const TITLE_THEN_NAME = /^\s+(?:the|\p{Lu}[\p{L}.-]*(?:\s\p{Lu}[\p{L}.-]*){0,3}[’']s)\s+[^,;:“”"()]{2,100},\s*(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?$/u;
/** Right after a name: its possessive ("Gul’s eldest brother"): the name says whose the title is, not who speaks. */
const POSSESSIVE_AFTER = /^[’']s\s/;

/** A person's name that a title phrase right after the verb leads to ("said the UN envoy, Jan Kubis"). */
function namedAfterTitle(text: string, from: number, to: number, referents: readonly Referent[]): Referent | undefined {
  // (Places and organisations inside the title, "for Afghanistan", "of UNAMA", are passed over; no comma may stand
  // between the verb and the title's end.)
  for (const r of referents) {
    if (r.start < from || r.end > to || r.type === "pronoun" || !isPerson(r)) continue;
    // (An owner of the title, "said Gul’s eldest brother, Anwar", is passed over like a place inside it.)
    if (POSSESSIVE_AFTER.test(text.slice(r.end, r.end + 3))) continue;
    return TITLE_THEN_NAME.test(text.slice(from, r.start)) ? r : undefined;
  }
  return undefined;
}

/**
 * Between an organisation and the person holding a post in it: its possessive perhaps, then words of one phrase
 * ending in a role noun, and perhaps a comma ("’s chief spokesman, ", " spokesman ", " envoy, ").
 */
const POST_BETWEEN = new RegExp(`^(?:[’']s)?\\s+(?:[\\p{L}.’'-]+\\s+){0,3}?(?:${OFFICE_NOUNS}|${POST_NOUNS})s?(?:[\\s-]general)?(?:\\s+(?:${[...PERIOD_TITLES].join("|")})\\.)*,?\\s+$`, "iu");

/** Between an organisation and a place of its post's title: spaces, perhaps its possessive and capitalised words ("WFP ", "UNHCR’s "). */
const POST_PLACE_GAP = /^(?:[’']s)?(?:\s+\p{Lu}[\p{L}-]*)*\s+$/u;

/** Words between a body and a person that make no post of one in the other. */
const NOT_A_POST = /\b(?:and|or|while|but|whose|who|which|after|before|as|with|alongside|beside|to|near|at|in|on|by|from|during|than|meeting|met|meets|joined|visiting|visited)\b/i;

/** "and" (or "&") between two capitalised words of a title ("Resident and Humanitarian Coordinator"). */
const TITLE_AND = /(?<=\p{Lu}[\p{Ll}-]*)\s+(?:and|&)\s+(?=\p{Lu}\p{Ll})/gu;

/**
 * The person named right after an organisation as holder of a post there ("UNHCR spokesman X", "UNHCR's envoy, X").
 * A place (or a second body) inside the title says where the post is ("WFP Afghanistan Country Director X", "UNHCR
 * Pakistan Representative X"): the title goes on through it, while no punctuation stands between.
 */
function postHolderAfter(text: string, org: Referent, to: number, referents: readonly Referent[]): Referent | undefined {
  for (const r of referents) {
    if (r.start < org.end) continue;
    if (r.end <= to && r.type !== "pronoun" && !isPersonish(r) && POST_PLACE_GAP.test(text.slice(org.end, r.start))) continue;
    if (r.end > to || r.type === "pronoun" || !isPerson(r)) return undefined;
    // (A title of role words joined by "and", each capitalised, is one title: "UN Resident and Humanitarian
    // Coordinator X".)
    const gap = text.slice(org.end, r.start).replace(TITLE_AND, " ");
    // (No preposition or verb of a clause of its own: "said X after meeting interior minister Y", "as deputy commissioner
    // Y looked on", "alongside provincial minister Y" hand the words to no one else.)
    return gap.length <= 48 && POST_BETWEEN.test(gap) && !NOT_A_POST.test(gap) ? r : undefined;
  }
  return undefined;
}

/**
 * A statement's noun, perhaps after a word or two that describe it ("statement", "joint statement", "press release",
 * "communiqué"; no preposition or determiner: "said X in a statement" is told otherwise).
 */
const STATEMENT_NOUN = "(?:(?!(?:in|on|at|a|an|the|its|his|her|their|to|of|for|by|from|and|or|with)\\s)[\\p{Ll}-]+\\s+){0,2}?(?:statement|press release|news release|release|communiqu[ée])";
/** Between a verb and the name of a statement's issuer before its noun: an article ("said a ", "said the "). */
const ARTICLE_ONLY = /^\s+(?:a|an|the)\s+$/i;
/** After an issuer's name: its possessive perhaps, then the statement's noun ("White House statement", "UNHCR's press release"). */
const STATEMENT_NOUN_AFTER = new RegExp(`^(?:[’']s)?\\s+${STATEMENT_NOUN}\\b`, "u");
/** Between a verb and an issuer named after the statement: "a statement from the ", "the statement issued by ". */
const STATEMENT_FROM = new RegExp(`^\\s+(?:a|an|the)\\s+${STATEMENT_NOUN}\\s+(?:(?:issued|released|put out|sent)\\s+)?(?:from|by)\\s+(?:the\\s+)?$`, "iu");

/**
 * The issuer of a statement that is the inverted subject of a verb of saying ("…,” said a White House statement",
 * "…,” said the ministry's press release", "…,” said a statement from the Interior Ministry"): the name right before
 * the statement's noun, or after its "from" or "by", within the sentence.
 */
function statementIssuerAfter(text: string, from: number, to: number, referents: readonly Referent[]): Referent | undefined {
  for (const r of referents) {
    if (r.start < from || r.type === "pronoun") continue;
    if (r.start > from + 80 || r.end > to) return undefined;
    const gap = text.slice(from, r.start);
    if (ARTICLE_ONLY.test(gap) ? STATEMENT_NOUN_AFTER.test(text.slice(r.end, r.end + 40)) : STATEMENT_FROM.test(gap)) return r;
    return undefined;
  }
  return undefined;
}

/** A possessive and perhaps one adjective before a cue noun ("its warning", "his stark warning"). */
const POSSESSIVE_BEFORE = /\b(its|his|her|their)\s+(?:\p{Ll}+\s+)?$/iu;
/** "according to a statement", "according to the group's statement": no issuer named at once. */
const STATEMENT_AFTER = /^\s+(?:a|an|the|its|his|her|their)\s+(?:[\p{Ll}’']+\s+){0,2}statement\b/u;
/** Up to a clause's subject: the sentence start or a comma, then at most a title ("Mr.", "Ambassador") or "the". */
const CLAUSE_OPENING = /(?:^|[,;:—–]\s*)(?:(?:the|The)\s+)?(?:\p{Lu}[\p{L}.]*\.?\s+)?$/u;

/** The name standing right before a quotation that starts in lower case, when it opens its clause (its subject). */
function subjectOfQuote(text: string, s: Span, q: QuoteSpan, referents: readonly Referent[]): Referent | undefined {
  if (!LOWER_FIRST.test(text.slice(q.start + 1, q.start + 2))) return undefined;
  let r: Referent | undefined;
  for (const x of referents) if (x.end <= q.start) r = x;
  if (!r || r.type === "pronoun" || !(isPersonish(r) || isOrg(r)) || text.slice(r.end, q.start).trim() !== "") return undefined;
  return CLAUSE_OPENING.test(text.slice(s.start, r.start)) ? r : undefined;
}

/** Between a quotation and the subject of a telling after it: a comma perhaps, then at most a title of a few words in lower case ("spokesman", "the UN spokeswoman"). */
const TITLE_AFTER_QUOTE = /^,?\s*(?!(?:and|but|or|while|as|then|so|when|after|before)\b)(?:(?:the|a|an)\s+)?(?:[\p{L}.’'-]+\s+){0,3}$/u;
/** Between a quotation and a telling verb right after it: a comma perhaps ("…,” said X", "…”, tweeted X"). */
const VERB_AFTER_QUOTE = /^,?\s*$/;

/**
 * Whether a verb of saying follows the quotation in its own attribution: right after it ("…,” said X") or after a
 * subject that stands between them, perhaps with a title before it ("…,” spokesman X told reporters", "…,” he said").
 */
function toldAfter(text: string, s: Span, q: QuoteSpan, verbs: readonly { start: number; end: number }[], referents: readonly Referent[]): boolean {
  let verb: { start: number; end: number } | undefined;
  for (const v of verbs) {
    if (v.start >= q.end) {
      verb = v;
      break;
    }
  }
  if (!verb || verb.start > s.end || verb.start - q.end > 100) return false;
  if (VERB_AFTER_QUOTE.test(text.slice(q.end, verb.start))) return true;
  for (const r of referents) {
    if (r.start < q.end) continue;
    if (r.end > verb.start) return false;
    if (!(r.type === "pronoun" || isPersonish(r) || isOrg(r))) return false;
    // ("…,” spokesman X told", or a role and the name in commas after it: "…,” his spokesman, X, said".)
    const before = text.slice(q.end, r.start);
    const after = text.slice(r.end, verb.start);
    return (TITLE_AFTER_QUOTE.test(before) && SUBJECT_GAP.test(after)) || (ROLE_THEN_NAME.test(before) && APPOSITION_CLOSE.test(after));
  }
  return false;
}
/** Between a quotation and a name in apposition to the role before it: the role, set off by a comma (", his spokesman, "). */
const ROLE_THEN_NAME = /^,?\s*(?:his|her|its|their|the)\s+(?:[\p{L}.’'-]+\s+){0,3}[\p{L}.’'-]+,\s*$/u;
/** The comma closing an apposition, right before its verb. */
const APPOSITION_CLOSE = /^\s*,\s*$/;

/**
 * ", a researcher with the Sudan group, said", ", UNHCR's representative in Afghanistan, told": an apposition just
 * before the verb, describing the name before it — opened by an article or a relative pronoun, by an owner's name
 * ("UNHCR's"), or a run of words ending in a role ("…, Khyber district police chief, said").
 */
const APPOSITION =
  /,\s+(?:(?:a|an|the|who|whose|which|one|another|also|now|then|himself|herself)\b[^,;“”"]*|[\p{L}.-]+[’']s\s[^,;“”"]*|(?:[\p{L}.’'-]+\s+){0,5}(?:spokes(?:man|woman|person)|minister|official|officer|chief|head|director|commander|representative|envoy|ambassador|governor|president|secretary|coordinator|adviser|advisor|leader|chairman|elder|commissioner|administrator|superintendent|magistrate|analyst|lawmaker|cleric|resident|driver|journalist|reporter|researcher|trader|professor|activist)s?(?:\s+(?:in|at|for|of)\s+(?:the\s+)?(?:[\p{L}.’'-]+\s+){0,2}[\p{L}.’'-]+)?),\s*(?:\p{Ll}+\s+){0,3}$/u;

/** APPOSITION, asked at one place (lastIndex). */
const APPOSITION_AT = new RegExp(APPOSITION.source, "uy");

/**
 * The referents before a verb without those inside an apposition that follows a name ("Eric Reeves, a researcher
 * with the Sudan group, said …" is Reeves speaking, not Sudan). Only when a name stands before the apposition.
 */
function withoutApposition(text: string, from: number, to: number, before: readonly Referent[]): readonly Referent[] {
  // (No part of APPOSITION but its first and its closing comma holds a comma: a match opens at the last comma but one
  // and runs to the end. It is asked there alone, not at every character of the words before the verb.)
  const words = text.slice(from, to);
  const close = words.lastIndexOf(",");
  const open = close > 0 ? words.lastIndexOf(",", close - 1) : -1;
  if (open < 0) return before;
  // (A match starts at that comma: without a name before it, the referents stay as they are whether it matches or
  // not, and the expression is not asked.)
  const start = from + open;
  if (!before.some((r) => r.end <= start && r.type !== "pronoun")) return before;
  APPOSITION_AT.lastIndex = open;
  if (!APPOSITION_AT.test(words)) return before;
  return before.filter((r) => r.end <= start || r.start >= to);
}

function fromReferent(r: Referent, resolvePronoun: Resolve, scale: number): Attribution {
  if (r.type === "pronoun") {
    const resolved = resolvePronoun(r);
    return resolved ? { speaker: resolved, confidence: 0.75 * scale } : { speaker: undefined, confidence: 0 };
  }
  if (r.type === "candidate") return { speaker: toSpeaker(r), confidence: 0.8 * scale };
  if (r.entity?.kind === "organisation") return { speaker: toSpeaker(r), confidence: 0.7 * scale };
  return { speaker: toSpeaker(r), confidence: 0.9 * scale };
}

/** A quotation's words for comparing with another's: letters and digits in lower case, one space between words. */
function quotedWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Fewest characters (letters, digits and the spaces between words) a pull quote must share with the quotation it repeats (a short phrase may recur by chance). */
const PULL_QUOTE_MIN = 30;

/**
 * A pull quote: a paragraph that is one quotation and nothing else, with no speaker ("As the fighting increased, we had
 * no other option …" under a picture), whose words the story quotes again with their speaker ("Noor Muhammad … tells
 * his story: “… As the fighting increased, we had no other option …”"). The words are that speaker's, found where the
 * story gives them. (A quotation inside a sentence is no pull quote: "The minister vowed “to restore peace …”" keeps
 * its own attribution, or none, whoever repeats the words later.)
 */
export function creditPullQuotes(quotes: ExtractedQuote[], paragraphs: readonly { text: string }[]): void {
  if (quotes.length < 2 || !quotes.some((q) => q.speakerText === null)) return;
  const spoken = quotes.filter((q) => q.speakerText !== null).map((q) => ({ q, words: quotedWords(q.text) }));
  for (const q of quotes) {
    if (q.speakerText !== null || q.isFragment || !wholeParagraph(q, paragraphs[q.paragraph]?.text ?? "")) continue;
    const words = quotedWords(q.text);
    if (words.length < PULL_QUOTE_MIN) continue;
    const source = spoken.find((s) => s.q !== q && s.words.includes(words));
    if (!source) continue;
    q.speakerId = source.q.speakerId;
    q.speakerText = source.q.speakerText;
    q.confidence = Math.min(source.q.confidence, 0.6);
  }
}

/** Whether a quotation is its paragraph's only words: nothing but marks, stops and spaces around it. */
function wholeParagraph(q: ExtractedQuote, text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text.slice(0, q.start)) && !/[\p{L}\p{N}]/u.test(text.slice(q.end));
}
