/** The MPT Helpdesk API, mounted at /public/v1 (and at /public/v1/public/v1): Bearer API keys, RFC 7807 errors. */
import type { FastifyInstance } from "fastify";
import { bearerToken, type Dialect, type DialectOptions } from "../dialect.ts";
import { CONFLICT_STATUS } from "../errors.ts";
import { mptField, renderMptError } from "./errors.ts";
import { mptAnswerRoutes } from "./routes/answers.ts";
import { mptAttachmentRoutes } from "./routes/attachments.ts";
import { mptCaseRoutes } from "./routes/cases.ts";
import { mptChatRoutes } from "./routes/chats.ts";
import { mptContactRoutes } from "./routes/contacts.ts";
import { mptFormRoutes } from "./routes/forms.ts";
import { mptLinkRoutes } from "./routes/links.ts";
import { mptParameterGroupRoutes } from "./routes/parameter-groups.ts";
import { mptParameterRoutes } from "./routes/parameters.ts";
import { mptParticipantRoutes } from "./routes/participants.ts";
import { mptQueueRoutes } from "./routes/queues.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(mptCaseRoutes, options);
  await app.register(mptChatRoutes, options);
  await app.register(mptQueueRoutes, options);
  await app.register(mptContactRoutes, options);
  await app.register(mptParticipantRoutes, options);
  await app.register(mptLinkRoutes, options);
  await app.register(mptAttachmentRoutes, options);
  await app.register(mptFormRoutes, options);
  await app.register(mptAnswerRoutes, options);
  await app.register(mptParameterRoutes, options);
  await app.register(mptParameterGroupRoutes, options);
}

export const MPT_PREFIX = "/public/v1";

export const mptDialect: Dialect = {
  name: "mpt",
  // A client whose base URL already ends in /public/v1 adds it again: both forms reach the same routes.
  prefixes: [MPT_PREFIX, `${MPT_PREFIX}${MPT_PREFIX}`],
  credential: (request) => {
    const secret = bearerToken(request);
    return secret ? { kind: "api_key", secret } : null;
  },
  authHint: "Send the API key as Authorization: Bearer <key>.",
  auditContext: () => ({ dialect: "mpt" }),
  status: CONFLICT_STATUS,
  fieldName: mptField,
  // Request-schema paths are already the client's own property names.
  wireName: (part, path) => (part === "body" ? path.join(".") || "body" : path.join(".") || part),
  renderError: renderMptError,
  routes,
};
