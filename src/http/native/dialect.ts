/** The native REST API, mounted at /api/v1: bearer API keys or a console session, problem details, and its routes. */
import type { FastifyInstance } from "fastify";
import type { FieldPath, RequestPart } from "../../domain/errors.ts";
import { bearerToken, type Dialect, type DialectOptions, defaultWireName } from "../dialect.ts";
import { sessionCredential } from "../session-cookie.ts";
import { renderProblem, STATUS } from "./problem.ts";
import { adminRoutes } from "./routes/admin.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { caseCountRoutes } from "./routes/case-counts.ts";
import { caseRoutes } from "./routes/cases.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { eventRoutes } from "./routes/events.ts";
import { oauthClientRoutes } from "./routes/oauth-clients.ts";
import { passwordRoutes } from "./routes/passwords.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { NATIVE_SCHEMAS } from "./schemas/named.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(caseRoutes, options);
  await app.register(caseCountRoutes, options);
  await app.register(timelineRoutes, options);
  await app.register(attachmentRoutes, options);
  await app.register(contactRoutes, options);
  await app.register(adminRoutes, options);
  await app.register(passwordRoutes, options);
  await app.register(oauthClientRoutes, options);
  await app.register(webhookRoutes, options);
  await app.register(eventRoutes, options);
}

/** The model's field paths are the native API's own words, dotted; only the parent is sent by its id. */
export const nativeField = (path: FieldPath): string =>
  (path[0] === "parentNumber" ? ["parentId", ...path.slice(1)] : path).join(".");

/** Headers are named as they are written (`Idempotency-Key`, `If-Match`); other parts as by default. */
const nativeWireName = (part: RequestPart, path: FieldPath): string =>
  part === "headers"
    ? String(path[0] ?? "headers").replace(
        /(^|-)([a-z])/g,
        (_, dash: string, c: string) => dash + c.toUpperCase(),
      )
    : defaultWireName(part, path);

export const nativeDialect: Dialect = {
  name: "native",
  prefixes: ["/api/v1"],
  credential: (request) => {
    const secret = bearerToken(request);
    return secret ? { kind: "api_key", secret } : sessionCredential(request);
  },
  authHint: "Send an API key (Authorization: Bearer <key>) or sign in to the console.",
  status: STATUS,
  fieldName: nativeField,
  wireName: nativeWireName,
  renderError: renderProblem,
  routes,
  schemas: NATIVE_SCHEMAS,
};
