import type { MessagePayload } from "../render/payload.ts";

/** Removes Discord-only syntax for a terminal: escapes, link markup, timestamps. */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>")
    .replace(/<t:(\d+):\w>/g, (_m, s: string) => new Date(Number(s) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC")
    .replace(/(?<!\\)\*\*(.+?)\*\*/g, "$1")
    .replace(/(?<![\\*\w])\*([^*\n]+)\*(?!\w)/g, "$1")
    .replace(/\\([\\*_~`|>[\]()#-])/g, "$1")
    .replace(/\u200b/g, "");
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(" ", width);
      if (cut < width / 3) cut = width;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
  }
  return out;
}

/** Renders a Discord message payload as readable text: embeds as boxes, buttons listed. */
export function payloadToText(payload: MessagePayload, width = 78): string {
  const lines: string[] = [];
  const inner = width - 4;
  if (payload.flags && payload.flags & (1 << 6)) lines.push("(only you can see this)");
  if (payload.content) lines.push(...wrap(plain(payload.content), width));
  for (const e of payload.embeds ?? []) {
    const box: string[] = [];
    if (e.title) box.push(plain(e.title).toUpperCase());
    if (e.url) box.push(`<${e.url}>`);
    if (e.description) box.push("", ...wrap(plain(e.description), inner));
    for (const f of e.fields ?? []) box.push("", `▸ ${plain(f.name)}`, ...wrap(plain(f.value), inner - 2).map((l) => `  ${l}`));
    if (e.image) box.push("", `[picture: ${e.image.url.replace(/^attachment:\/\//, "")}]`);
    if (e.footer) box.push("", ...wrap(plain(e.footer.text), inner).map((l) => `· ${l}`));
    lines.push(`┌${"─".repeat(width - 2)}┐`);
    for (const l of box) lines.push(`│ ${l.padEnd(inner)} │`);
    lines.push(`└${"─".repeat(width - 2)}┘`);
  }
  const buttons = (payload.components ?? []).flatMap((r) => r.components);
  if (buttons.length) {
    lines.push(
      `Buttons: ${buttons.map((b) => `[${b.label}${b.disabled ? " (disabled)" : ""}${b.url ? ` → ${b.url}` : b.custom_id ? ` · ${b.custom_id.startsWith("pg:") ? `page ${Number(b.custom_id.split(":")[2] ?? 0) + 1}` : b.custom_id}` : ""}]`).join(" ")}`,
    );
  }
  return lines.join("\n");
}
