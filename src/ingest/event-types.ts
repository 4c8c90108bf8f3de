import type { EventType } from "../gazetteer/schema.ts";
import { EVENT_TYPES } from "../incidents/vocabulary.ts";
import type { Token } from "../text/normalize.ts";
import { WordFilter } from "../text/word-filter.ts";

export interface EventCue {
  type: EventType;
  /** Offset of the cue word in the sentence. */
  index: number;
  /** Incidents may take their date from the previous sentence; statements must carry their own. */
  incident: boolean;
  statement: boolean;
  /** A cue that tells a fresh happening only (a killing by armed men): kept for a day in the month before publication. */
  recentDay?: true;
}

/**
 * Verbs that make a sentence a statement, and the telling at a news conference or briefing (an occasion with its own
 * day and place: "told a news conference in Peshawar Friday"; "told reporters" alone names no such occasion, and
 * "told reporters in Geneva" is one only on the day of a telling "today", extract/events.ts).
 */
const STATEMENT_VERB = /\b(?:stated|announced|declared|dismissed|denied|rejected|condemned|called (?:the|it|this|that|them|for))\b|\b(?:news|press) (?:conferences?|briefings?)\b/i;

/**
 * A relief operation: aid given out ("staff handed out blankets … to 120 families at the camp on Tuesday", "would
 * begin distributing food … on Monday", "the distribution of tents"); people moved to a camp ("were transferred on
 * Friday to another camp"); a return, registration or screening programme begun, halted or resumed ("resumed its
 * voluntary repatriation scheme on 3 March", "a decision Monday to halt the pre-registration of …", "the project was
 * suspended today", "registration could begin tomorrow"). Each needs what is given, where people are moved to, or
 * which programme, and a programme's "of" or "for" says whom it serves: "handed over to the police", "handed over the
 * bodies to their families", "delivered a speech to refugees", "transferred to an army camp", "transferred power",
 * "suspended the talks", "began the registration of voters", "a screening of the film" are none.
 */
