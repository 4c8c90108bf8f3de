/**
 * The words extraction recognises, and the token tests every stage shares. A new title, role or organisation word
 * goes here; the rules that use them live in their stage (mentions, candidates, quotes, events).
 */
import { HONORIFICS, type Token } from "../../text/normalize.ts";
import { WordFilter } from "../../text/word-filter.ts";
import { tokenCues } from "../event-types.ts";
import type { Span } from "../sentences.ts";

/** Lower-case words that join the parts of a name ("Noor-ul-Haq", "Chamber of Commerce"). */
export const CONNECTORS = new Set(["al", "ul", "ud", "e", "i", "bin", "ibn", "of", "for", "de", "da", "van", "von", "din", "ur"]);
/** Titles and ranks before a name: not part of it, but a sign the name is a person's. */
export const TITLES = new Set([
  "mr", "mrs", "ms", "dr", "general", "gen", "lt", "lieutenant", "colonel", "col", "major", "maj", "brigadier", "brig", "captain", "capt",
  "maulana", "mufti", "haji", "mullah", "qari", "sheikh", "president", "minister", "senator", "commissioner", "ambassador", "sardar",
  "chief", "judge", "justice", "governor", "deputy", "spokesman", "spokesperson", "marshal", "field", "admiral", "professor", "prof",
  "chargé", "charge", "affaires", "maulvi", "mawlawi", "moulvi", "envoy", "commander", "secretary", "adviser", "advisor", "acting", "consul", "inspector",
  // Offices of international bodies ("Special Representative", "Humanitarian Coordinator", "Special Rapporteur").
  "representative", "coordinator", "rapporteur", "director", "chairman", "chairperson", "head", "spokeswoman",
  // Offices abbreviated before a name ("FM Marty Natalegawa", "PM Shehbaz Sharif", "DG ISPR", "IGP", "SSP", "DPO").
  "fm", "pm", "dg", "igp", "ssp", "dpo", "sho",
  // Ranks of the ranks and files of armies and police ("Sergeant X", "Lance Naik X", "Constable X", "Commodore X").
  "sergeant", "corporal", "constable", "naik", "havildar", "havaldar", "subedar", "sepoy", "commodore",
  // Offices of legislatures ("Speaker X", "Lawmaker X", "MNA X"), and police ranks abbreviated before a name ("DSP X",
  // "DIG X", "ASI X"). (Not "Nazim", a given name as often, nor "Sen", a family name: "District Nazim X" is a role's
  // head, ROLE_HEADS, and "Sen. X" a title only with its stop, candidates.ts.)
  "speaker", "lawmaker", "legislator", "mna", "mpa", "dsp", "dig", "asi",
  // Police posts written short in Pakistani copy ("IG Police X", "RPO Bannu X", "CCPO Peshawar X").
  "ig", "rpo", "cpo", "ccpo", "asp",
  // Other spellings of the honorifics ("Mulla", "Hajji", "Alhaj", "Mawlana", "Molvi", "Shaikh"): text/normalize.ts.
  ...HONORIFICS,
]);
/**
 * Titles written short with a full stop before a name ("Mr.", "Gen.", "Lt. Col.", "Sen."; sentences.ts reads no
 * sentence's end there): the name after the stop is the holder's (candidates.ts), and one may stand between a post
 * and its holder ("Committee Chairman Sen. X", quotes.ts).
 */
