// Output integrity of the built executable (issue 13, item 2), spawned as a real process:
// --output is written to a temporary file and renamed into place only when complete; every
// failure is a message on stderr and exit code 3; an output that is the input is refused
// (exit 2) before anything is truncated; a closed stdout pipe stops the run quietly (exit 0);
// SIGTERM / SIGINT remove the temporary file and leave the previous output intact.
// Skipped when the bin has not been built (LRC_CLI_BIN points the test at another build).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, SIMPLE_FLAGS, scratch } from "./helpers.js";

const BIN = process.env.LRC_CLI_BIN ?? join(ROOT, "dist", "cli.js");
const built = existsSync(BIN);
const why = built ? "" : ` (SKIPPED: ${BIN} is not built; run \`npm run build\` first)`;
if (!built) console.warn(`test/cli/output-integrity.test.ts${why}`);

const HEADER = "id,sex,up0,scr0,up,scr,alb";
const GOOD = "F,4.92,63,0.47,63,35";
const ARGS = [...SIMPLE_FLAGS, "--criteria", "kang2020"];

function csvOf(rows: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) lines.push(`p${i},${GOOD}`);
  return `${lines.join("\n")}\n`;
}

function run(args: readonly string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
    env: { ...process.env, NO_COLOR: "1" },
  });
}

/** A bash pipeline; returns the exit status of the CLI (PIPESTATUS[0]) and its stderr. */
function pipeline(cliArgs: readonly string[], rest: string) {
  const quoted = [process.execPath, BIN, ...cliArgs].map((a) => `'${a.replaceAll("'", "'\\''")}'`);
  const r = spawnSync(
    "bash",
    ["-c", `${quoted.join(" ")} 2>"$ERR" ${rest}; echo "\${PIPESTATUS[0]}"`],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, ERR: join(dir, "stderr.txt") },
    },
  );
  const status = Number(r.stdout.trim().split("\n").at(-1));
  return { status, stderr: readFileSync(join(dir, "stderr.txt"), "utf8"), stdout: r.stdout };
}

const dir = scratch();
const input = join(dir, "in.csv");
writeFileSync(input, csvOf(5));
const temps = (d: string) => readdirSync(d).filter((f) => f.endsWith(".tmp"));
/** No stack trace: stderr lines are messages, not "    at f (file:…)". */
const noStack = (s: string) => expect(s).not.toMatch(/^\s+at /m);

describe.skipIf(!built)(`--output integrity${why}`, () => {
  it("a successful run replaces the previous file and keeps its permissions; no temporary file is left", () => {
    const out = join(dir, "ok.csv");
    writeFileSync(out, "OLD\n");
    chmodSync(out, 0o640);
    const r = run(["classify", input, ...ARGS, "--output", out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe(
      "row,line,id,criteria,version,timepoint,day,category,robust,sensitive_to,missing,reason,error,warnings,notes",
    );
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(temps(dir)).toEqual([]);
  });

  it.skipIf(!existsSync("/dev/full"))("--output /dev/full: message and exit 3", () => {
    const r = run(["classify", input, ...ARGS, "--output", "/dev/full"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("error: cannot write /dev/full: no space left on the device");
    noStack(r.stderr);
  });

  it("--output in a missing directory: message and exit 3, before any row is classified", () => {
    const r = run(["classify", input, ...ARGS, "--output", join(dir, "nope", "out.csv")]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*nope.*out\.csv: the directory .*nope does not exist/);
    expect(r.stdout).toBe("");
  });

  it("--output naming a directory: message and exit 3", () => {
    const r = run(["classify", input, ...ARGS, "--output", dir]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("it is a directory");
    expect(temps(dir)).toEqual([]);
  });

  it.each([
    ["a symbolic link", (p: string, l: string) => symlinkSync(p, l)],
    ["a hard link", (p: string, l: string) => linkSync(p, l)],
    ["the same path", () => {}],
  ])(
    "--output that is the input through %s is refused (exit 2), the input unchanged",
    (_, make) => {
      const before = readFileSync(input);
      const link = _ === "the same path" ? input : join(dir, `link-${Math.random()}.csv`);
      make(input, link);
      const r = run(["classify", input, ...ARGS, "--output", link]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("is the input file");
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(temps(dir)).toEqual([]);
    },
  );

  it("standard output appended to the input ('>> in.csv') is refused, the input unchanged", () => {
    const before = readFileSync(input);
    const r = pipeline(["classify", input, ...ARGS], `>> '${input}'`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("standard output is the input file");
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it.skipIf(!existsSync("/dev/full"))(
    "standard output on a full disk: message and exit 3, no stack trace",
    () => {
      const r = pipeline(["classify", input, ...ARGS], "> /dev/full");
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(
        "error: cannot write to standard output: no space left on the device",
      );
      noStack(r.stderr);
    },
  );

  it("standard output closed early ('| head -1'): quiet, exit 0", () => {
    const big = join(dir, "big.csv");
    writeFileSync(big, csvOf(20_000));
    const r = pipeline(["classify", big, ...ARGS], "| head -1 >/dev/null");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "%s during a large run: the previous output survives, no temporary file, exit %i",
    async (signal, code) => {
      const d = join(dir, signal);
      mkdirSync(d);
      const big = join(d, "big.csv");
      writeFileSync(big, csvOf(60_000));
      const out = join(d, "out.csv");
      writeFileSync(out, "OLD\n");
      const child = spawn(process.execPath, [BIN, "classify", big, ...ARGS, "--output", out], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
      });
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on("exit", (c, s) => done({ code: c, signal: s })),
      );
      // Wait until the temporary file exists and has rows in it, then signal.
      const t0 = Date.now();
      for (;;) {
        const t = temps(d)[0];
        if (t && statSync(join(d, t)).size > 0) break;
        if (Date.now() - t0 > 20_000)
          throw new Error(`no temporary output appeared; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill(signal);
      const end = await ended;
      // Ended by the signal itself (a shell shows 128 + n), or by exit(128 + n).
      expect(end.signal === signal || end.code === code).toBe(true);
      expect(readFileSync(out, "utf8")).toBe("OLD\n");
      expect(temps(d)).toEqual([]);
      noStack(stderr);
    },
    30_000,
  );
});

// A real full disk: a 1 MiB tmpfs (needs root and permission to mount; skipped otherwise).
const mnt = join(scratch(), "tmpfs");
mkdirSync(mnt);
let mounted = "";
if (built) {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt], { stdio: "pipe" });
    mounted = mnt;
  } catch (e) {
    console.warn(
      `test/cli/output-integrity.test.ts: full-disk test SKIPPED: cannot mount a 1 MiB tmpfs here (${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`,
    );
  }
}
afterAll(() => {
  if (mounted) spawnSync("umount", [mounted]);
});

describe.skipIf(!mounted)("--output on a full 1 MiB tmpfs", () => {
  it.each(["csv", "json"])(
    "--out %s: exit 3, the previous file intact, no temporary file",
    (format) => {
      const big = join(dir, "full.csv");
      writeFileSync(big, csvOf(12_000)); // about 2 MB of CSV output rows, more as JSON
      const out = join(mounted, `out.${format}`);
      writeFileSync(out, "OLD\n");
      const r = run(["classify", big, ...ARGS, "--out", format, "--output", out]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain("no space left on the device");
      noStack(r.stderr);
      expect(readFileSync(out, "utf8")).toBe("OLD\n");
      expect(temps(mounted)).toEqual([]);
    },
  );
});
