/**
 * Events: a sentence with an event cue, a date and a place becomes a dated happening — with who claims it, who
 * took part and the casualty figures. `extractEvent` is the stage; a rule about when a sentence is an event (or a
 * reference back to one) goes there.
 */
import { IRREGULAR_PAST_WORDS, type DateMention } from "../dates-in-text.ts";
import { ALL_CUES, classifyEvent, cueOccurrences, INCIDENT_CUES, INCIDENT_TYPES, possibleCues, type EventCue } from "../event-types.ts";
import type { AliasIndex, EntityInfo } from "../matcher.ts";
import { isoDay } from "../../text/dates.ts";
import { insideAny, isCountry, isOrg, isPersonish, maskedText, type ArticleState, type PlaceRef, type Referent, type SentenceContext } from "./context.ts";
import { nearestDate } from "./dates.ts";
import { resolveReference } from "./quotes.ts";
import type { ExtractedEvent } from "./types.ts";

const DATE_NUMBERS = /\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/gi;
const CLAIM_CUE = /\b(claim(?:ed|ing|s)?|said|says|told|recalled|reported|according to|alleged|accus\w+)\b/i;
const CONTINUATION = /^(in retaliation|in response|in return|during (the|these|those)|then|later|afterwards|subsequently|the next day|the following day|a day later|hours later)\b/i;
const LEADING_PHRASE = /^(during|after|amid|following|since|despite|before|while)\b[^,]{0,80},/i;

