/** Who is acting, what they may do, and what they may see. */
import type { ClientScope } from "./oauth/scopes.ts";

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
  /** API keys carry Casework's scopes; OAuth access tokens carry their client's. */
  scopes: readonly (Scope | ClientScope)[];
  /** Extra facts recorded on every audit record of this actor's changes (dialect, agent email…). */
  context: Record<string, unknown>;
}

/** Whether a scope is one of Casework's own (an API key's), not an OAuth client's. */
export const isKeyScope = (scope: string): scope is Scope => (SCOPES as readonly string[]).includes(scope);

/** `admin` holds every scope. */
export const hasScope = (actor: Pick<Actor, "scopes">, scope: Scope | ClientScope): boolean =>
  actor.scopes.includes("admin") || actor.scopes.includes(scope);
