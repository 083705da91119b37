/** Where the read-only pages live, so every dialect that links to a case or a contact links the same way. */
import type { FastifyRequest } from "fastify";

/** Case numbers count per workspace, so the workspace is part of every page address. */
export const casePagePath = (slug: string, number: number) =>
  `/w/${encodeURIComponent(slug)}/cases/${number}`;

export const contactPagePath = (slug: string, id: number) => `/w/${encodeURIComponent(slug)}/contacts/${id}`;

/** The configured public base URL, or else the origin the request was made to. */
export const publicBase = (publicUrl: string | undefined, request: FastifyRequest) =>
  publicUrl ?? `${request.protocol}://${request.host}`;
