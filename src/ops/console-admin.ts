/** The console's first administrator: from CASEWORK_ADMIN_EMAIL / CASEWORK_ADMIN_PASSWORD, or generated once. */
import { randomBytes } from "node:crypto";
import type { Workspace } from "../domain/workspaces/workspace.ts";
import type { Sql } from "../store/db.ts";
import { insertUser, listUsers } from "../store/directory.ts";
import { lockSchema } from "../store/schema-locks.ts";
import { anyPasswordSet, findSignInUser } from "../store/sessions.ts";
import { storePassword } from "./sessions.ts";

export interface FirstAdmin {
  email: string;
  /** Set only when this start generated it, so it can be shown once. */
  password: string | null;
}

/**
 * Makes sure someone can sign in to the workspace's console. A configured admin is created (or given the
 * password) only while they have no password, so a password changed later is not reset by a restart.
 * Returns null when nothing was done.
 */
export async function ensureFirstAdmin(
  sql: Sql,
  workspace: Workspace,
  configured: { email: string | undefined; password: string | undefined },
): Promise<FirstAdmin | null> {
  return sql.transaction(async (tx) => {
    // Two servers starting on one database must not both generate a password.
    await lockSchema(tx, "firstAdmin");
    return ensure(tx, workspace, configured);
  });
}

async function ensure(
  sql: Sql,
  workspace: Workspace,
  configured: { email: string | undefined; password: string | undefined },
): Promise<FirstAdmin | null> {
  const users = await listUsers(sql, workspace.id, null);
  const firstAdmin = users[0]!;
  if (configured.email && configured.password) {
    const found = await findSignInUser(sql, workspace.slug, configured.email);
    if (found?.passwordHash) return null;
    const user =
      found?.user.userId ??
      (await insertUser(sql, workspace.id, {
        accountId: firstAdmin.accountId,
        email: configured.email,
        name: "Administrator",
      }))!.id;
    await storePassword(sql, workspace.id, user, configured.password, "admin");
    return { email: configured.email, password: null };
  }
  if (await anyPasswordSet(sql, workspace.id)) return null;
  const password = randomBytes(12).toString("base64url");
  await storePassword(sql, workspace.id, firstAdmin.id, password, "admin");
  return { email: firstAdmin.email, password };
}
