/** Sends a stored file's bytes so that a browser saves it and never runs it as a page of Casework's origin. */
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";

/** `attachment` with an ASCII fallback name and the exact one in RFC 5987 encoding. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

export function sendFile(
  reply: FastifyReply,
  file: { filename: string; type: string; size: number; sha256: string },
  chunks: AsyncIterable<Buffer>,
) {
  return reply
    .header("content-type", file.type)
    .header("content-length", String(file.size))
    .header("content-disposition", contentDisposition(file.filename))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox; default-src 'none'")
    .header("cache-control", "private, no-cache")
    .header("etag", `"${file.sha256}"`)
    .send(Readable.from(chunks));
}
