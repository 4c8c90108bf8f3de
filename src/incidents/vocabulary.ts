/**
 * The one event-type vocabulary: label, colour, ACLED's pair and the family a type belongs to, keyed by the
 * EventType union. A type added to `eventTypes` without an entry here fails the type check instead of rendering
 * blank somewhere. (The words that cue each type in article text live with the extractor, src/ingest/event-types.ts.)
 */
import { eventTypes, type EventType } from "../gazetteer/schema.ts";

/** Which types can describe the same happening: a report calling it a "bombing" and another an "attack". */
export type EventFamily = "violence" | "words" | "diplomacy" | "crossing" | "humanitarian" | "other";

export interface EventTypeInfo {
  label: string;
  /** Chart and map colour: violence warm, words blue, diplomacy green, crossings grey, relief purple-grey. */
  color: string;
  family: EventFamily;
  /** ACLED's event type and sub-event type, where the vocabularies overlap. */
  acled: readonly [string, string] | null;
}

export const EVENT_TYPES = {
  airstrike: { label: "Airstrike", color: "#b2182b", family: "violence", acled: ["Explosions/Remote violence", "Air/drone strike"] },
  shelling: { label: "Shelling", color: "#e0603a", family: "violence", acled: ["Explosions/Remote violence", "Shelling/artillery/missile attack"] },
  clash: { label: "Clash", color: "#e69f00", family: "violence", acled: ["Battles", "Armed clash"] },
  attack: { label: "Attack", color: "#8c510a", family: "violence", acled: ["Violence against civilians", "Attack"] },
  bombing: { label: "Bombing", color: "#762a83", family: "violence", acled: ["Explosions/Remote violence", "Remote explosive/landmine/IED"] },
  statement: { label: "Statement", color: "#56b4e9", family: "words", acled: ["Strategic developments", "Other"] },
  accusation: { label: "Accusation", color: "#0b5ea8", family: "words", acled: ["Strategic developments", "Other"] },
  meeting: { label: "Meeting", color: "#1b7837", family: "diplomacy", acled: ["Strategic developments", "Other"] },
  talks: { label: "Talks", color: "#5aae61", family: "diplomacy", acled: ["Strategic developments", "Other"] },
  agreement: { label: "Agreement", color: "#00876c", family: "diplomacy", acled: ["Strategic developments", "Agreement"] },
  ceasefire: { label: "Ceasefire", color: "#7fbfb0", family: "diplomacy", acled: ["Strategic developments", "Agreement"] },
  closure: { label: "Crossing closure", color: "#4d4d4d", family: "crossing", acled: ["Strategic developments", "Other"] },
  reopening: { label: "Reopening", color: "#a6a6a6", family: "crossing", acled: ["Strategic developments", "Other"] },
  // (Aid handed out, refugees moved, a return or registration programme suspended or resumed: no border incident, and
  // ACLED codes none of it.)
  relief: { label: "Relief operation", color: "#8073ac", family: "humanitarian", acled: null },
  other: { label: "Event", color: "#c9b79c", family: "other", acled: null },
} as const satisfies Record<EventType, EventTypeInfo>;

export function isEventType(type: string): type is EventType {
  return (eventTypes as readonly string[]).includes(type);
}

/** The entry for a stored type; a type the store holds but the vocabulary lost reads as "other", never blank. */
export function typeInfo(type: string): EventTypeInfo {
  return isEventType(type) ? EVENT_TYPES[type] : EVENT_TYPES.other;
}

export const typeLabel = (type: string): string => typeInfo(type).label;
export const typeColor = (type: string): string => typeInfo(type).color;
export const acledPair = (type: string): readonly [string, string] | null => typeInfo(type).acled;

/**
 * Whether two reports' types can describe one incident: the same type, or two of one family where reporters
 * disagree in good faith (violence: "attack", "bombing", "clash"; diplomacy: "talks", "meeting", "agreement";
 * words: "statement", "accusation"). A closure and a reopening are never one happening.
 */
export function typesCompatible(a: string, b: string): "same" | "family" | false {
  if (a === b) return "same";
  const fa = typeInfo(a).family;
  const fb = typeInfo(b).family;
  if (fa === "crossing" || fb === "crossing" || fa === "other" || fb === "other") return false;
  return fa === fb ? "family" : false;
}

/** Every type a report of this type may share an incident with (itself included), for the candidate query. */
export function compatibleTypes(type: string): readonly string[] {
  return compatible(type).list;
}

/** compatibleTypes as a set, and as the JSON list the candidate queries take (made once per type). */
export const compatibleTypeSet = (type: string): ReadonlySet<string> => compatible(type).set;
export const compatibleTypesJson = (type: string): string => compatible(type).json;

const compatibleMemo = new Map<string, { list: readonly string[]; set: ReadonlySet<string>; json: string }>();
function compatible(type: string): { list: readonly string[]; set: ReadonlySet<string>; json: string } {
  let c = compatibleMemo.get(type);
  if (!c) {
    const out = Object.keys(EVENT_TYPES).filter((t) => typesCompatible(type, t));
    const list = out.includes(type) ? out : [type, ...out];
    c = { list, set: new Set(list), json: JSON.stringify(list) };
    compatibleMemo.set(type, c);
  }
  return c;
}