/** What aid is given (who gets it says nothing alone: "delivered a speech to refugees", "handed over the bodies to their families"). */
const GOODS = String.raw`aid|relief|food|rations?|tents?|items|kits?|supplies|blankets|quilts|mats|shelters?|cash|grants?`;
const RELIEF_GOODS = String.raw`(?=[^.;:!?]{0,100}?\b(?:${GOODS})\b)`;
/** Whom a relief programme serves ("the registration of new arrivals", "repatriating Afghans"), or what it gives. */
const SERVED = String.raw`(?:refugees?|Afghans?|arrivals|returnees?|displaced|IDPs?|famil(?:y|ies)|households?|migrants?|people|persons|evacuees|asylum[\w-]*|children|women|men|males|females|nationals|citizens|undocumented|${GOODS})`;
/** After a programme's noun: no "of" or "for" naming anyone or anything else ("the registration of voters", "a screening of the film"). */
const SERVES = String.raw`(?!\s+(?:of|for)\s+(?!(?:[\w-]+\s+){0,3}?${SERVED}\b))`;
/** A programme of relief: the noun a rule below is anchored on (a rarer word than the verbs before it). */
const RELIEF_PROGRAMME = String.raw`(?:pre-?registration|registration|repatriation|screening|relocation|distributions?|returns|return\s+(?:operations?|programmes?|programs?|schemes?|convoys?|process))\b`;
const RELIEF_VERB = String.raw`(?:suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|resum(?:e|es|ed|ing)|restart(?:s|ed|ing)?|began|begun|begins?|start(?:s|ed)?|launch(?:es|ed)?)`;
// (Each alternative opens on its rarest word, the programme's noun where it can, and looks back for its verb: a
// sentence's first words decide which cues are tried, and its paragraph's dates are read only if one may hold, so
// "began", "started" or "launched" opening a cue would have every such paragraph read for nothing.)
const RELIEF = new RegExp(
  [
    String.raw`\b(?:distribut(?:e|es|ed|ing)|hand(?:ed|ing) (?:out|over)|deliver(?:s|ed|ing)?)\b${RELIEF_GOODS}`,
    String.raw`\bdistributions? of\b${RELIEF_GOODS}`,
    // (Not a camp of soldiers or of prisoners: "the detained militants were transferred to an army camp".)
    String.raw`\b(?:relocated|transferr(?:ed|ing))\b(?=[^.;:!?]{0,60}?\bto\s+(?:[\w-]+\s+){0,3}?(?<!\b(?:army|military|detention|training|militant|terrorist|prison|internment|base|police)\s)(?:camps?|settlements?|sites?|refugee villages?)\b)`,
    String.raw`\b${RELIEF_PROGRAMME}(?<=\b${RELIEF_VERB}\s+(?:[\w-]+\s+){0,3}?${RELIEF_PROGRAMME})${SERVES}`,
    String.raw`\b(?:repatriat(?:e|es|ed|ing)|register(?:s|ed|ing)?)\b(?<=\b(?:began|begun|begins?|start(?:s|ed)?|resum(?:e|es|ed))\s+(?:to\s+)?\w+)(?=\s+(?:[\w-]+\s+){0,2}?${SERVED}\b)`,
    String.raw`\b(?:pre-?registration|registration|repatriation|screening|relocation|distributions?|project|programme|program|scheme)\s+(?:was|were|has been|have been|had been|will be)\s+(?:temporarily\s+|officially\s+)?(?:suspended|halted|resumed|restarted|launched|started)\b`,
    String.raw`\b(?:pre-?registration|registration|repatriation|screening|returns|distributions?)\s+(?:(?:of|for)\s+(?=(?:[\w-]+\s+){0,3}?${SERVED}\b)(?:[\w-]+\s+){1,4}?|(?:at|in|from|to)\s+(?:[\w-]+\s+){1,4}?)?(?:(?:could|would|will|was to|is to|are to|were to|has|have|had)\s+)?(?:begin|began|begins|begun|start|started|starts|resume|resumed|resumes|restarted)\b`,
  ].join("|"),
  "i",
);

