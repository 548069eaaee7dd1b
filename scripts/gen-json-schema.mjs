// Writes schema/*.schema.json from the built library (run after `tsup`).
// test/io/json-schema.test.ts and test/ir/schema.test.ts fail when the committed files are stale.
import { writeFileSync } from "node:fs";
import { criteriaJsonSchema, jsonSchemas } from "../dist/index.js";

const { patientRecord, responseInput } = jsonSchemas();
const write = (file, schema) => writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
write("schema/patient-record.schema.json", patientRecord);
write("schema/response-input.schema.json", responseInput);
write("schema/criteria.schema.json", criteriaJsonSchema());
console.log(
  "wrote schema/patient-record.schema.json, schema/response-input.schema.json, schema/criteria.schema.json",
);
