/** An API key as shown to its holder and administrators; only a hash of the secret is ever kept. */
import type { Scope } from "../access.ts";

export interface ApiKey {
  id: number;
  workspaceId: number;
  userId: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** After this instant the key authenticates no more; null = never. */
  expiresAt: Date | null;
}