export const PERIOD_TITLES: ReadonlySet<string> = new Set(["mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "capt", "prof", "sen", "rep", "gov", "amb"]);
/**
 * First words of two-word military and police ranks ("Rear Admiral", "Vice Admiral", "Air Marshal", "Wing Commander",
 * "Flight Lieutenant", "Squadron Leader", "Lance Naik", "Staff Sergeant", "Warrant Officer"): before a title, or
 * before RANK_SECONDS, they are the rank's, no part of the holder's name.
 */
export const RANK_FIRSTS = new Set(["rear", "vice", "air", "wing", "flight", "squadron", "lance", "staff", "group", "warrant", "petty", "pilot"]);
/** Second words of such ranks that are no title alone ("Squadron Leader", "Warrant Officer", "Pilot Officer"). */
export const RANK_SECONDS = new Set(["leader", "officer"]);
/** Religious or customary honorifics among the titles: a new name keeps them (text/normalize.ts). */
export { HONORIFICS };
/**
 * Head nouns of a job title, the role a person holds ("Protection Officer", "Emergency Relief Coordinator", "Country
 * Director"): words no one is named by, so a title ending in one names an office, and capitalised words after it
 * are its holder's name. (Ranks and honorifics that are also given names or surnames, "Major", "Sheikh", "Sardar",
 * are not among them.)
 */
export const ROLE_HEADS = new Set([
  "officer", "official", "coordinator", "commissioner", "director", "representative", "adviser", "advisor", "spokesperson", "spokesman",
  "spokeswoman", "manager", "specialist", "administrator", "superintendent", "rapporteur", "secretary", "minister", "envoy", "ambassador",
  "consul", "inspector", "chairman", "chairperson", "chairwoman", "governor", "commander", "counsellor", "counselor", "attaché", "attache",
  "delegate", "mediator", "prosecutor", "president", "chief", "head", "registrar", "supervisor", "controller", "associate", "assistant",
  "agent", "magistrate", "mayor", "analyst", "consultant", "researcher", "expert", "nazim",
]);
/**
 * Words of an office that stand before a title ("Defence Minister", "Security Adviser", "Intelligence Chief"): with
 * the title they name an office, not a person or an organisation.
 */
export const OFFICE_WORDS = new Set([
  "defence", "defense", "interior", "foreign", "prime", "information", "finance", "security", "home", "water", "intelligence", "army",
  "military", "religious", "affairs", "commerce", "planning", "law", "education", "health", "state", "general", "political", "national",
  "federal", "provincial", "senior", "former", "district", "police", "border", "refugees", "repatriation", "frontier", "tribal",
  "special", "resident", "humanitarian", "high", "personal", "executive", "assistant", "regional", "country", "caretaker", "interim",
  // Fields of a ministry or department ("Secretary of Homeland Security", "Minister for Human Rights").
  "homeland", "justice", "treasury", "energy", "agriculture", "trade", "labour", "labor", "transport", "communications", "culture",
  "human", "rights", "economic", "tourism", "railways", "narcotics", "parliamentary", "overseas", "development", "housing", "minorities",
  "women", "science", "technology", "climate", "industries", "production", "defense", "migration", "refugee", "borders", "under", "control", "states", "regions",
]);
/**
 * Verbs of saying, by their base form; each is recognised in every form ("condemn", "condemns", "condemned",
 * "condemning"), so a UN statement's present tense ("The Secretary-General condemns …") and a plural's ("Residents
 * say") read like a report's past. Irregular or doubled forms are given after a slash ("tell/told/tells/telling").
 * A verb that is also a common noun ("post", "note", "claim") is marked with "!": its base and -s forms are left out
 * ("border posts", "the claims"), its past and -ing forms are kept.
 */
const SAYING_VERB_BASES = [
  "say/said/says/saying", "tell/told/tells/telling", "write/wrote/writes/writing/written", "add", "!state", "!remark", "emphasise", "emphasize",
  "urge", "warn", "!note", "maintain", "reiterate", "assert", "insist", "!claim", "declare", "describe", "call", "explain", "argue",
  "acknowledge", "announce", "!tweet", "!post", "ask", "!reply", "respond", "express", "label/labelled/labeled/labelling/labeling",
  "!brand", "!term", "accuse", "!blame", "allege", "deny", "condemn", "!vow", "!demand", "stress", "continued/continued", "observe", "!caution", "concede",
  "admit/admitted/admitting/admits", "affirm", "reaffirm", "underline", "underscore", "!recall", "!pledge", "lament", "complain", "conclude",
  "confirm", "recount", "shout", "!chant", "plead", "!appeal", "suggest", "predict", "contend", "highlight", "!comment", "mention",
  "!promise", "threaten", "!question", "wonder", "boast", "!joke", "!cry", "assure", "advise", "retort", "disclose", "reveal", "testify",
  "elaborate", "clarify", "!report", "!echo", "dismiss", "reject", "!voice", "characterise", "characterize", "remind", "!whisper", "proclaim", "implore",
  // Verbs of condemning aloud, whose object a quotation often is ("decried the “heinous” attack", "denounced it as …").
  // (Not "praise" or "commend": "the minister praised the army" is more often an act than a telling.)
  "decry", "deplore", "denounce", "criticise", "criticize", "lambast",
];
function inflect(entry: string): string[] {
  const noun = entry.startsWith("!");
  const [base = "", ...given] = (noun ? entry.slice(1) : entry).split("/");
  if (given.length) return [base, ...given];
  const forms = /[^aeiou]y$/.test(base)
    ? [base, `${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`]
    : base.endsWith("e")
      ? [base, `${base}s`, `${base}d`, `${base.slice(0, -1)}ing`]
      : /(?:s|sh|ch|x|z|o)$/.test(base)
        ? [base, `${base}es`, `${base}ed`, `${base}ing`]
        : [base, `${base}s`, `${base}ed`, `${base}ing`];
  return noun ? forms.slice(2) : forms;
}
/** Every form of every verb of saying, in lower case. */
const SAYING_VERB_SET: ReadonlySet<string> = new Set(SAYING_VERB_BASES.flatMap(inflect));
/** (For a quick test before the set's: the longest form, and which letters a form starts with.) */
const SAYING_VERB_LONGEST = Math.max(...[...SAYING_VERB_SET].map((v) => v.length));
const SAYING_VERB_FIRST = Uint8Array.from({ length: 26 }, (_, i) => ([...SAYING_VERB_SET].some((v) => v.charCodeAt(0) === 97 + i) ? 1 : 0));
const SAYING_VERB_FILTER = new WordFilter(SAYING_VERB_SET);

/** Whether a word, as written, is a verb of saying (lower case only: "States" in "United States" is no verb). */
export function isSayingVerb(raw: string): boolean {
  const c = raw.charCodeAt(0);
  const n = raw.length;
  return c >= 97 && c <= 122 && n >= 3 && n <= SAYING_VERB_LONGEST && SAYING_VERB_FIRST[c - 97] === 1 && SAYING_VERB_FILTER.mayHave(raw) && SAYING_VERB_SET.has(raw);
}

/** What one pass over a paragraph's tokens finds for the stages that read it (tokenFacts). */
export interface TokenFacts {
  /** The indices of the tokens written with a capital first letter (isCap), in order. */
  caps: number[];
  /**
   * Where the paragraph's verbs of saying stand, in order: its words written in lower case ("States" in "United
   * States" is no verb) that are one of the forms; every speaker rule reads them.
   */
  verbs: { start: number; end: number }[];
  /** The tokens an alias may start at (AliasIndex.match's `from`): its first words' filter says maybe, or a capital letter alone (a spelled acronym). */
  aliasAt: number[];
  /** The tokens a bare title may start at (titles.ts): its first words' filter says maybe. */
  titleAt: number[];
  /**
   * The tokens that are "he", "she" or "they" in any case and plain, or not plain (where the pronoun expression may
   * find one inside: mentions.ts, pronounsIn), in order.
   */
  pronounAt: number[];
  /**
   * The event cues each sentence's words allow (event-types.ts, possibleCues over the tokens that start inside it; 0:
   * none), by sentence; empty when no sentences were given.
   */
  cues: number[];
}

/**
 * A paragraph's capitalised words, verbs of saying and the words an alias or a bare title may start at, in one
 * pass over its tokens: the stages that look only at some words (alias matching, bare titles, surnames, demonyms,
 * words capitalised mid-sentence) then visit those alone, instead of each passing over every token again.
 * `aliasFirst` and `titleFirst` are the quick filters of the aliases' and the titles' first words (a title's
 * "defence" and "defense" share their filter entry); without one, its list stays empty. `sentences`: the paragraph's,
 * for the cues each allows.
 */
export function tokenFacts(tokens: readonly Token[], aliasFirst?: WordFilter, titleFirst?: WordFilter, sentences: readonly Span[] = []): TokenFacts {
  const caps: number[] = [];
  const verbs: { start: number; end: number }[] = [];
  const aliasAt: number[] = [];
  const titleAt: number[] = [];
  const pronounAt: number[] = [];
  const cues = sentences.map(() => 0);
  // (The sentence the tokens have reached, and where it starts and ends; a token between two sentences is in none.)
  let si = 0;
  let span = sentences[0];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t) continue;
    if (span) {
      while (span && t.start >= span.end) span = sentences[++si];
      if (span && t.start >= span.start) cues[si] = (cues[si] ?? 0) | tokenCues(t);
    }
    const raw = t.raw;
    const c = raw.charCodeAt(0);
    if (!t.plain) pronounAt.push(k);
    else if (raw.length >= 2 && raw.length <= 4 && ((c | 32) === 104 || (c | 32) === 115 || (c | 32) === 116)) {
      const norm = t.norm;
      if (norm === "he" || norm === "she" || norm === "they") pronounAt.push(k);
    }
    if (c >= 97 && c <= 122) {
      // (A participle after "a", "the" or a possessive is an adjective: "a written agreement", "the declared aim".)
      if ((isSayingVerb(raw) && !adjectivalParticiple(raw, tokens[k - 1])) || ((raw === "read" || raw === "reads") && DOCUMENT_NOUNS.has(tokens[k - 1]?.norm ?? ""))) verbs.push({ start: t.start, end: t.end });
    } else if ((c >= 65 && c <= 90) || (c >= 128 && isCap(raw))) caps.push(k);
    if (aliasFirst && ((raw.length === 1 && c >= 65 && c <= 90) || aliasFirst.mayHave(t.norm))) aliasAt.push(k);
    if (titleFirst?.mayHave(t.norm)) titleAt.push(k);
  }
  return { caps, verbs, aliasAt, titleAt, pronounAt, cues };
}

