import { LIMITS, truncate } from "./limits.ts";
import type { ButtonModel, EmbedModel, ReplyModel } from "./reply.ts";

/** The JSON body Discord receives for a message (interaction reply, edit, or channel post). */
export interface MessagePayload {
  content?: string;
  embeds?: EmbedPayload[];
  components?: ActionRowPayload[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

export interface EmbedPayload {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
}

export interface ButtonPayload {
  type: 2;
  style: 1 | 2 | 3 | 4 | 5;
  label: string;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
}

export interface ActionRowPayload {
  type: 1;
  components: ButtonPayload[];
}

const EPHEMERAL = 1 << 6;
const STYLES = { primary: 1, secondary: 2, success: 3, danger: 4 } as const;

function embedLength(e: EmbedPayload): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function renderEmbed(m: EmbedModel): EmbedPayload {
  const e: EmbedPayload = {};
  if (m.title) e.title = truncate(m.title, LIMITS.title);
  if (m.url && /^https?:\/\//.test(m.url) && m.url.length <= 2048) e.url = m.url;
  if (m.description) e.description = truncate(m.description, LIMITS.description);
  if (m.color !== undefined) e.color = m.color;
  const fields = (m.fields ?? []).filter((f) => f.name.trim() && f.value.trim());
  if (fields.length) {
    const shown = fields.slice(0, LIMITS.fields);
    if (fields.length > LIMITS.fields) {
      shown[LIMITS.fields - 1] = { name: "More", value: `…and ${fields.length - LIMITS.fields + 1} more not shown.` };
    }
    e.fields = shown.map((f) => ({ name: truncate(f.name, LIMITS.fieldName), value: truncate(f.value, LIMITS.fieldValue), ...(f.inline ? { inline: true } : {}) }));
  }
  if (m.footer) e.footer = { text: truncate(m.footer, LIMITS.footer) };
  if (m.timestamp) e.timestamp = m.timestamp;
  if (!e.title && !e.description && !e.fields?.length) e.description = "(nothing to show)";
  return e;
}

/** Shrinks embeds until all of them together fit the 6000-character budget, dropping fields from the end first. */
function fitTotal(embeds: EmbedPayload[]): EmbedPayload[] {
  const total = (): number => embeds.reduce((n, e) => n + embedLength(e), 0);
  let guard = 0;
  while (total() > LIMITS.embedTotal && guard++ < 1000) {
    const over = total() - LIMITS.embedTotal;
    const last = [...embeds].reverse().find((e) => (e.fields?.length ?? 0) > 0 || (e.description?.length ?? 0) > 40);
    if (!last) {
      embeds.pop();
      continue;
    }
    if (last.fields?.length) {
      const f = last.fields[last.fields.length - 1];
      if (f && f.value.length > 40 && f.value.length - over >= 40) f.value = truncate(f.value, f.value.length - over);
      else last.fields.pop();
      if (last.fields.length === 0) delete last.fields;
    } else if (last.description) {
      last.description = truncate(last.description, Math.max(40, last.description.length - over));
    }
  }
  return embeds;
}

function renderButton(b: ButtonModel): ButtonPayload {
  if ("url" in b) return { type: 2, style: 5, label: truncate(b.label, LIMITS.buttonLabel), url: b.url };
  return {
    type: 2,
    style: STYLES[b.style ?? "secondary"],
    label: truncate(b.label, LIMITS.buttonLabel),
    custom_id: b.customId.slice(0, LIMITS.customId),
    ...(b.disabled ? { disabled: true } : {}),
  };
}

/**
 * Turns a reply model into a Discord message payload that always fits Discord's limits and never
 * pings anyone (`allowed_mentions: { parse: [] }`).
 */
export function renderPayload(model: ReplyModel): MessagePayload {
  const payload: MessagePayload = { allowed_mentions: { parse: [] } };
  if (model.content?.trim()) payload.content = truncate(model.content, LIMITS.content);
  const embeds = (model.embeds ?? []).slice(0, LIMITS.embeds).map(renderEmbed);
  if (embeds.length) payload.embeds = fitTotal(embeds);
  const buttons = (model.buttons ?? []).slice(0, LIMITS.buttonsPerRow * LIMITS.rows).map(renderButton);
  if (buttons.length) {
    payload.components = [];
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) payload.components.push({ type: 1, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  if (model.ephemeral) payload.flags = EPHEMERAL;
  if (!payload.content && !payload.embeds?.length) payload.content = "Nothing to show.";
  return payload;
}
