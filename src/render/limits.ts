/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  buttonLabel: 80,
  files: 10,
  /** Upload limit per message for bots in servers without boosts. */
  fileBytes: 10 * 1024 * 1024,
  attachmentDescription: 1024,
} as const;

/** Cuts text to at most `max` characters (code points kept whole), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * Makes quoted or user-supplied text inert in Discord Markdown: escapes formatting characters and
 * breaks mention syntax (@everyone, <@id>) with a zero-width space, on top of allowed_mentions.
 */
export function escapeText(text: string): string {
  // Most text holds nothing to escape: then it is returned as it is, without three passes.
  if (!MAY_ESCAPE.test(text)) return text;
  return text.replace(FORMATTING, escapeFormatting).replace(MASS_MENTION, "@\u200b$1").replace(MENTION, "<\u200b$1");
}

/** Anything escapeText may change: a formatting character, an @ or a <. */
const MAY_ESCAPE = /[\\*_~`|>[\]()#@<-]/;
const FORMATTING = /([\\*_~`|>[\]()#-])/g;
const MASS_MENTION = /@(everyone|here)/gi;
const MENTION = /<([@#&!])/g;

/** Only characters that can start formatting are escaped: hyphens, hashes and > matter at line start only. */
function escapeFormatting(m: string, c: string, offset: number, all: string): string {
  if ((c === "-" || c === "#" || c === ">") && offset > 0 && all[offset - 1] !== "\n") return m;
  return `\\${c}`;
}

/**
 * Joins whole blocks (events, quotes, lines) until the next would pass `max` characters, then says how
 * many were left out — so Markdown links are never cut in half by a blind truncation.
 */
export function fitBlocks(blocks: readonly string[], max: number, separator = "\n\n"): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, b] of blocks.entries()) {
    const left = blocks.length - i - 1;
    const note = left > 0 ? `${separator}…and ${left} more.` : "";
    const cost = (out.length ? separator.length : 0) + b.length;
    if (used + cost + note.length > max) {
      if (out.length === 0) return truncate(b, max);
      out.push(`…and ${blocks.length - i} more.`);
      return out.join(separator);
    }
    out.push(b);
    used += cost;
  }
  return out.join(separator);
}
