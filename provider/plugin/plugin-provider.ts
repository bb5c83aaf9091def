import type {
  CheckResult,
  DiffResult,
  CreateResult,
  InvokeResult,
  Provider,
  ReadResult,
  UpdateResult,
} from "@pulumi/pulumi/provider";
import { FINGERPRINT_KEY } from "../fingerprint";
import { findIntegration } from "../integrations/registry";
import { buildSchema, GET_INTEGRATION_TOKEN, INTEGRATION_TOKEN, LIST_INTEGRATIONS_TOKEN, PACKAGE } from "./schema";
import type { PropertyChange } from "../diff";
import { lifecycle } from "../lifecycle";
import { lookupFailures, lookUpIntegration, lookUpIntegrations } from "../lookups";
import { sessionOf, type SessionHolder } from "../session";
import { importInputs } from "./import-inputs";
import { unwrapSecrets, wrapSecrets, type Props } from "./wire";

/** A detailed diff as the provider protocol carries it: property path → kind, and whether to show old inputs. */
export type DetailedDiff = Record<string, { kind: "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE"; inputDiff: boolean }>;

/**
 * The detailed diff of the changes: a secret's old value is shown from the old inputs (outputs hold only its
 * fingerprint, under another name), any other field's from state's outputs (the server's value after a refresh).
 */
function detailedDiff(changes: readonly PropertyChange[]): DetailedDiff {
  return Object.fromEntries(
    changes.map((c) => [c.name, { kind: `${c.kind.toUpperCase() as "ADD" | "DELETE" | "UPDATE"}${c.replace ? "_REPLACE" : ""}`, inputDiff: c.secret }]),
  );
}

/** The type token of a URN (`urn:pulumi:stack::project::opsmanager:index:Integration::name`). */
const typeOf = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? "";

/** The secret fields of the integration type named in `props` (the registry's list), or none for an unknown type. */
const secretFieldsOf = (props: Props) => findIntegration(props.type)?.secretFields ?? [];

/**
 * The `opsmanager` resource provider plugin: `opsmanager:index:Integration` and two functions, served by Pulumi's
 * Node.js provider framework. Each method translates the protocol (secrets wrapped, the URN, import) and calls the
 * lifecycle the dynamic provider uses (lifecycle.ts), so both providers behave and store alike.
 *
 * Secrets: what arrives secret stays secret; besides, the inputs check returns wrap the type's secret fields and
 * the fingerprint key, and outputs wrap the type's secret fields when present (the runtime keeps only keyed
 * fingerprints of secrets in outputs, safe in clear, under `fingerprints`) — the dynamic resource's
 * additionalSecretOutputs, here.
 */
export class OpsManagerPlugin implements Provider {
  /** Connection settings (set by configure) and the session opened from them on first use. */
  readonly holder: SessionHolder = {};

  constructor(readonly version: string) {}

  async getSchema(): Promise<string> {
    return JSON.stringify(buildSchema(this.version));
  }

  /** Called with the Configure request's `args` (keys without the `opsmanager:` prefix); serve.ts passes them on. */
  configure(args: Props): void {
    const { plain } = unwrapSecrets(args);
    const get = (key: string) => {
      const [pkg, name] = key.split(":");
      return pkg === PACKAGE && name !== undefined ? plain[name] : undefined;
    };
    lifecycle.configure(this.holder, { config: { get } });
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    this.expectIntegration(urn);
    const n = unwrapSecrets(news);
    const result = await lifecycle.check(this.holder, unwrapSecrets(olds).plain, n.plain);
    const inputs = (result.inputs ?? n.plain) as Props;
    return {
      inputs: wrapSecrets(inputs, [...n.secretNames, ...secretFieldsOf(inputs), FINGERPRINT_KEY]),
      failures: result.failures ?? [],
    };
  }

  /**
   * The lifecycle's diff, with each property that changes named: serve.ts sends that to the engine as a detailed
   * diff (the framework's DiffResult has no place for it), so `pulumi preview --diff` marks exactly those, a secret
   * as `[secret] => [secret]` (changed in code or rotated outside it), a drifted field with the server's value as
   * the old one. A resource that does not change has no detailed diff.
   */
  async diff(_id: string, urn: string, olds: Props, news: Props): Promise<DiffResult & { detailedDiff?: DetailedDiff }> {
    this.expectIntegration(urn);
    const { result, changes } = await lifecycle.explain(this.holder, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
    return changes.length > 0 ? { ...result, detailedDiff: detailedDiff(changes) } : result;
  }

  async create(urn: string, inputs: Props): Promise<CreateResult> {
    this.expectIntegration(urn);
    const result = await lifecycle.create(this.holder, unwrapSecrets(inputs).plain);
    return { id: result.id, outs: wrapSecrets(result.outs, secretFieldsOf(result.outs)) };
  }

  /**
   * Refresh, and `pulumi import` (and `get`), which come with no stored props. Refresh returns no inputs, so the
   * engine keeps the stored ones (they hold the secrets and the fingerprint key; `diff` names what drifted). An
   * import returns the inputs of import-inputs.ts, which the engine also writes into the code it generates: never a
   * secret or its mask.
   */
  async read(id: string, urn: string, props: Props): Promise<ReadResult> {
    this.expectIntegration(urn);
    const stored = unwrapSecrets(props).plain;
    const result = await lifecycle.read(this.holder, id, stored, { rebuildInputs: false });
    if (!result.id || !result.props) return { id: "" };
    const outs = result.props as Props;
    const answer = wrapSecrets(outs, secretFieldsOf(outs));
    return stored.type !== undefined
      ? { id: result.id, props: answer }
      : { id: result.id, props: answer, inputs: importInputs(outs) };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<UpdateResult> {
    this.expectIntegration(urn);
    const result = await lifecycle.update(this.holder, id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
    return { outs: wrapSecrets(result.outs, secretFieldsOf(result.outs)) };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    this.expectIntegration(urn);
    await lifecycle.delete(this.holder, id, unwrapSecrets(props).plain);
  }

  /** The lookups. A bad argument is a CheckFailure naming it, like a resource input's; nothing is requested. */
  async invoke(token: string, inputs: Props): Promise<InvokeResult> {
    const args = unwrapSecrets(inputs).plain;
    if (token === GET_INTEGRATION_TOKEN) {
      const failures = lookupFailures(args, true);
      if (failures.length > 0) return { failures };
      const view = await lookUpIntegration(sessionOf(this.holder), { groupId: args.groupId, type: args.type });
      return { outputs: view ? { integration: { ...view } } : {} };
    }
    if (token === LIST_INTEGRATIONS_TOKEN) {
      const failures = lookupFailures(args, false);
      if (failures.length > 0) return { failures };
      const views = await lookUpIntegrations(sessionOf(this.holder), { groupId: args.groupId });
      return { outputs: { integrations: views.map((v) => ({ ...v })) } };
    }
    throw new Error(
      `unknown function ${token}: this provider has ${GET_INTEGRATION_TOKEN} and ${LIST_INTEGRATIONS_TOKEN}`,
    );
  }

  private expectIntegration(urn: string): void {
    const type = typeOf(urn);
    if (type !== INTEGRATION_TOKEN)
      throw new Error(`unknown resource type ${type}: this provider manages ${INTEGRATION_TOKEN}`);
  }
}
