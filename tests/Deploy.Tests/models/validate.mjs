// Checks every object in the YAML stream on standard input against kubernetes-models' schema for
// its apiVersion and kind (custom resources: KEDA's and the Prometheus Operator's): types, required fields, formats. Prints one line per object
// ("ok KIND NAME" or "invalid KIND NAME: WHY") and exits 1 if any object is invalid or unknown.
import { parseAllDocuments } from "yaml";

const operators = { "keda.sh": "@kubernetes-models/keda", "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };
const packageOf = (apiVersion) => operators[apiVersion.split("/")[0]] ?? "kubernetes-models";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

let failed = false;
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    console.log(`invalid YAML: ${document.errors[0].message}`);
    failed = true;
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const name = `${object.kind} ${object.metadata?.name ?? "(no name)"}`;
  try {
    // kubernetes-models lays its classes out by API group and version: v1, apps/v1, ...; the
    // custom resources of deploy/k8s/components come from its packages for their operators.
    const models = await import(`${packageOf(object.apiVersion)}/${object.apiVersion}`);
    const Model = models[object.kind];
    if (Model === undefined) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
    console.log(`ok ${name}`);
  } catch (error) {
    console.log(`invalid ${name}: ${String(error.message).replace(/\s+/g, " ")}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
