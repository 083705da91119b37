/** The identity the command line acts as: the workspace's administrator, with every scope. */
import type { Actor } from "../domain/access.ts";
import { Failure } from "../domain/errors.ts";
import type { Sql } from "../store/db.ts";
import { findAccount, findUser, listUsers } from "../store/directory.ts";
import { findWorkspace } from "../store/workspaces.ts";

export async function operatorOf(
  sql: Sql,
  slug: string,
  userEmail?: string,
): Promise<{ actor: Actor; userId: number }> {
  const workspace = await findWorkspace(sql, { slug });
  if (!workspace) throw new Error(`No workspace "${slug}" (see: casework workspaces list).`);
  const [admin] = await listUsers(sql, workspace.id, null);
  if (!admin) throw new Error(`Workspace "${slug}" has no users.`);
  const account = await findAccount(sql, workspace.id, admin.accountId);
  const target = userEmail ? await findUser(sql, workspace.id, { email: userEmail }) : admin;
  if (!target)
    throw new Failure({
      code: "user_not_found",
      message: `No user of workspace "${slug}" has the email ${userEmail} (see: GET /api/v1/users).`,
    });
  return {
    actor: {
      workspaceId: workspace.id,
      userId: admin.id,
      label: `cli:${admin.email}`,
      accountId: admin.accountId,
      accountType: account?.type ?? "operations",
      scopes: ["admin"],
      context: { via: "cli" },
    },
    userId: target.id,
  };
}
