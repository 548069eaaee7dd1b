/**
 * Parsing treatment-history strings as case-report forms and published tables
 * write them into a structured {@link TreatmentHistory}:
 *
 * - Kang 2020, Table 1, "Previous medications and outcome":
 *   `Cyc → Cs* (CR → F) Cyc → LEF* (CR → F) RTX (NR)` — courses in order, each
 *   with its best response and what ended it;
 * - Zhang 2023, Table 1, "Previous immunosuppressive agents": `CTX, MMF, AZA` —
 *   agents only, order and responses not reported.
 *
 * The parser never throws. Every problem comes back with the character offset
 * (a JavaScript string index into the text as given) where it starts.
 *
 * @module
 */
import {
  AGENT_ALIASES,
  type AgentName,
  type CourseResponse,
  normalizeAgent,
  type TreatmentCourse,
  type TreatmentHistory,
  TreatmentHistorySchema,
} from "../model/treatment.js";

/**
 * How {@link parseMedicationHistory} reads its text.
 *
 * - `kang`: courses written `AGENTS (RESPONSE[ → F | → AE])`, in order (Kang 2020).
 * - `list`: agents separated by commas or semicolons, order and responses not
 *   reported (Zhang 2023).
 * - `auto`: `kang` when the text contains a parenthesis (Kang's parenthesised
 *   responses), else `list`.
 *
 * @example
 * ```ts
 * import type { MedicationHistoryFormat } from 'lupus-renal-criteria';
 * const f: MedicationHistoryFormat = 'kang';
 * ```
 * @category Data in and out
 */
export type MedicationHistoryFormat = "kang" | "list" | "auto";

/**
 * Options of {@link parseMedicationHistory}.
 *
 * @example
 * ```ts
 * import { parseMedicationHistory, type MedicationHistoryOptions } from 'lupus-renal-criteria';
 * const options: MedicationHistoryOptions = { format: 'list' };
 * parseMedicationHistory('CTX, MMF', options);
 * ```
 * @category Data in and out
 */
export interface MedicationHistoryOptions {
  /** How to read the text; default `auto`. */
  readonly format?: MedicationHistoryFormat | undefined;
}

/**
 * One problem found by {@link parseMedicationHistory}.
 *
 * @example
 * ```ts
 * import { parseMedicationHistory } from 'lupus-renal-criteria';
 * const r = parseMedicationHistory('MMF (PR → F) Aspirin (NR)');
 * if (!r.ok) r.errors[0]; // { offset: 13, message: 'unknown agent "Aspirin" at offset 13; …' }
 * ```
 * @category Data in and out
 */
export interface MedicationHistoryError {
  /** Where the problem starts: a character index (JavaScript string index) into the text as given. */
  readonly offset: number;
  /** What is wrong, for a person to read. */
  readonly message: string;
}

/**
 * The result of {@link parseMedicationHistory}: the history and any warnings,
 * or the errors. On failure, `partial` holds the courses that were read
 * without error, when there are any.
 *
 * @example
 * ```ts
 * import { parseMedicationHistory } from 'lupus-renal-criteria';
 * const r = parseMedicationHistory('MMF (PR → F) TAC (NR)');
 * if (r.ok) r.history.courses.length; // 2
 * else r.errors.map((e) => `${e.offset}: ${e.message}`);
 * ```
 * @category Data in and out
 */
export type MedicationHistoryParse =
  | {
      readonly ok: true;
      /** The history; it satisfies `TreatmentHistorySchema`. */
      readonly history: TreatmentHistory;
      /** Readings worth a second look, e.g. a sequence without Kang's `*`. */
      readonly warnings: string[];
    }
  | {
      readonly ok: false;
      /** Every problem found, in the order of the text. */
      readonly errors: MedicationHistoryError[];
      /** The courses read without error, when there are any. */
      readonly partial?: TreatmentHistory;
    };

// ---------------------------------------------------------------------------
// Tokens

type TokenKind = "word" | "arrow" | "lparen" | "rparen" | "plus" | "star" | "sep";

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** LaTeX arrows as PDF-to-text conversion leaves them: `$\rightarrow$`, `\rightarrow`, `$\to$`. */
const LATEX_ARROW =
  /\$\s*\\(?:long)?rightarrow\s*\$|\\(?:long)?rightarrow(?![A-Za-z])|\$\s*\\to\s*\$/y;
