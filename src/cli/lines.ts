/**
 * Physical lines of a byte stream with a length limit: a line longer than the
 * limit is not held in memory — its bytes are skipped up to the next line break
 * and it comes out as `{ tooLong: true }`, so one huge line costs one row,
 * never an out-of-memory abort. Line breaks are LF, CRLF and CR (as readline
 * with `crlfDelay: Infinity`); a UTF-8 byte order mark on the first line is removed.
 *
 * @module
 */
import type { Readable } from "node:stream";

/** Longest CSV record (one line, or the lines of a quoted field that spans lines): 1 MiB. */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;
/** Longest NDJSON line (one patient record or assessment): 16 MiB. */
export const MAX_NDJSON_LINE_BYTES = 16 * 1024 * 1024;
/** Largest JSON (not NDJSON) file, which is read whole: 64 MiB. */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/** One physical line: its text, or that it was longer than the limit (with its length in bytes). */
export type RawLine =
  | { readonly text: string; readonly tooLong?: undefined }
  | { readonly tooLong: true; readonly bytes: number };

/** "1 MiB" / "16 MiB". */
export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/**
 * Splits bytes into physical lines as they arrive, synchronously: `push` a chunk and get
 * every line it completes, `end` for a last line without a break. The same lines as
 * {@link boundedLines} (which is built on it), without an await per line.
 */
export class LineSplitter {
  /** Pieces of the current line (kept while within the limit). */
  private parts: Buffer[] = [];
  /** Bytes of the current line seen so far (kept or not). */
  private size = 0;
  private first = true;
  private afterCR = false;

  constructor(private readonly maxBytes: number) {}

  private text(buf: Buffer, start: number, end: number): RawLine {
    let text = buf.toString("utf8", start, end);
    if (this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  }

  /** The current line, ended by a break at `buf[end]` (or the end of input). */
  private finish(buf: Buffer | undefined, start: number, end: number): RawLine {
    const size = this.size + (end - start);
    let line: RawLine;
    if (size > this.maxBytes) line = { tooLong: true, bytes: size };
    else if (this.parts.length === 0) {
      line = buf === undefined || end === start ? { text: "" } : this.text(buf, start, end);
    } else {
      if (buf !== undefined && end > start) this.parts.push(buf.subarray(start, end));
      const all = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
      line = all.length === 0 ? { text: "" } : this.text(all, 0, all.length);
    }
    this.parts = [];
    this.size = 0;
    this.first = false;
    return line;
  }

  /** Take a chunk; the lines it completes are appended to `out`. */
  push(buf: Buffer, out: RawLine[]): void {
    let at = 0;
    if (this.afterCR && buf.length > 0) {
      if (buf[0] === 0x0a) at = 1; // the LF of a CRLF split between chunks
      this.afterCR = false;
    }
    let lf = buf.indexOf(0x0a, at);
    let cr = buf.indexOf(0x0d, at);
    while (lf >= 0 || cr >= 0) {
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      out.push(this.finish(buf, at, end));
      at = end + 1;
      if (buf[end] === 0x0d) {
        if (at < buf.length) {
          if (buf[at] === 0x0a) at += 1;
        } else this.afterCR = true;
      }
      if (lf >= 0 && lf < at) lf = buf.indexOf(0x0a, at);
      if (cr >= 0 && cr < at) cr = buf.indexOf(0x0d, at);
    }
    if (at < buf.length) {
      this.size += buf.length - at;
      if (this.size <= this.maxBytes) this.parts.push(buf.subarray(at));
      else this.parts = [];
    }
  }

  /** End of input: a last line without a break, if any, is appended to `out`. */
  end(out: RawLine[]): void {
    if (this.size > 0 || this.parts.length > 0) out.push(this.finish(undefined, 0, 0));
  }
}

/**
 * The lines of `stream` in batches (the lines each chunk completes; no empty batch), each
 * line at most `maxBytes` bytes long (UTF-8, without the line break).
 */
export async function* lineBatches(
  stream: Readable,
  maxBytes: number,
): AsyncGenerator<RawLine[], void, undefined> {
  const splitter = new LineSplitter(maxBytes);
  for await (const chunk of stream) {
    const out: RawLine[] = [];
    splitter.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer), out);
    if (out.length > 0) yield out;
  }
  const last: RawLine[] = [];
  splitter.end(last);
  if (last.length > 0) yield last;
}

/**
 * The lines of `stream`, each at most `maxBytes` bytes long (UTF-8, without the
 * line break).
 */
export async function* boundedLines(
  stream: Readable,
  maxBytes: number,
): AsyncGenerator<RawLine, void, undefined> {
  for await (const batch of lineBatches(stream, maxBytes)) yield* batch;
}
