import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";

/**
 * A streaming CSV reader for ACLED exports (RFC 4180: comma-separated, fields optionally in double quotes with
 * "" for a quote, CRLF or LF line ends, a UTF-8 byte-order mark ignored, empty lines skipped). Hand-written
 * because the import is bound by it: csv-parse took 14 µs a row here, this takes about 2, which decides whether
 * a million-row export loads in 20 seconds or 40. Rows of any width come out (the caller checks the width).
 *
 * A record that cannot be read (a quote inside an unquoted field, text after a closing quote, a quoted field
 * that never closes, a field over `MAX_FIELD_CHARS`) is reported with its line and skipped up to the end of that
 * line; reading goes on from there, so one broken row costs one row. Memory stays bounded whatever the input: a
 * record that runs on for more than `MAX_RECORD_CHARS` without ending (an unclosed quote, or a line with no line
 * end at all) is refused and the rest of its line is skipped as it arrives, never held.
 *
 * Files as spreadsheets save them are read too: UTF-16 (by its byte-order mark, or by the zero bytes of its
 * ASCII header when it has none), old Mac line ends (CR alone), and NUL bytes, which are removed (and counted:
 * `nulBytes`, for a warning).
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Longest record accepted (characters); a longer one is an unclosed quote swallowing the file, or no line ends at all. */
export const MAX_RECORD_CHARS = 1 << 20;
/** Longest field accepted (characters), quoted or not; ACLED's longest, the notes, run to a few thousand. */
export const MAX_FIELD_CHARS = 100_000;

export interface CsvSink {
  /** One record, its fields in file order, and the line (1-based) it ends on. */
  record(fields: string[], line: number): void;
  /** An unreadable record: the line the problem is on and what is wrong, for a person. */
  problem(line: number, message: string): void;
}

/**
 * Whether UTF-8 bytes may end inside a character: its last lead byte wants more bytes than follow it. When the
 * answer is not plain from the chunk (only continuation bytes at its end), true: the next chunk then goes through
 * the decoder too, which is always right.
 */
function endsMidCharacter(chunk: Buffer): boolean {
  for (let i = chunk.length - 1, seen = 1; i >= 0 && seen <= 4; i--, seen++) {
    const b = chunk[i] ?? 0;
    if (b < 0x80) return false;
    if (b >= 0xc0) return seen < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2);
  }
  return true;
}

/** Why reading stopped inside a record: more input is needed, or the record is broken. */
const MORE = -1;

export class CsvReader {
  private buf = "";
  private pos = 0;
  /** Newlines consumed before `pos`. */
  private lines = 0;
  private started = false;
  private readonly decoder = new StringDecoder("utf8");
  /** Whether the UTF-8 decoder may hold the first bytes of a character split between chunks. */
  private utf8Pending = false;
  /** Set when the first bytes show UTF-16. */
  private utf16: TextDecoder | undefined;
  private encodingKnown = false;
  /** Line ends: undecided until the first CR or LF; "cr" for files that end lines with CR alone. */
  private lineEnds: "unknown" | "lf" | "cr" = "unknown";
  /** NUL bytes removed so far. */
  nulBytes = 0;

  constructor(private readonly sink: CsvSink) {}

  private decode(chunk: Buffer): string {
    if (!this.encodingKnown && chunk.length >= 2) {
      this.encodingKnown = true;
      const [b0, b1] = [chunk[0], chunk[1]];
      if (b0 === 0xff && b1 === 0xfe) this.utf16 = new TextDecoder("utf-16le");
      else if (b0 === 0xfe && b1 === 0xff) this.utf16 = new TextDecoder("utf-16be");
      // No mark, but an ASCII header with a zero byte beside every letter.
      else if (chunk.length >= 4 && b0 !== 0 && b1 === 0 && chunk[2] !== 0 && chunk[3] === 0) this.utf16 = new TextDecoder("utf-16le", { ignoreBOM: true });
      else if (chunk.length >= 4 && b0 === 0 && b1 !== 0 && chunk[2] === 0 && chunk[3] !== 0) this.utf16 = new TextDecoder("utf-16be", { ignoreBOM: true });
    }
    if (this.utf16) return this.utf16.decode(chunk, { stream: true });
    // Most exports are plain ASCII, where Latin-1 decoding gives the same string, a byte a character, about ten times
    // faster than the UTF-8 decoder (a 530 MB export: 0.3 s instead of 3.3 s of the parse worker's time). Only while
    // the UTF-8 decoder holds no unfinished character: then the next chunk begins with the rest of it, not ASCII.
    if (!this.utf8Pending && isAscii(chunk)) return chunk.toString("latin1");
    this.utf8Pending = endsMidCharacter(chunk);
    return this.decoder.write(chunk);
  }

  /** Feeds bytes (or text) of the file; every record complete in what has arrived is passed on. */
  write(chunk: Buffer | string): void {
    let text = typeof chunk === "string" ? chunk : this.decode(chunk);
    if (text.includes("\0")) {
      const before = text.length;
      text = text.replaceAll("\0", "");
      this.nulBytes += before - text.length;
    }
    if (this.lineEnds === "unknown") {
      const cr = text.indexOf("\r");
      const lf = text.indexOf("\n");
      if (lf >= 0 && (cr < 0 || lf <= cr + 1)) this.lineEnds = "lf";
      else if (cr >= 0 && cr + 1 < text.length) this.lineEnds = "cr";
    }
    if (this.lineEnds === "cr") text = text.replaceAll("\r", "\n");
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    if (!this.started && this.buf.length) {
      this.started = true;
      if (this.buf.charCodeAt(0) === 0xfeff) this.pos = 1;
    }
    this.read(false);
  }

