/** Helpers for MPT Helpdesk dialect tests: calls as MPT clients make them, the RFC 7807 error assertion, users per role. */
import assert from "node:assert/strict";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { TestApp } from "./setup.ts";

/** A call as the platform's clients make it: Bearer token, base URL ending in /public/v1. */
export function mpt(
  t: TestApp,
  options: Omit<InjectOptions, "url"> & { url: string; key?: string | null },
): Promise<LightMyRequestResponse> {
  const { url, key, ...rest } = options;
  return t.request({ ...rest, url: `/public/v1${url}`, key: key === undefined ? t.key : key });
}

/** An MPT case object as tests read it: `id`, `chat.id`, `reporter.id`. */
export interface OpenedCase {
  id: string;
  chat: { id: string };
  reporter: { id: string };
}

/** Opens a case with an opening message as `key`'s user (the admin key by default). */
export async function openCase(t: TestApp, key?: string): Promise<OpenedCase> {
  const res = await mpt(t, {
    method: "POST",
    url: "/helpdesk/cases",
    payload: { chat: { lastMessage: { content: "Hello" } } },
    ...(key ? { key } : {}),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as OpenedCase;
}

export interface MptProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  traceId: string;
  errors?: Record<string, string[]>;
}

/** Asserts the RFC 7807 envelope with this status, naming exactly `fields` in `errors` when given. */
export function assertMptError(res: LightMyRequestResponse, status: number, fields?: string[]): MptProblem {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
  const body = res.json() as MptProblem;
  assert.deepEqual(
    Object.keys(body).filter((key) => key !== "errors"),
    ["type", "title", "status", "detail", "traceId"],
  );
  assert.equal(body.status, status);
  assert.ok(body.detail.length > 0 && body.title.length > 0 && body.traceId.length > 0);
  if (fields) assert.deepEqual(Object.keys(body.errors ?? {}).sort(), [...fields].sort(), res.body);
  return body;
}

export interface Roles {
  /** Keys by role: operations (the admin key), client and vendor users with cases:read and cases:write. */
  keys: { operations: string; client: string; vendor: string };
  accounts: { client: string; vendor: string };
  users: { client: string; vendor: string };
}

/** Adds a client and a vendor account with one user and key each, through the native API. */
export async function seedRoles(t: TestApp): Promise<Roles> {
  const call = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: "POST", url: `/api/v1${url}`, payload });
    assert.ok(res.statusCode < 300, res.body);
    return res.json() as Record<string, string>;
  };
  const side = async (type: "client" | "vendor") => {
    const account = await call("/accounts", { name: `${type} Co`, type });
    const user = await call("/users", {
      accountId: account.id,
      email: `${type}@example.com`,
      name: `Pat ${type}`,
    });
    const key = await call("/keys", { name: type, scopes: ["cases:read", "cases:write"], userId: user.id });
    return { account: account.id!, user: user.id!, key: key.key! };
  };
  const client = await side("client");
  const vendor = await side("vendor");
  return {
    keys: { operations: t.key, client: client.key, vendor: vendor.key },
    accounts: { client: client.account, vendor: vendor.account },
    users: { client: client.user, vendor: vendor.user },
  };
}

/** One part of a multipart/form-data body; a part with a filename is a file. */
export interface Part {
  name: string;
  body: string | Buffer;
  filename?: string;
  type?: string;
}

const BOUNDARY = "----casework-test-boundary";

/** A multipart/form-data body and its content type, as a browser or an SDK sends one. */
export function form(parts: Part[]) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.filename === undefined ? "" : `; filename="${part.filename}"`;
    const type = part.type ? `Content-Type: ${part.type}\r\n` : "";
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n${type}\r\n`,
      ),
      Buffer.isBuffer(part.body) ? part.body : Buffer.from(part.body),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

/** A Form-scope parameter definition (a field of the form object) for forms to hold; its PAR- id. */
export async function defineParameter(t: TestApp, parameter: Record<string, unknown>): Promise<string> {
  const res = await mpt(t, {
    method: "POST",
    url: "/helpdesk/parameters",
    payload: { scope: "Form", type: "SingleLineText", ...parameter },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: string }).id;
}

/** A form holding `parameters` (PAR- ids, in order), published unless `publish` is false; its FRM- id. */
export async function makeForm(t: TestApp, parameters: string[], publish = true): Promise<string> {
  const res = await mpt(t, {
    method: "POST",
    url: "/helpdesk/forms",
    payload: { name: "Onboarding", parameters: parameters.map((id) => ({ id })) },
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = (res.json() as { id: string }).id;
  if (publish)
    assert.equal((await mpt(t, { method: "POST", url: `/helpdesk/forms/${id}/publish` })).statusCode, 200);
  return id;
}
