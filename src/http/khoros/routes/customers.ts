/** Khoros customer routes: customers are Casework contacts; search, best match, create, read and update. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { ContactChanges } from "../../../domain/contacts/contact.ts";
import { definedOnly } from "../../../domain/partial.ts";
import { bestMatchContacts, searchContactsByFields } from "../../../ops/contact-match.ts";
import { createContact, getContact, updateContact } from "../../../ops/contacts.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import { customValues } from "../fields.ts";
import { presentCustomer } from "../present.ts";
import {
  AgentHeaders,
  BestMatch,
  CustomerWrite,
  IdParams,
  READ_ONLY_CUSTOMER_PROPERTIES,
} from "../schemas.ts";
import { type KhorosView, viewFor } from "../view.ts";

const BUILT_INS = ["name", "email", "phone"];

function toContactChanges(body: Static<typeof CustomerWrite>, view: KhorosView): ContactChanges {
  const customFields = customValues(
    body,
    [...BUILT_INS, ...READ_ONLY_CUSTOMER_PROPERTIES],
    view.declared.customer,
  );
  const changes: ContactChanges = {
    name: body.name === null ? "" : body.name,
    email: body.email,
    phone: body.phone,
    ...(Object.keys(customFields).length ? { customFields } : {}),
  };
  return definedOnly(changes) as ContactChanges;
}

export async function khorosCustomerRoutes(instance: FastifyInstance, { ctx, publicUrl }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/customers",
    { config: { action: "contact.read" }, schema: { headers: AgentHeaders, body: CustomerWrite } },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const { name, email, phone, ...rest } = request.body;
      const criteria = definedOnly({
        name: name ?? undefined,
        email: email ?? undefined,
        phone: phone ?? undefined,
        customFields: customValues(rest, READ_ONLY_CUSTOMER_PROPERTIES, view.declared.customer),
      });
      const found = await searchContactsByFields(ctx, actor, criteria);
      if (found.length === 0) return reply.code(204).send();
      return found.map((contact) => presentCustomer(contact, view.declared.customer, view.links));
    },
  );

  app.post(
    "/customer/bestmatch",
    { config: { action: "contact.read" }, schema: { headers: AgentHeaders, body: BestMatch } },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const { accountNumbers, ...profile } = request.body;
      const found = await bestMatchContacts(ctx, actor, {
        ...profile,
        accountNumbers: typeof accountNumbers === "string" ? [accountNumbers] : accountNumbers,
      });
      return found.map((contact) => presentCustomer(contact, view.declared.customer, view.links));
    },
  );

  app.post(
    "/customer",
    { config: { action: "contact.write" }, schema: { headers: AgentHeaders, body: CustomerWrite } },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const changes = toContactChanges(request.body, view);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const created = await createContact(scoped, actor, changes);
        return {
          statusCode: 201,
          headers: {},
          body: presentCustomer(created, view.declared.customer, view.links),
        };
      });
      return send(reply, result);
    },
  );

  app.get(
    "/customer/:id",
    { config: { action: "contact.read" }, schema: { headers: AgentHeaders, params: IdParams } },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const found = await getContact(ctx, actor, parseId(request.params.id));
      return presentCustomer(found, view.declared.customer, view.links);
    },
  );

  app.patch(
    "/customer/:id",
    {
      config: { action: "contact.write" },
      schema: { headers: AgentHeaders, params: IdParams, body: CustomerWrite },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await viewFor(ctx, request, actor, publicUrl);
      const updated = await updateContact(
        ctx,
        actor,
        parseId(request.params.id),
        toContactChanges(request.body, view),
      );
      return presentCustomer(updated, view.declared.customer, view.links);
    },
  );
}
