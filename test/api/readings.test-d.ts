// Type-level promises (issue 14): a shipped definition's interpretation parameters and readings
// are literal types, so a misspelt parameter or reading is a compile error; an object typed as
// plain ResponseCriteria (loaded from JSON) accepts any names and is checked at run time; the
// shipped objects stay usable as ResponseCriteria.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ClassifyOptions,
  classifyResponse,
  compile,
  criteria,
  type InterpretationChoice,
  type InterpretationChoiceOf,
  type kang2020,
  loadCriteria,
  type ResponseCriteria,
  safeClassifyResponse,
  zhang2023,
} from "../../src/index.js";

describe("reading names are checked by the compiler", () => {
  it("a shipped definition's parameters and readings are literal unions", () => {
    expectTypeOf<InterpretationChoiceOf<typeof zhang2023>>().toEqualTypeOf<{
      readonly crProteinuriaCutoff?: "0.5" | "0.7";
      readonly creatinineBand?: "stable-or-improved" | "symmetric";
      readonly nephroticBaseline?: ">3.5" | ">=3.5";
    }>();
    // A parameter built by a shared factory keeps its name; its readings are strings.
    expectTypeOf<InterpretationChoiceOf<typeof kang2020>>().toHaveProperty("creatinineReference");
  });

  it("classifyResponse, safeClassifyResponse and compile refuse a wrong name", () => {
    classifyResponse(zhang2023, {}, { interpretation: { crProteinuriaCutoff: "0.7" } });
    // @ts-expect-error '0.9' is not a reading of crProteinuriaCutoff
    classifyResponse(zhang2023, {}, { interpretation: { crProteinuriaCutoff: "0.9" } });
    // @ts-expect-error a misspelt parameter
    safeClassifyResponse(criteria.zhang2023, {}, { interpretation: { crProteinuriaCutof: "0.7" } });
    // @ts-expect-error a reading of another definition
    compile(criteria.kdigo2012, { interpretation: { crProteinuriaCutoff: "0.7" } });
    compile(criteria.kdigo2012, { interpretation: { crUpcrOperator: "<" } });
  });

  it("an object typed as plain ResponseCriteria takes any names (checked at run time)", () => {
    const fromJson: ResponseCriteria = loadCriteria(JSON.stringify(zhang2023)) as ResponseCriteria;
    expectTypeOf<InterpretationChoiceOf<typeof fromJson>>().toEqualTypeOf<InterpretationChoice>();
    classifyResponse(fromJson, {}, { interpretation: { anything: "goes" } });
    expectTypeOf<ClassifyOptions["interpretation"]>().toEqualTypeOf<
      InterpretationChoice | undefined
    >();
  });

  it("the shipped objects are still ResponseCriteria", () => {
    expectTypeOf(zhang2023).toMatchTypeOf<ResponseCriteria>();
    const all: readonly ResponseCriteria[] = Object.values(criteria);
    expectTypeOf(all).items.toHaveProperty("schedule");
  });
});
