import { connectionSettings } from "../connection-settings";
import { definitions, integrationTypes, pascalName } from "../integrations/registry";
import type { FieldSpec } from "../integrations/field";
import { GO_IMPORT_PATH, PLUGIN_DOWNLOAD_URL, REPOSITORY } from "./release";

/** The plugin's package name: `pulumi plugin install resource opsmanager …`, tokens `opsmanager:index:…`. */
export const PACKAGE = "opsmanager";
export const INTEGRATION_TOKEN = `${PACKAGE}:index:Integration`;
export const GET_INTEGRATION_TOKEN = `${PACKAGE}:index:getIntegration`;
export const LIST_INTEGRATIONS_TOKEN = `${PACKAGE}:index:listIntegrations`;
const TYPE_ENUM = `${PACKAGE}:index:IntegrationType`;
const VIEW_TYPE = `${PACKAGE}:index:IntegrationView`;

type Property = Record<string, unknown>;

/** A field's schema type, from the kind its definition declares. */
function fieldType(spec: FieldSpec): Property {
  return spec.kind === "flag" ? { type: "boolean" } : { type: "string" };
}

/**
 * Every field of every type as one optional property. A Pulumi schema cannot make a resource's inputs depend on
 * the value of one of them (`type`), so Integration is one flat object: `type` is an enum, each field says which
 * types take it, and `check` validates the combination exactly as it does for OpsManagerIntegration (a field of
 * another type, a missing required field, a bad value: CheckFailures at preview). Fields that share a name across
 * types (Datadog's and Opsgenie's `apiKey`) must agree on type and secrecy, or this throws.
 */
function fieldProperties(): Record<string, Property> {
  const byName = new Map<string, { type: Property; secret: boolean; uses: string[] }>();
  for (const def of definitions) {
    for (const [name, spec] of Object.entries(def.fields)) {
      const type = fieldType(spec);
      const required = def.requiredFields.includes(name) ? "required" : "optional";
      const choices = spec.kind === "choice" ? `; one of ${spec.values.join(", ")}` : "";
      const dflt = spec.serverDefault !== undefined ? `; server default ${JSON.stringify(spec.serverDefault)}` : "";
      const use = `${def.type} (${required}${choices}${dflt}): ${spec.description}`;
      const seen = byName.get(name);
      if (seen && (seen.secret !== spec.secret || seen.type.type !== type.type)) {
        throw new Error(
          `field ${name} differs in type or secrecy between integration types; the flat schema needs them alike`,
        );
      }
      if (seen) seen.uses.push(use);
      else byName.set(name, { type, secret: spec.secret, uses: [use] });
    }
  }
  return Object.fromEntries(
    [...byName.entries()].map(([name, f]) => [
      name,
      { ...f.type, description: `Taken by ${f.uses.join(" ")}`, ...(f.secret ? { secret: true } : {}) },
    ]),
  );
}

const ADDRESS: Record<string, Property> = {
  groupId: {
    type: "string",
    description: "The Ops Manager project (group) id: 24 hexadecimal characters. Changing it replaces the integration.",
  },
  type: { $ref: `#/types/${TYPE_ENUM}`, description: "The integration type. Changing it replaces the integration." },
};

const OPTIONS: Record<string, Property> = {
  adoptExisting: {
    type: "boolean",
    description:
      "Take over an integration of this type that already exists in the project instead of failing. Off by default so that `up` never silently overwrites someone else's settings.",
  },
  secretVersion: {
    oneOf: [{ type: "string" }, { type: "number" }],
    description:
      "Change it (a date, a counter) to send the secrets again although they look unchanged: needed after rotating a write-only secret such as Prometheus's password.",
  },
};

const COMPUTED: Record<string, Property> = {
  integrationId: {
    type: "string",
    description: "The server's id for the current configuration; Ops Manager changes it on every update.",
  },
  endpoints: {
    type: "object",
    additionalProperties: { type: "string" },
    description: "URLs the integration makes available, by name; PROMETHEUS: `discoveryUrl` (Prometheus http_sd).",
  },
  fingerprints: {
    type: "object",
    additionalProperties: { type: "string" },
    description:
      "Keyed fingerprints of the secret fields (never the secrets), by field name: how diff and refresh compare secrets.",
  },
};