/** Every arrow spelling the tokenizer accepts, for normalising a course's verbatim text. */
const ANY_ARROW =
  /\$\s*\\(?:long)?rightarrow\s*\$|\\(?:long)?rightarrow(?![A-Za-z])|\$\s*\\to\s*\$|->|→|⟶/g;

const SINGLE: Readonly<Record<string, TokenKind>> = {
  "(": "lparen",
  "（": "lparen",
  ")": "rparen",
  "）": "rparen",
  "+": "plus",
  "＋": "plus",
  "*": "star",
  "＊": "star",
  ",": "sep",
  ";": "sep",
  "，": "sep",
  "；": "sep",
  "、": "sep",
  "→": "arrow",
  "⟶": "arrow",
};

const WHITESPACE = /\s/;

/** Length of the arrow starting at `i`, or 0. */
function arrowAt(text: string, i: number): number {
  const c = text[i];
  if (c === "→" || c === "⟶") return 1;
  if (c === "-" && text[i + 1] === ">") return 2;
  if (c === "$" || c === "\\") {
    LATEX_ARROW.lastIndex = i;
    const m = LATEX_ARROW.exec(text);
    if (m) return m[0].length;
  }
  return 0;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const arrow = arrowAt(text, i);
    if (arrow > 0) {
      tokens.push({ kind: "arrow", start: i, end: i + arrow, text: text.slice(i, i + arrow) });
      i += arrow;
      continue;
    }
    const kind = Object.hasOwn(SINGLE, c) ? SINGLE[c] : undefined;
    if (kind) {
      tokens.push({ kind, start: i, end: i + 1, text: c });
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = text[i] as string;
      if (WHITESPACE.test(d) || Object.hasOwn(SINGLE, d) || arrowAt(text, i) > 0) break;
      i++;
    }
    tokens.push({ kind: "word", start, end: i, text: text.slice(start, i) });
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// Shared parsing state and helpers

interface State {
  readonly text: string;
  readonly tokens: readonly Token[];
  pos: number;
  readonly errors: MedicationHistoryError[];
  readonly warnings: string[];
}

/** Words of a (possibly multi-word) agent name such as "Pulse steroids". */
interface Phrase {
  readonly words: readonly Token[];
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Group {
  readonly agents: readonly AgentName[];
  readonly mode: TreatmentCourse["mode"];
  readonly start: number;
  readonly end: number;
  /** False when an agent could not be resolved (the error is already recorded). */
  readonly resolved: boolean;
  /** True when the error already said that a response or separator is missing. */
  readonly split: boolean;
}

const peek = (s: State): Token | undefined => s.tokens[s.pos];

/** Show a piece of the input in a message, shortened when long. */
function quote(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(t);
}

/** A brief list of accepted spellings for "unknown agent" messages. */
const ACCEPTED = `accepted spellings include ${Object.keys(AGENT_ALIASES)
  .filter((k) => !k.includes(" ") && k.length <= 5)
  .map((k) => k.toUpperCase())
  .join(", ")}, "Pulse steroids", or a full name such as cyclophosphamide or tacrolimus`;

/** Normalise the arrows of a slice of the input to "→" and its white space to single spaces. */
function verbatimOf(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(ANY_ARROW, "→").replace(/\s+/g, " ").trim();
}

function readPhrase(s: State): Phrase | undefined {
  const words: Token[] = [];
  for (let t = peek(s); t?.kind === "word"; t = peek(s)) {
    words.push(t);
    s.pos++;
  }
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return undefined;
  return { words, text: words.map((w) => w.text).join(" "), start: first.start, end: last.end };
}

/**
 * Split the words of a phrase into known agent names (each of at most 4 words),
 * if possible; returns the first two pieces of such a split.
 */
function segment(words: readonly Token[]): [Phrase, Phrase] | undefined {
  const n = words.length;
  const phraseOf = (i: number, j: number): Phrase => {
    const piece = words.slice(i, j);
    return {
      words: piece,
      text: piece.map((w) => w.text).join(" "),
      start: (piece[0] as Token).start,
      end: (piece[piece.length - 1] as Token).end,
    };
  };
  // next[i]: where the first piece of a split of words[i..n) ends, or -1 when there is none.
  const next = new Int32Array(n + 1).fill(-1);
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j <= Math.min(n, i + 4); j++) {
      if (next[j] === -1) continue;
      if (normalizeAgent(phraseOf(i, j).text) === undefined) continue;
      next[i] = j;
      break;
    }
  }
  const a = next[0] ?? -1;
  if (a <= 0 || a >= n) return undefined;
  const b = next[a] ?? -1;
  return [phraseOf(0, a), phraseOf(a, b)];
}

