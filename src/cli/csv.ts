/**
 * A line-oriented CSV reader that survives malformed rows.
 *
 * csv-parse's stream API cannot resynchronise after an unbalanced quote: every
 * row after it is swallowed into one field (or lost). This reader reads physical
 * lines (readline, so it streams), and parses each record with csv-parse:
 *
 * - a line without `"` is split on the delimiter directly (fast path);
 * - a line with quotes is parsed by csv-parse; when its quoted field is still open
 *   at the end of the line, following lines are joined (a quoted field may span
 *   lines, as in spreadsheet exports) — but only when the joined record closes
 *   within {@link MAX_SPAN} lines, has exactly the header's number of fields, and
 *   no line in between is on its own a complete record of that width. Otherwise
 *   the first line is reported as an unbalanced quote and reading resumes on the
 *   next line, so one bad quote costs one row, never the rest of the file.
 *
 * @module
 */
import type { Readable } from "node:stream";
import { parse as parseSync } from "csv-parse/sync";
import { formatBytes, LineSplitter, MAX_CSV_RECORD_BYTES, type RawLine } from "./lines.js";
import { isSpace } from "./text.js";

/** A quoted field may span at most this many physical lines. */
export const MAX_SPAN = 100;

/** One CSV record: its fields, or why it could not be read. */
export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
  /** Physical line where it ends (differs from `line` for a multi-line quoted field). */
  readonly endLine: number;
  readonly fields?: string[];
  readonly error?: string;
}

/** Returned when a record needs lines that have not been read yet. */
const MORE = Symbol("more");
type More = typeof MORE;

/**
 * Lines of a stream with look-ahead, read a chunk at a time: the lines read so far are
 * looked at synchronously, and {@link Lines.fill} reads the next chunk's lines.
 */
class Lines {
  private readonly chunks: AsyncIterator<unknown>;
  private readonly splitter: LineSplitter;
  private buf: RawLine[] = [];
  private at = 0;
  /** Line number (1-based) of `buf[0]`. */
  private base = 1;
  private done = false;
  constructor(stream: Readable, maxBytes: number) {
    this.chunks = stream[Symbol.asyncIterator]();
    this.splitter = new LineSplitter(maxBytes);
  }
  /** Read chunks until at least one more line is complete, or to the end of the input. */
  async fill(): Promise<void> {
    if (this.at > 0) {
      this.base += this.at;
      this.buf = this.buf.slice(this.at);
      this.at = 0;
    }
    const before = this.buf.length;
    while (!this.done && this.buf.length === before) {
      const r = await this.chunks.next();
      if (r.done) {
        this.splitter.end(this.buf);
        this.done = true;
      } else {
        const c = r.value;
        this.splitter.push(
          typeof c === "string" ? Buffer.from(c, "utf8") : (c as Buffer),
          this.buf,
        );
      }
    }
  }
  /** The k-th line ahead (0 = next) without consuming it; undefined past the end; MORE when not read yet. */
  peek(k: number): RawLine | undefined | More {
    const i = this.at + k;
    if (i < this.buf.length) return this.buf[i];
    return this.done ? undefined : MORE;
  }
  /** The number (1-based) of the k-th line ahead. */
  lineNo(k: number): number {
    return this.base + this.at + k;
  }
  /** Consume k lines. */
  drop(k: number): void {
    this.at = Math.min(this.at + k, this.buf.length);
  }
  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}

type Parsed = { fields: string[] } | { code: string; error: string };

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "unbalanced quote: a quoted field opened on this line is never closed",
  CSV_INVALID_CLOSING_QUOTE:
    "misplaced quote: a closing quote is followed by other characters instead of the delimiter",
  INVALID_OPENING_QUOTE:
    'misplaced quote: a quote inside an unquoted field (quote the whole field and double inner quotes: "a ""b"" c")',
};

/** The fields of a line without quotes: split on the delimiter, each trimmed. */
function splitFields(text: string, delimiter: string): string[] {
  const fields = text.split(delimiter);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    // Only a field that starts or ends with white space changes.
    if (f !== "" && (isSpace(f.charCodeAt(0)) || isSpace(f.charCodeAt(f.length - 1)))) {
      fields[i] = f.trim();
    }
  }
  return fields;
}