/** Stack config `opsmanager:<key>`, from the one table of connection settings, typed as it declares. */
function configVariables(): Record<string, Property> {
  return Object.fromEntries(
    Object.entries(connectionSettings).map(([name, s]) => {
      const type = s.type;
      const description = `${s.description} Environment: ${s.env}.${s.required ? " Required (here or in the environment)." : ""}`;
      return [name, { type, description, ...(s.secret ? { secret: true } : {}) }];
    }),
  );
}

/**
 * The package schema the plugin serves from GetSchema and the SDKs are generated from, built from the registry and
 * the connection settings table. `provider/plugin/schema.json` is this, written by `npm run docs`; a test fails
 * when they differ.
 */
export function buildSchema(version: string): Record<string, unknown> {
  const fields = fieldProperties();
  const view: Record<string, Property> = {
    groupId: { type: "string" },
    type: { $ref: `#/types/${TYPE_ENUM}` },
    integrationId: { type: "string", description: "The server's id for the current configuration." },
    values: {
      type: "object",
      additionalProperties: { $ref: "pulumi.json#/Any" },
      description: "Field values; secret fields only ever appear masked (`******` + last four characters).",
    },
    maskedFields: { type: "array", items: { type: "string" }, description: "The fields whose values are masks." },
  };
  const config = configVariables();
  return {
    name: PACKAGE,
    displayName: "MongoDB Ops Manager integrations",
    version,
    description:
      "Manage MongoDB Ops Manager third-party integrations (PagerDuty, Slack, Datadog, webhooks, ...) as code.",
    keywords: ["pulumi", "mongodb", "opsmanager", "category/monitoring", "kind/native"],
    license: "Apache-2.0",
    repository: `https://${REPOSITORY}`,
    // Generated SDKs record it (pulumi-plugin.json `server`): the engine downloads the plugin from it on first use.
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    language: { go: { importBasePath: GO_IMPORT_PATH } },
    config: { variables: config },
    provider: { description: "The connection to one Ops Manager (or Cloud Manager) server.", inputProperties: config },
    types: {
      [TYPE_ENUM]: {
        type: "string",
        description: "The wire tag of an integration type.",
        // A name per value, or the SDK generators split the tag themselves (Python PAGE_R_DUTY, Go IntegrationType_PAGER_DUTY).
        enum: integrationTypes.map((t) => ({ name: pascalName(t), value: t })),
      },
      [VIEW_TYPE]: {
        type: "object",
        description: "An integration as the server shows it, with every secret field masked.",
        properties: view,
        required: ["groupId", "type", "values", "maskedFields"],
      },
    },
    resources: {
      [INTEGRATION_TOKEN]: {
        description:
          "One third-party integration of an Ops Manager project; its id is `{groupId}/{TYPE}`. The same resource as the TypeScript `OpsManagerIntegration`. Secret fields are stored as Pulumi secrets.",
        inputProperties: { ...ADDRESS, ...OPTIONS, ...fields },
        requiredInputs: ["groupId", "type"],
        properties: { ...ADDRESS, ...OPTIONS, ...fields, ...COMPUTED },
        required: ["groupId", "type", "endpoints"],
      },
    },
    functions: {
      [GET_INTEGRATION_TOKEN]: {
        description:
          "Reads one integration of a project; `integration` is absent when the project has none of that type.",
        inputs: { properties: ADDRESS, required: ["groupId", "type"] },
        outputs: { properties: { integration: { $ref: `#/types/${VIEW_TYPE}` } } },
      },
      [LIST_INTEGRATIONS_TOKEN]: {
        description: "Lists every integration of a project (all pages), secrets masked.",
        inputs: { properties: { groupId: ADDRESS.groupId }, required: ["groupId"] },
        outputs: {
          properties: { integrations: { type: "array", items: { $ref: `#/types/${VIEW_TYPE}` } } },
          required: ["integrations"],
        },
      },
    },
  };
}
