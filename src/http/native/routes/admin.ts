/** Native administration routes: custom fields, queues, accounts, users, API keys and workspace settings. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { type AccountType, isKeyScope, type Scope } from "../../../domain/access.ts";
import type { FieldObject } from "../../../domain/fields/definition.ts";
import { permissions } from "../../../domain/policy.ts";
import {
  accountsOf,
  createAccount,
  createUser,
  getAccount,
  getUser,
  updateAccount,
  updateUser,
  usersOf,
} from "../../../ops/admin/directory.ts";
import {
  createField,
  type DefinitionInput,
  fieldsOf,
  getField,
  updateField,
} from "../../../ops/admin/fields.ts";
import { createQueue, getQueue, queuesOf, updateQueue } from "../../../ops/admin/queues.ts";
import type { OpContext } from "../../../ops/context.ts";
import { createKey, keysOf, revokeApiKey } from "../../../ops/credentials.ts";
import { getSettings, updateSettings } from "../../../ops/workspaces.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId, parseRef } from "../../ids.ts";
import { pageBody, pageInMemory } from "../cursor.ts";
import {
  presentAccount,
  presentField,
  presentKey,
  presentQueue,
  presentUser,
  presentWorkspace,
} from "../present.ts";
import {
  Account,
  AccountPatch,
  AccountWrite,
  Field,
  FieldCreate,
  FieldListQuery,
  FieldPatch,
  Key,
  KeyCreate,
  KeyCreated,
  Me,
  Queue,
  QueueCreate,
  QueuePatch,
  User,
  UserCreate,
  UserPatch,
  WorkspacePatch,
  WorkspaceSettings,
} from "../schemas/admin.ts";
import {
  errors,
  IdempotencyHeaders,
  IdParams,
  json,
  Location,
  PageQuery,
  pageOf,
} from "../schemas/common.ts";
import { registerResource } from "./resource.ts";

const withRefs = <T extends Record<string, unknown>>(body: T, keys: string[]) => ({
  ...body,
  ...Object.fromEntries(
    keys
      .filter((key) => key in body)
      .map((key) => [key, parseRef(body[key] as string | number | null | undefined)]),
  ),
});

export async function adminRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  registerSingletons(instance, ctx);
  registerResource(instance, ctx, {
    path: "/fields",
    kind: "field",
    operation: "Field",
    name: "custom field",
    tag: "Custom fields",
    schema: Field,
    createBody: FieldCreate,
    patchBody: FieldPatch,
    listQuery: FieldListQuery,
    present: presentField,
    list: (c, actor, query) => fieldsOf(c, actor, query.object as FieldObject | undefined),
    create: (c, actor, body: DefinitionInput) => createField(c, actor, body),
    get: getField,
    update: updateField,
  });
  registerResource(instance, ctx, {
    path: "/queues",
    kind: "queue",
    operation: "Queue",
    name: "queue",
    tag: "Queues",
    schema: Queue,
    createBody: QueueCreate,
    patchBody: QueuePatch,
    present: presentQueue,
    list: (c, actor) => queuesOf(c, actor),
    create: (c, actor, body: Record<string, unknown>) =>
      createQueue(c, actor, withRefs(body, ["ownerAccountId"]) as never),
    get: getQueue,
    update: (c, actor, id, body: Record<string, unknown>) =>
      updateQueue(c, actor, id, withRefs(body, ["ownerAccountId"]) as never),
  });
  registerResource(instance, ctx, {
    path: "/accounts",
    kind: "account",
    operation: "Account",
    name: "account",
    tag: "Accounts and users",
    schema: Account,
    createBody: AccountWrite,
    patchBody: AccountPatch,
    present: presentAccount,
    list: (c, actor) => accountsOf(c, actor),
    create: (c, actor, body: { name: string; type: AccountType }) => createAccount(c, actor, body),
    get: getAccount,
    update: updateAccount,
  });
  registerResource(instance, ctx, {
    path: "/users",
    kind: "user",
    operation: "User",
    name: "user",
    tag: "Accounts and users",
    schema: User,
    createBody: UserCreate,
    patchBody: UserPatch,
    present: presentUser,
    list: (c, actor) => usersOf(c, actor),
    create: (c, actor, body: Record<string, unknown>) =>
      createUser(c, actor, withRefs(body, ["accountId"]) as never),
    get: getUser,
    update: (c, actor, id, body: Record<string, unknown>) =>
      updateUser(c, actor, id, withRefs(body, ["accountId"]) as never),
  });
}

function registerSingletons(instance: FastifyInstance, ctx: OpContext) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/me",
    {
      schema: {
        tags: ["Accounts and users"],
        operationId: "getMe",
        summary: "The user behind the key, and what the access policy lets it do",
        response: { 200: json("The caller's user, scopes and allowed actions", Me), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        ...presentUser(await getUser(ctx, actor, actor.userId)),
        accountType: actor.accountType,
        scopes: actor.scopes.filter(isKeyScope),
        can: permissions(actor),
      };
    },
  );

  app.get(
    "/keys",
    {
      config: { action: "key.manage" },
      schema: {
        tags: ["API keys"],
        operationId: "listKeys",
        summary: "List API keys (never their secrets)",
        querystring: PageQuery,
        response: { 200: json("A page of API keys", pageOf(Key)), ...errors },
      },
    },
    async (request) => pageBody(pageInMemory(await keysOf(ctx, actorOf(request)), request.query), presentKey),
  );

  app.post(
    "/keys",
    {
      config: { action: "key.manage" },
      schema: {
        tags: ["API keys"],
        operationId: "createKey",
        summary: "Create an API key; the secret is in this response only",
        headers: IdempotencyHeaders,
        body: KeyCreate,
        response: { 201: json("The key, with its secret", KeyCreated, { Location }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const minted = await createKey(scoped, actor, {
          name: request.body.name,
          scopes: request.body.scopes as Scope[],
          userId: parseRef(request.body.userId) ?? undefined,
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
        });
        return {
          statusCode: 201,
          headers: { location: `/api/v1/keys/${minted.key.id}` },
          body: { ...presentKey(minted.key), key: minted.secret },
        };
      });
      return send(reply, result);
    },
  );

  app.delete(
    "/keys/:id",
    {
      config: { action: "key.manage" },
      schema: {
        tags: ["API keys"],
        operationId: "revokeKey",
        summary: "Revoke an API key",
        params: IdParams,
        response: { 200: json("The revoked key", Key), ...errors },
      },
    },
    async (request) =>
      presentKey(await revokeApiKey(ctx, actorOf(request), parseId(request.params.id, "key"))),
  );

  app.get(
    "/workspace",
    {
      config: { action: "workspace.read" },
      schema: {
        tags: ["Workspace"],
        operationId: "getWorkspace",
        summary: "This workspace's settings",
        response: { 200: json("The workspace's settings", WorkspaceSettings), ...errors },
      },
    },
    async (request) => presentWorkspace(await getSettings(ctx, actorOf(request))),
  );

  app.patch(
    "/workspace",
    {
      config: { action: "workspace.manage" },
      schema: {
        tags: ["Workspace"],
        operationId: "updateWorkspace",
        summary: "Change this workspace's case rules",
        body: WorkspacePatch,
        response: { 200: json("The workspace's settings", WorkspaceSettings), ...errors },
      },
    },
    async (request) => presentWorkspace(await updateSettings(ctx, actorOf(request), request.body)),
  );
}
