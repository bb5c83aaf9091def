/**
 * The resource's lifecycle, side by side: what the engine asks and what each step does. Loaded by package name
 * (`pulumi-opsmanager-integrations/lifecycle`) inside each method of the serialized provider (dynamic-provider.ts),
 * and by the plugin; nothing here is ever serialized into state, so a new version of the package takes effect for
 * existing resources on their next operation.
 *
 * `holder` is the provider object: it carries how to read stack config and the open session between calls.
 */
import type * as pulumi from "@pulumi/pulumi";
import { check as checkInputs } from "./check";
import { assertOneCredential, credentialSecret } from "./config";
import type { ServerIntegration } from "./client/types";
import { explainDiff, type ExplainedDiff } from "./diff";
import { diffWarnings } from "./diff-warnings";
import { DRIFT_INPUTS, driftInputs, drifted } from "./drift-inputs";
import { engineWarn } from "./engine-log";
import { errorCodes } from "./error-codes";
import * as say from "./lifecycle-messages";
import { ApiError, OpsManagerError } from "./errors";
import { viewKey, withFingerprintKey } from "./fingerprint";
import { availabilityWarning, describeAvailability } from "./integrations/availability";
import { findIntegration } from "./integrations/registry";
import { outputs, storedFields } from "./outputs";
import { heldBeyond, reconcileFields, sameAsServer } from "./reconcile";
import { parseResourceId, resourceId } from "./resource-id";
import { splitProps, type SplitProps } from "./split-props";
import { writeRequest } from "./write-request";
import { configure as configureHolder, serverUrl, sessionOf, type Session, type SessionHolder } from "./session";
import { targetFrom } from "./target";

type Props = Record<string, unknown>;
/** The outputs state records for a resource after a write or a read. */
const outputsOf = (session: Session, props: SplitProps, fields: Props, entry: ServerIntegration) =>
  outputs(props, fields, entry.id, serverUrl(session), viewKey(credentialSecret(session.config)));

export const lifecycle = {
  /** Stack config `opsmanager:*` arrives here, before any other call in a provider process. */
  configure(holder: SessionHolder, req: { config: { get(key: string): unknown } }): void {
    configureHolder(holder, (key) => req.config.get(key));
  },

  /**
   * Validates the inputs with no request (check.ts), and carries the resource's fingerprint key over (fingerprint.ts).
   * A type the known server's pages do not list gets a warning naming them, never a failure (availability.ts).
   */
  async check(holder: SessionHolder, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    // Both credential pairs, or half of one, fail at preview: the client would not know which to use.
    assertOneCredential(holder.readConfig ?? (() => undefined), process.env);
    const target = targetFrom(holder.readConfig ?? (() => undefined), process.env);
    const result = checkInputs(news);
    const def = findIntegration(news.type);
    const warning = target && def && (result.failures ?? []).length === 0 ? availabilityWarning(def.type, def.documented, target) : undefined;
    if (warning) await (holder.warn ?? engineWarn())(warning);
    return { ...result, inputs: withFingerprintKey(olds ?? {}, result.inputs ?? news) };
  },

  /**
   * Compares state with the new inputs, with no request (diff.ts), names each property that changes, and warns
   * about what a diff cannot say (diff-warnings.ts: a removed field's cost on each kind of server, a change the docs
   * warn about). The engine asks for a diff in `preview` and again in `up`, so both print the warnings. The plugin
   * sends the named properties to the engine as a detailed diff; the dynamic provider cannot (`diff` below).
   */
  async explain(holder: SessionHolder, olds: Props, news: Props): Promise<ExplainedDiff> {
    const explained = explainDiff(olds, news);
    if (explained.result.changes) {
      const warn = holder.warn ?? engineWarn();
      for (const message of diffWarnings(news, explained)) await warn(message);
    }
    return explained;
  },

  /**
   * {@link explain} for the dynamic provider, which cannot tell the engine which properties change, so `pulumi
   * preview --diff` marks the inputs that differ from the stored ones, where a secret always prints `[secret]`: a
   * secret changed in code would go unmarked. For that change (and no drift read in between, see drift-inputs.ts)
   * the answer is "unknown", on which the engine compares the stored and new inputs itself, secret values included,
   * and marks each one that differs (`~ serviceKey: [secret] => [secret]`). That is safe: a fingerprint differing
   * from a secret in code means the stored input differs too.
   */
  async diff(holder: SessionHolder, _id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { result, changes } = await lifecycle.explain(holder, olds, news);
    const engineCanShow = result.changes && !result.replaces && olds[DRIFT_INPUTS] === undefined;
    if (engineCanShow && changes.some((c) => c.changedInCode)) return { changes: undefined };
    return result;
  },

  /**
   * One POST. Without `adoptExisting` a project that already has one of this type fails with 409: settings made
   * outside this stack are never overwritten (one holding exactly our values is ours, left by an interrupted run,
   * and is taken). With it, a PUT (upsert) takes the existing integration over or creates it; fields it holds that
   * the code does not set are then removed.
   */
  async create(holder: SessionHolder, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const session = sessionOf(holder);
    const props = splitProps(inputs);
    const request = writeRequest(props);
    const { client } = session;
    let entry;
    try {
      entry = props.adoptExisting
        ? await client.putIntegration(props.groupId, props.type, request)
        : await client.createIntegration(props.groupId, props.type, request);
    } catch (err) {
      entry = await recoverCreate(session, props, err);
    }
    if (props.adoptExisting) entry = await dropKeptFields(session, props, entry, true);
    return { id: resourceId(props.groupId, props.type), outs: outputsOf(session, props, props.fields, entry) };
  },

  /**
   * Refresh: what the server holds now, in state's terms; gone → an empty id, which removes the resource from state.
   * Reads of one project that overlap in time share one list request (client/project-reads.ts). While the server
   * matches state no `inputs` are returned, so the engine keeps the stored ones (they hold the fingerprint key).
   * When it does not, the inputs are rebuilt from what the server holds, so that `pulumi preview --diff` marks what
   * drifted (drift-inputs.ts); `rebuildInputs: false` (the plugin, which sends the engine a detailed diff instead)
   * keeps the stored inputs in every case.
   */
  async read(holder: SessionHolder, id: string, stored: Props, { rebuildInputs = true } = {}): Promise<pulumi.dynamic.ReadResult> {
    const session = sessionOf(holder);
    const address = stored.type !== undefined ? stored : { ...parseResourceId(id) };
    if (address.type === undefined) throw new Error(`cannot read ${JSON.stringify(id)}: expected an id of the form {groupId}/{TYPE}`);
    const props = splitProps({ ...storedFields(stored), ...address });
    const server = await session.client.readIntegration(props.groupId, props.type);
    if (!server) return { id: "" };
    const fields = reconcileFields(props.def, props.fields, server, { groupId: props.groupId, viewKey: viewKey(credentialSecret(session.config)) });
    const outs = outputsOf(session, props, fields, server);
    if (!rebuildInputs) return { id, props: outs };
    if (drifted(props.fields, fields)) return { id, props: { ...outs, [DRIFT_INPUTS]: true }, inputs: driftInputs(props, fields) };
    return { id, props: stored[DRIFT_INPUTS] === true ? { ...outs, [DRIFT_INPUTS]: true } : outs };
  },

  /**
   * One PUT of the new inputs (a removed field is sent as its documented default, or as null: request.ts). On a
   * server whose PUT replaces (or clears null) that is all. When the answer shows a field the code does not set
   * (kept by a merging PUT, or set by hand since the last refresh), the integration is deleted and created again
   * with exactly the code's fields, in this update.
   */
  async update(holder: SessionHolder, _id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const session = sessionOf(holder);
    const props = splitProps(news);
    const entry = await session.client.putIntegration(props.groupId, props.type, writeRequest(props, splitProps(storedFields(olds)).fields));
    return { outs: outputsOf(session, props, props.fields, await dropKeptFields(session, props, entry, false)) };
  },

  /** One DELETE; an integration already gone (deleted by hand) counts as deleted. */
  async delete(holder: SessionHolder, _id: string, stored: Props): Promise<void> {
    const props = splitProps(stored);
    await sessionOf(holder).client.deleteIntegration(props.groupId, props.type);
  },
};

