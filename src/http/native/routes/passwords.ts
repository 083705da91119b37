/** Console passwords: an administrator sets a user's password and role, so they can sign in to the console. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { setUserPassword } from "../../../ops/sessions.ts";
import { actorOf, type DialectOptions } from "../../dialect.ts";
import { parseId } from "../../ids.ts";
import { errors, IdParams, noBody } from "../schemas/common.ts";

const PasswordBody = Type.Object(
  {
    password: Type.String({ maxLength: 256 }),
    role: Type.Optional(Type.Enum(["admin", "agent"], { description: "admin: every scope; agent: cases" })),
  },
  { examples: [{ password: "correct horse battery staple", role: "agent" }], additionalProperties: false },
);

export async function passwordRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.put(
    "/users/:id/password",
    {
      config: { action: "directory.manage" },
      schema: {
        tags: ["Accounts and users"],
        operationId: "setUserPassword",
        summary: "Set a user's console password and role",
        description: "At least 10 characters; stored as an argon2id hash. Ends the user's open sessions.",
        params: IdParams,
        body: PasswordBody,
        response: { 204: noBody("The password and role are set"), ...errors },
      },
    },
    async (request, reply) => {
      await setUserPassword(ctx, actorOf(request), parseId(request.params.id, "user"), request.body);
      return reply.code(204).send(null);
    },
  );
}