function parseRecord(text: string, delimiter: string): Parsed {
  if (!text.includes('"')) return { fields: splitFields(text, delimiter) };
  try {
    const recs = parseSync(text, {
      delimiter,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    const [first] = recs;
    if (recs.length !== 1 || !first) {
      return { code: "MULTI", error: "the line holds more than one record" };
    }
    return { fields: first };
  } catch (e) {
    const code = (e as { code?: string }).code ?? "CSV_ERROR";
    return { code, error: MESSAGES[code] ?? (e as Error).message };
  }
}

/** Number of `"` in a line. */
function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n += 1;
  return n;
}

/**
 * Pick the delimiter of a header line: the most frequent of `,` `;` tab `|`
 * outside quotes (ties in that order; `,` when none occurs).
 */
export function sniffDelimiter(header: string): string {
  const candidates = [",", ";", "\t", "|"];
  const counts = new Map(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let max = 0;
  for (const c of candidates) {
    const n = counts.get(c) ?? 0;
    if (n > max) {
      best = c;
      max = n;
    }
  }
  return best;
}

/** Options of {@link readCsv}. */
export interface CsvOptions {
  /** Field delimiter; sniffed from the header line when absent. */
  readonly delimiter?: string | undefined;
  /** Lines starting with this string (after leading blanks) are skipped. */
  readonly comment?: string | undefined;
  /** Longest record in bytes (default {@link MAX_CSV_RECORD_BYTES}). */
  readonly maxRecordBytes?: number | undefined;
}

/** An open CSV: the header, the delimiter used, and the data records. */
export interface CsvReader {
  readonly header: CsvRecord & { readonly fields: string[] };
  readonly delimiter: string;
  readonly records: AsyncGenerator<CsvRecord, void, undefined>;
  /**
   * The same records in batches: each batch reads, as it is iterated, the records that the
   * lines read so far complete (so a record is garbage as soon as it has been used). Iterate
   * each batch to its end before asking for the next; read either `records` or `batches`.
   */
  readonly batches: AsyncGenerator<Iterable<CsvRecord>, void, undefined>;
}

/**
 * Read a CSV stream: returns the header (first non-blank, non-comment record)
 * and an async generator of the data records, each with its line numbers and
 * either its fields or an error. Blank lines and comment lines are skipped.
 *
 * @throws Error when the input has no header line or the header cannot be read.
 */
export async function readCsv(stream: Readable, options: CsvOptions = {}): Promise<CsvReader> {
  const maxBytes = options.maxRecordBytes ?? MAX_CSV_RECORD_BYTES;
  const lines = new Lines(stream, maxBytes);
  const tooLong = (n: number, bytes: number) =>
    `line ${n} is longer than the limit of ${formatBytes(maxBytes)} per CSV record (${bytes} bytes); the row was skipped`;
  const comment =
    options.comment === undefined || options.comment === "" ? undefined : options.comment;
  const skip = (l: RawLine) =>
    l.tooLong === undefined &&
    (l.text.trim() === "" || (comment !== undefined && l.text.trimStart().startsWith(comment)));

  /** The next record from the lines read so far: undefined at the end, MORE when it needs more lines. */
  function nextRecord(delimiter: string, width: number | undefined): CsvRecord | undefined | More {
    let first = lines.peek(0);
    while (first !== undefined && first !== MORE && skip(first)) {
      lines.drop(1);
      first = lines.peek(0);
    }
    if (first === undefined || first === MORE) return first;
    const n = lines.lineNo(0);
    if (first.tooLong !== undefined) {
      lines.drop(1);
      return { line: n, endLine: n, error: tooLong(n, first.bytes) };
    }
    const one = parseRecord(first.text, delimiter);
    if ("fields" in one) {
      lines.drop(1);
      return { line: n, endLine: n, fields: one.fields };
    }
    if (one.code !== "CSV_QUOTE_NOT_CLOSED") {
      lines.drop(1);
      return { line: n, endLine: n, error: one.error };
    }
    // A quoted field left open: try to close it on the following lines (looked at without
    // consuming them: when one has not been read yet, the record is tried again once it has).
    let joined = first.text;
    // Quotes so far: with an odd count the quoted field is still open and csv-parse cannot
    // succeed, so the joined text is parsed only at an even count — each line is scanned
    // once instead of re-parsing the growing text after every line.
    let quotes = countQuotes(first.text);
    for (let k = 0; k < MAX_SPAN - 1; k++) {
      const next = lines.peek(k + 1);
      if (next === MORE) return MORE;
      if (!next || next.tooLong !== undefined) break;
      if (joined.length + next.text.length >= maxBytes) break;
      if (k > 0 && width !== undefined) {
        // A line in the middle that is itself a complete record: the quote is broken.
        const prev = lines.peek(k);
        if (prev && prev !== MORE && prev.tooLong === undefined) {
          const alone = parseRecord(prev.text, delimiter);
          if ("fields" in alone && alone.fields.length === width) break;
        }
      }
      joined += `\n${next.text}`;
      quotes += countQuotes(next.text);
      if (quotes % 2 === 1) continue;
      const p = parseRecord(joined, delimiter);
      if ("fields" in p) {
        if (width !== undefined && p.fields.length !== width) break;
        const end = lines.lineNo(k + 1);
        lines.drop(k + 2);
        return { line: n, endLine: end, fields: p.fields };
      }
      if (p.code !== "CSV_QUOTE_NOT_CLOSED") break;
    }
    lines.drop(1);
    return {
      line: n,
      endLine: n,
      error: `${MESSAGES.CSV_QUOTE_NOT_CLOSED}; the row was skipped and reading resumed on the next line`,
    };
  }
  /** The next record, reading lines as it needs them. */
  async function nextRecordAsync(
    delimiter: string,
    width: number | undefined,
  ): Promise<CsvRecord | undefined> {
    for (;;) {
      const r = nextRecord(delimiter, width);
      if (r !== MORE) return r;
      await lines.fill();
    }
  }

  // The header decides the delimiter.
  let headLine = lines.peek(0);
  for (;;) {
    if (headLine === MORE) await lines.fill();
    else if (headLine !== undefined && skip(headLine)) lines.drop(1);
    else break;
    headLine = lines.peek(0);
  }
  if (!headLine) {
    await lines.close();
    throw new Error("the file is empty: no header line");
  }
  const headNo = lines.lineNo(0);
  if (headLine.tooLong !== undefined) {
    await lines.close();
    throw new Error(`cannot read the header: ${tooLong(headNo, headLine.bytes)}`);
  }
  const delimiter = options.delimiter ?? sniffDelimiter(headLine.text);
  const header = await nextRecordAsync(delimiter, undefined);
  if (!header?.fields) {
    await lines.close();
    throw new Error(`cannot read the header line ${headNo}: ${header?.error ?? "empty"}`);
  }
  const width = header.fields.length;
  /** Why the last batch ended: it needs more lines, or the input ended. */
  let ended: More | undefined;
  function* batch(): Generator<CsvRecord, void, undefined> {
    for (;;) {
      const r = nextRecord(delimiter, width);
      if (r === undefined || r === MORE) {
        ended = r;
        return;
      }
      yield r;
    }
  }
  async function* batches(): AsyncGenerator<Iterable<CsvRecord>, void, undefined> {
    try {
      for (;;) {
        ended = MORE;
        const b = batch();
        yield b;
        for (const _ of b); // what the reader left of the batch
        if (ended === undefined) return;
        await lines.fill();
      }
    } finally {
      await lines.close();
    }
  }
  async function* records(): AsyncGenerator<CsvRecord, void, undefined> {
    for await (const batch of batches()) yield* batch;
  }
  return {
    header: { ...header, fields: header.fields },
    delimiter,
    records: records(),
    batches: batches(),
  };
}