/** Field errors name what to fix themselves; any other 400 to a UI-only type's create is the refusal (its code is undocumented). */
const FIELD_ERRORS = new Set(["MISSING_ATTRIBUTE", "INVALID_ATTRIBUTE", "INVALID_ENUM_VALUE", "INVALID_JSON"]);

/**
 * A failed create, explained or recovered. Look instead of guessing: an integration holding exactly our values is
 * ours (written by a run killed before it could record it, or by a POST whose answer was lost), so it is taken with
 * a PUT (which also sends the write-only fields no read can check). Nothing there after a lost answer: the POST was
 * not applied; upsert. If even the look fails, the write's own error says more than the read's.
 */
async function recoverCreate(session: Session, props: SplitProps, err: unknown): Promise<ServerIntegration> {
  if (err instanceof ApiError && err.errorCode === "INVALID_ENUM_VALUE" && err.detail?.includes(props.type)) {
    throw new ApiError({ ...err.fields, message: say.typeNotAccepted(props.type, err, describeAvailability(props.def.documented)) });
  }
  if (err instanceof ApiError && props.def.createdInUiOnly && err.status === 400 && !FIELD_ERRORS.has(err.errorCode ?? "")) {
    throw new ApiError({ ...err.fields, message: say.connectInUiFirst(props.def.label, props.type, props.groupId, props.adoptExisting, err) });
  }
  if (!(err instanceof ApiError) || !(err.maybeApplied || err.errorCode === "INTEGRATION_ALREADY_CONFIGURED")) throw err;
  const found = await session.client.fetchIntegration(props.groupId, props.type).catch(() => Promise.reject(err));
  if (found ? sameAsServer(props.def, props.fields, found) : err.maybeApplied) {
    return session.client.putIntegration(props.groupId, props.type, writeRequest(props));
  }
  if (err.errorCode === "INTEGRATION_ALREADY_CONFIGURED") throw new ApiError({ ...err.fields, message: say.alreadyExists(props.groupId, props.type) });
  throw err;
}

/**
 * After a PUT (an update, or adopting), the server may still hold fields the code does not set: the update page
 * says a PUT merges what it is sent (the overview page says it replaces), and what a server does with null is
 * undocumented. Only when the answer shows such a field: delete the integration and create it again with
 * exactly the code's fields. If that fails midway the error says so; state keeps what it held (a failed create is
 * not recorded; a failed update keeps the previous outputs) and the next `up` converges (the PUT upserts).
 */
async function dropKeptFields(session: Session, props: SplitProps, entry: ServerIntegration, adopting: boolean): Promise<ServerIntegration> {
  const kept = heldBeyond(props.def, props.fields, entry);
  if (kept.length === 0) return entry;
  const code = errorCodes.FIELDS_KEPT_BY_SERVER;
  if (props.def.createdInUiOnly) throw new OpsManagerError(say.keptByUiOnlyType(props.type, props.groupId, kept, adopting), { code });
  try {
    await session.client.deleteIntegration(props.groupId, props.type);
    return await session.client.putIntegration(props.groupId, props.type, writeRequest(props));
  } catch (err) {
    if (adopting) throw err;
    throw new OpsManagerError(say.recreateFailed(props.type, props.groupId, kept, err), { code, cause: err });
  }
}