/** Words that make the participle after them an adjective ("a written agreement", "their stated aim"). */
const DETERMINERS = new Set(["a", "an", "the", "its", "their", "his", "her", "our", "this", "that"]);
function adjectivalParticiple(raw: string, before: Token | undefined): boolean {
  return before !== undefined && (raw.endsWith("ed") || raw === "written") && DETERMINERS.has(before.norm);
}

/** What a text says, so that it "reads" ("the report read", "the statement reads"): "read" after one is a verb of saying. */
const DOCUMENT_NOUNS = new Set(["statement", "report", "letter", "message", "communique", "communiqué", "note", "resolution", "declaration"]);

/** A role just before a name ("…, a senior official, Gul said"): the name is a person's. */
export const ROLE_WORDS = /\b(spokes(?:man|woman|person)|elder|administrator|commander|minister|official|officer|trader|leader|chief|head|director|president|secretary|chairman|chairperson|analyst|lawmaker|legislator|member|activist|worker|adviser|advisor|inspector|superintendent|representative|coordinator|deputy|diplomat|correspondent|doctor|teacher|shopkeeper|farmer|student|governor|commissioner|envoy|ambassador|cleric|resident|driver|journalist|reporter|told|said)\s*,?\s*$/i;
/** Capitalised words that are not names on their own: sentence openers, pronouns, demonyms, days and months. */
export const STOP = new Set([
  "the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "by", "for", "from", "with", "however", "meanwhile", "although",
  "while", "despite", "during", "after", "before", "since", "instead", "additionally", "domestically", "simultaneously", "among", "adding",
  "speaking", "whether", "so", "if", "when", "what", "some", "recent", "to", "he", "she", "they", "we", "it", "his", "her", "their", "our",
  "its", "i", "both", "many", "though", "also", "still", "yet", "but", "and", "or", "not", "no", "yes", "as", "there", "here", "one", "two",
  "three", "according", "earlier", "later", "last", "next", "today", "yesterday", "tomorrow", "every", "each", "all", "most", "more", "such",
  "god", "allah", "prophet", "quran", "koran", "islam", "islamic", "muslim", "muslims", "afghan", "afghans", "pakistani", "pakistanis", "chinese", "indian", "russian", "american",
  "tajik", "pashtun", "pashtuns", "baloch", "punjabi", "sindhi", "western", "eastern", "northern", "southern", "central", "federal",
  "northwestern", "southwestern", "northeastern", "southeastern",
  "provincial", "national", "government", "related", "articles", "conclusion", "context", "monday", "tuesday", "wednesday", "thursday",
  "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "mr", "mrs", "ms", "dr", "sir", "madam", "we", "you", "my", "your", "following", "overall", "now", "then",
  "why", "how", "who", "where", "which", "once", "even", "only", "just", "again", "further", "finally", "first", "second", "third",
  // Number words opening a sentence ("Nine people died").
  "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
  "thousand", "thousands", "dozen", "dozens", "scores", "several", "few", "half",
  // Month abbreviations and time zones ("Sept. 5", "10:00 GMT").
  "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gmt", "utc", "pst", "pkt",
  // More demonyms.
  "qatari", "qataris", "turkish", "iranian", "iranians", "saudi", "emirati", "british", "uzbek", "turkmen", "kazakh", "arab", "arabs",
  "european", "german", "french", "japanese", "iraqi", "syrian", "kuwaiti", "kandahari", "kabuli", "pashto", "urdu", "dari",
  // Contractions that open a sentence or a quotation.
  "we're", "we’re", "we've", "we’ve", "it's", "it’s", "they're", "they’re", "i'm", "i’m", "you're", "you’re", "don't", "don’t",
  "let's", "let’s", "that's", "that’s", "there's", "there’s",
  // Quantifiers opening a sentence ("Multiple officials said"), and words of creed or ideology used as adjectives
  // ("Afghanistan's Islamist Taliban").
  "multiple", "numerous", "various", "other", "another", "countless", "unidentified",
  "islamist", "islamists", "jihadist", "jihadists", "sunni", "shia", "shiite", "sufi", "deobandi", "salafi", "wahhabi",
  // Months of the Islamic calendar and festivals ("during the month of Ramadan", "on the eve of Eid").
  "ramadan", "ramazan", "ramzan", "muharram", "safar", "shawwal", "rajab", "eid", "ashura", "nowruz", "nawroz", "navruz",
  // Meals, prayers and pilgrimages of the faith, and other faiths' festivals ("before the Iftar", "after Jumma prayers").
  "iftar", "sehri", "suhoor", "suhur", "taraweeh", "tarawih", "jumma", "jummah", "hajj", "umrah", "christmas", "easter", "diwali", "holi",
  // Peoples and faiths in the plural, and languages ("Christians and Hindus", "said in English").
  "christians", "hindus", "sikhs", "ahmadis", "hazaras", "uzbeks", "tajiks", "kurds", "israelis", "iraqis", "saudis", "iranis", "europeans",
  "americans", "westerners", "foreigners", "punjabis", "sindhis", "balochs", "muhajirs", "mohajirs", "english", "arabic", "persian", "farsi",
  // Prepositions, conjunctions and sentence adverbs, closed classes of words that are no name wherever they stand
  // capitalised ("Amid reports of fighting, …", "Reportedly, …", a headline's casing run into the copy).
  "amid", "amidst", "amongst", "throughout", "upon", "within", "unlike", "besides", "regarding", "concerning", "including", "until", "unless",
  "whereas", "whilst", "because", "nor", "against", "toward", "towards", "beyond", "between", "across", "along", "alongside", "behind",
  "beneath", "except", "nevertheless", "nonetheless", "moreover", "furthermore", "therefore", "thus", "hence", "indeed", "perhaps",
  "currently", "separately", "elsewhere", "initially", "eventually", "subsequently", "previously", "recently", "notably", "ultimately",
  "apparently", "reportedly", "officially", "overnight", "likewise", "similarly", "otherwise", "consequently", "accordingly",
  "specifically", "particularly", "especially", "unfortunately", "fortunately", "clearly", "nearly", "almost", "approximately", "already",
  "always", "never", "often", "sometimes", "usually", "either", "neither", "altogether", "together", "anyway",
  // More prepositions of place opening a sentence or a caption ("Inside Jalozai, …", "Outside the camp, …").
  "inside", "outside", "around", "into", "onto", "through", "beside", "near",
]);
/**
 * A faith's or sect's adjective in the singular ("an Ahmadi mosque", "the Hindu community", "a Sikh trader"): alone
 * before a noun in lower case it is no name; in a name or as one ("Mohammad Ahmadi", "Ahmadi said") it may be a
 * family name, so it is not among the STOP words.
 */
