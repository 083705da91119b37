/** Native contact routes. */

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { ContactChanges } from "../../../domain/contacts/contact.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  createContact,
  findContacts,
  getContact,
  removeContact,
  updateContact,
} from "../../../ops/contacts.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId, parseRef } from "../../ids.ts";
import { afterIdOf, pageBody } from "../cursor.ts";
import { presentContact } from "../present.ts";
import { errors, IdempotencyHeaders, IdParams, json, Location, noBody, pageOf } from "../schemas/common.ts";
import { Contact, ContactListQuery, ContactPatch, ContactWrite } from "../schemas/contacts.ts";

const tags = ["Contacts"];

function toContactChanges(body: Static<typeof ContactWrite>): ContactChanges {
  const changes: ContactChanges = {
    name: body.name,
    email: body.email,
    phone: body.phone,
    accountId: parseRef(body.accountId),
    handles: body.handles?.map((h) => ({
      service: h.service,
      handle: h.handle,
      serviceId: h.serviceId ?? null,
      profileUrl: h.profileUrl ?? null,
    })),
    customFields: body.customFields,
  };
  return definedOnly(changes) as ContactChanges;
}

export async function contactRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/contacts",
    {
      config: { action: "contact.write" },
      schema: {
        tags,
        operationId: "createContact",
        summary: "Create a contact",
        headers: IdempotencyHeaders,
        body: ContactWrite,
        response: { 201: json("The created contact", Contact, { Location }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const created = await createContact(scoped, actor, toContactChanges(request.body));
        return {
          statusCode: 201,
          headers: { location: `/api/v1/contacts/${created.id}` },
          body: presentContact(created),
        };
      });
      return send(reply, result);
    },
  );

  app.get(
    "/contacts",
    {
      config: { action: "contact.read" },
      schema: {
        tags,
        operationId: "listContacts",
        summary: "Search contacts",
        description: "`q` matches name, email or phone; `handle` (with optional `service`) a social handle.",
        querystring: ContactListQuery,
        response: { 200: json("A page of contacts", pageOf(Contact)), ...errors },
      },
    },
    async (request) => {
      const { q, email, handle, service, limit, cursor, count } = request.query;
      const page = await findContacts(ctx, actorOf(request), {
        q,
        email,
        handle: handle ? { handle, service } : undefined,
        afterId: afterIdOf(cursor),
        limit: limit ?? 50,
        count,
      });
      return pageBody(page, presentContact);
    },
  );

  app.get(
    "/contacts/:id",
    {
      config: { action: "contact.read" },
      schema: {
        tags,
        operationId: "getContact",
        summary: "Get a contact",
        params: IdParams,
        response: { 200: json("The contact", Contact), ...errors },
      },
    },
    async (request) =>
      presentContact(await getContact(ctx, actorOf(request), parseId(request.params.id, "contact"))),
  );

  app.patch(
    "/contacts/:id",
    {
      config: { action: "contact.write" },
      schema: {
        tags,
        operationId: "updateContact",
        summary: "Update a contact",
        params: IdParams,
        body: ContactPatch,
        response: { 200: json("The contact as changed", Contact), ...errors },
      },
    },
    async (request) =>
      presentContact(
        await updateContact(
          ctx,
          actorOf(request),
          parseId(request.params.id, "contact"),
          toContactChanges(request.body),
        ),
      ),
  );

  app.delete(
    "/contacts/:id",
    {
      config: { action: "contact.write" },
      schema: {
        tags,
        operationId: "deleteContact",
        summary: "Delete a contact that requested no case",
        params: IdParams,
        response: { 204: noBody("Deleted"), ...errors },
      },
    },
    async (request, reply) => {
      await removeContact(ctx, actorOf(request), parseId(request.params.id, "contact"));
      return reply.code(204).send(null);
    },
  );
}