/**
 * The agent a phrase names; `"split"` when it is several known agents run
 * together (a missing response or separator), `undefined` when unknown. Errors
 * are recorded.
 */
function resolve(
  s: State,
  phrase: Phrase,
  format: "kang" | "list",
): AgentName | "split" | undefined {
  const agent = normalizeAgent(phrase.text);
  if (agent !== undefined) return agent;
  const pieces = phrase.words.length > 1 ? segment(phrase.words) : undefined;
  if (pieces) {
    const [a, b] = pieces;
    s.errors.push({
      offset: a.end,
      message:
        format === "kang"
          ? `missing response after ${quote(a.text)} at offset ${a.end}: each course is written "AGENTS (CR|PR|NR)", optionally "(PR → F)" or "(CR → AE)"`
          : `missing ',' between ${quote(a.text)} and ${quote(b.text)} at offset ${a.end}`,
    });
    return "split";
  }
  s.errors.push({
    offset: phrase.start,
    message: `unknown agent ${quote(phrase.text)} at offset ${phrase.start}; ${ACCEPTED}`,
  });
  return undefined;
}

/** Where the next token starts, or the end of the text. */
const here = (s: State): number => peek(s)?.start ?? s.text.length;

function describe(t: Token | undefined): string {
  return t ? quote(t.text) : "the end of the text";
}

/**
 * AGENTS: one agent, `A + B …` (combination) or `A → B …[*]` (sequence).
 * Returns undefined after recording a syntax error (the caller recovers).
 */
function parseGroup(s: State, format: "kang" | "list"): Group | undefined {
  const first = readPhrase(s);
  if (!first) {
    const t = peek(s);
    s.errors.push({
      offset: here(s),
      message: `expected an agent name at offset ${here(s)}, found ${describe(t)}`,
    });
    return undefined;
  }
  const phrases: Phrase[] = [first];
  let op: "plus" | "arrow" | undefined;
  let ok = true;
  for (let t = peek(s); t?.kind === "plus" || t?.kind === "arrow"; t = peek(s)) {
    if (op !== undefined && op !== t.kind) {
      s.errors.push({
        offset: t.start,
        message: `${quote(t.text)} at offset ${t.start}: one course cannot mix '+' (combination) and '→' (sequence); write one regimen per course`,
      });
      ok = false;
    }
    op ??= t.kind;
    s.pos++;
    const next = readPhrase(s);
    if (!next) {
      s.errors.push({
        offset: here(s),
        message: `expected an agent name after ${quote(t.text)} at offset ${here(s)}, found ${describe(peek(s))}`,
      });
      return undefined;
    }
    phrases.push(next);
  }
  const last = phrases[phrases.length - 1] as Phrase;
  let end = last.end;
  let starred = false;
  const star = peek(s);
  if (star?.kind === "star") {
    s.pos++;
    starred = true;
    end = star.end;
    const after = peek(s);
    if (after?.kind === "plus" || after?.kind === "arrow" || after?.kind === "star") {
      s.errors.push({
        offset: star.start,
        message: `'*' at offset ${star.start} must follow the last agent of a sequence ("Cyc → MMF*")`,
      });
      return undefined;
    }
  }
  const agents: AgentName[] = [];
  let split = false;
  for (const p of phrases) {
    const a = resolve(s, p, format);
    if (a === "split") split = true;
    if (a === undefined || a === "split") ok = false;
    else agents.push(a);
  }
  const mode: TreatmentCourse["mode"] =
    op === "arrow" ? "sequence" : op === "plus" ? "combination" : "single";
  const shown = verbatimOf(s.text, first.start, end);
  if (mode === "sequence" && !starred) {
    s.warnings.push(
      `${quote(shown)} at offset ${first.start}: a sequence without Kang's trailing '*'; read as one regimen given in sequence`,
    );
  }
  if (mode === "sequence" && starred && ok && agents[0] !== "cyclophosphamide") {
    s.warnings.push(
      `${quote(shown)} at offset ${first.start}: Kang's '*' marks cyclophosphamide in sequence with another agent, but this sequence does not start with cyclophosphamide`,
    );
  }
  if (mode !== "sequence" && starred) {
    s.warnings.push(
      `${quote(shown)} at offset ${first.start}: '*' marks a sequence ("Cyc → MMF*"); ignored on a ${mode} course`,
    );
  }
  return { agents, mode, start: first.start, end, resolved: ok, split };
}