export const FAITH_ADJECTIVES = new Set(["ahmadi", "ahmadiyya", "qadiani", "hindu", "sikh", "ismaili", "barelvi", "shiite", "sunni", "shia", "sufi", "deobandi", "christian", "catholic", "jewish", "buddhist", "parsi", "zikri"]);
/**
 * The words of STOP that describe rather than open: a demonym or "National" inside an organisation's name stays
 * part of it ("Afghan National Disaster Authority"), where "The" or "However" does not.
 */
export const DESCRIPTORS = new Set([
  "afghan", "pakistani", "chinese", "indian", "russian", "american", "tajik", "pashtun", "baloch", "punjabi", "sindhi", "islamic", "national",
  "federal", "provincial", "central", "western", "eastern", "northern", "southern", "northwestern", "southwestern", "northeastern", "southeastern", "qatari", "turkish", "iranian", "saudi", "emirati",
  "british", "uzbek", "turkmen", "kazakh", "arab", "european", "german", "french", "japanese", "islamist", "sunni", "shia",
]);
/** Demonyms and the gazetteer id of their country: "the Afghan defence minister" is Afghanistan's. */
export const DEMONYMS = new Map([
  ["afghan", "afghanistan"], ["pakistani", "pakistan"], ["chinese", "china"], ["indian", "india"], ["iranian", "iran"], ["tajik", "tajikistan"],
  ["russian", "russia"], ["american", "united-states"], ["turkish", "turkey"], ["bangladeshi", "bangladesh"],
]);
/**
 * News outlets, wire services and platforms: they report or carry words, they never say them. A name in this list,
 * or shaped like an outlet's ("… News", "… Times", "… TV", "….com"), is an organisation and never a quote's speaker.
 */
