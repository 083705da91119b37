/** A credential as presented (an API key, or a console session) and the actor it resolves to. */
import type { Actor } from "../domain/access.ts";
import type { OpContext } from "./context.ts";
import { authenticate } from "./credentials.ts";
import { sessionActor } from "./sessions.ts";

export type Credential = { kind: "api_key"; secret: string } | { kind: "session"; token: string };

/** The actor behind a credential, or null when it is unknown, revoked or expired. */
export const actorOfCredential = (ctx: OpContext, credential: Credential): Promise<Actor | null> =>
  credential.kind === "api_key"
    ? authenticate(ctx.db, credential.secret, ctx.now())
    : sessionActor(ctx, credential.token);
