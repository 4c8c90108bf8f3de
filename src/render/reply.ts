/**
 * The reply model: what a command handler returns. It knows nothing about Discord; `renderPayload`
 * (src/render/payload.ts) turns it into a message that fits Discord's limits, and the console renders
 * the same payload as text.
 */

export interface FieldModel {
  name: string;
  value: string;
  inline?: boolean | undefined;
}

export interface EmbedModel {
  title?: string | undefined;
  url?: string | undefined;
  description?: string | undefined;
  color?: number | undefined;
  fields?: FieldModel[] | undefined;
  footer?: string | undefined;
  /** ISO timestamp shown in the embed footer in the reader's local time. */
  timestamp?: string | undefined;
  /** A picture shown in the embed: `attachment://<name>` for a file in the reply's `files`, or an https URL. */
  image?: string | undefined;
}

/** A file sent with the message (a PNG chart, a CSV export); the console writes it to a folder. */
export interface FileModel {
  /** File name Discord shows, e.g. "chart.png"; letters, digits, dot, dash and underscore only. */
  name: string;
  data: Buffer;
  /** Alt text for images (read by screen readers), at most 1024 characters. */
  description?: string | undefined;
}

export type ButtonModel =
  | { customId: string; label: string; style?: "primary" | "secondary" | "success" | "danger"; disabled?: boolean }
  | { url: string; label: string };

export interface Pagination {
  /** 0-based page shown. */
  page: number;
  pages: number;
}

export interface ReplyModel {
  content?: string | undefined;
  embeds?: EmbedModel[] | undefined;
  /** Buttons laid out in rows of five. */
  buttons?: ButtonModel[] | undefined;
  ephemeral?: boolean | undefined;
  /** Set by paginated commands; the router adds ◀ ▶ buttons that re-run the command on another page. */
  pagination?: Pagination | undefined;
  /** Attachments (at most 10); embeds show an image file with `image: "attachment://<name>"`. */
  files?: FileModel[] | undefined;
}

export const COLORS = {
  brand: 0x2f6f4f,
  incident: 0xb03a2e,
  quote: 0x5d6d7e,
  warning: 0xd4ac0d,
  error: 0x922b21,
} as const;