const OUTLETS = new Set([
  "reuters", "afp", "agence france-presse", "agence france presse", "ap", "associated press", "voa", "voice of america", "bbc", "bbc urdu",
  "bbc pashto", "dawn", "geo", "ary", "express tribune", "tolonews", "pajhwok", "khaama press", "al jazeera", "cnn", "xinhua", "anadolu",
  "anadolu agency", "radio pakistan", "associated press of pakistan", "ptv", "ani", "ians", "sputnik", "tass", "arab news", "the nation",
  "business recorder", "new york times", "washington post", "guardian", "rfe/rl", "radio free europe", "radio azadi", "mashaal radio",
  "bloomberg", "nikkei", "the hindu", "dunya", "samaa", "ariana", "bakhtar", "nhk", "efe", "dpa", "kyodo", "yonhap", "irna", "afghanistan international",
  // Platforms carry words and never say them either ("… condemned the attack in a post on Twitter, adding “…”").
  "twitter", "facebook", "telegram", "youtube", "instagram", "whatsapp", "tiktok",
]);
/** An acronym and one capitalised word. */
const OUTLET_SERVICE = /^[A-Z]{2,6}\s+\p{Lu}\p{Ll}+$/u;
const OUTLET_LANGUAGES = new Set(["english", "urdu", "pashto", "dari", "persian", "arabic"]);
const OUTLET_LAST_WORDS = new Set(["news", "times", "tribune", "press", "tv", "radio", "television", "herald", "gazette", "observer", "chronicle", "journal", "magazine", "newspaper", "com", "today"]);
/** The words that turn a place's name into an outlet's ("India Today", "Kabul Times", "Pakistan Observer"). */
export const OUTLET_AFTER_PLACE = new Set(["today", "times", "tribune", "herald", "gazette", "observer", "chronicle", "news", "tv", "express", "post"]);
/** Words of a photo caption or credit ("Pic Via X", "Photo Courtesy …"): a run holding one is not a name. */
export const CAPTION_WORDS = new Set(["pic", "pics", "photo", "photos", "via", "courtesy", "screengrab", "screenshot", "file", "credit", "credits", "image", "images", "video"]);

