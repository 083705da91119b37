/** Talkdesk note edits and the case field definitions. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { Failure } from "../../../domain/errors.ts";
import { fieldsOf } from "../../../ops/admin/fields.ts";
import { editNote } from "../../../ops/cases/edit-entry.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { parseId } from "../../ids.ts";
import { noteEdit } from "../case-input.ts";
import { presentField, presentNote } from "../present.ts";
import { ERRORS, FieldDefinition, Note, NoteParams, NotePatch } from "../schemas.ts";

const NOTE_FIELDS: Record<string, string> = { title: "note_title", body: "note_body", visibility: "public" };

export async function noteAndFieldRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.patch(
    "/core/va/notes/:note_id",
    {
      config: { action: "entry.edit" },
      schema: {
        tags: ["Notes"],
        operationId: "UpdateACaseNote",
        summary: "Edit a note's title, body or visibility",
        params: NoteParams,
        body: NotePatch,
        response: { 200: Note, ...ERRORS },
      },
    },
    async (request) => {
      try {
        const edited = await editNote(
          ctx,
          actorOf(request),
          parseId(request.params.note_id, "entry"),
          noteEdit(request.body),
        );
        return presentNote(edited.entry);
      } catch (error) {
        // A note's own fields are named as this endpoint's body names them.
        if (!(error instanceof Failure)) throw error;
        throw new Failure({
          code: error.code,
          message: error.message,
          fields: error.fields.map((f) => {
            const name = NOTE_FIELDS[String(f.path[0])];
            return name && f.path.length === 1 ? { ...f, path: [name], in: "body" as const } : f;
          }),
        });
      }
    },
  );

  app.get(
    "/meta/va/fields",
    {
      config: { action: "field.read" },
      schema: {
        tags: ["Case fields"],
        operationId: "GettingAListOfCaseFields",
        summary: "The case field definitions, with their option trees",
        response: { 200: Type.Array(FieldDefinition), ...ERRORS },
      },
    },
    async (request) => (await fieldsOf(ctx, actorOf(request), "case")).map(presentField),
  );
}
