import { LIMITS, truncate } from "./limits.ts";
import type { ButtonModel, EmbedModel, FileModel, ReplyModel } from "./reply.ts";

/**
 * The JSON body Discord receives for a message (interaction reply, edit, or channel post). With files,
 * this is the multipart request's `payload_json`; the bytes travel beside it as `files[n]` parts.
 */
export interface MessagePayload {
  content?: string;
  embeds?: EmbedPayload[];
  components?: ActionRowPayload[];
  /** One entry per uploaded file, in the order of `files`; `id` is its index. */
  attachments?: AttachmentPayload[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

export interface AttachmentPayload {
  id: string;
  filename: string;
  description?: string;
}

/** A file ready to upload: the bytes that go beside the JSON payload. */
export interface OutgoingFile {
  name: string;
  data: Buffer;
  description?: string;
}

/** A rendered message: the JSON body and the files uploaded with it (kept apart so the body stays JSON). */
export interface RenderedMessage {
  payload: MessagePayload;
  files: OutgoingFile[];
}

export interface EmbedPayload {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
  image?: { url: string };
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

function renderEmbed(m: EmbedModel, fileNames: ReadonlySet<string>): EmbedPayload {
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
  // An attachment:// image must name a file sent with this message, or Discord shows a broken image.
  if (m.image && ((m.image.startsWith("attachment://") && fileNames.has(m.image.slice("attachment://".length))) || (/^https:\/\//.test(m.image) && m.image.length <= 2048))) {
    e.image = { url: m.image };
  }
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

/** Discord-safe file names: unique, ≤ 100 characters, no path or odd characters (they would break attachment:// links). */
function renderFiles(files: readonly FileModel[]): OutgoingFile[] {
  const seen = new Set<string>();
  const out: OutgoingFile[] = [];
  let budget: number = LIMITS.fileBytes;
  for (const f of files.slice(0, LIMITS.files)) {
    const name = f.name.replace(/[^\w.-]+/g, "_").slice(-100) || "file";
    if (seen.has(name) || f.data.length > budget) continue;
    seen.add(name);
    budget -= f.data.length;
    out.push({ name, data: f.data, ...(f.description ? { description: truncate(f.description, LIMITS.attachmentDescription) } : {}) });
  }
  return out;
}

/**
 * Turns a reply model into a Discord message payload that always fits Discord's limits and never
 * pings anyone (`allowed_mentions: { parse: [] }`), with its files beside it.
 */
export function renderMessage(model: ReplyModel): RenderedMessage {
  const files = renderFiles(model.files ?? []);
  const payload = buildPayload(model, new Set(files.map((f) => f.name)));
  if (files.length) {
    payload.attachments = files.map((f, i) => ({ id: String(i), filename: f.name, ...(f.description ? { description: f.description } : {}) }));
    // A message with only a file is a valid message: drop the "Nothing to show." filler.
    if (payload.content === NOTHING && !model.content?.trim()) delete payload.content;
  }
  return { payload, files };
}

/** The JSON body alone (files named in `attachments`, their bytes not included): for callers that post text only, such as the digest. */
export function renderPayload(model: ReplyModel): MessagePayload {
  return renderMessage(model).payload;
}

const NOTHING = "Nothing to show.";

function buildPayload(model: ReplyModel, fileNames: ReadonlySet<string>): MessagePayload {
  const payload: MessagePayload = { allowed_mentions: { parse: [] } };
  if (model.content?.trim()) payload.content = truncate(model.content, LIMITS.content);
  const embeds = (model.embeds ?? []).slice(0, LIMITS.embeds).map((m) => renderEmbed(m, fileNames));
  if (embeds.length) payload.embeds = fitTotal(embeds);
  const buttons = (model.buttons ?? []).slice(0, LIMITS.buttonsPerRow * LIMITS.rows).map(renderButton);
  if (buttons.length) {
    payload.components = [];
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) payload.components.push({ type: 1, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  if (model.ephemeral) payload.flags = EPHEMERAL;
  if (!payload.content && !payload.embeds?.length) payload.content = NOTHING;
  return payload;
}
