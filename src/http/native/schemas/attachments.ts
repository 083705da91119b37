/** Native wire schemas of the files attached to a case (uploaded through the MPT dialect). */
import { Type } from "typebox";
import { Id, Nullable, Timestamp } from "./common.ts";

export const AttachmentParams = Type.Object({ id: Type.String(), attachmentId: Type.String() });

export const Attachment = Type.Object({
  id: Id,
  caseId: Id,
  name: Type.String(),
  description: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  addedBy: Nullable(Id),
  deleted: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
