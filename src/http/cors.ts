/** Cross-origin access for browser integrations: only the origins CASEWORK_CORS_ORIGINS lists. */
import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/** Headers a browser may send: credentials and the concurrency and retry headers of every dialect. */
const ALLOWED_HEADERS = [
  "authorization",
  "x-api-key",
  "content-type",
  "if-match",
  "if-none-match",
  "idempotency-key",
  "x-request-id",
];

/** Response headers a browser script may read. */
const EXPOSED_HEADERS = ["etag", "location", "retry-after", "idempotent-replayed", "x-request-id"];

/**
 * Preflight requests are answered before any dialect's authentication (browsers never send credentials on
 * them). Keys travel in headers, not cookies, so no credentialed CORS is offered.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]) {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins.includes("*") ? "*" : [...origins],
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: false,
  });
}
