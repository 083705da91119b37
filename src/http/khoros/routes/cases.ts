/** Khoros case routes: create, look up and update a case, and list a customer's cases. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { createAndAnswer } from "../../../ops/cases/create-case.ts";
import { updateOrFollowUp } from "../../../ops/cases/follow-up.ts";
import { getCase } from "../../../ops/cases/read-cases.ts";
import { casesOfContact } from "../../../ops/contacts.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { idempotentCreate, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import { toCaseChanges, toCategory, toEntryInputs } from "../case-input.ts";
import { AgentHeaders, CaseCreate, CaseUpdate, IdParams } from "../schemas.ts";
import { presentCases, viewFor } from "../view.ts";

/** findCases does not page; a customer's newest cases up to this many are listed. */
const CASES_PER_CUSTOMER = 100;

export async function khorosCaseRoutes(instance: FastifyInstance, { ctx, publicUrl }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/case",
    { config: { action: "case.create" }, schema: { headers: AgentHeaders, body: CaseCreate } },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const { title, status, interactions } = request.body;
      const changes = toCaseChanges(request.body, view);
      const category = toCategory(status);
      const result = await idempotentCreate(ctx, request, actor.workspaceId, async (scoped) => {
        const input = {
          ...changes,
          title,
          ...(category === "resolved" ? { status: "resolved" as const } : {}),
          timeline: toEntryInputs(interactions),
        };
        const { answer } = await createAndAnswer(scoped, actor, input, {
          once: true,
          answer: async (inCreate, made) => {
            const [body] = await presentCases(inCreate, view, [made.case]);
            // A resend of a create that already succeeded gets the case it made, as a plain 200.
            return { statusCode: made.existed ? 200 : 201, headers: {}, body };
          },
        });
        return answer;
      });
      return send(reply, result);
    },
  );

  app.get(
    "/case/:id",
    { config: { action: "case.read" }, schema: { headers: AgentHeaders, params: IdParams } },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const found = await getCase(ctx, actor, parseId(request.params.id, "case"));
      return (await presentCases(ctx, view, [found]))[0];
    },
  );

  app.patch(
    "/case/:id",
    {
      config: { action: "case.update" },
      schema: { headers: AgentHeaders, params: IdParams, body: CaseUpdate },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const category = toCategory(request.body.status);
      // A post to a closed case opens a linked follow-up case, returned in its place (docs/dialects/khoros.md).
      const updated = await updateOrFollowUp(ctx, actor, parseId(request.params.id, "case"), {
        changes: toCaseChanges(request.body, view),
        timeline: toEntryInputs(request.body.interactions),
        ...(category ? { category } : {}),
      });
      return (await presentCases(ctx, view, [updated.case]))[0];
    },
  );

  app.get(
    "/customer/:id/cases",
    { config: { action: "case.read" }, schema: { headers: AgentHeaders, params: IdParams } },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const cases = await casesOfContact(
        ctx,
        actor,
        parseId(request.params.id, "contact"),
        CASES_PER_CUSTOMER,
      );
      return presentCases(ctx, view, cases);
    },
  );
}
