/** How Khoros presents its key (the header is unpublished, so all three forms), and who the acting agent is. */
import type { FastifyRequest } from "fastify";
import { bearerToken, type Credential } from "../dialect.ts";

/** `X-API-Key: <key>`, `Authorization: Bearer <key>`, or the key itself as the whole `Authorization` value. */
export function khorosCredential(request: FastifyRequest): Credential | null {
  const secret = khorosToken(request);
  return secret ? { kind: "api_key", secret } : null;
}

function khorosToken(request: FastifyRequest): string | null {
  const apiKey = request.headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey.trim()) return apiKey.trim();
  const raw = request.headers.authorization?.trim();
  if (!raw) return null;
  return bearerToken(request) ?? (/\s/.test(raw) ? null : raw);
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
};

/** The agent behind a Khoros call, for the audit record (Marketing sends x-sf-user-email, Care x-sf-email). */
export function agentContext(request: FastifyRequest): Record<string, unknown> {
  const facts = {
    dialect: "khoros",
    agentEmail: header(request, "x-sf-user-email") ?? header(request, "x-sf-email"),
    khorosCompanyId: header(request, "x-sf-company-id"),
    khorosInitiative: header(request, "x-sf-initiative"),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
}
