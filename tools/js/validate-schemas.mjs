// Validates kix documents with ajv, independently of Rust and of Python's jsonschema:
// every schema compiles in strict mode, every valid corpus document passes, every
// malformed document (tests/schema/malformed.json) and every refused vector document fails.
//
//   node tools/js/validate-schemas.mjs [CORPUS_DIR]   (default target/schema-corpus)
//
// Strict mode stays on. schemars writes integer and float formats (uint32, double, ...)
// that ajv does not know: they are registered as formats (ranges are already in the
// schema's minimum/maximum), and chrono's wall-clock formats get real patterns.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const corpus = process.argv[2] ?? join(root, "target", "schema-corpus");

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false });
addFormats(ajv);
for (const f of ["uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32", "int64", "float", "double"]) {
  ajv.addFormat(f, true);
}
// A wall-clock time: hh:mm:ss[.f], each field in range (60 seconds for a leap second).
const wallTime = (t) => {
  const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(t);
  return m !== null && +m[1] < 24 && +m[2] < 60 && +m[3] <= 60;
};
// A wall-clock date and time without offset, as chrono's NaiveDateTime writes it.
const wallDateTime = (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(.*)$/.exec(s);
  if (m === null || !wallTime(m[4])) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  d.setUTCFullYear(+m[1]);
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
ajv.addFormat("partial-date-time", { type: "string", validate: wallDateTime });
ajv.addFormat("partial-time", { type: "string", validate: wallTime });

const schemaDir = join(root, "schemas");
const validators = {};
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json")).sort()) {
  const name = file.replace(".schema.json", "");
  validators[name] = ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), "utf8")));
}

let passed = 0;
const failures = [];
function check(label, ok, detail) {
  if (ok) passed += 1;
  else failures.push(`${label}${detail ? ": " + detail : ""}`);
}

const hub = JSON.parse(readFileSync(join(root, "kix-core", "data", "emap.json"), "utf8"));
check("kix-core/data/emap.json", validators.hub(hub), ajv.errorsText(validators.hub.errors));

for (const kind of ["valid", "refused"]) {
  const dir = join(corpus, kind);
  if (!existsSync(dir)) {
    check(`${dir} exists`, false, "run `make corpus` first");
    continue;
  }
  for (const schema of readdirSync(dir).sort()) {
    const validate = validators[schema];
    if (!validate) {
      check(`${kind}/${schema}`, false, "no such schema");
      continue;
    }
    for (const file of readdirSync(join(dir, schema)).sort()) {
      const doc = JSON.parse(readFileSync(join(dir, schema, file), "utf8"));
      const valid = validate(doc);
      check(`${kind}/${schema}/${file}`, kind === "valid" ? valid : !valid, valid ? "" : ajv.errorsText(validate.errors));
    }
  }
}

const malformed = JSON.parse(readFileSync(join(root, "tests", "schema", "malformed.json"), "utf8")).cases;
for (const c of malformed) {
  check(`malformed ${c.schema}: ${c.name}`, !validators[c.schema](c.document), "accepted");
}

for (const f of failures.slice(0, 30)) console.error("FAIL", f);
console.log(`ajv: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 && passed > 0 ? 0 : 1);
