/**
 * Extraction and instrumentation of the ```ts examples in the TSDoc comments of src/.
 * Used by examples.test.ts; no test runner API in here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** One fenced ```ts block of one TSDoc comment. */
export interface DocExample {
  /** `src/api/classify.ts:412 classifyResponse` */
  readonly id: string;
  /** Path relative to the project root. */
  readonly file: string;
  /** The documented declaration (`Class.member` for members, `(module)` for module comments). */
  readonly owner: string;
  /** 1-based line of the fence's first code line in the source file. */
  readonly line: number;
  readonly code: string;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listTs(join(dir, e.name))
        : e.name.endsWith(".ts")
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

function ownerName(node: ts.Node): string {
  const nameOf = (n: ts.Node): string | undefined => {
    if (ts.isVariableStatement(n)) return n.declarationList.declarations[0]?.name.getText();
    const name = (n as { name?: ts.Node }).name;
    return name ? name.getText() : undefined;
  };
  const own = nameOf(node) ?? ts.SyntaxKind[node.kind];
  const parent = node.parent;
  if (
    parent &&
    (ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeLiteralNode(parent) ||
      ts.isObjectLiteralExpression(parent))
  ) {
    const p = nameOf(parent);
    if (p) return `${p}.${own}`;
  }
  return own;
}

/** Every ```ts example in the TSDoc comments of the .ts files under `srcDir`. */
export function extractExamples(root: string, srcDir = join(root, "src")): DocExample[] {
  const out: DocExample[] = [];
  for (const path of listTs(srcDir)) {
    const text = readFileSync(path, "utf8");
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const seen = new Set<number>();
    const file = relative(root, path).split("\\").join("/");
    const visit = (node: ts.Node) => {
      for (const doc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) {
        if (seen.has(doc.pos)) continue;
        seen.add(doc.pos);
        const raw = text.slice(doc.getStart(sf), doc.end);
        // Internals (not exported by any entry point) are not documented for users.
        if (/@internal\b/.test(raw)) continue;
        const owner = /@module\b|@packageDocumentation\b/.test(raw) ? "(module)" : ownerName(node);
        const startLine = sf.getLineAndCharacterOfPosition(doc.getStart(sf)).line;
        const lines = raw.split("\n").map((l) =>
          l
            .replace(/^\s*\/\*\*\s?/, "")
            .replace(/\s*\*\/\s*$/, "")
            .replace(/^\s*\* ?/, ""),
        );
        let fence: { from: number; body: string[] } | undefined;
        lines.forEach((l, i) => {
          if (!fence && /^```(ts|typescript)\s*$/.test(l.trim())) {
            fence = { from: i + 1, body: [] };
          } else if (fence && l.trim() === "```") {
            const line = startLine + fence.from + 1;
            out.push({
              id: `${file}:${line} ${owner}`,
              file,
              owner,
              line,
              code: `${fence.body.join("\n")}\n`,
            });
            fence = undefined;
          } else if (fence) {
            fence.body.push(l);
          }
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Every ```ts block of the given Markdown files (fences may be indented, e.g. inside a list
 * item; the indentation is removed). The owner is `(guide)`.
 */
export function extractMarkdownExamples(root: string, files: readonly string[]): DocExample[] {
  const out: DocExample[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), "utf8").split("\n");
    let fence: { from: number; indent: string; body: string[] } | undefined;
    lines.forEach((l, i) => {
      const open = /^(\s*)```(ts|typescript)\s*$/.exec(l);
      if (!fence && open) {
        fence = { from: i + 1, indent: open[1] ?? "", body: [] };
      } else if (fence && l.trim() === "```") {
        out.push({
          id: `${file}:${fence.from + 1} (guide)`,
          file,
          owner: "(guide)",
          line: fence.from + 1,
          code: `${fence.body.join("\n")}\n`,
        });
        fence = undefined;
      } else if (fence) {
        fence.body.push(l.startsWith(fence.indent) ? l.slice(fence.indent.length) : l);
      }
    });
  }
  return out;
}

/**
 * The JavaScript literal at the start of a result comment (`'PR'`, `true: …`, `[]`,
 * `{ value: 0.5, unit: 'g/24h' }`, `62.764`), or undefined when the comment does not
 * start with one (`≈ 106.08 µmol/L`, `Category: …`).
 */
export function leadingLiteral(comment: string): string | undefined {
  const s = comment.trim();
  const c = s[0];
  let end = -1;
  if (c === "'" || c === '"' || c === "`") {
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "\\") i++;
      else if (s[i] === c) {
        end = i + 1;
        break;
      }
    }
  } else if (c === "[" || c === "{") {
    let depth = 0;
    let quote: string | undefined;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"' || ch === "`") quote = ch;
      else if (ch === "[" || ch === "{") depth++;
      else if (ch === "]" || ch === "}") {
        depth--;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
  } else {
    const m = /^(-?\d+(\.\d+)?(e[+-]?\d+)?|true|false|null|undefined)(?![\w.$])/.exec(s);
    if (m) end = m[0].length;
  }
  if (end < 0) return undefined;
  const rest = s.slice(end);
  if (rest !== "" && !/^[\s,:;(]/.test(rest)) return undefined;
  return s.slice(0, end);
}

/** A result comment found after an expression statement. */
export interface ResultComment {
  /** The statement's source text (for messages). */
  readonly expression: string;
  /** The literal as written. */
  readonly literal: string;
  /** The literal elides entries (`...` or `…`): compare the entries it lists. */
  readonly partial: boolean;
  /** 1-based line in the example. */
  readonly line: number;
}

/**
 * Rewrite an example so that every expression statement followed by a result
 * comment (`expr; // 'PR'`, or the comment alone on the next line) reports its
 * value: `__check(<index>, (expr))`. Returns the rewritten code and the comments.
 */
export function instrument(code: string): { code: string; checks: ResultComment[] } {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const checks: ResultComment[] = [];
  const commentText = (r: ts.CommentRange) => code.slice(r.pos + 2, r.end);
  const visit = (node: ts.Node) => {
    if (ts.isExpressionStatement(node)) {
      const stmtLine = sf.getLineAndCharacterOfPosition(node.end).line;
      const same = ts.getTrailingCommentRanges(code, node.end) ?? [];
      let ranges = same.filter((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
      if (ranges.length === 0) {
        // The comment alone on the next line(s): `f(x);\n// 'result'`.
        const next = (ts.getLeadingCommentRanges(code, node.end) ?? []).filter(
          (r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia,
        );
        const first = next[0];
        if (first && sf.getLineAndCharacterOfPosition(first.pos).line === stmtLine + 1) {
          ranges = [];
          let line = stmtLine + 1;
          for (const r of next) {
            if (sf.getLineAndCharacterOfPosition(r.pos).line !== line) break;
            ranges.push(r);
            line++;
          }
        }
      }
      if (ranges.length > 0) {
        // Join consecutive comment lines until the literal is complete.
        let text = "";
        let literal: string | undefined;
        for (const r of ranges) {
          text = text ? `${text} ${commentText(r).trim()}` : commentText(r);
          literal = leadingLiteral(text);
          if (literal) break;
        }
        if (literal) {
          const partial = /\.\.\.|…/.test(literal);
          const index = checks.length;
          checks.push({
            expression: node.expression.getText(sf),
            literal,
            partial,
            line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
          });
          edits.push({
            start: node.expression.getStart(sf),
            end: node.expression.end,
            text: `__check(${index}, (${node.expression.getText(sf)}))`,
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return { code: out, checks };
}

/** Evaluate a result comment's literal; elisions (`...`, `…`) are dropped. */
export function evaluateLiteral(literal: string): unknown {
  const cleaned = literal
    .replace(/,\s*(\.\.\.|…)\s*(?=[}\]])/g, "")
    .replace(/(\.\.\.|…)\s*,?\s*(?=[}\]])/g, "");
  return new Function(`return (${cleaned});`)();
}

/** Transpile an (instrumented) example to a CommonJS function body. */
export function toCommonJs(code: string): string {
  return ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: false,
    },
  }).outputText;
}
