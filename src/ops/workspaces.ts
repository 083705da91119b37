/** Creating workspaces with everything a new one needs, and the first-start bootstrap. */
import type { Actor } from "../domain/access.ts";
import { diff } from "../domain/audit/diff.ts";
import { missing } from "../domain/missing.ts";
import type { Workspace } from "../domain/workspaces/workspace.ts";
import { recordChanges } from "../store/changes.ts";
import type { Sql } from "../store/db.ts";
import { insertAccount, insertUser, listUsers } from "../store/directory.ts";
import { findKeyByHash, keyHashExists } from "../store/keys.ts";
import { insertQueue } from "../store/queues.ts";
import {
  findWorkspace,
  insertWorkspace,
  listWorkspaces,
  lockDirectory,
  updateWorkspaceSettings,
} from "../store/workspaces.ts";
import { actorOf, change, type OpContext } from "./context.ts";
import { hashKey, type MintedKey, mintKey } from "./credentials.ts";

export const DEFAULT_WORKSPACE = "default";
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface NewWorkspace {
  workspace: Workspace;
  adminKey: MintedKey;
}

/** A workspace starts with an operations account, an admin user, a default queue and an admin key. */
export async function createWorkspace(
  sql: Sql,
  input: { slug: string; name?: string; adminEmail?: string; adminKey?: string },
): Promise<NewWorkspace> {
  if (!SLUG.test(input.slug))
    throw new Error("A workspace slug holds lower-case letters, digits and dashes.");
  return sql.transaction(async (tx) => {
    if (await findWorkspace(tx, { slug: input.slug }))
      throw new Error(`Workspace "${input.slug}" already exists.`);
    const workspace = await insertWorkspace(tx, input.slug, input.name ?? input.slug);
    const account = await insertAccount(tx, workspace.id, { name: workspace.name, type: "operations" });
    const admin = await insertUser(tx, workspace.id, {
      accountId: account.id,
      email: input.adminEmail ?? `admin@${input.slug}.casework.local`,
      name: "Administrator",
    });
    await insertQueue(tx, workspace.id, {
      name: "General",
      shortDescription: "",
      description: "Where new cases land unless a queue is given.",
      externalId: null,
      ownerAccountId: account.id,
      internal: false,
      active: true,
      isDefault: true,
    });
    const adminKey = await mintKey(tx, {
      workspaceId: workspace.id,
      userId: admin!.id,
      name: "admin",
      scopes: ["admin"],
      ...(input.adminKey ? { secret: input.adminKey } : {}),
    });
    return { workspace, adminKey };
  });
}

export const workspaces = (sql: Sql) => listWorkspaces(sql);

export interface Bootstrap {
  workspace: Workspace;
  /** Set only when this start created the key, so it can be shown once. */
  newKey: string | null;
}

/**
 * Makes sure the default workspace exists; with `adminKey`, that this value is a live admin key of it.
 * Returns the key only when it was generated here.
 */
export async function bootstrap(sql: Sql, adminKey: string | undefined): Promise<Bootstrap> {
  return sql.transaction(async (tx) => {
    await lockDirectory(tx);
    const existing = await findWorkspace(tx, { slug: DEFAULT_WORKSPACE });
    if (!existing) {
      const created = await createWorkspace(tx, { slug: DEFAULT_WORKSPACE, name: "Default", adminKey });
      return { workspace: created.workspace, newKey: adminKey ? null : created.adminKey.secret };
    }
    if (adminKey && !(await findKeyByHash(tx, hashKey(adminKey)))) {
      // A revoked or expired key stays withdrawn: a restart must not bring it back.
      if (await keyHashExists(tx, hashKey(adminKey)))
        throw new Error(
          "CASEWORK_ADMIN_KEY names a key that was revoked or has expired (or whose user was deactivated); " +
            "unset it or choose a new value.",
        );
      const [admin] = await listUsers(tx, existing.id, null);
      await mintKey(tx, {
        workspaceId: existing.id,
        userId: admin!.id,
        name: "admin",
        scopes: ["admin"],
        secret: adminKey,
      });
    }
    return { workspace: existing, newKey: null };
  });
}

export async function getSettings(ctx: OpContext, actor: Actor): Promise<Workspace> {
  const found =
    ctx.workspaceReads && !ctx.db.inTransaction
      ? await ctx.workspaceReads.settings(actor.workspaceId)
      : await findWorkspace(ctx.db, { id: actor.workspaceId });
  if (!found) throw missing("workspace");
  return found;
}

/** Changes the workspace's case rules (resolution requirement, close delay). */
export async function updateSettings(
  ctx: OpContext,
  actor: Actor,
  settings: { resolutionRequired?: boolean; closeDelaySeconds?: number },
): Promise<Workspace> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await getSettings({ ...ctx, db: tx }, actor);
    const next = (await updateWorkspaceSettings(tx, actor.workspaceId, settings))!;
    const changes = diff(current, next, ["resolutionRequired", "closeDelaySeconds"]);
    if (changes.length)
      await recordChanges(tx, [
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "workspace", id: actor.workspaceId, revision: null },
          "updated",
          changes,
          now,
          next,
        ),
      ]);
    return next;
  });
}
