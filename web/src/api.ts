// The console's only way to the server: the native API (and the sign-in endpoint), signed in by the
// session cookie. Every write carries the CSRF header the server asks of cookie-signed requests.

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error the API answered, in words the console shows next to what caused it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[],
  ) {
    super(message);
  }
  /** The message the server gave for one field (of the body, or of the query as `query.name`), if any. */
  about(field: string): string | undefined {
    return this.fields
      .map((f) => ({ ...f, field: f.field.replace(/^query\./, "") }))
      .find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
  }
}

export interface Answer<T> {
  data: T;
  etag: string | null;
}

export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(method === "GET" ? {} : { "x-casework-csrf": "1" }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached; check the connection and retry.", []);
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as { detail?: string; code?: string; errors?: FieldProblem[] };
    throw new ApiError(
      response.status,
      problem.code ?? "error",
      problem.detail ?? `The server answered ${response.status} ${response.statusText}.`,
      problem.errors ?? [],
    );
  }
  return { data: parsed as T, etag: response.headers.get("etag") };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const get = async <T>(path: string) => (await call<T>("GET", path)).data;

/** A query string from the set values of `params`. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface Page<T> {
  data: T[];
  next: string | null;
}

export interface Case {
  id: string;
  number: number;
  title: string;
  description: string;
  status: string;
  statusCategory: string;
  nextStatuses: string[];
  priority: string;
  type: string | null;
  parentId: string | null;
  queueId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  requesterId: string | null;
  accountId: string | null;
  resolution: string | null;
  customFields: Record<string, unknown>;
  tags: string[];
  revision: number;
  createdAt: string;
  updatedAt: string;
  trashedAt: string | null;
}

export interface Entry {
  id: string;
  kind: "interaction" | "note" | "message";
  visibility: "public" | "internal";
  author: { type: string; id: string | null };
  title: string | null;
  body: string;
  origin: {
    service: string;
    linkUrl: string | null;
    author: { handle: string; name: string } | null;
  } | null;
  createdAt: string;
}

/** A file attached to a case's conversation; its bytes are at `…/attachments/{id}/content`. */
export interface Attachment {
  id: string;
  name: string;
  description: string;
  filename: string;
  contentType: string;
  size: number;
  deleted: boolean;
  createdAt: string;
}

export interface AuditRecord {
  id: string;
  action: string;
  at: string;
  actor: { label: string };
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface Me {
  id: string;
  email: string;
  name: string;
  accountId: string;
  accountType: string;
  can: string[];
}

export interface Named {
  id: string;
  name: string;
}
export interface User extends Named {
  email: string;
  accountId: string;
  active: boolean;
}
export interface Contact extends Named {
  email: string | null;
  phone: string | null;
  handles: { service: string; handle: string }[];
}
export interface FieldOption {
  value: string;
  label: string;
  children?: FieldOption[];
}
/** A custom field's definition: its type decides the input the console offers. */
export interface FieldDefinition {
  key: string;
  label: string;
  description: string;
  type:
    | "text"
    | "textarea"
    | "checkbox"
    | "select"
    | "multi_select"
    | "dependent_select"
    | "date"
    | "integer"
    | "decimal"
    | "email"
    | "heading"
    | "json";
  options: FieldOption[];
  required: boolean;
  active: boolean;
  readonly: boolean;
  displayOrder: number;
}
export interface Workspace {
  slug: string;
  name: string;
  resolutionRequired: boolean;
}

export const STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const CASE_TYPES = ["question", "incident", "problem", "task"] as const;

/** "on_hold" as people write it. */
export const words = (value: string) => value.replace(/_/g, " ");
