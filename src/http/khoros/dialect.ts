/** The Khoros custom-CRM API, mounted at /khoros: the key in Khoros's forms, its error envelope and its routes. */
import type { FastifyInstance } from "fastify";
import type { Dialect, DialectOptions } from "../dialect.ts";
import { agentContext, khorosCredential } from "./auth.ts";
import { khorosField, renderKhorosError, STATUS } from "./errors.ts";
import { khorosCaseRoutes } from "./routes/cases.ts";
import { khorosCustomerRoutes } from "./routes/customers.ts";
import { khorosMetaRoutes } from "./routes/meta.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(khorosCaseRoutes, options);
  await app.register(khorosCustomerRoutes, options);
  await app.register(khorosMetaRoutes, options);
}

export const khorosDialect: Dialect = {
  name: "khoros",
  prefixes: ["/khoros"],
  credential: khorosCredential,
  authHint: "Send the API key as Authorization: <key>, Authorization: Bearer <key> or X-API-Key: <key>.",
  auditContext: agentContext,
  status: STATUS,
  fieldName: khorosField,
  renderError: renderKhorosError,
  routes,
};