/** Cue words per event type, most decisive first: an accusation about an attack is an accusation. */
const CUES: { type: EventType; re: RegExp; incident: boolean; statement: boolean; recentDay?: true; words?: readonly string[] }[] = [
  { type: "accusation", re: /\baccus(?:e|ed|es|ing)\b|\bblam(?:e|ed|es|ing)\b/i, incident: false, statement: true },
  {
    type: "airstrike",
    // (A missile strike or attack, a missile fired: "Thursday's missile strike hit a house", "the missile was fired early
    // Monday at a vehicle"; a missile test-fired or test fired, or fired in a test or a training launch, is none.)
    re: /\bair ?strikes?\b|\bair raids?\b|\bdrone strikes?\b|\baerial (?:bombardment|strikes?)\b|\bmissile (?:strikes?|attacks?)\b|\bmissiles? (?:was |were )?fired\b(?![^.;!?]{0,100}\b(?:tests?|testing|training (?:launch|flight)|flight test)\b)|(?<!\btest[- ]?)\bfired (?:(?:a|one|two|three|four|five|six|\d+) )?missiles?\b(?![^.;!?]{0,100}\b(?:tests?|testing|training (?:launch|flight)|flight test)\b)|\bdrones? (?:had |have |has )?(?:struck|hit|targeted|bombed)\b/i,
    incident: true,
    statement: false,
  },
  { type: "shelling", re: /\bshell(?:ing|ed|s)?\b(?! compan)|\bmortars?\b|\bartillery\b|\brockets? (?:fire|attacks?|(?:(?:was|were|had been) )?(?:fired|landed|hit|struck|slammed))\b/i, incident: true, statement: false },
  // (A bomber is a bombing when it is a person, "a suicide car bomber", "two bombers blew themselves up"; an aircraft,
  // "strategic bombers", "bomber jets", "bombers flew over", is none.)
  {
    type: "bombing",
    re: /\bsuicide (?:bomb\w*|attack\w*)|\bbomb(?:ing|ings|s|ed)?\b|\bbombers?\b(?<!\b(?:fighter|stealth|strategic|heavy|long-range|jet|B-\d+)[\s-]bombers?)(?!\s+(?:jets?|planes?|aircraft|flew|fly|flies|flying|squadrons?|fleets?|pilots?|crews?)\b)|\bblasts?\b|\bexplosions?\b|\bIEDs?\b/i,
    incident: true,
    statement: false,
  },
  {
    type: "clash",
    re: /\bclash(?:es|ed)?\b|\bclashing with (?:[\w-]+ ){0,3}?(?:soldiers|troops|forces|militants|police|policemen|guards|tribesmen|fighters|insurgents|militias?|gunmen|army|Taliban|tribes?)\b|\bskirmish(?:es)?\b|\bexchang(?:e|es|ed|ing)(?: of)? (?:(?:heavy|intense|sporadic|small[- ]arms|artillery|mortar) )?(?:gun)?fire\b|\btrad(?:e|es|ed|ing) (?:(?:heavy|intense|sporadic) )?(?:gun)?fire\b|\bfirefights?\b|\bgunfights?\b|\bfighting\b|\bcross-border (?:gun)?fir(?:e|ing)\b|\binfiltration(?: attempts?| bids?)?\b(?<=\b(?:an?|the|this|that|its|their|\w+['’]s) (?:[\w-]+ )?infiltration(?: attempts?| bids?)?)/i,
    incident: true,
    statement: false,
  },
  {
    type: "attack",
    // (Troops advancing into or on a place are on an offensive: "continued to advance deep inside South Waziristan
    // Friday"; "in advance" and "advanced weapons" are not.)
    // (A shooting, as wire copy tells one: "gunmen opened fire on a convoy", "was shot dead", "was shot in the head",
    // "gunned down", "an assassination attempt", "the killing of a polio worker", "took several officials hostage".
    // A shot as a noun, "a polio shot", is none, nor is a film shot ("the video was shot in a camp"), a proposal shot
    // down, an open fire in a camp, or aid "held hostage to politics": the verb is asked for with what a shooting is
    // told with — "dead", "and killed", "at", "by", a part of the body.)
    re: /\battack(?:s|ed)?\b|\bambush(?:ed)?\b|\braids?\b|\braided\b(?<=\b(?:militants|gunmen|insurgents|fighters|attackers|terrorists|Taliban|tribesmen|rebels) (?:[\w-]+ ){0,2}?raided)|\bstorm(?:ed)?\b|\boffensives?\b|\bkillings\b|(?<!\bin )\badvanc(?:e|ed|es|ing) (?:deep |deeper |further )?(?:into|inside|on|towards?|through)\b|\bopened fire\b|\bopen(?:s|ing)? fire (?:on|at)\b|\bshot(?= (?:dead|and killed)\b)|\bshot\b(?<=\b(?:was|were|been|being) shot)(?= (?:dead|and|at|by|in the (?:head|neck|chest|back|stomach|leg|legs|arm|face)|multiple|several|twice|once)\b)|\bgunned down\b|\bassassinat(?:ed|ion|ions)\b|\bkilling of\b(?<=\b(?:the|a) killing of)|\bhostages?\b(?<=\b(?:took|taking|take|takes|seized|seizing) (?:[\w-]+ ){0,4}?hostages?)/i,
    incident: true,
    statement: false,
  },
  // A killing by armed men, told with its object ("Gunmen killed a tribal elder", "militants had killed two
  // soldiers"; "the militants killed Wednesday" is the passive, no attack): an attack. Its first word, "killed", is
  // in many sentences that tell no violence of their own ("a guard was killed"), so it is no incident's cue for the
  // story's place (extract/events.ts), only a cue of its own sentence; and it tells a fresh killing only, on a day of
  // the month before publication ("whose militants killed 140 children in 2014" is background): `recentDay`.
  {
    type: "attack",
    re: /\bkilled\b(?<=\b(?:[Mm]ilitants|[Gg]unmen|[Ii]nsurgents|[Aa]ttackers|[Aa]ssailants|[Tt]errorists|[Kk]illers) (?:(?:have|had|reportedly|allegedly|also|then|later) )?killed)(?!\s+(?:on|in|at|during|by|near|when|while|after|before|last|this|yesterday|today|overnight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b|[,.;:])/,
    incident: true,
    statement: false,
    recentDay: true,
    words: ["killed"],
  },
  { type: "ceasefire", re: /\bcease-?fire\b|\btruce\b/i, incident: true, statement: false },
  { type: "reopening", re: /\breopen(?:ed|ing|s)?\b/i, incident: true, statement: false },
  { type: "closure", re: /\b(?:closed|closure|shut|sealed)\b/i, incident: true, statement: false },
  { type: "agreement", re: /(?<!\b(?:without|no|any) )\bagreement\b|\bagreed\b|\baccord\b/i, incident: false, statement: false },
  { type: "talks", re: /\btalks\b|\bnegotiations?\b/i, incident: false, statement: false },
  {
    type: "meeting",
    // (A visit as a noun, after a determiner and at most one word of kind or length: "an official visit", "a
    // three-day visit", "during a visit Saturday"; the verb, "to visit", "refugees visit", is none. A trip, a mission
    // or a tour is one with a length or as an official one: "a three-day mission to Pakistan", "a week-long tour", "an
    // official trip"; "the UN mission", "a fact-finding mission" are none.)
    // (A journey to a place, "will travel to Afghanistan", "flies to Peshawar", "visited Kabul", is a visit, a meeting's
    // kind; extract/events.ts keeps one only as a finite verb with a place named right after it.)
    re: /\bmeeting\b|\bmet (?:with|in)\b|\b(?:trip|mission|tour)s?\b(?<=\b(?:an?|the|his|her|their|its) (?:\w+-(?:day|week|month|long)|official|state) (?:trip|mission|tour)s?)|\bvisits?\b(?<=\b(?:an?|the|his|her|their|its) (?:(?:\w+-\w+|official|state|working|brief|surprise|rare|first|recent|planned|proposed) )?visits?)|\b(?:visit(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)? to|fl(?:y|ies|ew) to)\b/i,
    incident: false,
    statement: false,
  },
  { type: "relief", re: RELIEF, incident: false, statement: false },
  { type: "statement", re: STATEMENT_VERB, incident: false, statement: true },
];

/** Every cue's pattern (for tests that check CUE_FIRST_WORDS against them). */
export const CUE_PATTERNS: readonly RegExp[] = CUES.map((c) => c.re);

const SAID = /\b(?:said|says|told|stated|added|insisted|wrote)\b/i;
/**
 * Just before a cue word: a denial about an incident already reported ("nothing to do with the attack", "no role
 * in this week's strike"). Claims of responsibility are left alone: "claimed responsibility for the bombing in
 * Bannu on Friday" may be the only report of the bombing, and stays one, claimed by whoever claims it.
 */
const ABOUT_KNOWN_INCIDENT = /\b(?:nothing to do with|involvement in|role in)\s+(?:the|this|that|these|those|its|their)\s+(?:[\w’'-]+\s+)?$/i;

/** Any cue at all: most sentences have none, and one scan says so instead of thirteen. */
const ANY_CUE = new RegExp(CUES.map((c) => c.re.source).join("|"), "i");

/**
 * The words, in lower case, that each cue can start with: every CUES pattern begins at a word boundary with one of
 * its type's whole words ("air" of "air strikes", "cease" of "cease-fire", "suicide" of "suicide bombing").
 * A test checks these lists against the patterns.
 */
const CUE_FIRST_WORDS_BY_TYPE: Partial<Record<EventType, readonly string[]>> = {
  accusation: "accuse accused accuses accusing blame blamed blames blaming".split(" "),
  airstrike: "air airstrike airstrikes drone drones aerial missile missiles fired".split(" "),
  shelling: "shell shelling shelled shells mortar mortars artillery rocket rockets".split(" "),
  bombing: "suicide bomb bombing bombings bombs bombed bomber bombers blast blasts explosion explosions ied ieds".split(" "),
  clash: "clash clashes clashed clashing skirmish skirmishes exchange exchanges exchanged exchanging trade trades traded trading firefight firefights gunfight gunfights fighting cross infiltration".split(" "),
  attack: "attack attacks attacked ambush ambushed raid raids raided storm stormed offensive offensives killings advance advanced advances advancing open opened opens opening shot gunned assassinated assassination assassinations killing hostage hostages".split(" "),
  ceasefire: "cease ceasefire truce".split(" "),
  reopening: "reopen reopened reopening reopens".split(" "),
  closure: "closed closure shut sealed".split(" "),
  agreement: "agreement agreed accord".split(" "),
  talks: "talks negotiation negotiations".split(" "),
  meeting: "meeting met trip trips mission missions tour tours visit visits visited visiting travel travels travelled traveled travelling traveling fly flies flew".split(" "),
  relief: "distribute distributes distributed distributing distribution distributions handed handing deliver delivers delivered delivering relocated transferred transferring registration pre preregistration repatriation screening relocation returns return repatriate repatriates repatriated repatriating register registers registered registering project programme program scheme".split(" "),
  statement: "stated announced declared dismissed denied rejected condemned called news press told".split(" "),
};

/** Every cue's first words. */
export const CUE_FIRST_WORDS: ReadonlySet<string> = new Set([...Object.values(CUE_FIRST_WORDS_BY_TYPE).flat(), ...CUES.flatMap((c) => c.words ?? [])]);

/** Which cues (bits by their place in CUES) each first word may open. */
const CUES_OF_WORD = new Map<string, number>();
for (const [n, c] of CUES.entries()) for (const w of c.words ?? CUE_FIRST_WORDS_BY_TYPE[c.type] ?? []) CUES_OF_WORD.set(w, (CUES_OF_WORD.get(w) ?? 0) | (1 << n));
/** Every cue: the set for a sentence whose words cannot narrow it. */
export const ALL_CUES = (1 << CUES.length) - 1;
/** The statement verbs' bit. */
const STATEMENT_BIT = 1 << CUES.findIndex((c) => c.re === STATEMENT_VERB);
/** The incidents' cues' bits (attacks, clashes, strikes …; not words, diplomacy or a crossing's state; not killings, `recentDay`): a sentence that has one tells of violence. */
const isIncidentCue = (c: (typeof CUES)[number]): boolean => c.incident && c.type !== "closure" && c.type !== "reopening" && c.type !== "ceasefire";
export const INCIDENT_CUES = CUES.reduce((bits, c, n) => (isIncidentCue(c) && !c.recentDay ? bits | (1 << n) : bits), 0);
/** The incidents' types: happenings of violence (INCIDENT_CUES' types, with killings, which are attacks). */
export const INCIDENT_TYPES: ReadonlySet<EventType> = new Set(CUES.filter(isIncidentCue).map((c) => c.type));

/** CUE_FIRST_WORDS' quick "no" (most tokens are none of them). */
const CUE_FIRST_FILTER = new WordFilter(CUE_FIRST_WORDS);

/**
 * The cues the tokens from `from` that start before `end` could hold (bits by their place in CUES; 0: none): those
 * whose first words are among the tokens; every cue when a token is not plain ASCII (an apostrophe or accented
 * letter inside a token moves the word boundaries a regular expression sees). Most sentences hold none, and the
 * tokens are already there: this replaced a scan of every sentence with ANY_CUE that cost 0.15 ms an article, and
 * spares classifyEvent the patterns of cues a sentence has no word of.
 */
export function possibleCues(tokens: readonly Token[], from: number, end: number): number {
  let cues = 0;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.start >= end) break;
    if (!t.plain) return ALL_CUES;
    if (CUE_FIRST_FILTER.mayHave(t.norm)) cues |= CUES_OF_WORD.get(t.norm) ?? 0;
  }
  return cues;
}

/** The cues one token could start (possibleCues' test of a token): every cue for a token that is not plain. */
export function tokenCues(t: Token): number {
  if (!t.plain) return ALL_CUES;
  return CUE_FIRST_FILTER.mayHave(t.norm) ? (CUES_OF_WORD.get(t.norm) ?? 0) : 0;
}

/** Whether the tokens from `from` that start before `end` could hold an event cue (possibleCues, yes or no). */
export function mayHoldEventCue(tokens: readonly Token[], from: number, end: number): boolean {
  return possibleCues(tokens, from, end) !== 0;
}

/**
 * The event a sentence reports. Cues are tried most decisive first, except that a statement verb standing
 * before every other cue makes the sentence a statement about it ("the Foreign Office called the closure
 * temporary and said the gate would reopen" is a statement, not a reopening).
 */
export function classifyEvent(sentence: string, cues = ALL_CUES): EventCue | undefined {
  // (`cues`: the cues the sentence's words allow, from possibleCues; the others' patterns cannot match.)
  if (cues === ALL_CUES && !ANY_CUE.test(sentence)) return undefined;
  let first: EventCue | undefined;
  for (const [n, c] of CUES.entries()) {
    if ((cues & (1 << n)) === 0) continue;
    const m = c.re.exec(sentence);
    if (m) {
      first = c.recentDay ? { type: c.type, index: m.index, incident: c.incident, statement: c.statement, recentDay: true } : { type: c.type, index: m.index, incident: c.incident, statement: c.statement };
      break;
    }
  }
  if (!first || first.type === "accusation") return first;
  const statement = cues & STATEMENT_BIT ? STATEMENT_VERB.exec(sentence) : null;
  if (statement && statement.index < first.index) return { type: "statement", index: statement.index, incident: false, statement: true };
  // "Mujahid said on Wednesday that Afghanistan had nothing to do with the attack": the incident is one already
  // reported, and the sentence reports a denial of it.
  if (first.incident) {
    const said = SAID.exec(sentence);
    if (said && said.index < first.index && ABOUT_KNOWN_INCIDENT.test(sentence.slice(Math.max(0, first.index - 60), first.index))) {
      return { type: "statement", index: said.index, incident: false, statement: true };
    }
  }
  return first;
}

/** Each type's cues as one global pattern (a type may have more than one entry in CUES: attacks and killings). */
const GLOBAL = new Map([...new Set(CUES.map((c) => c.type))].map((type) => [type, new RegExp(CUES.filter((c) => c.type === type).map((c) => `(?:${c.re.source})`).join("|"), "gi")]));

/** Where in the sentence each cue word of this type stands ("the weekend's fighting … clashes at Torkham in 2023"). */
export function cueOccurrences(sentence: string, type: EventType): number[] {
  const re = GLOBAL.get(type);
  if (!re) return [];
  re.lastIndex = 0;
  const out: number[] = [];
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    out.push(m.index);
    if (m[0] === "") re.lastIndex++;
  }
  return out;
}

/** ACLED's event type and sub-event type for a borderdesk type, where the two vocabularies overlap. */
export const ACLED_TYPES: Readonly<Partial<Record<EventType, readonly [string, string]>>> = Object.fromEntries(
  Object.entries(EVENT_TYPES).flatMap(([k, v]) => (v.acled ? [[k, v.acled]] : [])),
);
