// Validates the JSON document on stdin against the JSON Schema (2020-12) file named by the
// first argument, with Ajv in strict mode: prints each error with its instance path and
// exits 1 when there is one, 2 when the schema itself is not valid.
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;

const schema = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const document = JSON.parse(fs.readFileSync(0, "utf8"));
let validate;
try {
  validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
} catch (e) {
  console.error(`the schema is not valid: ${e.message}`);
  process.exit(2);
}
if (!validate(document)) {
  for (const e of validate.errors) {
    console.log(`${e.message} at ${e.instancePath || "/"} (${e.schemaPath})`);
  }
  process.exit(1);
}
