import Ajv from "ajv";
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({ type: "object", properties: { n: { type: "integer", minimum: 1 }, s: { type: "string" } }, required: ["n"], additionalProperties: false });
console.log(validate({ n: 2, s: "x" }), validate({ n: 0, z: 1 }), JSON.stringify(validate.errors.map((e) => e.keyword)));
