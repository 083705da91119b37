/** A credential as presented (an API key, an OAuth access token or a console session) and the actor it resolves to. */
import type { Actor } from "../domain/access.ts";
import type { OpContext } from "./context.ts";
import { authenticate } from "./credentials.ts";
import { authenticateToken } from "./oauth/tokens.ts";
import { sessionActor } from "./sessions.ts";

export type Credential =
  | { kind: "api_key"; secret: string }
  | { kind: "access_token"; token: string }
  | { kind: "session"; token: string };

/** The actor behind a credential, or null when it is unknown, revoked or expired. */
export function actorOfCredential(ctx: OpContext, credential: Credential): Promise<Actor | null> {
  switch (credential.kind) {
    case "api_key":
      return authenticate(ctx.db, credential.secret, ctx.now());
    case "access_token":
      return authenticateToken(ctx.db, credential.token, ctx.now());
    case "session":
      return sessionActor(ctx, credential.token);
  }
}