function course(
  group: Group,
  bestResponse: CourseResponse,
  outcome: TreatmentCourse["outcome"],
  verbatim: string,
): TreatmentCourse {
  const base = { agents: group.agents, mode: group.mode, bestResponse };
  return outcome === undefined ? { ...base, verbatim } : { ...base, outcome, verbatim };
}

const RESPONSES: Readonly<Record<string, CourseResponse>> = { CR: "CR", PR: "PR", NR: "NR" };
const OUTCOMES: Readonly<Record<string, NonNullable<TreatmentCourse["outcome"]>>> = {
  F: "failure-or-relapse",
  AE: "adverse-event",
};

const lookup = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

// ---------------------------------------------------------------------------
// Kang format

/**
 * After a syntax error inside parentheses: skip past the next ')' — unless a
 * '(' (the next course's) or the end comes first, then resume where the error
 * was found so the following course is still read.
 */
function recoverInParens(s: State): void {
  for (let j = s.pos; j < s.tokens.length; j++) {
    const k = s.tokens[j]?.kind;
    if (k === "rparen") {
      s.pos = j + 1;
      return;
    }
    if (k === "lparen") return;
  }
}

/** `( RESPONSE [→ OUTCOME] )`, positioned on the '('. Returns undefined after an error. */
function parseResponse(
  s: State,
  open: Token,
): { response: CourseResponse; outcome: TreatmentCourse["outcome"]; end: number } | undefined {
  s.pos++; // '('
  const unclosed = (): undefined => {
    s.errors.push({
      offset: open.start,
      message: `unbalanced parenthesis: '(' at offset ${open.start} is never closed`,
    });
    return undefined;
  };
  const expected = (what: string): undefined => {
    const t = peek(s);
    if (!t) return unclosed();
    s.errors.push({
      offset: t.start,
      message: `expected ${what} at offset ${t.start}, found ${describe(t)}`,
    });
    recoverInParens(s);
    return undefined;
  };
  let ok = true;
  const r = peek(s);
  if (r?.kind === "rparen") {
    s.errors.push({
      offset: r.start,
      message: `missing response at offset ${r.start}: expected CR, PR or NR inside the parentheses`,
    });
    s.pos++;
    return undefined;
  }
  if (r?.kind !== "word") return expected("a response (CR, PR or NR)");
  s.pos++;
  const response = lookup(RESPONSES, r.text.toUpperCase());
  if (response === undefined) {
    s.errors.push({
      offset: r.start,
      message: `unknown response ${quote(r.text)} at offset ${r.start}: expected CR, PR or NR`,
    });
    ok = false;
  }
  let outcome: TreatmentCourse["outcome"];
  const arrow = peek(s);
  if (arrow?.kind === "arrow") {
    s.pos++;
    const o = peek(s);
    if (o?.kind !== "word") return expected("an outcome ('F' or 'AE') after '→'");
    s.pos++;
    outcome = lookup(OUTCOMES, o.text.toUpperCase());
    if (outcome === undefined) {
      s.errors.push({
        offset: o.start,
        message: `unknown outcome ${quote(o.text)} at offset ${o.start}: expected F (failure or relapse) or AE (adverse event)`,
      });
      ok = false;
    }
  }
  const close = peek(s);
  if (close?.kind !== "rparen") {
    if (!close) return unclosed();
    let j = s.pos;
    while (j < s.tokens.length && s.tokens[j]?.kind !== "lparen" && s.tokens[j]?.kind !== "rparen")
      j++;
    if (s.tokens[j]?.kind !== "rparen") {
      // No ')' before the next course's '(' (or the end): the '(' was left open.
      s.errors.push({
        offset: open.start,
        message: `unbalanced parenthesis: '(' at offset ${open.start} is not closed before ${describe(close)} at offset ${close.start}`,
      });
      return undefined; // resume at the token found: it starts the next course
    }
    return expected(arrow?.kind === "arrow" ? "')'" : "'→ F', '→ AE' or ')' after the response");
  }
  s.pos++;
  return ok && response !== undefined ? { response, outcome, end: close.end } : undefined;
}