  /** The end of the file: the last record may lack its line end. */
  end(): void {
    const rest = this.utf16 ? this.utf16.decode() : this.decoder.end();
    if (rest) this.write(rest);
    this.read(true);
    this.buf = "";
    this.pos = 0;
  }

  private read(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let pos = this.pos;
    // Next newline and next quote at or after `pos` (-1: none in the buffer); found once, reused field by field.
    let nl = -2;
    let nq = -2;
    if (this.skipping) {
      const resume = buf.indexOf("\n", pos);
      if (resume < 0) {
        this.pos = n;
        return;
      }
      this.skipping = false;
      this.lines++;
      pos = resume + 1;
    }
    while (pos < n) {
      const c0 = buf.charCodeAt(pos);
      if (c0 === LF) {
        pos++;
        this.lines++;
        continue;
      }
      if (c0 === CR && pos + 1 < n && buf.charCodeAt(pos + 1) === LF) {
        pos += 2;
        this.lines++;
        continue;
      }
      if (c0 === CR && pos + 1 >= n && !final) break;

      const start = pos;
      let inner = 0; // newlines inside quoted fields of this record
      const fields: string[] = [];
      let failure: string | undefined;
      let failAt = pos;
      let complete = false;
      for (;;) {
        if (buf.charCodeAt(pos) === QUOTE) {
          let from = pos + 1;
          let value = "";
          let closed = -1;
          for (;;) {
            const q = buf.indexOf('"', from);
            if (q < 0 || (q + 1 >= n && !final)) break;
            if (buf.charCodeAt(q + 1) === QUOTE) {
              value += buf.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            value += buf.slice(from, q);
            closed = q;
            break;
          }
          if (closed < 0) {
            if (!final && n - start <= MAX_RECORD_CHARS) {
              pos = MORE;
              break;
            }
            failure = n - start > MAX_RECORD_CHARS ? "a quoted field runs on for over a million characters: an unclosed quote?" : "a quoted field is never closed";
            failAt = start;
            break;
          }
          for (let i = value.indexOf("\n"); i >= 0; i = value.indexOf("\n", i + 1)) inner++;
          if (value.length > MAX_FIELD_CHARS) {
            failure = `a field is longer than ${MAX_FIELD_CHARS.toLocaleString("en")} characters`;
            failAt = closed;
            break;
          }
          fields.push(value);
          pos = closed + 1;
          if (nl >= 0 && nl < pos) nl = -2;
          if (nq >= 0 && nq < pos) nq = -2;
          const next = pos < n ? buf.charCodeAt(pos) : -1;
          if (next === COMMA) {
            pos++;
            continue;
          }
          if (next === LF) {
            pos++;
            complete = true;
            break;
          }
          if (next === CR && pos + 1 < n && buf.charCodeAt(pos + 1) === LF) {
            pos += 2;
            complete = true;
            break;
          }
          if (next === -1 || (next === CR && pos + 1 >= n)) {
            if (final) {
              pos = n;
              complete = true;
            } else pos = MORE;
            break;
          }
          failure = `text after a closing quote: got ${JSON.stringify(buf.slice(pos, pos + 1))} where a comma or a line end should be`;
          failAt = pos;
          break;
        }
        // An unquoted field: up to the next comma or line end.
        if (nl === -2 || (nl >= 0 && nl < pos)) nl = buf.indexOf("\n", pos);
        if (nl < 0 && !final) {
          if (n - start <= MAX_RECORD_CHARS) {
            pos = MORE;
            break;
          }
          // No line end in over a million characters: refuse it now rather than hold the rest of the file.
          failure = "a row runs on for over a million characters without a line end";
          failAt = n;
          break;
        }
        const lineEnd = nl < 0 ? n : nl;
        const comma = buf.indexOf(",", pos);
        const end = comma >= 0 && comma < lineEnd ? comma : lineEnd;
        if (end - pos > MAX_FIELD_CHARS) {
          failure = `a field is longer than ${MAX_FIELD_CHARS.toLocaleString("en")} characters`;
          failAt = end;
          break;
        }
        if (nq === -2 || (nq >= 0 && nq < pos)) nq = buf.indexOf('"', pos);
        if (nq >= 0 && nq < end) {
          failure = "a quote inside a field that does not start with one";
          failAt = nq;
          break;
        }
        if (end === comma) {
          fields.push(buf.slice(pos, end));
          pos = end + 1;
          continue;
        }
        fields.push(buf.slice(pos, end > pos && buf.charCodeAt(end - 1) === CR ? end - 1 : end));
        pos = end < n ? end + 1 : n;
        complete = true;
        break;
      }

      if (pos === MORE) {
        pos = start;
        break;
      }
      if (complete) {
        this.lines += inner + (buf.charCodeAt(pos - 1) === LF ? 1 : 0);
        this.sink.record(fields, this.lines + (buf.charCodeAt(pos - 1) === LF ? 0 : 1));
        continue;
      }
      // Broken: report it on the line it is found on, then go on after the end of that line.
      let line = this.lines + 1;
      for (let i = buf.indexOf("\n", start); i >= 0 && i < failAt; i = buf.indexOf("\n", i + 1)) line++;
      this.sink.problem(line, failure ?? "unreadable row");
      const resume = buf.indexOf("\n", failAt);
      this.lines = line - 1;
      nl = -2;
      nq = -2;
      if (resume < 0) {
        // The rest of that line has not arrived yet: it is skipped when it does.
        this.skipping = !final;
        pos = n;
        break;
      }
      this.lines++;
      pos = resume + 1;
    }
    this.pos = pos;
  }

  /** Inside the rest of a broken record's line, which is skipped. */
  private skipping = false;
}
