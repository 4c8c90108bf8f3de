/**
 * RFC 4180 CSV: CRLF between records, every field quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled) — so a parser gives back the text stored. A UTF-8 byte-order mark goes first, because
 * spreadsheet programs otherwise show Urdu and Pashto as mojibake.
 *
 * One exception: text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a CR:
 * "=HYPERLINK(…)" in a quote from an ingested page or feed) gets a leading apostrophe, which spreadsheets
 * read as "this cell is text" and do not show. Numbers (coordinates, casualty figures) are never touched.
 * The JSON export carries every text exactly as stored.
 */

export type Cell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map(csvField).join(","), ...rows.map((r) => r.map(csvField).join(","))];
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