/** The sentence's event, if it has a cue, a date (its own, or the story's for a continuation) and a place; carries the story's date and place on. */
export function extractEvent(ctx: SentenceContext): void {
  const { para, span: s, text: sentenceText } = ctx;
  const sentenceDates: DateMention[] = [];
  // (A dateline's date is the report's, not the date of what its first sentence tells: "KABUL, 8 April 2013 – …
  // a clash which took place recently".)
  for (let n = 0; n < ctx.dates.length; n++) {
    const d = ctx.dates[n];
    if (!d || insideAny(ctx.overlappingQuotes, d.start, d.end) || d.start < para.datelineEnd || restated(para.p.text, d, ctx.dates[n + 1])) continue;
    sentenceDates.push(toldOvernight(para.p.text, s.end, d));
  }
  const ownPlace = mostSpecificPlace(ctx.referents, ctx.article.index);
  // An event needs a date, the sentence's own or (for a continuation) the story's, and a place, its own or the
  // story's: a sentence that can have no date or no place looks for no cue (most sentences with a cue word have no
  // date); its event would not be kept.
  // (One of several happenings the paragraph before counted on a day, "the second attack", is on that day.)
  const countedBefore = ctx.article.counted;
  const ordinal = sentenceDates.length === 0 && countedBefore !== undefined && countedBefore.paragraph >= para.i - 1 ? ORDINAL_HAPPENING.exec(sentenceText) : null;
  // (A briefing at a place with no day of its own, in an article of a telling "today": "the agency's spokeswoman told
  // reporters in Geneva" after "the refugee agency said today" is that day's telling, when nothing else in the
  // sentence dates it.)
  const briefing = ctx.article.toldToday && !sentenceDates.some((d) => d.precision === "day") && !TOLD_BEFORE.test(sentenceText) ? OCCASION.exec(sentenceText) : null;
  // (A violent happening on a day of its own may take the place where the article last told of violence, see
  // storyPlace: a sentence with no place of its own or its paragraph's looks for the incidents' cues alone.)
  const placed = ownPlace !== undefined || para.carriedPlace !== undefined;
  const storyOnly = !placed && ctx.article.violencePlace !== undefined && sentenceDates.some((d) => d.precision === "day");
  const allowed = placed ? ALL_CUES : INCIDENT_CUES;
  const cues =
    (sentenceDates.length !== 0 || briefing !== null || ordinal !== null || (para.carriedDate !== undefined && CONTINUATION.test(sentenceText))) && (placed || storyOnly)
      ? allowed & (briefing !== null ? ALL_CUES : (para.cues[ctx.si] ?? possibleCues(para.tokens, ctx.firstToken, s.end)))
      : 0;
  const masked = cues !== 0 ? advancesOnPlaces(maskLeadingPhrase(maskedText(ctx)), s.start, ctx) : undefined;
  // (What goes on in the background, "amid clashes …", gives way to the main verb's cue: "closed the crossing on Sunday
  // amid clashes" is a closure on Sunday. The main verb's event is then dated and counted outside that phrase:
  // "remained shut amid clashes that killed two soldiers on Sunday" gives the Sunday and the two dead to the clashes,
  // and with no date outside the phrase the background's cue is read as before, a clash on Sunday.)
  let background: { start: number; end: number }[] | undefined;
  let found: EventCue | undefined;
  let ownDates = sentenceDates;
  if (masked !== undefined && (masked.includes("amid ") || masked.includes("fter ") || masked.includes("ollowing "))) {
    const phrases = [...masked.matchAll(AMID_PHRASE)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
    const main = classifyEvent(masked.replace(AMID_PHRASE, (m) => " ".repeat(m.length)), cues);
    const outside = (d: DateMention): boolean => !phrases.some((b) => d.start >= b.start && d.start < b.end);
    if (main && (sentenceDates.length === 0 || sentenceDates.some(outside))) {
      found = main;
      background = phrases;
      ownDates = sentenceDates.filter(outside);
    }
  }
  if (masked !== undefined) found ??= classifyEvent(masked, cues);
  // (The briefing itself is the statement when the sentence names no other happening: "… told reporters in Geneva".)
  // (A relief operation such a sentence tells, with no day of its own, is what the telling is about: "told reporters in
  // Geneva that returns will start again once the road is cleared" is the day's telling.)
  if (masked !== undefined && briefing !== null && (found === undefined || found.type === "relief")) found = { type: "statement", index: briefing.index, incident: false, statement: true };
  // (What an announcement says happens, dated in its own clause, is the event: "announced Monday that … will go to
  // Kabul Friday for a three-day visit" is a visit on Friday; its dates are the clause's.)
  const told = found?.statement && masked !== undefined ? announcedClause(found, masked, s.start, ownDates) : undefined;
  if (told) ownDates = ownDates.filter((d) => d.start >= told.from);
  let cue = found && masked !== undefined ? closestCue(told?.cue ?? condemned(found, masked, s.start, ownDates, ctx.article.onDate), masked, s.start, ownDates, ctx.referents) : undefined;
  // (Where a telling took place, "… told a news briefing in Kabul today", is the telling's place, never that of the
  // happening it tells: the happening takes a place of its own or the story's, and with none the sentence's event is
  // the telling itself, when its occasion has a day of its own beside it.)
  let happeningPlace = ownPlace;
  // (Where those who tell it are, "Officials in Kabul said on Tuesday that shelling in Kunar killed …", is no place of
  // the happening when the sentence names another.)
  if (cue && !cue.statement && ownPlace !== undefined) {
    const text = para.p.text;
    const sayers = ctx.referents.filter((r) => r.start >= s.start && isPlace(r) && SAYER_IN.test(text.slice(Math.max(s.start, r.start - 4), r.start)) && SAYS_AFTER.test(text.slice(r.end, r.end + 40)));
    // (Only a place the sentence says it happened in, "in Kunar", "near Landi Kotal": "shelling from Pakistan hit three
    // villages" is where it came from, and the sayers' place stays.)
    if (sayers.length > 0) happeningPlace = mostSpecificPlace(ctx.referents.filter((r) => !sayers.includes(r) && isPlace(r) && HAPPENED_IN.test(text.slice(Math.max(0, r.start - 12), r.start))), ctx.article.index) ?? ownPlace;
  }
  if (cue && !cue.statement && ownPlace !== undefined && sentenceText.includes(" in ")) {
    const occasion = tellingOccasion(sentenceText, s.start, ctx.referents, para.p.text);
    if (occasion) {
      happeningPlace = mostSpecificPlace(
        ctx.referents.filter((r) => !occasion.places.includes(r)),
        ctx.article.index,
      );
      if (happeningPlace === undefined && para.carriedPlace === undefined) {
        const day = ownDates.find((d) => d.precision === "day" && d.start >= occasion.start && d.start <= occasion.end + 2);
        if (day) {
          cue = { type: "statement", index: occasion.start - s.start, incident: false, statement: true };
          ownDates = [day];
        } else cue = undefined;
      }
    }
  }
  if (cue) {
    // A sentence that continues the previous one's story ("In retaliation, …") inherits its date; one that
    // names no place happens where the paragraph's story is ("shut Torkham … Earlier this month, … the closure").
    const continues = CONTINUATION.test(sentenceText);
    const cueAt = s.start + cue.index;
    // "The clashes closed the gate, and it remained closed Tuesday": a state going on after the happening the
    // sentence told first dates no happening ("the bazaar stayed shut on Wednesday", told alone, does).
    const states = ownDates.length && STATE_WORD.test(sentenceText) ? ownDates.map((d) => stateGoesOnFrom(para.p.text, d)) : undefined;
    let dates = states?.some((at) => at > cueAt) ? ownDates.filter((_, n) => (states[n] ?? -1) <= cueAt) : ownDates;
    // A phrase that holds its own day — the happening a span is counted from ("on Tuesday, a day after militants
    // bombed …"), what a first or a worst is counted since ("the first clash since the truce was declared on …") — dates
    // only a cue inside it, and a cue inside it is dated only by it.
    if (dates.length) dates = ownPhraseDates(sentenceText, s.start, dates, cueAt);
    // A relative clause set off by commas that does not hold the cue tells about someone or something, not when the
    // happening was: "Mr Ali, who was a staff member since April 2017, was shot and killed … on 8 April 2019".
    if (dates.length > 1) dates = outsideRelativeClauses(sentenceText, s.start, dates, cue.index);
    // A happening told with the day of its telling and a day of its own ("Officials said on Tuesday that shelling in
    // Kunar killed three children on Monday", "The military confirmed on Tuesday that a drone strike … on Sunday
    // killed …"): the telling's day is no happening's, whichever is nearer the cue. Its own day is a day, not after the
    // telling, in the cue's own clause (no "; ", "and that", "who …" or ", where …" between them: "… and that the road
    // would reopen on Thursday", "militants who were planning attacks on Sunday" date something else).
    if (dates.length > 1 && !cue.statement) dates = ownDayBesideTelling(para.p.text, sentenceText, s.start, cue.index, dates);
    // What is protested, condemned, mourned or warned of, or goes on in the background, is dated only by a date
    // inside its own phrase ("condemns the attack in Quetta on 21 April"), never by the sentence's ("a rally
    // condemning the attack on …, Karachi, Oct. 11": the rally's day; "warned on Monday that attacks would …").
    const object = dates.length ? backgroundAround(sentenceText, cue.index) : undefined;
    // (A statement's topic ends at the telling's verb: "… statement on the attacks was read out today".)
    if (object) dates = dates.filter((d) => d.start >= s.start + object.start && !(object.topic && d.start >= s.start + object.end) && !captionDate(para.p.text, d));
    // "Military sources on Wednesday said that 33 … are among the militants killed in the airstrikes": the casualties
    // of an event named with "the" are told of it after it happened; the day of the telling is not the event's.
    // "General Abbas said Wednesday that forces are advancing towards Mingora": what the telling says is going on (the
    // present progressive) went on before and after its day, which dates no happening.
    // ("killed in the attack on a checkpoint in Bannu" is no reference back: the attack is introduced by what follows.)
    if (dates.length && ((BACK_REFERENCE.test(sentenceText.slice(Math.max(0, cue.index - 40), cue.index)) && !INTRODUCED_AFTER.test(sentenceText.slice(cue.index, cue.index + 40))) || GOING_ON.test(sentenceText.slice(Math.max(0, cue.index - 16), cue.index)) || PERFECT_AFTER.test(sentenceText.slice(cue.index, cue.index + 80)))) dates = dates.filter((d) => !tellingDay(para.p.text, d));
    // A statement is told by the day of publication: a later day in its sentence is what it asks for or expects
    // ("condemned the shelling and asked for a report by 28 October").
    // (Compared at the publication date's precision: in an article of "2025", 11 January 2025 is not after it.)
    const published = ctx.article.onDate.slice(0, 10);
    if (cue.statement && published !== "" && dates.length) dates = dates.filter((d) => d.value.slice(0, published.length) <= published);
    // A deadline after the day of publication ("would reopen by 28 June", "stay shut until Friday") is when something
    // is due, not when anything happened or is set to happen: it dates no event ("talks on 25 October" still does).
    if (published !== "" && dates.length) dates = dates.filter((d) => !(d.value.slice(0, published.length) > published && deadline(para.p.text, d)));
    const date =
      nearestDate(dates, cueAt) ??
      (continues ? para.carriedDate : undefined) ??
      (briefing && cue.statement && cue.index >= briefing.index && cue.index < briefing.index + briefing[0].length ? dayOfWriting(ctx, cueAt) : undefined) ??
      (ordinal && countedBefore?.type === cue.type && cue.index >= ordinal.index && cue.index < ordinal.index + ordinal[0].length ? countedBefore.date : undefined);
    // (A statement is made where it is told: the country that makes it, "Pakistan announced Monday …", "Afghanistan
    // has rejected …", is its maker, not its place.)
    const place = (cue.statement ? statementPlace(ctx, sentenceText, cue, ownPlace, date) : happeningPlace) ?? para.carriedPlace ?? storyPlace(ctx, cue, date, dates);
    // (Figures inside a background phrase the main verb's event was chosen over are the background's.)
    const counted = background ? blank(sentenceText, background, s.start) : sentenceText;
    // (The count goes on being told: "the second attack" may follow the paragraph of "the first attack".)
    if (date && countedBefore && date === countedBefore.date) countedBefore.paragraph = para.i;
    // (A statement is a day's event only where it was made: "told reporters in Geneva", "said today in Kabul", "at a news
    // conference in Peshawar". One whose sentence names no such place, "UNHCR today announced plans to cut back its
    // operations in the country", "Mr. Ban condemned the murder of a UN worker in western Pakistan", is dated but not
    // placed: the place is what it speaks of. An accusation whose charge holds the day tells of the charged happening.)
    const fresh = !cue.recentDay || (date !== undefined && date.precision === "day" && recent(date.value, ctx.article.onDate));
    if (date && place && fresh && (!cue.statement || madeAtPlace(ctx, sentenceText, cue, date, published))) ctx.article.result.events.push(buildEvent(ctx, sentenceText, cue, date, place, counted));
  }
  // (A happening named only as "the incident", with no cue of its own: the one the article told last.)
  else if (sentenceDates.length && ctx.article.lastHappenings.length && sentenceText.includes("incident")) referredIncident(ctx, sentenceDates, ownPlace);
  const bits = para.cues[ctx.si] ?? 0;
  if (bits & INCIDENT_CUES) {
    const told = ctx.article.lastHappenings;
    if (told.length === 4) told.shift();
    const place = ownPlace ?? para.carriedPlace;
    told.push({ text: sentenceText, cues: bits, place });
    // (The story's place is where it last told violence: a country named after a smaller place is mostly a side's
    // name, "Pakistani troops", "militants from Afghanistan", and the smaller one stays. A PlaceRef's entity is the
    // most specific known place, its text the most specific named: "Pakistan’s Swat Valley" is no country alone.)
    if (place && (ctx.article.violencePlace === undefined || place.entity?.subtype !== "country" || place.text !== place.entity.name)) ctx.article.violencePlace = place;
  }
  if (sentenceDates.length) {
    para.carriedDate = sentenceDates[sentenceDates.length - 1];
    noteCounted(ctx, sentenceText, sentenceDates);
  }
  if (ownPlace) para.carriedPlace = ownPlace;
}

/**
 * The place of a violent happening whose sentence and paragraph name none, told on a day of its own (not the story's)
 * in the month before publication: where the article last told of violence ("Officials say the arrests took place in
 * Swat Valley. The Taliban claimed the attack." then "Malala Yousafzai was shot in the head Tuesday as she left
 * school"). A place the article only passes through — a date line, where something was said, where someone flew — is
 * no story's place, nor is any place for a happening of years before ("the first since the school attack on December
 * 16, 2014"). A statement, a meeting or a closure names where it was, or it is no day's event here (the dev set's
 * readers count none without a place).
 */
function storyPlace(ctx: SentenceContext, cue: EventCue, date: DateMention | undefined, dates: readonly DateMention[]): PlaceRef | undefined {
  if (!date || date.precision !== "day" || !INCIDENT_TYPES.has(cue.type) || !dates.includes(date) || !recent(date.value, ctx.article.onDate)) return undefined;
  // (A happening named with "the" refers back to one told before: it is where the happenings the article told last
  // were, when they were all at one place ("the attack took place Thursday" after a missile strike in North
  // Waziristan); among several places, "claimed responsibility for the attack on the checkpost on Saturday" after
  // attacks in Domel and in Mandan, none is taken. "the attack on a checkpoint" is a first mention.)
  const at = cue.index;
  if (DEFINITE_BEFORE.test(ctx.text.slice(Math.max(0, at - 24), at)) && !INTRODUCED_AFTER.test(ctx.text.slice(at, at + 40))) {
    // (Named by what it struck, "the attack on the checkpost", it is the last happening told of that: its place or none.)
    const target = STRUCK_THE.exec(ctx.text.slice(at, at + 60))?.[1];
    if (target !== undefined) {
      const word = new RegExp(`\\b${target}\\b`, "i");
      for (let k = ctx.article.lastHappenings.length - 1; k >= 0; k--) {
        const h = ctx.article.lastHappenings[k];
        if (h && word.test(h.text)) return h.place;
      }
      // (What it struck is named in none of them: it is none of them, and where it was is not known.)
      return undefined;
    }
    let one: PlaceRef | undefined;
    for (const h of ctx.article.lastHappenings) {
      if (h.place === undefined) continue;
      if (one !== undefined && one.text !== h.place.text) return undefined;
      one = h.place;
    }
    return one ?? ctx.article.violencePlace;
  }
  return ctx.article.violencePlace;
}

/** After a cue word named with "the": what it struck, named with "the" too ("attack on the checkpost"): its first word. */
const STRUCK_THE = /^[\w-]+\s+(?:on|at|near|against|outside|inside)\s+the\s+([a-z][a-z-]{2,})\b/;

/**
 * Before a cue word: "the" or "this", perhaps with one word of its kind between ("the attack", "the checkpost attack").
 * ("that" is as often the conjunction: "Police said that gunmen attacked …".)
 */
const DEFINITE_BEFORE = /\b(?:[Tt]he|[Tt]his)\s+(?:[\w-]+\s+)?$/;

/** Whether a day is in the month before the publication date (or its day after): a story's own happening. */
function recent(day: string, published: string): boolean {
  if (published.length < 10) return false;
  const gap = (Date.parse(published.slice(0, 10)) - Date.parse(day.slice(0, 10))) / 86_400_000;
  return gap >= -1 && gap <= 31;
}

/**
 * "the incident", "Tuesday's alleged border incident": a happening named by no word of its kind, after a determiner or a
 * possessive and at most two words.
 */
const INCIDENT_REFERENCE = /\b(?:the|this|that|[\p{L}]+['’]s)\s+(?:[\p{Ll}-]+\s+){0,2}?incident\b/u;

/**
 * After "the incident": a verb of its happening, perhaps after a phrase of its place, and the rest of its clause ("in
 * Datta Khel took place early on Friday", "happened at dawn on Tuesday"), where its own day is told.
 */
const INCIDENT_HAPPENED = /^(?:\s+(?:in|at|near|outside|inside)\s+[^,;.:]{1,40}?)?\s+(?:(?:is|was)\s+(?:said|believed|thought|reported)\s+to\s+have\s+)?(?:took place|take place|happened|occurred|unfolded)\b[^,;.:]*/;

/**
 * A sentence that names a happening only as "the incident" and dates it in its own words, with no cue of its own:
 * "Intelligence officials announced a U.S. drone strike has killed at least one suspected militant. Authorities say
 * the incident took place early Friday in North Waziristan." It is the incident the article told last (its type; its
 * place, when the sentence and its paragraph name none), on the sentence's day; a day of a telling dates no incident
 * ("Police said Tuesday the incident is under investigation").
 */
function referredIncident(ctx: SentenceContext, sentenceDates: readonly DateMention[], ownPlace: PlaceRef | undefined): void {
  const masked = maskedText(ctx);
  const ref = INCIDENT_REFERENCE.exec(masked);
  if (!ref) return;
  let found: EventCue | undefined;
  let last: ArticleState["lastHappenings"][number] | undefined;
  for (let k = ctx.article.lastHappenings.length - 1; k >= 0 && !found?.incident; k--) {
    last = ctx.article.lastHappenings[k];
    found = last ? classifyEvent(last.text, last.cues & INCIDENT_CUES) : undefined;
  }
  if (!found?.incident || !last) return;
  const text = ctx.para.p.text;
  const cue: EventCue = { type: found.type, index: ref.index + ref[0].length - "incident".length, incident: true, statement: false };
  // (Its own day only: one inside its phrase, "Tuesday's incident", or after its verb of happening, "the incident took
  // place early Friday"; "described the incident as regrettable in a statement on Friday" is the statement's day.)
  const refStart = ctx.span.start + ref.index;
  const refEnd = refStart + ref[0].length;
  const happened = INCIDENT_HAPPENED.exec(masked.slice(ref.index + ref[0].length));
  const ownEnd = happened ? refEnd + happened[0].length : refEnd;
  const date = nearestDate(
    sentenceDates.filter((d) => d.precision === "day" && !tellingDay(text, d) && d.start >= refStart && d.end <= ownEnd && (d.end <= refEnd || happened !== null)),
    ctx.span.start + cue.index,
  );
  const place = ownPlace ?? ctx.para.carriedPlace ?? last.place;
  if (date && place) ctx.article.result.events.push(buildEvent(ctx, ctx.text, cue, date, place, ctx.text));
}

/** Several happenings counted: "two militant attacks", "three separate blasts", "twin bombings". */
const COUNTED_HAPPENINGS = /\b(?:two|three|four|five|twin|separate)\s+(?:[\w-]+\s+){0,2}?(?:attacks|bombings|blasts|explosions|clashes|raids|ambushes|air ?strikes|drone strikes)\b/i;
/** One of them named by its place in the count: "the first attack", "the second blast", "the other bombing". */
const ORDINAL_HAPPENING = /\bthe\s+(?:first|second|third|fourth|fifth|other|latter|former|earlier|later)\s+(?:[\w-]+\s+)?(?:attack|bombing|blast|explosion|clash|raid|ambush|air ?strike|drone strike)\b/i;

/** Notes the happenings a sentence counts on a day of its own ("were killed Saturday in two militant attacks"). */
function noteCounted(ctx: SentenceContext, sentence: string, dates: readonly DateMention[]): void {
  const m = COUNTED_HAPPENINGS.exec(sentence);
  if (!m) return;
  const type = classifyEvent(m[0])?.type;
  const date = nearestDate(dates.filter((d) => d.precision === "day"), ctx.span.start + m.index);
  if (type && date) ctx.article.counted = { type, date, paragraph: ctx.para.i };
}

/** A briefing at a place: "told reporters in Geneva", "told a news briefing in Islamabad", "At a press briefing in Geneva". */
const OCCASION = /\btold (?:reporters|journalists|(?:a|the) (?:news |press )?(?:briefing|conference))(?: today)? (?:in|at)\s|\bat a (?:news |press )?(?:briefing|conference) in\s/i;

/**
 * A telling at an occasion, up to the place it names: "told a news briefing in Kabul", "told reporters today in Geneva",
 * "speaking to reporters in Kabul", "said at a press conference in Islamabad", "At a news conference in Kabul, …". An
 * occasion with no verb of telling before it, "a suicide bomber blew himself up at a press conference in Quetta", is
 * where a happening took place: none.
 */
const TELLING_AT =
  /(?:(?:\b(?:told|tells|said|says|announced|declared|stated|speaking|spoke|talking|talked|added|warned|confirmed)(?:\s+(?:today|yesterday|also|later|reporters|journalists|on\s+\p{Lu}\p{Ll}+day))?\s+|^\s*)at\s+(?:a|an|the)\s+(?:(?:news|press|media)\s+)?(?:briefing|conference)|\b(?:told|tells|said|says|speaking|spoke|talking|talked)\s+(?:to\s+)?(?:reporters|journalists|the\s+media|(?:a|an|the)\s+(?:(?:news|press|media)\s+)?(?:briefing|conference))(?:\s+today)?)\s+(?:in|at)\s+(?:the\s+)?/giu;

/** Words in lower case and the spaces and hyphens between them, or nothing. */
const LOWER_CASE_WORDS = /^[\p{Ll}\s-]*$/u;
/** A word every match of TELLING_AT holds. */
const TELLING_WORD = /briefing|conference|reporters|journalists|media/iu;

/**
 * The telling's occasion in a sentence and the places it names (the place right after its "in"), its span [start, end)
 * in the paragraph; undefined without one.
 */
function tellingOccasion(sentence: string, offset: number, referents: readonly Referent[], text: string): { start: number; end: number; places: Referent[] } | undefined {
  // (Every match holds one of these words, asked with the same flags; the full expression, which has no word to
  // start from, is tried at every character of the sentence.)
  if (!TELLING_WORD.test(sentence)) return undefined;
  // (An exec loop, not matchAll, whose copy of the expression and iterator cost more than the search.)
  TELLING_AT.lastIndex = 0;
  for (let m = TELLING_AT.exec(sentence); m; m = TELLING_AT.exec(sentence)) {
    const from = offset + m.index + m[0].length;
    const place = referents.find((r) => isPlace(r) && r.start >= from && r.start <= from + 12 && LOWER_CASE_WORDS.test(text.slice(from, r.start)));
    if (!place) continue;
    return { start: offset + m.index, end: place.end, places: referents.filter((r) => isPlace(r) && r.start >= place.start && r.end <= place.end) };
  }
  return undefined;
}

/** A telling before the day's: "Earlier, he told reporters in Kabul …", "had told a briefing", "previously told". */
const TOLD_BEFORE = /\b(?:earlier|previously|before|had told|once told)\b/i;

/**
 * Just before a place: a word of telling and "in" or "at", with at most four words of its day or audience between
 * ("told reporters in", "said today in", "told a news conference in", "at a press briefing in", "issued on Monday in").
 */
const TELLING_BEFORE_PLACE =
  /\b(?:said|says|told|tells|announced|declared|stated|issued|released|made|spoke|speaks|speaking|talking|briefing|briefings|conference|conferences|reporters|journalists|press|media)\b(?:,?\s+(?:today|yesterday|tonight|on|late|early|also|later|earlier|this|morning|afternoon|evening|the|a|an|news|press|media|reporters|journalists|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,4}|(?:Jan|Febr)uary|March|April|May|June|July|August|(?:Septem|Octo|Novem|Decem)ber)){0,4},?\s+(?:in|at)\s+(?:the\s+(?:[\p{L}-]+\s+){1,3}?of\s+|the\s+)?$/u;

/** The statement verbs (event-types.ts) madeAtPlace applies to: announcing, declaring, stating, rejecting, denying, dismissing, condemning, calling. */
const STATEMENT_WORD = /^(?:stated|announced|declared|dismissed|denied|rejected|condemned|called)$/i;

/**
 * Whether a day's statement told by a statement verb was made at a place the sentence names: a place right after a
 * telling's words ("told reporters in Geneva", "announced on Tuesday in Kabul", TELLING_BEFORE_PLACE), or one in its
 * subject after a preposition of place ("Officials in Afghanistan rejected …"). The dev set's readers count a statement
 * "without a place" as no event (rounds 5–15); a place the statement speaks of ("plans to cut back its operations in the
 * country", "the murder of a UN worker in western Pakistan") is not where it was made. A condemnation told on the day of
 * publication stays (it stands for that day's incident); a statement of another precision, an accusation (whose charge
 * may hold its place, statementPlace) and a denial told by a verb of saying are not asked.
 */

function madeAtPlace(ctx: SentenceContext, sentence: string, cue: EventCue, date: DateMention, published: string): boolean {
  if (date.precision !== "day" || cue.type !== "statement") return true;
  const offset = ctx.span.start;
  const verbEnd = cue.index + (/^\w+/.exec(sentence.slice(cue.index))?.[0].length ?? 0);
  // (A denial of a known incident, "said on Wednesday that Afghanistan had nothing to do with the attack", is told by a
  // verb of saying, not one of the statement verbs: kept as before.)
  if (!STATEMENT_WORD.test(sentence.slice(cue.index, verbEnd))) return true;
  // (A condemnation told on the day of publication stands for the day's incident it condemns: "Ban today condemned the
  // attack on a school in Peshawar".)
  if (date.value === published && /^condemn/i.test(sentence.slice(cue.index, cue.index + 7))) return true;
  // (Or where those who make it are, in its subject: "Officials in Afghanistan rejected the plan on Monday".)
  const text = ctx.para.p.text;
  const verbAt = offset + cue.index;
  return ctx.referents.some(
    (r) =>
      isPlace(r) &&
      (TELLING_BEFORE_PLACE.test(text.slice(Math.max(offset, r.start - 60), r.start)) ||
        (r.end <= verbAt && PLACE_PREPOSITION_BEFORE.test(text.slice(Math.max(offset, r.start - 16), r.start)) && !/[,;:]/.test(text.slice(r.end, verbAt)))),
  );
}

/** The day of publication, as a date the telling at `at` names. */
function dayOfWriting(ctx: SentenceContext, at: number): DateMention {
  return { value: ctx.article.onDate.slice(0, 10), precision: "day", start: at, end: at, text: "today" };
}

/**
 * A span between two happenings before the one it is counted from ("a day after militants launched …", "two weeks
 * before the vote"): dates-in-text.ts dates that happening from the day of the clause the span follows, or not at all.
 */
const SPAN_BEFORE_HAPPENING = /\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|the|a few|few|several|\d{1,3})\s+(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\s+(?!(?:tomorrow|yesterday|today|tonight)\b)["“‘']?\w/gi;
/**
 * "since" after a first or a superlative in its clause: what the first or the worst is counted from ("the first clash in
 * the area since …", "the deadliest attack since …"). (A state since a day, "closed since Sunday", began that day.)
 */
const SINCE_BOUND = /\b(?:first|worst|deadliest|bloodiest|biggest|largest|heaviest|highest|lowest|fiercest|greatest|most\s+\w+)\b[^,;.:]{0,80}?\b(since\s[^,;.:]+)/gi;
/**
 * A finite verb: a form of "be" or "have", a verb in the past without "-ed" (IRREGULAR_PAST), or a word in "-ed" that is
 * no hyphenated compound ("Taliban-led") and stands after no determiner, modal or auxiliary (which make it a participle
 * or an adjective: "the armed forces", "was declared"). Group 1: the word.
 */
const FINITE_VERB = new RegExp(
  `(?<!\\b(?:the|a|an|its|their|his|her|this|that|these|those|will|would|to|be|been|being|is|are|was|were|has|have|had)\\s+)(?<![\\w-])(is|are|was|were|has|have|had|${IRREGULAR_PAST_WORDS}|(?!(?:hundred|need|feed|speed|seed|shed|red|bed|sacred|naked|wicked|beloved|aged)\\b)[a-z]{2,}ed)\\b(?!-)`,
  "i",
);
/** Before a first or a worst that opens the sentence's subject: determiners and possessives only. */
const SUBJECT_OPENING = /^\s*(?:(?:the|a|an|its|their|his|her|this|that|these|those|[\p{L}-]+['’]s)\s+)*$/iu;
const FINITE_VERB_ALL = new RegExp(FINITE_VERB.source, "gi");
/** Before a verb: "and", "but" or "or", which join it to the verb before ("… since 2014 and killed 20 people"). */
const AND_BEFORE = /\s(?:and|but|or)\s+$/i;

/**
 * Where a "since" phrase ends (its length): at the main clause's verb. When the first or the worst opens the sentence's
 * subject (only determiners and possessives before it: "The bloodiest", "Saturday's deadliest"), that is the last verb in the phrase not joined to one before it by "and",
 * "but" or "or" ("The bloodiest clash since the 2021 takeover left 23 soldiers dead …", "The first attack since the army
 * launched its offensive in June came on Monday"); otherwise a verb after "and" or "but" when the phrase holds no verb of
 * its own before it ("It was the deadliest attack since 2014 and killed 20 people in Quetta on Monday"). Else the phrase
 * runs to a comma or a stop ("It was the first clash since the truce was declared on Monday").
 */
function sinceEnd(phrase: string, before: string): number {
  const subject = SUBJECT_OPENING.test(before);
  let end = phrase.length;
  let first = true;
  for (const verb of phrase.slice(6).matchAll(FINITE_VERB_ALL)) {
    const at = 6 + verb.index;
    const joined = AND_BEFORE.test(phrase.slice(0, at));
    if (subject && !joined) end = at;
    else if (!subject && first && joined) return at;
    first = false;
  }
  return subject ? end : phrase.length;
}
/** After a span: its phrase runs to a comma, a stop or the sentence's end. */
const PHRASE_END = /[,;.:]/;

/** A perfect of a happening counted up (not a state's: "has been closed"), in a sentence with a "since". */
const COUNTED_SINCE = /\b(?:have|has)\s+(?:(?:also|now|so far|already|\p{Ll}+ly)\s+)?(?:been\s+)?(?!been\b|closed\b|shut\b|suspended\b|sealed\b|blocked\b|halted\b|stranded\b|stuck\b|stayed\b|remained\b)(?:\p{Ll}+ed|risen|fled|died|grown|fallen|seen|taken|left|come)\b/u;
/**
 * A happening's noun right after a day, perhaps after two words, which names it ("the September 11 attacks", "the
 * October 9 air strikes"), or a "when" clause telling what happened that day ("since October 12, when clashes erupted").
 */
const HAPPENING_AFTER_DAY = /^(?:,?\s+when\b|\s+(?:(?!(?:in|at|on|of|to|from|by|with|and|for|as|after|before)\b)[\p{Ll}-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|offensive|operation|clash(?:es)?|massacre|takeover|strikes?|raids?|assault|riots?|events?|incident|killings?)\b)/u;
/** Just before a date: "since" (and "the"). */
const SINCE_BEFORE = /\b[Ss]ince\s+(?:the\s+|last\s+)?$/;
function sinceBefore(sentence: string, offset: number, d: DateMention): boolean {
  return SINCE_BEFORE.test(sentence.slice(Math.max(0, d.start - offset - 12), d.start - offset));
}

/**
 * Of a sentence's dates, those that may date the cue at `cueAt`. A phrase that names a happening apart from the
 * clause's — one a span is counted from ("a day after militants bombed …", to the next comma), or what a first or a
 * superlative is counted "since" — dates only a cue inside it. A cue inside a span's phrase is dated only by the
 * phrase's own day (the clause's day is a span away from it); a cue in a "since" phrase with no day of its own is read
 * with the sentence's other days, as one in an "amid" phrase is ("the largest exodus since the start of the bombing
 * campaign …, the agency said today").
 */
function ownPhraseDates(sentence: string, offset: number, dates: DateMention[], cueAt: number): DateMention[] {
  const phrases: { start: number; end: number; span: boolean }[] = [];
  if (sentence.includes(" after ") || sentence.includes(" before ")) {
    for (const m of sentence.matchAll(SPAN_BEFORE_HAPPENING)) {
      const rest = sentence.slice(m.index);
      phrases.push({ start: offset + m.index, end: offset + m.index + (PHRASE_END.exec(rest)?.index ?? rest.length), span: true });
    }
  }
  if (sentence.includes("since")) {
    for (const m of sentence.matchAll(SINCE_BOUND)) {
      const phrase = m[1] ?? "";
      const at = m.index + m[0].length - phrase.length;
      const start = offset + at;
      phrases.push({ start, end: start + sinceEnd(phrase, sentence.slice(0, m.index)), span: false });
    }
  }
  // A count told since a day ("more than 430 people have been killed since January 1", "Since September 10, 20
  // soldiers have died"): the day a span is counted from, no happening's. (A state since a day, "has been closed since
  // Sunday", began that day: it stays.)
  // (Asked only when a day has "since" before it, and then the count: most sentences with a "since" have no such day.)
  if (sentence.includes("ince ") && dates.some((d) => sinceBefore(sentence, offset, d)) && COUNTED_SINCE.test(sentence)) {
    // (Not a day naming a happening: "have crossed since the September 11 attacks" counts from the attacks of that day.)
    const kept = dates.filter((d) => !sinceBefore(sentence, offset, d) || HAPPENING_AFTER_DAY.test(sentence.slice(d.end - offset, d.end - offset + 24)));
    if (kept.length < dates.length) return ownPhraseDates(sentence, offset, kept, cueAt);
  }
  if (!phrases.length) return dates;
  const within = (d: DateMention, p: { start: number; end: number }): boolean => d.start >= p.start && d.start < p.end;
  const holder = phrases.find((p) => cueAt >= p.start && cueAt < p.end);
  const own = holder ? dates.filter((d) => within(d, holder)) : [];
  return own.length || holder?.span ? own : dates.filter((d) => !phrases.some((p) => within(d, p)));
}

/**
 * A vaguer date restated more precisely in brackets right after it ("earlier this month (August 2nd)"): the bracketed
 * one is the date meant.
 */
function restated(text: string, d: DateMention, next: DateMention | undefined): boolean {
  return next !== undefined && d.precision !== "day" && next.precision === "day" && next.value.startsWith(d.value) && /^\s*\($/.test(text.slice(d.end, next.start));
}

/** The attack cue's advance (event-types.ts): "advanced deep into", "advancing towards", "advance on". */
const ADVANCE = /(?<!\bin )\badvanc(?:e|ed|es|ing) (?:deep |deeper |further )?(?:into|inside|on|towards?|through)\b/gi;
/**
 * The meeting cue's journey (event-types.ts) as a verb: "will visit the Jalozai camp", "travelled to Kabul", "flies to
 * Peshawar". (The noun, "an official visit", is another of the cue's words.)
 */
const JOURNEY = /\b(?<!\b(?:an?|the|his|her|their|its|this|that) (?:[\w-]+ )?)(?:visit(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)? to|fl(?:y|ies|ew) to)\b/gi;
/**
 * A journey's verb told as a happening of its own: a finite verb ("visited", "flies to"), the bare verb after a modal or
 * a plan's "to" ("will travel to", "is to visit", "plans to visit"), or "-ing" after a form of "be" ("is visiting"). A
 * participle after "after", "before", "while" ("after visiting Kabul", "while travelling to a base") tells of another
 * happening's time.
 */
// ("to" only where the journey is planned, "is to visit", "due to travel to", "plans to visit": "allow traders to
// travel to Peshawar", "unable to travel to Kabul" tell of no journey made.)
const JOURNEY_BARE_AFTER = /\b(?:will|would|shall|also|then|(?:is|are|was|were|be|due|expected|set|scheduled|slated|plans?|planned|planning|going|intends?|intended)\s+to)\s+$/i;
const JOURNEY_ING_AFTER = /\b(?:is|are|was|were|be|been)\s+(?:also\s+)?$/i;
function finiteJourney(word: string, before: string): boolean {
  const w = word.toLowerCase();
  if (w.endsWith("ing")) return JOURNEY_ING_AFTER.test(before);
  if (w === "visit" || w === "travel to" || w === "fly to") return JOURNEY_BARE_AFTER.test(before);
  return true;
}
/** Between an advance's preposition and the place it names: nothing, or "the" ("into the Tirah valley"). */
const TO_PLACE = /^\s+(?:the\s+)?$/i;

/**
 * The masked sentence with every advance that names no place right after its preposition blanked: "troops advanced
 * into Tirah", "advancing towards Mingora" are an offensive; "talks advanced on Monday", "the bill advanced through
 * parliament", "advanced towards a deal" are none, and the sentence's other cues are read instead.
 */
function advancesOnPlaces(masked: string, offset: number, ctx: SentenceContext): string {
  const advance = /advanc/i.test(masked);
  const journey = /visit|travel|fl[iey]/i.test(masked);
  if (!advance && !journey) return masked;
  const text = ctx.para.p.text;
  const toPlace = (m: string, at: number): boolean => {
    const end = offset + at + m.length;
    return ctx.referents.some((r) => r.start >= end && r.start <= end + 6 && isPlace(r) && TO_PLACE.test(text.slice(end, r.start)));
  };
  let out = advance ? masked.replace(ADVANCE, (m: string, at: number) => (toPlace(m, at) ? m : " ".repeat(m.length))) : masked;
  // (A journey's verb, likewise, with a place right after it and told as a happening of its own.)
  if (journey) out = out.replace(JOURNEY, (m: string, at: number) => (toPlace(m, at) && finiteJourney(m, out.slice(Math.max(0, at - 24), at)) ? m : " ".repeat(m.length)));
  return out;
}

/** A place the text names: a known one, or a new name guessed a place. */
function isPlace(r: Referent): boolean {
  return (r.type === "entity" && r.entity?.kind === "place") || (r.type === "candidate" && r.candidateKind === "place");
}

/**
 * Just before a date: the word of a deadline ("by 28 June", "until Friday", "no later than 30 June"), or a deadline
 * moved to it ("was extended to 31 August", "postponed to Friday").
 */
const DEADLINE_BEFORE = /\b(?:by|until|till|no later than|(?:extended|postponed|deferred|delayed|pushed back|put off|rescheduled|moved back)\s+(?:to|until|till))\s+(?:the\s+)?(?:end\s+of\s+)?$/i;

/** Whether a date is written as a deadline. */
function deadline(text: string, d: DateMention): boolean {
  return DEADLINE_BEFORE.test(text.slice(Math.max(0, d.start - 24), d.start));
}

/** Before a place: "in" or "from", where those who speak are ("Officials in Kabul", "police from Peshawar"). */
const SAYER_IN = /\b(?:in|from)\s+$/;
/** Before a place: where a happening is ("in", "at", "near", "inside", "outside", perhaps with "the"). */
const HAPPENED_IN = /\b(?:in|at|near|inside|outside)\s+(?:the\s+)?$/;
/** After that place: a verb of saying, perhaps after its day ("… in Kabul said", "… in Kabul on Tuesday said"). */
const SAYS_AFTER = /^\s+(?:(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?(?:said|say|says|told|confirmed|reported|announced)\b/;
/** Just before a date: a state that goes on ("remained closed Tuesday", "stayed shut on Monday"), no new happening. */
const STATE_GOES_ON = /\b(?:remain(?:s|ed)?|stay(?:s|ed)?|still)\s+(?:\p{Ll}+\s+){0,2}(?:on\s+)?$/u;
/** Just before a date: a verb of saying ("said Tuesday", "told reporters on Monday"); the date is the telling's. */
const TELLING_DAY = /\b(?:said|says|told\s+(?:\p{Ll}+\s+){0,2}|announced|reported|confirmed|stated|said in a statement)\s+(?:on\s+)?(?:(?:late|early)\s+)?$/u;
const STATE_WORD = /\b(?:remain|stay|still)/;
/** What happened overnight was told the next day. */
const OVERNIGHT = /\bovernight\b/i;

/**
 * "officials said Tuesday that … were killed in an overnight clash": the day told is the telling's; what happened
 * overnight happened the day before.
 */
function toldOvernight(text: string, sentenceEnd: number, d: DateMention): DateMention {
  if (d.precision !== "day") return d;
  // (A substring test first: few sentences say "overnight". Within the rest of the sentence only: a search to the
  // paragraph's end, for each date, made a paragraph of 5 MB of dates cost the square of its length.)
  const rest = text.slice(d.end, sentenceEnd);
  if (!rest.includes("vernight") || !OVERNIGHT.test(rest) || !TELLING_DAY.test(text.slice(Math.max(0, d.start - 40), d.start))) return d;
  const parts = d.value.split("-");
  const y = Number(parts[0]);
  const m = parts.length > 1 ? Number(parts[1]) : 1;
  const day = parts.length > 2 ? Number(parts[2]) : 1;
  // (DateMention's fields in their order, not a spread: one shape for every date.)
  return { value: isoDay(new Date(Date.UTC(y, m - 1, day - 1, 12))), precision: d.precision, start: d.start, end: d.end, text: d.text };
}

/** Where the state a date belongs to begins ("remained closed Tuesday": at "remained"), or -1 when it dates no state. */
function stateGoesOnFrom(text: string, d: DateMention): number {
  if (d.precision !== "day") return -1;
  const from = Math.max(0, d.start - 40);
  const m = STATE_GOES_ON.exec(text.slice(from, d.start));
  return m ? from + m.index : -1;
}

/**
 * Happenings a sentence names without dating them: what is protested, condemned or mourned ("a rally condemning the
 * attack on …", "Women protest NATO helicopter attacks …": the attack came before), what goes on in the background
 * ("released the report late Wednesday amid a surge in attacks") and what is warned of ("he warned that continued
 * rocket attacks would …"). The verb stays (a statement that "condemned" something is still one); its object goes.
 */
const BACKGROUND = /\b(?:(?:protest(?:s|ed|ing)?|condemn(?:s|ed|ing)?|mourn(?:s|ed|ing)?|denounc(?:e|es|ed|ing))\s+(?:against\s+)?|amid\s+|(?<!\b(?:minutes?|hours?|days?|weeks?|months?|years?)\s+)(?:following|after)\s+(?=(?:the|a|an|this|that|these|those|its|their|his|her|last|\w+['’]s)\s)|warn(?:s|ed|ing)?\s+(?:that|of|against)\s+)([^,;.]+)/gi;
/**
 * A relative clause between commas: ", who was a staff member … since April 2017,". (The clause and the happening's
 * word are told apart below: "The blast, which occurred on Monday evening, …" is the blast's own date.)
 */
const RELATIVE_CLAUSE = /,\s+(?:who|whose|which)\b[^,;:.!?]*,/g;
/** A clause that tells when the happening before it was: ", which occurred on Monday", ", which took place …". */
const HAPPENED = /^,\s+which\s+(?:occurred|took place|happened|came|began|started|erupted|struck|hit)\b/;
/** At most two words: the happening's word just before a clause ("The blast, which …", "The suicide bombing, which …"). */
const CUE_JUST_BEFORE = /^[\w’'-]+(?:\s+[\w’'-]+)?$/;

/**
 * The dates not inside a relative clause of the sentence (RELATIVE_CLAUSE) that tells about someone or something else:
 * not one holding the cue at `cueIndex`, nor one right after the cue's word or telling when something happened. All of
 * them when none would be left.
 */
function outsideRelativeClauses(sentence: string, offset: number, dates: DateMention[], cueIndex: number): DateMention[] {
  if (!sentence.includes(", wh")) return dates;
  let kept = dates;
  RELATIVE_CLAUSE.lastIndex = 0;
  for (let m = RELATIVE_CLAUSE.exec(sentence); m; m = RELATIVE_CLAUSE.exec(sentence)) {
    if (cueIndex >= m.index && cueIndex < m.index + m[0].length) continue;
    if (HAPPENED.test(m[0]) || (cueIndex < m.index && CUE_JUST_BEFORE.test(sentence.slice(cueIndex, m.index)))) continue;
    const from = offset + m.index;
    const to = from + m[0].length;
    const outside = kept.filter((d) => d.start < from || d.start >= to);
    if (outside.length) kept = outside;
  }
  return kept;
}

/**
 * An "amid …" phrase, or a happening named after "following" or "after" ("following the closure of the crossing", "after
 * a meeting between …"), up to a comma or a stop (blanked before the main verb's cue is chosen). (A clause after "after",
 * "after militants attacked …", is no such phrase; nor is a span's, "a day after the bombing", which ownPhraseDates reads.)
 */
const AMID_PHRASE = /\b(?:amid|(?<!\b(?:minutes?|hours?|days?|weeks?|months?|years?)\s+)(?:[Ff]ollowing|[Aa]fter)(?=\s+(?:the|a|an|this|that|these|those|its|their|his|her|last|\w+['’]s)\s))\s+[^,;.]+/g;
const BACKGROUND_WORD = /\b(?:protest|condemn|mourn|denounc|amid|warn|following|after)/i;
/** A statement's, report's or briefing's topic opening: the words TOPIC starts with, asked first (one scan). */
const TOPIC_WORD = /\b(?:statement|report|briefing|remark)s? (?:on|about|regarding|concerning) /i;
/**
 * The topic of a statement, a report or a briefing ("The following press statement on the attacks was read out
 * today"): told of on the telling's day, it happened before; its phrase ends at the telling's verb.
 */
const TOPIC = /\b(?:statements?|reports?|briefings?|remarks)\s+(?:on|about|regarding|concerning)\s+([^,;.]+?)(?=\s+(?:was|were|is|are|has|have|had|will|would|said|says|read|issued|released)\b|[,;.]|$)/gi;

/** Before a cue word: a casualty's verb and "the" ("killed in the airstrikes", "wounded during the clash"). */
const BACK_REFERENCE = /\b(?:killed|wounded|injured|hurt|died|dead)\s+(?:in|during|by|from)\s+the\s+(?:[\w-]+\s+)?$/i;

/** After a cue word named with "the": a phrase that introduces a new thing ("the attack on a checkpoint"), which makes it a first mention. */
const INTRODUCED_AFTER = /^[\w-]+\s+(?:on|at|near|against|in|outside|inside)\s+an?\s/i;
/**
 * After a cue word, in its clause: the present perfect ("Airstrikes … have killed at least 14 militants", "the offensive
 * has displaced thousands"), which tells what has come of it by the telling, not on which day it happened.
 */
const PERFECT_AFTER = /^[^,;.:]*?\b(?:has|have)\s+(?:\p{Ll}+ly\s+)?(?:been\s+)?\p{Ll}+(?:ed|en|t)\b/u;
/** Before a cue word: the present progressive ("are advancing", "is still shelling"). */
const GOING_ON = /\b(?:is|are)\s+(?:still\s+)?$/i;

/** Between a cue and a date: a clause of its own ("; ", "and that", a relative clause), so the date is not the cue's. */
const CLAUSE_BREAK = /;|\band that\b|,\s*(?:where|when|while)\b|\b(?:who|whom|whose|which)\b/;

/** The dates of `dates` that are the happening's own beside the day of its telling (see extractEvent), or `dates`. */
function ownDayBesideTelling(text: string, sentence: string, offset: number, cueIndex: number, dates: DateMention[]): DateMention[] {
  const telling = dates.filter((d) => tellingDay(text, d));
  if (telling.length === 0 || telling.length === dates.length) return dates;
  const told = telling.reduce((a, d) => (d.value > a ? d.value : a), "");
  // (A relative clause between them set off by commas is passed over: "a bomb, which was planted on a motorcycle,
  // exploded in Quetta on Monday".)
  // (A day inside such a clause is the clause's, unless the cue is too: "a suicide bomber, who had crossed … on Sunday,
  // blew himself up".)
  const clauses: { start: number; end: number }[] = [];
  if (sentence.includes(", wh")) {
    RELATIVE_CLAUSE.lastIndex = 0;
    for (let m = RELATIVE_CLAUSE.exec(sentence); m; m = RELATIVE_CLAUSE.exec(sentence)) clauses.push({ start: m.index, end: m.index + m[0].length });
  }
  const read = clauses.length > 0 ? blank(sentence, clauses, 0) : sentence;
  const own = dates.filter((d) => {
    if (telling.includes(d) || d.precision !== "day" || d.value.slice(0, 10) > told.slice(0, 10)) return false;
    const at = d.start - offset;
    if (clauses.some((c) => at >= c.start && at < c.end && !(cueIndex >= c.start && cueIndex < c.end))) return false;
    return !CLAUSE_BREAK.test(at > cueIndex ? read.slice(cueIndex, at) : read.slice(d.end - offset, cueIndex));
  });
  return own.length > 0 ? own : dates;
}

/** Whether a date is the day of a telling: "said Tuesday", "told reporters on Monday", "on Wednesday said". */
function tellingDay(text: string, d: DateMention): boolean {
  return TELLING_DAY.test(text.slice(Math.max(0, d.start - 40), d.start)) || /^\s+(?:said|says|told|announced|reported|confirmed)\b/.test(text.slice(d.end, d.end + 12));
}

/**
 * "… today condemned the deadly attack perpetrated on Sunday in Khost": a condemnation of an incident the sentence
 * dates in its own words is a report of that incident (on its day), not only a statement.
 */
function condemned(cue: EventCue, masked: string, offset: number, dates: readonly DateMention[], published: string): EventCue {
  if (cue.type !== "statement" || !/^condemn/i.test(masked.slice(cue.index, cue.index + 7))) return cue;
  const verbEnd = cue.index + (/^\w+/.exec(masked.slice(cue.index))?.[0].length ?? 0);
  const incident = classifyEvent(" ".repeat(verbEnd) + masked.slice(verbEnd));
  if (!incident?.incident) return cue;
  // Only a date inside the incident's own phrase (up to a comma, or a clause of the condemner's joined by "and" …),
  // and none after the day of publication: "condemned the bombing and called for an inquiry to report by 30 October"
  // dates no bombing.
  // (The phrase opens at the verb's object: a day may stand before the incident's noun, "the 27 March terrorist attack",
  // "today's suicide bombing".)
  const rest = masked.slice(incident.index);
  const phraseEnd = offset + incident.index + (INCIDENT_PHRASE_END.exec(rest)?.index ?? rest.length);
  const day = published.slice(0, 10);
  return dates.some((d) => d.start >= offset + verbEnd && d.end <= phraseEnd && (day === "" || d.value.slice(0, 10) <= day)) ? incident : cue;
}
/** A verb that announces what it tells (a denial, a rejection or a condemnation does not). */
const ANNOUNCING = /^(?:announced|declared|stated)\b/i;
/** After the announcing verb: at most three words (its day, "on Monday") and "that", where the announced clause opens. */
const THAT_CLAUSE = /^(?:\s+[\w,]+){0,3}?\s+that\s/;

/**
 * "Pakistan announced Monday that its foreign minister will go to Kabul Friday for a three-day visit": an
 * announcement of a happening that its that-clause dates in its own words reports that happening, on the clause's
 * day (after publication too: it is scheduled); the day of the telling is not its day. Returns the clause's cue and
 * where the clause opens (its dates are those from there).
 */
function announcedClause(cue: EventCue, masked: string, offset: number, dates: readonly DateMention[]): { cue: EventCue; from: number } | undefined {
  if (cue.type !== "statement" || !ANNOUNCING.test(masked.slice(cue.index, cue.index + 9))) return undefined;
  const verbEnd = cue.index + (/^\w+/.exec(masked.slice(cue.index))?.[0].length ?? 0);
  const that = THAT_CLAUSE.exec(masked.slice(verbEnd));
  if (!that) return undefined;
  const from = verbEnd + that[0].length;
  if (!dates.some((d) => d.start >= offset + from)) return undefined;
  const inner = classifyEvent(" ".repeat(from) + masked.slice(from));
  return inner && !inner.statement ? { cue: inner, from: offset + from } : undefined;
}

/** Between a country and the verb it is the subject of: words in lower case and a weekday ("has rejected", "on Monday"). */
const SUBJECT_TO_VERB = /^(?:\s+(?:\p{Ll}+|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?)*\s+$/u;

/** Just before a country: a preposition of place ("officials in Afghanistan", "refugees from Afghanistan"), which makes it no subject. */
const PLACE_PREPOSITION_BEFORE = /\b(?:in|from|inside|across|at|near|within|throughout)\s+(?:the\s+)?$/i;

/** Right after a name: the possessive ("Pakistan's foreign minister", "Afghanistan’s High Council"). */
const POSSESSIVE_AFTER = /^['’]s\b/;
/** Just before a place in the possessive: a preposition of where ("at Kabul's Intercontinental Hotel", "in Peshawar's Hayatabad"), which makes it where after all. */
const WHERE_BEFORE = /\b(?:in|at|inside|outside|near)\s+$/i;
/** After an accusation's verb, where its charge opens: "accused X of …", "blamed X for …". */
const CHARGE = /\s(?:of|for)\s/;

/**
 * A place that is not where a statement's happening took place: a country named in its charge (from `chargeFrom`), or a
 * place in the possessive not after a preposition of where. (A function of the module, not a closure in
 * statementPlace: tsx's esbuild names each closure a call makes with a call of its own.)
 */
function notWhere(r: Referent, text: string, chargeFrom: number): boolean {
  return isPlace(r) && ((r.start >= chargeFrom && isCountry(r)) || (POSSESSIVE_AFTER.test(text.slice(r.end, r.end + 3)) && !WHERE_BEFORE.test(text.slice(Math.max(0, r.start - 12), r.start))));
}

/**
 * A statement's place, where it was made: the most specific place the sentence names, but for the country standing
 * as its subject ("Pakistan announced Monday …"), a place in the possessive, which says whose, not where ("Pakistan's
 * foreign minister dismissed …"; but "said at Kabul's Intercontinental Hotel" is where), and a country in an accusation's charge ("accused the traders of smuggling fuel
 * into Afghanistan"), which names no place a happening can be put, unless the charge holds the date (then it tells
 * of the charged happening: "blamed each other for the firing late Wednesday on the border"). A smaller place in the
 * charge stays the accusation's ("accused Pakistani forces of shelling homes in Kunar": the seed's gold).
 */
function statementPlace(ctx: SentenceContext, sentence: string, cue: EventCue, ownPlace: PlaceRef | undefined, date: DateMention | undefined): PlaceRef | undefined {
  const offset = ctx.span.start;
  const text = ctx.para.p.text;
  let chargeFrom = Infinity;
  if (cue.type === "accusation") {
    const verbEnd = cue.index + (/^\w+/.exec(sentence.slice(cue.index))?.[0].length ?? 0);
    const charge = CHARGE.exec(sentence.slice(verbEnd));
    if (charge && !(date && date.start >= offset + verbEnd + charge.index)) chargeFrom = offset + verbEnd + charge.index;
  }
  const maker = ctx.referents.find(
    (r) =>
      isCountry(r) &&
      r.end <= offset + cue.index &&
      SUBJECT_TO_VERB.test(sentence.slice(r.end - offset, cue.index)) &&
      !PLACE_PREPOSITION_BEFORE.test(sentence.slice(Math.max(0, r.start - offset - 16), Math.max(0, r.start - offset))),
  );
  const dropped = ctx.referents.some((r) => notWhere(r, text, chargeFrom));
  if (!dropped && (!maker || ownPlace?.entity?.id !== maker.entity?.id)) return ownPlace;
  return mostSpecificPlace(
    ctx.referents.filter((r) => r !== maker && !notWhere(r, text, chargeFrom)),
    ctx.article.index,
  );
}

/**
 * Where the phrase of a condemned incident ends: a stop or comma, a clause of the condemner's own joined by "and" or
 * "but" and a verb of its asking or saying ("… and asked for a report by 28 October", "… and calls on"), or one opened
 * by "before", "after", "as" or "while". A restrictive relative clause or a "to" stays the incident's ("the attack that
 * killed 12 people in Quetta on Monday", "on a convoy travelling to Chaman on Monday").
 */
const INCIDENT_PHRASE_END =
  /[,;.:]|\s(?:and|but)\s+(?:also\s+|then\s+)?(?:call|ask|urge|demand|request|appeal|say|said|seek|sought|vow|pledge|promise|offer|express|extend|reiterat|stress|add|note|announc|order|direct|welcom|reaffirm|sen[dt]|told|tell)\w*\b|\s(?:before|after|as|while)\s/;

/** A date's first characters as a caption writes them: a digit or a capitalised month ("Oct"). (A constant: tsx's esbuild lowers a literal with \p{…} to `new RegExp(…)`, built again on every call.) */
const CAPTION_DATE_START = /^(?:\d|\p{Lu}\p{Ll}{2})/u;

/** A date written as a caption's, after a comma ("…, Karachi, Oct. 11, 2012."): the photograph's day. */
function captionDate(text: string, d: DateMention): boolean {
  return /,\s*$/.test(text.slice(Math.max(0, d.start - 3), d.start)) && CAPTION_DATE_START.test(text.slice(d.start, d.start + 3)) && /^\W*$/.test(text.slice(d.end, d.end + 3));
}

/** The phrase of what is protested, condemned, warned of or going on in the background that holds offset `at`. */
function backgroundAround(sentence: string, at: number): { start: number; end: number; topic: boolean } | undefined {
  // (exec loops, not matchAll, whose copy of the expression and iterator cost more than the search.)
  if (BACKGROUND_WORD.test(sentence)) {
    BACKGROUND.lastIndex = 0;
    for (let m = BACKGROUND.exec(sentence); m; m = BACKGROUND.exec(sentence)) {
      const object = m[1] ?? "";
      const start = m.index + m[0].length - object.length;
      if (at >= start && at < m.index + m[0].length) return { start, end: m.index + m[0].length, topic: false };
    }
  }
  if (!TOPIC_WORD.test(sentence)) return undefined;
  TOPIC.lastIndex = 0;
  for (let m = TOPIC.exec(sentence); m; m = TOPIC.exec(sentence)) {
    const object = m[1] ?? "";
    const start = m.index + m[0].length - object.length;
    if (at >= start && at < m.index + m[0].length) return { start, end: m.index + m[0].length, topic: true };
  }
  return undefined;
}

/** The text with the given paragraph ranges blanked (the sentence starts at `offset` in the paragraph). */
function blank(text: string, ranges: readonly { start: number; end: number }[], offset: number): string {
  let out = text;
  for (const r of ranges) out = out.slice(0, r.start - offset) + " ".repeat(r.end - r.start) + out.slice(r.end - offset);
  return out;
}

/** Blanks an opening temporal phrase ("During the clashes,") so its noun is not taken as the sentence's event. */
function maskLeadingPhrase(sentence: string): string {
  const m = LEADING_PHRASE.exec(sentence);
  return m ? " ".repeat(m[0].length) + sentence.slice(m[0].length) : sentence;
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

const SPECIFICITY: Record<string, number> = {
  crossing: 0, pass: 0, village: 0, hospital: 0, tehsil: 1, district: 1, subdivision: 1, area: 1, valley: 1, town: 2, city: 2,
  border: 3, "border area": 3, province: 3, region: 3, country: 5,
};

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

const CASUALTY_NUMBER = "\\b(\\d{1,3}(?:,\\d{3})+|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
/** A figure and its verb after it ("two soldiers were killed"); the words between are not another figure's verb. */
const KILLED_AFTER_FIGURE = new RegExp(`${CASUALTY_NUMBER}\\s+(?:(?!(?:and|injured|injuring|wounded|wounding|hurt)\\b)[\\w-]+\\s+){0,3}(?:were\\s+|was\\s+|have been\\s+|had been\\s+)?(?:killed|dead|died|martyred)`, "i");
const INJURED_AFTER_FIGURE = new RegExp(`${CASUALTY_NUMBER}\\s+(?:(?!(?:and|killed|killing|dead)\\b)[\\w-]+\\s+){0,3}(?:were\\s+|was\\s+|have been\\s+)?(?:injured|wounded|hurt)`, "i");
/** The verb before the figure ("… killed two shepherds", "wounding three children"). */
const KILLED_BEFORE_FIGURE = new RegExp(`\\b(?:killed|killing)\\s+(?:at least\\s+|about\\s+)?${CASUALTY_NUMBER}`, "i");
const INJURED_BEFORE_FIGURE = new RegExp(`\\b(?:injured|injuring|wounded|wounding)\\s+(?:at least\\s+|about\\s+)?${CASUALTY_NUMBER}`, "i");

/** A figure as written ("two", "1,200") as a number. (A function of the module: tsx names each closure made in a call with a call of its own.) */
function figure(s: string | undefined): number | null {
  return s === undefined ? null : (NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(/,/g, "")));
}

/**
 * A word each of the four casualty expressions needs (their verbs), asked with the same flag first: a sentence with none
 * of them, most, is asked for no figure.
 */
const CASUALTY_VERB = /kill|dead|died|martyred|injur|wound|hurt/i;

type Casualties = { killed: number | null; injured: number | null; text: string | null };

/** No figure: only whether the sentence says there were casualties. */
function noFigures(sentence: string): Casualties {
  return { killed: null, injured: null, text: /\bcasualties\b/i.test(sentence) ? "casualties reported, no figure given" : null };
}

function casualties(sentence: string): Casualties {
  if (!CASUALTY_VERB.test(sentence)) return noFigures(sentence);
  // (The expressions are made once, not at every call: none is global, so none keeps a position between calls.)
  const killed = KILLED_AFTER_FIGURE.exec(sentence);
  // (The words between a figure and its verb are not another figure's verb: "killed 58 passengers and wounded 30".)
  const injured = INJURED_AFTER_FIGURE.exec(sentence);
  const killedAfter = KILLED_BEFORE_FIGURE.exec(sentence);
  const injuredAfter = INJURED_BEFORE_FIGURE.exec(sentence);
  const k = figure(killed?.[1] ?? killedAfter?.[1]);
  const w = figure(injured?.[1] ?? injuredAfter?.[1]);
  const text = k !== null || w !== null ? null : /\bcasualties\b/i.test(sentence) ? "casualties reported, no figure given" : null;
  return { killed: k, injured: w, text };
}

/**
 * Who stands before the verb: the nearest person or organisation, except that an organisation inside a person's
 * title ("Zabihullah Mujahid, the Afghan Taliban spokesman, said") gives way to the person.
 */
function claimantBefore(sentence: string, offset: number, referents: readonly Referent[], at: number): Referent | undefined {
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
    if (isPersonish(r) && r.type !== "pronoun" && APPOSITION.test(sentence.slice(r.end - offset, nearest.start - offset)) && TITLE_AFTER.test(sentence.slice(nearest.end - offset, at - offset))) return r;
    break;
  }
  return nearest;
}

/** Between a name and the organisation of its title: ", the", ", a", ",". */
const APPOSITION = /^,\s*(?:the\s+|an?\s+)?$/i;
/** After that organisation, up to the verb: the title itself ("spokesman,", "’s chief spokesman,"). */
const TITLE_AFTER = /^(?:[’']s)?\s+(?:chief\s+|deputy\s+|senior\s+|main\s+)?(?:spokes(?:man|woman|person)|official|minister|commander|leader|envoy|ambassador|chief|head|director)\s*,?\s*$/i;

function buildEvent(ctx: SentenceContext, sentenceText: string, cue: EventCue, date: DateMention, place: PlaceRef, counted: string): ExtractedEvent {
  const s = ctx.span;
  const referents = ctx.referents;
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
      const resolved = resolveReference(ctx, claimant);
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
  // (Dates' numbers are blanked, as no figure of the dead, only where a casualty's verb stands, in few events'
  // sentences: blanking adds no verb, so without one no figure is read either way, and the word "casualties" stays,
  // as every match of DATE_NUMBERS with letters in it starts a word with a month's name.)
  const c = CASUALTY_VERB.test(counted) ? casualties(counted.replace(DATE_NUMBERS, (m) => " ".repeat(m.length))) : noFigures(counted);
  const summary = sentenceText.length > 300 ? `${sentenceText.slice(0, 297).trimEnd()}…` : sentenceText;
  return {
    paragraph: ctx.para.i,
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
