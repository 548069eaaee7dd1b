/**
 * The CLI's connection to the outside world: output sinks (with back-pressure),
 * input streams, and the errors that end a run with a usage exit code.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { createReadStream, fstatSync, type Stats, unlinkSync } from "node:fs";
import { chmod, type FileHandle, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { formatBytes, MAX_JSON_FILE_BYTES } from "./lines.js";

/** Something the CLI writes text to (process.stdout, a file stream, a test buffer). */
export interface Sink {
  /** May return a promise (awaited by {@link write}); a rejection is a failed write. */
  write(chunk: string): unknown;
  /** Present on Node streams: wait for `drain` after `write` returned false. */
  once?(event: "drain", listener: () => void): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * What `run()` needs from its environment. `process` provides all of it; tests
 * pass in-memory sinks.
 */
export interface CliIo {
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** Read when the input file is `-`. */
  readonly stdin?: Readable | undefined;
  /** Directory that relative paths are resolved against (default `process.cwd()`). */
  readonly cwd?: string | undefined;
  /**
   * The file behind `stdout` when it is redirected to one (device + inode), so
   * that `>> input.csv` is refused; `main.ts` passes `() => fileOfFd(1)`.
   */
  readonly stdoutFile?: (() => (FileId & { readonly regular: boolean }) | undefined) | undefined;
}

/** Exit codes of the CLI. */
export const EXIT = {
  /** Every row classified. */
  ok: 0,
  /** The run finished but some rows were invalid (their errors are in the output). */
  invalidRows: 1,
  /** Usage or configuration error, unreadable input: nothing (more) was classified. */
  usage: 2,
  /**
   * The output could not be written (full disk, missing directory, a directory,
   * no permission, standard output failed): `--output` keeps its previous content.
   */
  output: 3,
  /** Interrupted by SIGINT (128 + 2); the temporary output file is removed. */
  interrupted: 130,
  /** Terminated by SIGTERM (128 + 15); the temporary output file is removed. */
  terminated: 143,
} as const;

/** An error that ends the run with {@link EXIT.usage} and a one-paragraph message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Writing the output failed: ends the run with {@link EXIT.output}. `quiet` is
 * set for a closed pipe on standard output (the reader left, e.g. `| head`):
 * the run stops without a message.
 */
export class OutputError extends Error {
  override readonly name = "OutputError";
  constructor(
    message: string,
    readonly quiet = false,
  ) {
    super(message);
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "ENOENT":
      return "the directory does not exist";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "EPIPE":
      return "the reader closed the pipe";
    default:
      return err instanceof Error ? err.message : String(e);
  }
}

/** Write to a sink, waiting for `drain` when the sink asks for it, and for a returned promise. */
export async function write(sink: Sink, text: string): Promise<void> {
  if (text === "") return;
  const ok = sink.write(text);
  if (ok instanceof Promise) {
    await ok;
    return;
  }
  if (ok === false && sink.once) {
    await new Promise<void>((done) => sink.once?.("drain", done));
  }
}

/** A Node writable stream, as far as {@link guardStream} needs it. */
interface WritableLike {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
  on(event: "error" | "close", listener: (e?: Error) => void): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

function isWritableLike(s: Sink): s is Sink & WritableLike {
  return typeof (s as { on?: unknown }).on === "function";
}

/**
 * Wrap standard output (or any Node writable stream) so that every write
 * resolves when the stream has taken the chunk and rejects with an
 * {@link OutputError} when it failed (ENOSPC, EPIPE, …) — instead of an
 * unhandled `error` event. Sinks that are not streams (test buffers) are
 * returned unchanged.
 */
export function guardStream(sink: Sink, label: string): Sink {
  if (!isWritableLike(sink)) return sink;
  const stream = sink;
  let failure: OutputError | undefined;
  let fail: (e: OutputError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  const toError = (e: unknown): OutputError => {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    return new OutputError(
      `cannot write to ${label}: ${describe(e)}`,
      code === "EPIPE" || code === "ERR_STREAM_DESTROYED",
    );
  };
  const onError = (e: unknown) => {
    failure ??= toError(e);
    fail(failure);
  };
  stream.on("error", onError);
  stream.on("close", () => onError(Object.assign(new Error("closed"), { code: "EPIPE" })));
  return {
    isTTY: stream.isTTY,
    columns: stream.columns,
    write(chunk: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      const done = new Promise<void>((ok, reject) => {
        try {
          stream.write(chunk, (e) => (e ? reject(toError(e)) : ok()));
        } catch (e) {
          reject(toError(e));
        }
      });
      return Promise.race([done, failed]).catch((e: unknown) => {
        failure ??= e instanceof OutputError ? e : toError(e);
        throw failure;
      });
    },
  };
}

/** Text collected before {@link BufferedWriter} writes it (characters). */
export const WRITE_CHUNK = 256 * 1024;

/** Pieces of text joined into one block by {@link BufferedWriter}. */
const BLOCK = 32;

/**
 * Buffered writer: collects text and writes it in chunks of about {@link WRITE_CHUNK}
 * characters. A chunk's write overlaps with the collection of the next one, but at most one
 * write is in flight: the next chunk waits for it (and for the sink's `drain`), so memory stays
 * bounded when the reader is slow. A failed write rejects the next `push` / `flush` that waits
 * for it (never unhandled).
 */
export class BufferedWriter {
  /** The latest pieces of text, joined into one block every {@link BLOCK} pieces. */
  private pieces: string[] = [];
  private blocks: string[] = [];
  private size = 0;
  private pending: Promise<void> | undefined;
  constructor(private readonly sink: Sink) {}
  /** Add text; when a chunk is full, start writing it (after the previous write has finished). */
  async push(text: string): Promise<void> {
    this.add(text);
    if (this.size >= WRITE_CHUNK) await this.start();
  }
  /**
   * Add text without writing (call {@link BufferedWriter.ready} now and then). Pieces are
   * joined into blocks as they come: a row's text built from templates is a tree of many
   * small strings, and thousands of them kept until the chunk is written would outlive
   * young-generation collections (copied, then promoted); a block is one flat string.
   */
  add(text: string): void {
    this.pieces.push(text);
    this.size += text.length;
    if (this.pieces.length >= BLOCK) {
      this.blocks.push(this.pieces.join(""));
      this.pieces = [];
    }
  }
  /** Start writing the collected text when a chunk is full. */
  async ready(): Promise<void> {
    if (this.size >= WRITE_CHUNK) await this.start();
  }
  private async start(): Promise<void> {
    if (this.pieces.length > 0) this.blocks.push(this.pieces.join(""));
    const text = this.blocks.length === 1 ? (this.blocks[0] as string) : this.blocks.join("");
    this.pieces = [];
    this.blocks = [];
    this.size = 0;
    if (this.pending) await this.pending;
    const p = write(this.sink, text);
    p.catch(() => {}); // awaited by the next start() or flush()
    this.pending = p;
  }
  /** Write everything collected and wait until it is written. */
  async flush(): Promise<void> {
    if (this.pieces.length > 0 || this.blocks.length > 0) await this.start();
    const p = this.pending;
    this.pending = undefined;
    await p;
  }
}

/** Resolve a path given on the command line. */
export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd ?? process.cwd(), path);
}

/** An opened input: the byte stream, its size when known, and a byte counter for progress. */
export interface OpenedInput {
  readonly stream: Readable;
  readonly size: number | undefined;
  readonly name: string;
  /** Device and inode of the file read (undefined for a pipe or a terminal). */
  readonly file?: FileId | undefined;
  /** Bytes read so far. */
  bytesRead(): number;
  close(): void;
}

/** Open `path` (or stdin for `-`) as a byte stream. */
export async function openInput(io: CliIo, path: string): Promise<OpenedInput> {
  if (path === "-") {
    const stdin = io.stdin;
    if (!stdin) throw new UsageError("no standard input to read '-' from");
    let bytes = 0;
    stdin.on("data", (c: Buffer | string) => {
      bytes += c.length;
    });
    const fd0 = stdin === process.stdin ? fileOfFd(0) : undefined;
    return {
      stream: stdin,
      size: undefined,
      name: "<stdin>",
      file: fd0?.regular ? fd0 : undefined,
      bytesRead: () => bytes,
      close: () => {},
    };
  }
  const full = resolvePath(io, path);
  let size: number;
  let file: FileId;
  try {
    const s = await stat(full);
    if (s.isDirectory()) throw new UsageError(`${path} is a directory, not a file`);
    size = s.size;
    file = { dev: s.dev, ino: s.ino };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const stream = createReadStream(full);
  let bytes = 0;
  stream.on("data", (c: Buffer | string) => {
    bytes += c.length;
  });
  return {
    stream,
    size,
    name: path,
    file,
    bytesRead: () => bytes,
    close: () => stream.destroy(),
  };
}

/** Device and inode of a file, to tell whether two paths are the same file. */
export interface FileId {
  readonly dev: number;
  readonly ino: number;
}

const sameFile = (a: FileId | undefined, b: FileId | undefined) =>
  a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/** The file behind standard input or output when it is one (fd 0 / 1), else undefined. */
export function fileOfFd(fd: number): (FileId & { regular: boolean }) | undefined {
  try {
    const s = fstatSync(fd);
    return { dev: s.dev, ino: s.ino, regular: s.isFile() };
  } catch {
    return undefined;
  }
}

/** `stat` (following symbolic links), or undefined when the path does not exist. */
async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Temporary output files not yet renamed into place; removed on a signal or at exit. */
const pendingTemps = new Set<string>();

/**
 * Remove every temporary output file of this process (synchronous: safe in a
 * signal handler or an `exit` listener). The files that `--output` names are
 * untouched: they keep their previous content.
 */
export function removeTemporaryOutputs(): void {
  for (const p of pendingTemps) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  pendingTemps.clear();
}

/** An output file being written: a sink, then `commit()` (rename into place) or `abort()`. */
export interface OutputFile {
  readonly sink: Sink;
  /** Flush, sync and rename the temporary file into place. Rejects with {@link OutputError}. */
  commit(): Promise<void>;
  /** Close and remove the temporary file; the target keeps its previous content. */
  abort(): Promise<void>;
  /** The temporary file (undefined when writing straight to a device or pipe). */
  readonly temporary: string | undefined;
}

/**
 * Open `--output path` for writing without touching `path` until the output is
 * complete: the rows go to a temporary file in the same directory
 * (`.name.<pid>.<random>.tmp`), which `commit()` syncs and renames over `path`
 * (atomic on one file system). A symbolic link is followed (its target is
 * replaced); a device or FIFO (`/dev/null`, `/dev/stdout`) is written directly.
 *
 * @param inputs - files being read (device + inode): an output that is one of them is refused.
 * @throws {@link UsageError} when `path` is an input file (also through a link);
 *   {@link OutputError} when it cannot be created (missing directory, a directory, permission).
 */
export async function openOutput(
  io: CliIo,
  path: string,
  inputs: readonly (FileId | undefined)[] = [],
): Promise<OutputFile> {
  const full = resolvePath(io, path);
  let existing: Stats | undefined;
  try {
    existing = await statOrUndefined(full);
  } catch (e) {
    throw new OutputError(`cannot write ${path}: ${describe(e)}`);
  }
  if (existing && inputs.some((f) => sameFile(f, existing))) {
    throw new UsageError(
      `--output ${path} is the input file (the same file, through a link or not): write the rows to another file`,
    );
  }
  if (existing?.isDirectory()) throw new OutputError(`cannot write ${path}: it is a directory`);
  if (existing && !existing.isFile()) {
    // A device, FIFO or socket: nothing to replace atomically; write straight to it.
    let handle: FileHandle;
    try {
      handle = await open(full, "w");
    } catch (e) {
      throw new OutputError(`cannot write ${path}: ${describe(e)}`);
    }
    const sink = handleSink(handle, path);
    return {
      sink,
      temporary: undefined,
      async commit() {
        await sink.done();
        try {
          await handle.close();
        } catch (e) {
          throw new OutputError(`cannot write ${path}: ${describe(e)}`);
        }
      },
      async abort() {
        await handle.close().catch(() => {});
      },
    };
  }
  // A regular file (or none yet): follow a symbolic link to the file it names.
  const target = existing ? await realpath(full).catch(() => full) : full;
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", existing ? existing.mode & 0o7777 : 0o666);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === "ENOENT" ? `the directory ${dirname(full)} does not exist` : describe(e);
    throw new OutputError(`cannot write ${path}: ${why}`);
  }
  pendingTemps.add(temp);
  const sink = handleSink(handle, path);
  let closed = false;
  const drop = async () => {
    if (!closed) {
      closed = true;
      await handle.close().catch(() => {});
    }
    await unlink(temp).catch(() => {});
    pendingTemps.delete(temp);
  };
  return {
    sink,
    temporary: temp,
    async commit() {
      try {
        await sink.done();
        await handle.sync();
        if (existing) await chmod(temp, existing.mode & 0o7777);
        closed = true;
        await handle.close();
        await rename(temp, target);
        pendingTemps.delete(temp);
      } catch (e) {
        await drop();
        throw e instanceof OutputError
          ? e
          : new OutputError(`cannot write ${path}: ${describe(e)}`);
      }
    },
    abort: drop,
  };
}

/** A sink over a file handle: each write resolves when the bytes are written. */
function handleSink(handle: FileHandle, path: string): Sink & { done(): Promise<void> } {
  let failure: OutputError | undefined;
  let last: Promise<void> = Promise.resolve();
  const writeAll = async (chunk: string) => {
    const bytes = Buffer.from(chunk, "utf8");
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
      if (bytesWritten <= 0) throw Object.assign(new Error("short write"), { code: "ENOSPC" });
      at += bytesWritten;
    }
  };
  return {
    write(chunk: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      last = last
        .then(() => writeAll(chunk))
        .catch((e: unknown) => {
          failure ??= new OutputError(`cannot write ${path}: ${describe(e)}`);
          throw failure;
        });
      return last;
    },
    async done() {
      await last;
    },
  };
}

/**
 * A whole input stream as text (UTF-8, without a leading byte-order mark), refused past
 * {@link MAX_JSON_FILE_BYTES} with a {@link UsageError} that says what to do instead.
 *
 * @param stream - the input.
 * @param what - what the file is, for the message (`the JSON file`).
 * @param instead - the advice after the limit (e.g. how to stream the same data), or "".
 * @returns the text.
 * @throws {@link UsageError} past the limit.
 */
export async function readWhole(stream: Readable, what: string, instead: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === "string" ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > MAX_JSON_FILE_BYTES) {
      throw new UsageError(
        `${what} is larger than ${formatBytes(MAX_JSON_FILE_BYTES)}, the limit for a file read whole${instead}`,
      );
    }
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
