import { showDate } from "../render/format.ts";

export function rangeText(from: string | undefined, to: string | undefined): string {
  return from || to ? `${from ? showDate(from, null) : "start"} – ${to ? showDate(to, null) : "now"}` : "";
}

/** A file name Discord and file systems accept: "chart-khyber-pakhtunkhwa-2024.png". */
export function fileName(prefix: string, parts: readonly (string | undefined)[], ext: string): string {
  const slug = parts
    .filter((p): p is string => !!p)
    .join("-")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${prefix}${slug ? `-${slug}` : ""}.${ext}`;
}
