// Records every successful interpreter call of the test file being run: the wrapped
// classifyResponse, safeClassifyResponse, classifyMany and classifyValidated (the last is what
// the per-record timelines and cohort summaries call) each push the criteria object, a
// validated copy of the input, the options and the interpreter's category and end points.
// The state is per test file (vitest isolates each file's module graph).
import type * as Classify from "../../src/api/classify.js";
import type { ResponseResult } from "../../src/api/classify.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import { type ResponseInput, ResponseInputSchema } from "../../src/model/assessment.js";
import type { RecordedCase } from "./backends.js";

const cases: RecordedCase[] = [];
/** Calls whose input could not be read a second time (listed, never silently dropped). */
const unreadable: { via: string; reason: string }[] = [];

export const recorded = (): readonly RecordedCase[] => cases;
export const unrecorded = (): readonly { via: string; reason: string }[] => unreadable;

function record(
  via: string,
  criteria: ResponseCriteria,
  readInput: () => ResponseInput,
  options: Classify.ClassifyOptions | undefined,
  result: ResponseResult,
): void {
  let input: ResponseInput;
  try {
    input = readInput();
  } catch (e) {
    unreadable.push({ via, reason: e instanceof Error ? e.message : String(e) });
    return;
  }
  cases.push({
    criteria,
    input,
    interpretation: result.interpretation,
    allowProteinuriaSubstitution: options?.allowProteinuriaSubstitution === true,
    category: result.category,
    endpoints: result.endpoints,
    via,
  });
}

const parsed = (input: unknown) => () => ResponseInputSchema.parse(input);

/** The classify module with its four entry points wrapped (everything else as it is). */
export function wrapClassify(mod: typeof Classify): typeof Classify {
  return {
    ...mod,
    classifyResponse(criteria, input, options) {
      const r = mod.classifyResponse(criteria, input, options);
      record("classifyResponse", criteria, parsed(input), options, r);
      return r;
    },
    safeClassifyResponse(criteria, input, options) {
      const r = mod.safeClassifyResponse(criteria, input, options);
      if (r.success) record("safeClassifyResponse", criteria, parsed(input), options, r.data);
      return r;
    },
    classifyMany(criteria, inputs, options) {
      const out = mod.classifyMany(criteria, inputs, options);
      for (const o of out)
        if ("result" in o)
          record("classifyMany", criteria, parsed(inputs[o.index]), options, o.result);
      return out;
    },
    classifyValidated(criteria, input, options) {
      const r = mod.classifyValidated(criteria, input, options);
      record("classifyValidated", criteria, () => structuredClone(input), options, r);
      return r;
    },
  };
}