const OUTLET_ANSWERS = new Map<string, boolean>();

/** Whether a name as written is a news outlet's ("Reuters", "the BBC", "Tolo News", "Dawn.com"); answers are kept, as the same few names are asked about again and again. */
export function isOutletName(name: string): boolean {
  let answer = OUTLET_ANSWERS.get(name);
  if (answer === undefined) {
    if (OUTLET_ANSWERS.size >= 10_000) OUTLET_ANSWERS.clear();
    OUTLET_ANSWERS.set(name, (answer = outletName(name)));
  }
  return answer;
}

function outletName(name: string): boolean {
  const words = name
    .toLowerCase()
    .replace(/^the\s+/, "")
    .split(/[\s.]+/)
    .filter(Boolean);
  if (!words.length) return false;
  if (OUTLETS.has(words.join(" "))) return true;
  // An outlet's service in a language ("BBC Urdu", "VOA Learning English").
  if (words.length > 1 && OUTLETS.has(words[0] ?? "") && OUTLET_LANGUAGES.has(words[words.length - 1] ?? "")) return true;
  // An outlet written as an acronym and one name after it is a service of it ("VOA Deewa", "BBC Monitoring").
  if (words.length === 2 && OUTLETS.has(words[0] ?? "") && OUTLET_SERVICE.test(name)) return true;
  return words.length > 1 && OUTLET_LAST_WORDS.has(words[words.length - 1] ?? "");
}
/** Plural nouns for people that open a sentence before "of <place>" ("Residents of Mir Ali said"): not part of a name. */
export const PEOPLE_NOUNS = new Set([
  "residents", "villagers", "locals", "elders", "officials", "traders", "shopkeepers", "relatives", "families", "witnesses", "analysts",
  "students", "teachers", "doctors", "soldiers", "troops", "militants", "protesters", "people", "leaders", "members", "tribesmen",
]);
/** A word that makes a name an organisation's. */
export const ORG_WORDS = new Set([
  "association", "council", "movement", "party", "front", "ministry", "department", "committee", "union", "foundation", "relief", "agency",
  "police", "army", "forces", "force", "group", "network", "authority", "commission", "chamber", "jirga", "institute", "organisation",
  "organization", "society", "league", "federation", "bank", "office", "news", "corps", "brigade", "regiment", "directorate", "bureau",
  "services", "service", "board", "trust", "company", "alliance", "coalition", "tribune", "times", "post", "agency", "administration",
  "assembly", "court", "university", "school", "hospital", "centre", "center", "program", "programme", "mission", "taliban", "jamaat",
  "journal", "magazine", "newspaper", "gazette", "herald", "observer", "chronicle", "consulate", "embassy", "command",
]);
/** Words that make "<name> of <country>" one name ("Republic of Korea", "Embassy of Japan"), where a person's is not ("… Grauls of Belgium"). */
export const STATE_WORDS = new Set(["republic", "kingdom", "emirate", "emirates", "state", "states", "sultanate", "commonwealth", "principality", "government", "people", "people's", "islamic"]);
/**
 * The world's countries by their short English names, folded and joined by spaces as tokens are ("united states",
 * "cote d ivoire"): after "of", a country ends a person's name ("Ambassador … of Belgium") rather than joining it.
 */
