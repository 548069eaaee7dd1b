/**
 * JSON Schema (draft 2020-12) of the input formats, for validators in other
 * languages and for documentation.
 *
 * @module
 */
import { z } from "zod";
import { ResponseInputSchema } from "../model/assessment.js";
import { PatientRecordSchema } from "../model/record.js";

/**
 * The JSON Schemas of the patient record and of a response assessment, generated
 * from the library's zod schemas (input side: `null` is allowed where the zod
 * schema accepts it as "missing"). Unit fields list the accepted spellings.
 * Checks that JSON Schema cannot express (e.g. a sequence course needs two
 * agents) are enforced only by the zod schemas.
 *
 * @returns `{ patientRecord, responseInput }` as plain JSON objects.
 * @example
 * ```ts
 * import { jsonSchemas } from 'lupus-renal-criteria';
 * const { patientRecord } = jsonSchemas();
 * patientRecord.$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 * @category Data in and out
 */
export function jsonSchemas(): {
  patientRecord: Record<string, unknown>;
  responseInput: Record<string, unknown>;
} {
  const opts = { io: "input", unrepresentable: "any" } as const;
  return {
    patientRecord: {
      ...z.toJSONSchema(PatientRecordSchema, opts),
      title: "lupus-renal-criteria PatientRecord",
    },
    responseInput: {
      ...z.toJSONSchema(ResponseInputSchema, opts),
      title: "lupus-renal-criteria ResponseInput",
    },
  };
}
