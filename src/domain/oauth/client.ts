/** An OAuth client: a workspace's registered program, acting as one user with the scopes it was given. */
import type { ClientScope } from "./scopes.ts";

export interface OAuthClient {
  id: number;
  workspaceId: number;
  clientId: string;
  name: string;
  userId: number;
  scopes: ClientScope[];
  /** The registered public key for private_key_jwt, or null (HTTP Basic only). */
  publicJwk: Record<string, unknown> | null;
  createdAt: Date;
  revokedAt: Date | null;
}
