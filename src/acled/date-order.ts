import { closeSync, openSync, readSync } from "node:fs";
import { CsvReader } from "./csv.ts";
import { readAcledDate, type DateOrderHint } from "./map.ts";

/** Bytes read ahead to learn a file's date order: a couple of thousand rows. */
const LOOK_AHEAD_BYTES = 1 << 20;

/**
 * How a file writes its numeric dates, learnt before the import reads its first row: a spreadsheet that saved
 * "05/09/2020" month first shows it in a row such as "12/31/2019" further down, and the rows before that one
 * must be read the same way. Reads the first megabyte; returns an empty hint when that settles nothing.
 */
export function learnDateOrder(file: string): DateOrderHint {
  const hint: DateOrderHint = {};
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return hint; // the import itself reports a file it cannot read
  }
  const bytes = Buffer.alloc(LOOK_AHEAD_BYTES);
  let length: number;
  try {
    length = readSync(fd, bytes, 0, LOOK_AHEAD_BYTES, 0);
  } catch {
    return hint;
  } finally {
    closeSync(fd);
  }
  let dateAt = -1;
  let yearAt = -1;
  let header = true;
  const reader = new CsvReader({
    record(fields) {
      if (header) {
        const names = fields.map((f) => f.trim().toLowerCase().replace(/^\uFEFF/, ""));
        dateAt = names.indexOf("event_date");
        yearAt = names.indexOf("year");
        header = false;
        return;
      }
      if (hint.order || dateAt < 0) return;
      const raw = fields[dateAt]?.trim() ?? "";
      if (!/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(raw)) return;
      const year = yearAt >= 0 && /^\d{4}$/.test(fields[yearAt]?.trim() ?? "") ? Number(fields[yearAt]) : undefined;
      readAcledDate(raw, year, hint);
    },
    problem() {},
  });
  reader.write(bytes.subarray(0, length));
  return hint;
}