/**
 * After an error outside parentheses: skip to the next parenthesis; skip a
 * parenthesised response as a whole (it belongs to the failed course).
 */
function skipCourse(s: State): void {
  while (s.pos < s.tokens.length) {
    const k = peek(s)?.kind;
    if (k === "lparen" || k === "rparen") break;
    s.pos++;
  }
  const t = peek(s);
  if (t?.kind === "rparen") s.pos++;
  else if (t?.kind === "lparen") {
    s.pos++;
    recoverInParens(s);
  }
}

function parseKang(s: State): TreatmentCourse[] {
  const courses: TreatmentCourse[] = [];
  while (s.pos < s.tokens.length) {
    const t = peek(s) as Token;
    if (t.kind === "sep") {
      s.pos++; // courses may be separated by ',' or ';' as well as by spaces
      continue;
    }
    if (t.kind !== "word") {
      s.errors.push({
        offset: t.start,
        message:
          t.kind === "rparen"
            ? `unbalanced parenthesis: ')' at offset ${t.start} has no matching '('`
            : t.kind === "lparen"
              ? `'(' at offset ${t.start}: a response without an agent before it`
              : `expected an agent name at offset ${t.start}, found ${quote(t.text)}`,
      });
      if (t.kind === "lparen") skipCourse(s);
      else s.pos++;
      continue;
    }
    const errorsBefore = s.errors.length;
    const group = parseGroup(s, "kang");
    if (!group) {
      skipCourse(s);
      continue;
    }
    const open = peek(s);
    if (open?.kind !== "lparen") {
      if (!group.split) {
        s.errors.push({
          offset: group.end,
          message: `missing response after ${quote(verbatimOf(s.text, group.start, group.end))} at offset ${group.end}: expected "(CR)", "(PR)" or "(NR)", optionally with "→ F" or "→ AE"`,
        });
      }
      continue;
    }
    const response = parseResponse(s, open);
    if (!response || !group.resolved || s.errors.length > errorsBefore) continue;
    courses.push(
      course(
        group,
        response.response,
        response.outcome,
        verbatimOf(s.text, group.start, response.end),
      ),
    );
  }
  return courses;
}

// ---------------------------------------------------------------------------
// List format

function skipToSeparator(s: State): void {
  while (s.pos < s.tokens.length && peek(s)?.kind !== "sep") s.pos++;
}

function parseList(s: State): TreatmentCourse[] {
  const courses: TreatmentCourse[] = [];
  while (s.pos < s.tokens.length) {
    const t = peek(s) as Token;
    if (t.kind === "sep") {
      const prev = s.tokens[s.pos - 1];
      // ", ," or a leading separator; a single trailing separator is harmless.
      if (prev === undefined || prev.kind === "sep") {
        s.warnings.push(`empty item before ${quote(t.text)} at offset ${t.start} ignored`);
      }
      s.pos++;
      continue;
    }
    const errorsBefore = s.errors.length;
    const group = parseGroup(s, "list");
    if (!group) {
      skipToSeparator(s);
      continue;
    }
    const after = peek(s);
    if (after !== undefined && after.kind !== "sep") {
      s.errors.push({
        offset: after.start,
        message:
          after.kind === "lparen" || after.kind === "rparen"
            ? `parenthesis at offset ${after.start}: the list format has no responses; write "AGENTS (CR|PR|NR)" courses with format 'kang' or 'auto'`
            : `expected ',' or ';' at offset ${after.start}, found ${quote(after.text)}`,
      });
      skipToSeparator(s);
      continue;
    }
    if (!group.resolved || s.errors.length > errorsBefore) continue;
    courses.push({
      agents: group.agents,
      mode: group.mode,
      bestResponse: "unknown",
      verbatim: verbatimOf(s.text, group.start, group.end),
    });
  }
  return courses;
}

// ---------------------------------------------------------------------------
// Entry point

/** Explicit "no previous treatment" (Zhang 2023's legend: "/, none"). */
const NONE = new Set(["none", "/"]);

