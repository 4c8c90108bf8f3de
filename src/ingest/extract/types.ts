import type { PartialDate } from "../../text/dates.ts";
import type { EventCue } from "../event-types.ts";

export type CandidateKind = "person" | "organisation" | "place" | "unknown";

export interface ExtractedMention {
  paragraph: number;
  entityId: number;
  start: number;
  end: number;
  text: string;
}

export interface ExtractedCandidate {
  paragraph: number;
  text: string;
  norm: string;
  kind: CandidateKind;
  start: number;
  end: number;
}

export interface ExtractedQuote {
  paragraph: number;
  text: string;
  start: number;
  end: number;
  speakerId: number | null;
  speakerText: string | null;
  confidence: number;
  isFragment: boolean;
  saidOn: PartialDate | undefined;
}

export interface ExtractedEvent {
  paragraph: number;
  start: number;
  end: number;
  date: PartialDate;
  cue: EventCue;
  summary: string;
  placeId: number | null;
  /** The place as the article names it: the most specific one, which may be a candidate ("Zarghun Kalay"). */
  placeText: string;
  claimedById: number | null;
  /** Who asserts it as the article names them, also when they are a candidate not (yet) in the gazetteer. */
  claimedByText: string | null;
  actors: { entityId: number; role: string }[];
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
}

export interface Extraction {
  mentions: ExtractedMention[];
  candidates: ExtractedCandidate[];
  quotes: ExtractedQuote[];
  events: ExtractedEvent[];
}
