/** Inputs built to make ingest slow: the shapes issue 19 measured growing with the square of their size. */
export type HostileKind = "quote-dense" | "date-dense" | "event-dense" | "right-to-left" | "nested-html";

export const HOSTILE_KINDS: readonly HostileKind[] = ["quote-dense", "date-dense", "event-dense", "right-to-left", "nested-html"];

const UNITS: Record<Exclude<HostileKind, "nested-html">, string> = {
  "quote-dense": "“We want peace,” Khan said. “Next.” ",
  "date-dense": "Khan said on Monday that the crossing shut on 14 September 2025 and reopened two days later. ",
  // One dated attack told again and again: every sentence is an event report, and linking compares each with the others.
  "event-dense": "Militants attacked a police post in Bannu on 14 September 2025, killing three officers, police said. ",
  "right-to-left": "د تورخم لاره د دوشنبې په ورځ وتړل شوه، چارواکو وویل. 14 سپتمبر 2025 ",
};

/** About `bytes` of the kind, as the file ingest would get (one paragraph: the worst case for per-paragraph work). */
export function hostileInput(kind: HostileKind, bytes: number): { name: string; bytes: Buffer } {
  if (kind === "nested-html") {
    // 2,000 nested divs around the text, repeated to the size.
    const story = "<p>The crossing at Torkham shut on Monday after an exchange of fire, officials said.</p>";
    const block = `${"<div>".repeat(2000)}${story}${"</div>".repeat(2000)}`;
    const html = `<html><head><title>Nested</title></head><body>${block.repeat(Math.max(1, Math.floor(bytes / block.length)))}</body></html>`;
    return { name: "nested.html", bytes: Buffer.from(html) };
  }
  const unit = UNITS[kind];
  const body = unit.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(unit))));
  return { name: `${kind}.md`, bytes: Buffer.from(`# Hostile input\n\n${body}\n`) };
}
