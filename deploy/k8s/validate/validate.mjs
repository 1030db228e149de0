// Validates every object in multi-document YAML files (kustomize output) against the JSON schemas of
// kubernetes-models (Kubernetes built-in kinds) and @kubernetes-models/keda (KEDA's CRDs), offline.
//
//   node validate.mjs FILE...                   every object must be valid
//   node validate.mjs --expect-invalid FILE...  every object must be rejected (proves the checks still bite)
//
// An object whose apiVersion/kind neither package knows is a failure, never a skip. So is a built-in kind at
// an alpha or beta version: the libraries still carry APIs that clusters no longer serve (policy/v1beta1 ...).
// What the schemas cannot see: a misspelled or unknown field (the Kubernetes schemas allow extra properties;
// the API server rejects or drops them), values beyond type and format (a port out of range, a bad label),
// references between objects (a Secret or ConfigMap key that does not exist) and what a cluster's admission
// adds. The last line reads "k8s-schema: N passed, M failed".
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import * as kubernetes from "kubernetes-models";
import * as keda from "@kubernetes-models/keda";

const args = process.argv.slice(2);
const expectInvalid = args[0] === "--expect-invalid";
const files = expectInvalid ? args.slice(1) : args;
if (files.length === 0) {
  console.error("usage: node validate.mjs [--expect-invalid] FILE...");
  process.exit(2);
}

// apiVersion/kind -> model class, from every class either package exports (found by their static fields)
const models = new Map();
function collect(namespace, source, seen = new Set()) {
  if (seen.has(namespace)) return;
  seen.add(namespace);
  for (const value of Object.values(namespace)) {
    if (typeof value === "function" && typeof value.apiVersion === "string" && typeof value.kind === "string") {
      models.set(`${value.apiVersion}/${value.kind}`, { model: value, source });
    } else if (value && typeof value === "object") {
      collect(value, source, seen);
    }
  }
}
collect(kubernetes, "kubernetes");
collect(keda, "keda");

function schemaProblem(object) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return "not a mapping";
  }
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return "apiVersion and kind must be strings";
  }
  const found = models.get(`${apiVersion}/${kind}`);
  if (!found) {
    return `unknown kind ${kind} in ${apiVersion}: neither kubernetes-models nor @kubernetes-models/keda has it`;
  }
  const version = apiVersion.split("/").pop();
  if (found.source === "kubernetes" && !/^v\d+$/.test(version)) {
    return `${apiVersion} is not a GA Kubernetes API; use the stable version of ${kind}`;
  }
  try {
    new found.model(object).validate();
    return null;
  } catch (error) {
    return error.message;
  }
}

let passed = 0;
let failed = 0;
for (const file of files) {
  const seen = new Set();
  // YAML 1.1 as kubectl reads it (sigs.k8s.io/yaml): an unquoted yes/no/on/off is a boolean there too
  const documents = parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1", uniqueKeys: true });
  documents.forEach((document, index) => {
    const where = `${basename(file)}#${index + 1}`;
    // an empty document, e.g. after a final ---
    if (document.contents === null && document.errors.length === 0) return;
    let object = null;
    try {
      object = document.toJS(); // also after a YAML error, to name the object in the report
    } catch {
      // unreadable: the YAML error says why
    }
    const name = object?.metadata?.name ?? "(no name)";
    const namespace = object?.metadata?.namespace ? `${object.metadata.namespace}/` : "";
    const label = `${object?.apiVersion ?? "?"} ${object?.kind ?? "?"} ${namespace}${name}`;
    let problem = document.errors.length > 0
      ? `YAML: ${document.errors.map((e) => e.message.split("\n")[0].replace(/:$/, "")).join("; ")}`
      : schemaProblem(object);
    const identity = `${object?.apiVersion}/${object?.kind}/${object?.metadata?.namespace ?? ""}/${name}`;
    if (!problem && seen.has(identity)) problem = "the same object appears twice in this file";
    seen.add(identity);

    if (expectInvalid) {
      if (problem) {
        passed++;
        console.log(`caught  ${label} [${where}]: ${problem}`);
      } else {
        failed++;
        console.log(`MISSED  ${label} [${where}]: expected to be rejected, but it validated`);
      }
    } else if (problem) {
      failed++;
      console.log(`FAIL    ${label} [${where}]: ${problem}`);
    } else {
      passed++;
      console.log(`ok      ${label} [${where}]`);
    }
  });
}

if (passed + failed === 0) {
  console.log("no objects found: nothing was validated");
  failed = 1;
}
console.log(`k8s-schema${expectInvalid ? " (must-fail cases)" : ""}: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
