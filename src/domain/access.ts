/** Who is acting, what they may do, and what they may see. */

export const SCOPES = ["cases:read", "cases:write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const ACCOUNT_TYPES = ["operations", "client", "vendor"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface Actor {
  workspaceId: number;
  userId: number;
  /** How the actor is named in audit records (an email, or "system"). */
  label: string;
  accountId: number;
  accountType: AccountType;
  scopes: readonly Scope[];
  /** Extra facts recorded on every audit record of this actor's changes (dialect, agent email…). */
  context: Record<string, unknown>;
}

/** `admin` holds every scope. */
export const hasScope = (actor: Pick<Actor, "scopes">, scope: Scope): boolean =>
  actor.scopes.includes("admin") || actor.scopes.includes(scope);