export const COUNTRY_NAMES = new Set([
  "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria", "azerbaijan", "bahamas", "bahrain",
  "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana", "brazil", "brunei", "bulgaria",
  "burkina faso", "burundi", "cambodia", "cameroon", "canada", "chad", "chile", "china", "colombia", "comoros", "congo", "costa rica", "croatia",
  "cuba", "cyprus", "czechia", "czech republic", "denmark", "djibouti", "dominica", "ecuador", "egypt", "el salvador", "eritrea", "estonia",
  "eswatini", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana", "greece", "grenada", "guatemala",
  "guinea", "guyana", "haiti", "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica",
  "japan", "jordan", "kazakhstan", "kenya", "kiribati", "korea", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho",
  "liberia", "libya", "liechtenstein", "lithuania", "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania",
  "mauritius", "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "namibia", "nauru", "nepal",
  "netherlands", "new zealand", "nicaragua", "niger", "nigeria", "north korea", "north macedonia", "norway", "oman", "pakistan", "palau",
  "palestine", "panama", "paraguay", "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia", "rwanda", "samoa",
  "san marino", "saudi arabia", "senegal", "serbia", "seychelles", "sierra leone", "singapore", "slovakia", "slovenia", "somalia",
  "south africa", "south korea", "south sudan", "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland", "syria", "tajikistan",
  "tanzania", "thailand", "togo", "tonga", "tunisia", "turkey", "turkiye", "türkiye", "turkmenistan", "tuvalu", "uganda", "ukraine",
  "united arab emirates", "united kingdom", "united states", "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "viet nam", "yemen",
  "zambia", "zimbabwe",
]);
/**
 * Lower-case words after a hyphen that make a compound adjective of a name ("Taliban-led", "Pakistan-based"), not a
 * hyphenated given name ("Ban Ki-moon", "Kim Jong-un").
 */
export const COMPOUND_TAILS = new Set([
  "led", "based", "run", "born", "backed", "held", "controlled", "owned", "made", "style", "era", "linked", "allied", "affiliated", "bound",
  "wide", "centric", "funded", "sponsored", "supported", "friendly", "like", "type", "specific", "speaking", "appointed", "administered",
  "occupied", "ruled", "dominated", "bred", "trained", "educated", "inspired", "aligned", "oriented", "armed", "brokered", "mediated", "only",
]);
/** A last word that makes a name a place's. */
export const PLACE_WORDS = new Set([
  "valley", "district", "province", "bazaar", "bazar", "village", "pass", "crossing", "road", "river", "camp", "tehsil", "kalay", "kalai",
  "kili", "mandi", "city", "town", "mountains", "mountain", "range", "border", "corridor", "region", "area", "agency", "dam", "gate",
  "highway", "checkpost", "post", "square", "market", "airport", "base", "fort", "hills", "lake", "plateau", "garrison",
]);
/** Just before a name: it is a place ("in Bannu", "near the Sperkai crossing"). */
export const PLACE_PREPOSITIONS = /\b(in|at|near|from|to|across|into|outside|inside|toward|towards|via|around|through|beyond)\s+(the\s+)?$/i;
/** Plural nouns a lone capitalised word before them describes rather than names ("Gulf nations"). */
export const GROUP_NOUNS = new Set(["factions", "nations", "states", "countries", "communities", "militants", "fighters", "officials", "regimes", "elites", "governments", "monarchies"]);

export function isCap(raw: string): boolean {
  // ASCII first: this runs for every token several times, and the Unicode class test is slow.
  const c = raw.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return UPPER_FIRST.test(raw);
}
/** (A constant: tsx's esbuild lowers a literal with \p{…} to `new RegExp(…)`, built again on every call.) */
const UPPER_FIRST = /^\p{Lu}/u;

/** Words before an office that make it anyone's who holds such an office ("a Taliban spokesman", "another minister"). */
const INDEFINITE = new Set(["a", "an", "another"]);

/**
 * Whether "a", "an" or "another" stands before token k, perhaps with two words in lower case between ("a senior …"):
 * an office named so is someone holding such an office, not its holder (mentions.ts for role aliases, titles.ts for
 * bare titles).
 */
