/**
 * The list query in Talkdesk's forms: arrays comma-separated, as URL-encoded JSON arrays or as repeated keys;
 * ranges as `create_at=[from,to]`; enum words in any case. Read into a case filter, sort and page.
 */
import type { CaseType, Priority } from "../../domain/cases/case.ts";
import type { Status } from "../../domain/cases/status.ts";
import { type FieldError, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { CaseFilter, CaseSort } from "../../ops/cases/case-views.ts";
import { definitionFor } from "./custom-fields.ts";
import { readPriority, readStatus, readType } from "./enums.ts";

export type ListQuery = Record<string, string | string[] | number | undefined>;

const unquote = (item: string) =>
  item
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();

/** Every item of a list parameter, whichever of the three forms (or a mix) it came in. */
export function listItems(raw: unknown): string[] {
  const parts = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return parts
    .flatMap((part) => {
      const text = part.trim();
      if (!text.startsWith("[")) return text.split(",");
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed))
          return parsed.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
      } catch {
        // `[2024-01-01T00:00:00Z,2024-02-01T00:00:00Z]` is not JSON: read it as a bracketed comma list.
      }
      return text.replace(/^\[|\]$/g, "").split(",");
    })
    .map(unquote)
    .filter((item) => item.length > 0);
}

function enumList<T>(
  raw: unknown,
  read: (word: string) => T | null,
  name: string,
  errors: FieldError[],
): T[] | undefined {
  const items = listItems(raw);
  if (items.length === 0) return undefined;
  const read_ = items.map(read);
  const bad = items.filter((_, index) => read_[index] === null);
  if (bad.length)
    errors.push({ path: [name], in: "querystring", message: `unknown value ${bad.join(", ")}` });
  return read_.filter((value): value is T => value !== null);
}

/** A [from, to] range, both ends inclusive, either end may be left empty. */
function range(raw: unknown, name: string, errors: FieldError[]): { after?: Date; before?: Date } {
  const parts = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const joined = parts.length === 1 ? parts[0]!.trim() : parts.join(",");
  if (!joined) return {};
  const ends = joined
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map(unquote);
  const [from, to] = ends;
  const at = (text: string | undefined) => (text ? new Date(text) : undefined);
  const after = at(from);
  const before = at(to);
  if (ends.length > 2 || [after, before].some((d) => d !== undefined && Number.isNaN(d.getTime())))
    errors.push({
      path: [name],
      in: "querystring",
      message: "must be [from,to] with two ISO 8601 date-times",
    });
  return {
    ...(after && !Number.isNaN(after.getTime()) ? { after } : {}),
    // Both ends are inclusive, and the store's upper bound is exclusive.
    ...(before && !Number.isNaN(before.getTime()) ? { before: new Date(before.getTime() + 1) } : {}),
  };
}

const NUMBER = /^[1-9][0-9]{0,15}$/;

/** Ids that cannot be Casework's (not whole numbers) match nothing: -1 stands in for them. */
const numbers = (items: string[]) => items.map((item) => (NUMBER.test(item) ? Number(item) : -1));

function customFieldFilter(raw: unknown, definitions: readonly FieldDefinition[], errors: FieldError[]) {
  const conditions: Record<string, unknown>[] = [];
  for (const item of listItems(raw)) {
    let parsed: { label?: unknown; value?: unknown };
    try {
      parsed = JSON.parse(item);
    } catch {
      errors.push({
        path: ["custom_fields"],
        in: "querystring",
        message: 'must be a JSON array of {"label": field key, "value": …}',
      });
      continue;
    }
    const definition =
      typeof parsed?.label === "string" ? definitionFor(definitions, parsed.label) : undefined;
    if (!definition) {
      errors.push({
        path: ["custom_fields"],
        in: "querystring",
        message: `${String(parsed?.label)} is not a defined field`,
      });
      continue;
    }
    const value =
      typeof parsed.value === "number" && definition.type !== "integer" && definition.type !== "decimal"
        ? String(parsed.value)
        : parsed.value;
    const many = definition.type === "multi_select" || definition.type === "dependent_select";
    conditions.push({ [definition.key]: many && !Array.isArray(value) ? [value] : value });
  }
  return conditions;
}

export interface CaseListRequest {
  filter: CaseFilter;
  sort: CaseSort;
  page: number;
  perPage: number;
}

export function readListQuery(query: ListQuery, definitions: readonly FieldDefinition[]): CaseListRequest {
  const errors: FieldError[] = [];
  const text = (name: string) =>
    typeof query[name] === "string" && query[name] !== "" ? (query[name] as string) : undefined;
  const ids = listItems([...listItems(query.ids), ...listItems(query["ids[]"])]);
  const created = range(query.create_at, "create_at", errors);
  const updated = range(query.update_at, "update_at", errors);
  const requesterType = text("requester_type")?.toLowerCase();
  if (requesterType && !["agent", "agents", "contact", "contacts"].includes(requesterType))
    errors.push({ path: ["requester_type"], in: "querystring", message: "must be AGENT or CONTACT" });
  const orderBy = text("order_by")?.toLowerCase() ?? "create_at";
  if (orderBy !== "create_at" && orderBy !== "update_at")
    errors.push({ path: ["order_by"], in: "querystring", message: "must be create_at or update_at" });
  const direction = text("sort")?.toLowerCase() ?? "desc";
  if (direction !== "asc" && direction !== "desc")
    errors.push({ path: ["sort"], in: "querystring", message: "must be ASC or DESC" });
  const agent = { name: text("agent_name"), email: text("agent_email") };
  const requester = {
    name: text("requester_name"),
    email: text("requester_email"),
    phone: text("requester_phone"),
  };
  const filter: CaseFilter = {
    ...(ids.length ? { numbers: numbers(ids) } : {}),
    status: enumList<Status>(query.status, readStatus, "status", errors),
    priority: enumList<Priority>(query.priority, readPriority, "priority", errors),
    type: enumList<CaseType>(query.type, readType, "type", errors),
    ...(text("agent_id") ? { assigneeId: numbers([text("agent_id")!]) } : {}),
    ...(text("requester_id") ? { requesterId: numbers([text("requester_id")!]) } : {}),
    ...(agent.name || agent.email ? { assignee: agent } : {}),
    ...(requester.name || requester.email || requester.phone ? { requester } : {}),
    ...(requesterType ? { hasRequester: requesterType.startsWith("contact") } : {}),
    ...(text("title") ? { titleContains: text("title") } : {}),
    ...(text("description") ? { descriptionContains: text("description") } : {}),
    ...(created.after ? { createdAfter: created.after } : {}),
    ...(created.before ? { createdBefore: created.before } : {}),
    ...(updated.after ? { updatedAfter: updated.after } : {}),
    ...(updated.before ? { updatedBefore: updated.before } : {}),
  };
  const customFields = customFieldFilter(query.custom_fields, definitions, errors);
  if (customFields.length) filter.customFields = customFields;
  if (errors.length) unwrap(invalid(errors));
  return {
    filter,
    sort: {
      field: orderBy === "update_at" ? "updatedAt" : "createdAt",
      direction: direction as "asc" | "desc",
    },
    page: Number(query.page ?? 1),
    perPage: Number(query.per_page ?? 50),
  };
}
