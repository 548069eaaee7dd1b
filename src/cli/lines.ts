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
 * The lines of `stream`, each at most `maxBytes` bytes long (UTF-8, without the
 * line break).
 */
export async function* boundedLines(
  stream: Readable,
  maxBytes: number,
): AsyncGenerator<RawLine, void, undefined> {
  let parts: Buffer[] = [];
  let size = 0; // bytes of the current line seen so far (kept or not)
  let first = true;
  let afterCR = false;
  const finish = (): RawLine => {
    const over = size > maxBytes;
    const bytes = size;
    const buf = over ? undefined : parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    size = 0;
    if (over || !buf) return over ? { tooLong: true, bytes } : { text: "" };
    let text = buf.toString("utf8");
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    return { text };
  };
  const keep = (b: Buffer) => {
    size += b.length;
    if (size <= maxBytes) parts.push(b);
    else parts = [];
  };
  for await (const chunk of stream) {
    const buf: Buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer);
    let at = 0;
    if (afterCR && buf.length > 0) {
      if (buf[0] === 0x0a) at = 1; // the LF of a CRLF split between chunks
      afterCR = false;
    }
    let lf = buf.indexOf(0x0a, at);
    let cr = buf.indexOf(0x0d, at);
    while (lf >= 0 || cr >= 0) {
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      keep(buf.subarray(at, end));
      const line = finish();
      first = false;
      yield line;
      at = end + 1;
      if (buf[end] === 0x0d) {
        if (at < buf.length) {
          if (buf[at] === 0x0a) at += 1;
        } else afterCR = true;
      }
      if (lf >= 0 && lf < at) lf = buf.indexOf(0x0a, at);
      if (cr >= 0 && cr < at) cr = buf.indexOf(0x0d, at);
    }
    if (at < buf.length) keep(buf.subarray(at));
  }
  if (size > 0 || parts.length > 0) yield finish();
}