export function indefiniteBefore(tokens: readonly Token[], k: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - 3; j--) {
    const t = tokens[j];
    if (!t) return false;
    if (INDEFINITE.has(t.norm)) return true;
    if (isCap(t.raw)) return false;
  }
  return false;
}

/** Whether exactly one space or hyphen stands between two tokens (without slicing it out: this runs per token). */
export function joinedBySpaceOrHyphen(text: string, a: Token, b: Token | undefined): boolean {
  if (!b || b.start !== a.end + 1) return false;
  const c = text.charCodeAt(a.end);
  return c === 32 || c === 45;
}

/** Whether exactly one space stands between two tokens. */
export function joinedBySpace(text: string, a: Token, b: Token | undefined): boolean {
  return b !== undefined && b.start === a.end + 1 && text.charCodeAt(a.end) === 32;
}

/** A dateline opening a paragraph: a place in capitals, perhaps ", <region or date>", then a dash ("QUETTA —", "KABUL, 8 April 2013 –"). */
const DATELINE = /^\p{Lu}[\p{Lu}\s.'’-]{1,40}(?:,\s*[^,—–\n]{1,40}?)?\s*(?:—|–|--?)\s+(?=\p{L})/u;

/** Where a paragraph's dateline ends (where its first sentence proper begins), or 0 without one. */
export function datelineEnd(text: string, credit?: Credit): number {
  return credit?.end ?? DATELINE.exec(text)?.[0].length ?? 0;
}

/**
 * A credit line opening a story that an outlet's copy was reposted with: perhaps a date, the outlet ("VOA News",
 * "AFP"), perhaps its writer before a bar, perhaps a place and a date ("VOA News Sana Jamal | Peshawar March 3,
 * 2019 Police say …", "18 May 2011 VOA News Officials say …"). The outlet and the writer are names apart, the
 * story's first sentence begins after it, and its date is the copy's, no event's.
 */
export interface Credit {
  /** The outlet's name: [outletStart, outletEnd). */
  outletStart: number;
  outletEnd: number;
  /** The writer's name before the bar, when given. */
  writer: { start: number; end: number } | undefined;
  /** Where the story's first sentence begins. */
  end: number;
}
/** Up to four capitalised words opening a paragraph, perhaps after a date ("18 May 2011 VOA News Officials …"). */
const CREDIT_HEAD = /^(\d{1,2}\s+\p{Lu}\p{Ll}+\s+\d{4}\s+)?((?:\p{Lu}[\p{L}.]*\s+){1,4})(?=\p{Lu})/u;
/** A writer's name and a bar after an outlet's name. */
const CREDIT_WRITER = /^(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})\s*\|\s*/u;
/** A place and a date after a credit ("Islamabad July 4, 2011 ", "Peshawar, 4 July 2011 "). */
const CREDIT_DATELINE = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?,?\s+(?:\p{Lu}\p{Ll}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{Lu}\p{Ll}+\s+\d{4})\s+(?=\p{Lu})/u;

/** The credit line opening a paragraph near a story's top, if it has one (Credit). */
export function creditLine(text: string): Credit | undefined {
  const head = CREDIT_HEAD.exec(text);
  const words = head?.[2];
  if (!head || words === undefined) return undefined;
  const outletStart = head[1]?.length ?? 0;
  // The longest run of the words that is an outlet's name, with a capitalised word after it.
  let outletEnd = -1;
  for (let at = words.length - 1; at > 0; at--) {
    if (words.charCodeAt(at - 1) === 32 || words.charCodeAt(at) !== 32) continue;
    if (isOutletName(words.slice(0, at))) {
      outletEnd = outletStart + at;
      break;
    }
  }
  if (outletEnd < 0) return undefined;
  let end = outletEnd;
  while (text.charCodeAt(end) === 32) end++;
  // (Not when the next word is the outlet's own: "BBC Deewa reporter …" is no credit "BBC".)
  const nextWord = /^\S+/.exec(text.slice(end, end + 40))?.[0] ?? "";
  if (isOutletName(text.slice(outletStart, end + nextWord.length))) return undefined;
  let writer: Credit["writer"];
  const w = CREDIT_WRITER.exec(text.slice(end, end + 60));
  if (w?.[1]) {
    writer = { start: end, end: end + w[1].length };
    end += w[0].length;
  }
  end += CREDIT_DATELINE.exec(text.slice(end, end + 60))?.[0].length ?? 0;
  return { outletStart, outletEnd, writer, end };
}