/**
 * Parse a treatment-history string into a {@link TreatmentHistory}. Never
 * throws: problems come back as errors with the character offset where they
 * start, together with the courses that were read without error (`partial`).
 *
 * - `kang` (Kang 2020, Table 1): courses in order, each `AGENTS (RESPONSE)` or
 *   `AGENTS (RESPONSE → F)` (failure or relapse) or `AGENTS (RESPONSE → AE)`
 *   (adverse event), RESPONSE being CR, PR or NR. AGENTS is one agent, `A + B`
 *   (given together) or `A → B*` (one regimen given in sequence — Kang's `*`,
 *   cyclophosphamide induction followed by another agent; accepted without the
 *   `*` with a warning). Arrows may be written `→`, `->`, `⟶` or `$\rightarrow$`;
 *   courses are separated by spaces (or commas / semicolons). The history is
 *   `ordered`.
 * - `list` (Zhang 2023, Table 1): agents separated by commas or semicolons, each
 *   a course with response `unknown`; the history is not `ordered`. `A + B` in
 *   one item is a combination.
 * - `auto` (default): `kang` when the text contains a parenthesis, else `list`.
 *
 * Agents are normalised with `normalizeAgent` (case-insensitive; multi-word
 * names such as "Pulse steroids" are accepted). The text `none` or `/` alone is
 * an explicit empty history. Each course's `verbatim` is its own text with
 * arrows written `→`; the history's `verbatim` is the whole text as given.
 *
 * @param text - the history as written in the table or case-report form.
 * @param options - `format`: `kang`, `list` or `auto` (default).
 * @returns `{ ok: true, history, warnings }` or `{ ok: false, errors, partial? }`.
 * @example
 * ```ts
 * import { parseMedicationHistory } from 'lupus-renal-criteria';
 * // Kang 2020, Table 1, patient 4
 * const r = parseMedicationHistory('Cyc → MMF* (CR → F) TAC (NR)');
 * if (r.ok) r.history.courses[0];
 * // { agents: ['cyclophosphamide', 'mycophenolate'], mode: 'sequence',
 * //   bestResponse: 'CR', outcome: 'failure-or-relapse', verbatim: 'Cyc → MMF* (CR → F)' }
 * // Zhang 2023, Table 1, patient 9
 * parseMedicationHistory('CTX, MMF'); // ok, two courses with bestResponse 'unknown', ordered: false
 * parseMedicationHistory('Aspirin (NR)'); // ok: false, errors: [{ offset: 0, message: 'unknown agent "Aspirin" …' }]
 * ```
 * @category Data in and out
 */
export function parseMedicationHistory(
  text: string,
  options?: MedicationHistoryOptions,
): MedicationHistoryParse {
  if (typeof text !== "string") {
    return { ok: false, errors: [{ offset: 0, message: "the history must be a string" }] };
  }
  const format = options?.format ?? "auto";
  if (format !== "kang" && format !== "list" && format !== "auto") {
    return {
      ok: false,
      errors: [
        {
          offset: 0,
          message: `unknown format ${quote(String(format))}: expected 'kang', 'list' or 'auto'`,
        },
      ],
    };
  }
  if (text.trim() === "") {
    return { ok: false, errors: [{ offset: 0, message: "empty treatment history" }] };
  }
  const tokens = tokenize(text);
  const kang =
    format === "kang" ||
    (format === "auto" && tokens.some((t) => t.kind === "lparen" || t.kind === "rparen"));
  if (NONE.has(text.trim().toLowerCase())) {
    return { ok: true, history: { courses: [], ordered: kang, verbatim: text }, warnings: [] };
  }
  const s: State = { text, tokens, pos: 0, errors: [], warnings: [] };
  const courses = kang ? parseKang(s) : parseList(s);
  const history: TreatmentHistory = { courses, ordered: kang, verbatim: text };
  if (s.errors.length === 0 && courses.length === 0) {
    s.errors.push({ offset: 0, message: "no agent found in the treatment history" });
  }
  if (s.errors.length > 0) {
    return courses.length > 0
      ? { ok: false, errors: s.errors, partial: history }
      : { ok: false, errors: s.errors };
  }
  // Defensive: the parser only builds valid courses, but the schema has the last word.
  const checked = TreatmentHistorySchema.safeParse(history);
  if (!checked.success) {
    return {
      ok: false,
      errors: [{ offset: 0, message: `internal error: ${checked.error.message}` }],
    };
  }
  return { ok: true, history, warnings: s.warnings };
}
