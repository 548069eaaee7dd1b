#!/usr/bin/env node
/**
 * The `lupus-renal-criteria` executable: runs the CLI against the process.
 *
 * Signals: on SIGINT, SIGTERM or SIGHUP the temporary output file (if any) is
 * removed — the file `--output` names keeps its previous content — and the
 * process ends by the same signal (a shell sees 130, 143, 129).
 *
 * @module
 */
import { EXIT, fileOfFd, removeTemporaryOutputs } from "./io.js";
import { run } from "./run.js";

// Standard error failing (closed, full) must not crash the run: there is nowhere to report it.
process.stderr.on("error", () => {});

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    removeTemporaryOutputs();
    // End by the same signal, so that a calling shell or script sees how the run ended.
    process.kill(process.pid, signal);
    // Not reached when the signal kills the process; a fallback for platforms where it does not.
    process.exit(
      signal === "SIGINT" ? EXIT.interrupted : signal === "SIGTERM" ? EXIT.terminated : 129,
    );
  });
}
process.on("exit", removeTemporaryOutputs);

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  stdoutFile: () => fileOfFd(1),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    removeTemporaryOutputs();
    process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = EXIT.usage;
  },
);
