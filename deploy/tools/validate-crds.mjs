// Validates the custom resources whose operators' schemas ship in npm packages
// (@kubernetes-models/*): reads a JSON array of manifests on stdin, prints one line per
// invalid or unchecked resource, exits 1 when any is invalid.
import { readFileSync } from "node:fs";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { PodMonitor, PrometheusRule, ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const MODELS = { ScaledObject, TriggerAuthentication, PodMonitor, PrometheusRule, ServiceMonitor };
const manifests = JSON.parse(readFileSync(0, "utf8"));
let invalid = 0;
for (const manifest of manifests) {
  const Model = MODELS[manifest.kind];
  const name = `${manifest.kind}/${manifest.metadata?.name}`;
  if (!Model || Model.apiVersion !== manifest.apiVersion) {
    console.log(`unchecked ${name} (${manifest.apiVersion}): no schema in the npm packages`);
    continue;
  }
  try {
    new Model(manifest).validate();
    console.log(`valid ${name}`);
  } catch (error) {
    invalid += 1;
    console.log(`invalid ${name}: ${error.message}`);
  }
}
process.exit(invalid ? 1 : 0);
