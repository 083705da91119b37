/** MPT chat attachments: multipart upload, metadata or bytes by Accept, a download path, describe, delete. */
import multipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import { type Attachment, servedType } from "../../../domain/chats/attachment.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  addAttachment,
  attachmentContent,
  checkAttachable,
  describeAttachment,
  getAttachment,
  listAttachments,
  removeAttachment,
} from "../../../ops/chats/attachments.ts";
import { addersOf } from "../../../ops/chats/conversation.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { sendFile } from "../../file-response.ts";
import {
  AttachmentObject,
  AttachmentParams,
  AttachmentPut,
  FileBytes,
  UploadForm,
} from "../conversation-schemas.ts";
import { parseMptId } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentAttachment } from "../present-conversation.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { receiveUpload } from "../upload.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, attachments: Attachment[]) {
  const related = await addersOf(ctx, actor, attachments);
  return attachments.map((attachment) => presentAttachment(related, attachment));
}

const chatNumber = (id: string) => parseMptId("chat", id);
const base = "/helpdesk/chats/:id/attachments";

/** The media ranges of an Accept header, lower-cased, without parameters. */
const accepted = (request: FastifyRequest) =>
  String(request.headers.accept ?? "")
    .split(",")
    .map((range) => range.split(";")[0]!.trim().toLowerCase())
    .filter(Boolean);

/** Bytes only when asked for by the file's own type (or its family) and JSON is not asked for as well. */
function wantsBytes(request: FastifyRequest, a: Attachment) {
  const ranges = accepted(request);
  if (ranges.includes("application/json")) return false;
  const family = `${a.contentType.split("/")[0]}/*`;
  return ranges.includes(a.contentType) || ranges.includes(family);
}

/** The upload, in a scope of its own: multipart bodies are parsed there only, every other route takes JSON. */
async function uploadRoute(instance: FastifyInstance, { ctx, attachmentLimit }: DialectOptions) {
  await instance.register(multipart, { limits: { fileSize: attachmentLimit } });
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    base,
    {
      config: { action: "case.update" },
      schema: { params: IdParams, form: UploadForm, response: { 201: AttachmentObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const number = chatNumber(request.params.id);
      // The case is checked before the body is read: a refused upload is not received at all.
      await checkAttachable(ctx, actor, number);
      const received = await receiveUpload(request, attachmentLimit);
      const { chunks: _bytes, ...identity } = received.upload;
      try {
        // A retry with the same key and the same file replays the first answer; another file is refused.
        return await write(
          ctx,
          request,
          reply,
          201,
          async (scoped) => {
            const added = await addAttachment(scoped, actor, number, received.upload);
            return (await presented(scoped, actor, [added]))[0];
          },
          identity,
        );
      } finally {
        await received.discard();
      }
    },
  );
}

export async function mptAttachmentRoutes(instance: FastifyInstance, options: DialectOptions) {
  const { ctx } = options;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(uploadRoute, options);

  const download = async (request: FastifyRequest, reply: FastifyReply, id: string, attachmentId: string) => {
    const { attachment, chunks } = await attachmentContent(
      ctx,
      actorOf(request),
      chatNumber(id),
      parseMptId("attachment", attachmentId),
    );
    return sendFile(reply, { ...attachment, type: servedType(attachment) }, chunks);
  };

  app.get(
    base,
    {
      config: { action: "case.read" },
      schema: { params: IdParams, response: { 200: ListOf(AttachmentObject) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, {}, []);
      const found = await listAttachments(ctx, actor, chatNumber(request.params.id), query);
      return page(query, found.total, await presented(ctx, actor, found.attachments));
    },
  );

  app.get(
    `${base}/:attachmentId`,
    {
      config: { action: "case.read" },
      schema: { params: AttachmentParams, response: { 200: AttachmentObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, attachmentId } = request.params;
      const found = await getAttachment(ctx, actor, chatNumber(id), parseMptId("attachment", attachmentId));
      if (!found.deletedAt && wantsBytes(request, found)) return download(request, reply, id, attachmentId);
      return (await presented(ctx, actor, [found]))[0];
    },
  );

  app.get(
    `${base}/:attachmentId/download`,
    {
      config: { action: "case.read" },
      schema: { params: AttachmentParams, response: { 200: FileBytes } },
    },
    async (request, reply) => download(request, reply, request.params.id, request.params.attachmentId),
  );

  app.put(
    `${base}/:attachmentId`,
    {
      config: { action: "case.update" },
      schema: { params: AttachmentParams, body: AttachmentPut, response: { 200: AttachmentObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, attachmentId } = request.params;
      const { name, description } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const updated = await describeAttachment(
          scoped,
          actor,
          chatNumber(id),
          parseMptId("attachment", attachmentId),
          definedOnly({ name, description }),
        );
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    `${base}/:attachmentId`,
    { config: { action: "case.update" }, schema: { params: AttachmentParams } },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      await removeAttachment(ctx, actorOf(request), chatNumber(id), parseMptId("attachment", attachmentId));
      return reply.code(204).send();
    },
  );
}
