/**
 * RFC 4180 CSV: CRLF between records, every field quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled), nothing else touched — so a parser gives back exactly the text stored. A UTF-8
 * byte-order mark goes first, because spreadsheet programs otherwise show Urdu and Pashto as mojibake.
 */

export type Cell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map(csvField).join(","), ...rows.map((r) => r.map(csvField).join(","))];
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
