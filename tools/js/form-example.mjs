// How a web form checks a registration against the published schema before sending it
// (docs/schemas.md shows it). Run: node tools/js/form-example.mjs
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";

// In a browser: const schema = await (await fetch(SCHEMA_URL)).json();
const schema = JSON.parse(readFileSync(new URL("../../schemas/registration.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
// An occurrence of a series is named by its wall-clock start, without offset (not a standard format).
ajv.addFormat("partial-date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/);
const validateRegistration = ajv.compile(schema);

const form = {
  full_name: "Aigerim Bekova",
  email: "aigerim@example.kg",
  country: "Kyrgyz Republic",
  audience: "government_official",
  language: "ru",
  consent: true,
  submitted_at: new Date("2024-07-15T09:30:00+06:00").toISOString(),
};
if (!validateRegistration(form)) throw new Error(ajv.errorsText(validateRegistration.errors));

// For a series taken per occurrence, the form names the session (the organiser's local time).
if (!validateRegistration({ ...form, occurrence: "2025-10-28T10:00:00" })) throw new Error("a session must pass");
if (validateRegistration({ ...form, occurrence: "2025-10-28T09:00:00Z" })) throw new Error("an instant is no session");

// A typo in a field name is caught before the server sees it.
const typo = { ...form, "e-mail": form.email };
if (validateRegistration(typo)) throw new Error("an unknown field must be refused");
console.log(validateRegistration.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("\n"));
// The server (kix-core) then applies the rules the schema cannot express and answers
// with violation codes such as registration.duplicate or registration.closed.
