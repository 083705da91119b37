/** Native routes of a case's files: the list and each file's bytes (files are uploaded in the MPT dialect). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { servedType } from "../../../domain/chats/attachment.ts";
import { attachmentContent, listAttachments } from "../../../ops/chats/attachments.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { sendFile } from "../../file-response.ts";
import { parseId } from "../../ids.ts";
import { pageBody, pageInMemory } from "../cursor.ts";
import { presentAttachment } from "../present.ts";
import { Attachment, AttachmentParams } from "../schemas/attachments.ts";
import { errors, IdParams, json, PageQuery, pageOf } from "../schemas/common.ts";

const tags = ["Attachments"];

/** Files per case the list reads at once; a case's conversation holds far fewer. */
const LIST_BOUND = 10_000;

export async function attachmentRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/cases/:id/attachments",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "listCaseAttachments",
        summary: "The files attached to a case's conversation, oldest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: json("The case's files, oldest first", pageOf(Attachment)), ...errors },
      },
    },
    async (request) => {
      const { attachments } = await listAttachments(
        ctx,
        actorOf(request),
        parseId(request.params.id, "case"),
        {
          offset: 0,
          limit: LIST_BOUND,
        },
      );
      return pageBody(pageInMemory(attachments, request.query), presentAttachment);
    },
  );

  app.get(
    "/cases/:id/attachments/:attachmentId/content",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "downloadCaseAttachment",
        summary: "A file's bytes, always as a download (never rendered as a page)",
        params: AttachmentParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const { attachment, chunks } = await attachmentContent(
        ctx,
        actorOf(request),
        parseId(request.params.id, "case"),
        parseId(request.params.attachmentId, "attachment"),
      );
      return sendFile(reply, { ...attachment, type: servedType(attachment) }, chunks);
    },
  );
}
