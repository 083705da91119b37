/** MPT notifications contacts: Casework contacts under the platform's names, with block and unblock. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { Contact } from "../../../domain/contacts/contact.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  contactEvents,
  createContact,
  getContact,
  listContacts,
  removeContact,
  updateContact,
} from "../../../ops/contacts.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { ContactObject, ContactWrite } from "../contact-schemas.ts";
import { parseMptId } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentContact } from "../present-contact.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { CONTACT_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, contacts: Contact[]) {
  const details = await contactEvents(ctx, actor, contacts);
  return contacts.map((contact) => presentContact(details, contact));
}

interface ContactBody {
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  optOuts?: string[];
}

/** `name` is the whole name; without it, first and last names make it up. */
function toContactChanges(body: ContactBody) {
  const parts = [body.firstName, body.lastName].filter((part) => part?.trim());
  const name = body.name ?? (parts.length ? parts.join(" ").trim() : undefined);
  return definedOnly({
    name,
    email: body.email,
    optOuts: body.optOuts ? [...new Set(body.optOuts)] : undefined,
  });
}

const base = "/notifications/contacts";

export async function mptContactRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const contactId = (raw: string) => parseMptId("contact", raw);

  app.get(
    base,
    { config: { action: "contact.read" }, schema: { response: { 200: ListOf(ContactObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, CONTACT_VOCABULARY, [{ field: "id", direction: "asc" }]);
      const { contacts, total } = await listContacts(ctx, actor, query);
      return page(query, total, await presented(ctx, actor, contacts));
    },
  );

  app.post(
    base,
    { config: { action: "contact.write" }, schema: { body: ContactWrite, response: { 201: ContactObject } } },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 201, async (scoped) => {
        const created = await createContact(scoped, actor, toContactChanges(request.body));
        return (await presented(scoped, actor, [created]))[0];
      });
    },
  );

  app.get(
    `${base}/:id`,
    { config: { action: "contact.read" }, schema: { params: IdParams, response: { 200: ContactObject } } },
    async (request) => {
      const actor = actorOf(request);
      const found = await getContact(ctx, actor, contactId(request.params.id));
      return (await presented(ctx, actor, [found]))[0];
    },
  );

  app.put(
    `${base}/:id`,
    {
      config: { action: "contact.write" },
      schema: { params: IdParams, body: ContactWrite, response: { 200: ContactObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 200, async (scoped) => {
        const id = contactId(request.params.id);
        const updated = await updateContact(scoped, actor, id, toContactChanges(request.body));
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    `${base}/:id`,
    { config: { action: "contact.write" }, schema: { params: IdParams } },
    async (request, reply) => {
      await removeContact(ctx, actorOf(request), contactId(request.params.id));
      return reply.code(204).send();
    },
  );

  for (const [action, blocked] of [
    ["block", true],
    ["unblock", false],
  ] as const)
    app.post(
      `${base}/:id/${action}`,
      {
        config: { action: "contact.write" },
        schema: { params: IdParams, response: { 200: ContactObject } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return write(ctx, request, reply, 200, async (scoped) => {
          const updated = await updateContact(scoped, actor, contactId(request.params.id), { blocked });
          return (await presented(scoped, actor, [updated]))[0];
        });
      },
    );
}
