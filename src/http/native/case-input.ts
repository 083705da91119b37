/** Translating native case requests (bodies, list queries, If-Match) into op inputs. */
import type { Static } from "typebox";
import type { CaseChanges, CaseType, Priority } from "../../domain/cases/case.ts";
import { CASE_TYPES, PRIORITIES } from "../../domain/cases/case.ts";
import type { CaseFilter, CasePosition, CaseSort, SortField } from "../../domain/cases/list-query.ts";
import { STATUSES, type Status } from "../../domain/cases/status.ts";
import { Failure } from "../../domain/errors.ts";
import { definedOnly } from "../../domain/partial.ts";
import type { EntryInput } from "../../domain/timeline/entry.ts";
import { parseRef } from "../ids.ts";
import { decodeCursor } from "./cursor.ts";
import type { CaseListQuery, CasePatch, EntryCreate } from "./schemas/cases.ts";

export function toCaseChanges(body: Static<typeof CasePatch>): CaseChanges {
  const changes: CaseChanges = {
    title: body.title,
    description: body.description,
    status: body.status,
    priority: body.priority,
    type: body.type,
    parentNumber: parseRef(body.parentId),
    queueId: parseRef(body.queueId),
    assigneeId: parseRef(body.assigneeId),
    reporterId: parseRef(body.reporterId),
    requesterId: parseRef(body.requesterId),
    accountId: parseRef(body.accountId),
    resolution: body.resolution,
    solveReason: body.solveReason,
    awaiting: body.awaiting,
    queryPrompt: body.queryPrompt,
    customFields: body.customFields,
    tags: body.tags,
  };
  return definedOnly(changes) as CaseChanges;
}

export function toEntryInputs(entries: Static<typeof EntryCreate>[] | undefined): EntryInput[] {
  return (entries ?? []).map((entry) => ({
    kind: entry.kind,
    visibility: entry.visibility,
    title: entry.title ?? null,
    body: entry.body,
    origin: entry.origin
      ? {
          service: entry.origin.service,
          serviceId: entry.origin.serviceId ?? null,
          linkUrl: entry.origin.linkUrl ?? null,
          contentType: entry.origin.contentType ?? null,
          createdAt: entry.origin.createdAt ? new Date(entry.origin.createdAt) : null,
          author: entry.origin.author ?? null,
        }
      : null,
  }));
}

/** The revision an entity-tag header names (`"3"`, `W/"3"`); `*` or no header is undefined, junk is null. */
function taggedRevision(header: string | undefined): number | undefined | null {
  if (header === undefined || header.trim() === "*") return undefined;
  const first = header.split(",")[0]!.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  return /^\d{1,9}$/.test(first) ? Number(first) : null;
}

/** The revision If-Match names; a value that is not an ETag of this API is a 400 naming the header. */
export function expectedRevision(header: string | undefined): number | undefined {
  const revision = taggedRevision(header);
  if (revision === null)
    throw new Failure({
      code: "validation_failed",
      message: 'If-Match takes the ETag a response carried, such as "3", or *.',
      fields: [{ path: ["If-Match"], in: "headers", message: 'must be an ETag such as "3", or *' }],
    });
  return revision;
}

/** The revision If-None-Match names; a value this API never sent matches nothing. */
export const cachedRevision = (header: string | undefined): number | undefined =>
  taggedRevision(header) ?? undefined;

export const etag = (revision: number) => `"${revision}"`;

function csv<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  field: string,
): T[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  const bad = values.filter((value) => !allowed.includes(value as T));
  if (bad.length)
    throw new Failure({
      code: "validation_failed",
      message: `${field} accepts ${allowed.join(", ")}.`,
      fields: [{ path: [field], message: `unknown value ${bad.join(", ")}`, in: "querystring" }],
    });
  return values as T[];
}

function ids(raw: string | undefined, field: string, allowNone = false): (number | null)[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(",").map((value) => {
    const trimmed = value.trim();
    if (allowNone && trimmed === "none") return null;
    if (!/^[1-9][0-9]{0,15}$/.test(trimmed))
      throw new Failure({
        code: "validation_failed",
        message: `${field} takes numeric ids.`,
        fields: [{ path: [field], message: `${trimmed || "(empty)"} is not an id`, in: "querystring" }],
      });
    return Number(trimmed);
  });
}

type CursorShape = [SortField, "asc" | "desc", string | number, number];

export interface CaseListRequest {
  filter: CaseFilter;
  fieldFilters: Record<string, string>;
  count: boolean;
  sort: CaseSort;
  after: CasePosition | null;
  limit: number;
}

/** A cursor's sort value must be what `sortValue` hands out, or the database would reject it with a 500. */
function isSortValue(field: SortField, value: unknown): boolean {
  if (field === "number") return Number.isSafeInteger(value);
  if (field === "priority") return Number.isInteger(value) && PRIORITIES[(value as number) - 1] !== undefined;
  if (typeof value !== "string" || !/^[0-9]{4}-/.test(value) || value.startsWith("0000")) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function toCaseList(query: Static<typeof CaseListQuery>): CaseListRequest {
  const rawSort = String(query.sort ?? "-number");
  const sort: CaseSort = {
    field: rawSort.replace(/^-/, "") as SortField,
    direction: rawSort.startsWith("-") ? "desc" : "asc",
  };
  const after = query.cursor
    ? decodeCursor(query.cursor, (value): value is CursorShape => {
        const v = value as CursorShape;
        return (
          Array.isArray(v) &&
          v.length === 4 &&
          v[0] === sort.field &&
          v[1] === sort.direction &&
          isSortValue(sort.field, v[2]) &&
          Number.isSafeInteger(v[3])
        );
      })
    : null;
  const filter: CaseFilter = {
    status: csv<Status>(query.status, STATUSES, "status"),
    priority: csv<Priority>(query.priority, PRIORITIES, "priority"),
    type: csv<CaseType>(query.type, CASE_TYPES, "type"),
    queueId: ids(query.queueId, "queueId") as number[] | undefined,
    assigneeId: ids(query.assigneeId, "assigneeId", true),
    requesterId: ids(query.requesterId, "requesterId") as number[] | undefined,
    parentNumber: query.parentId === undefined ? undefined : Number(query.parentId),
    tags: query.tag
      ?.split(",")
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean),
    createdAfter: query.createdAfter ? new Date(query.createdAfter) : undefined,
    createdBefore: query.createdBefore ? new Date(query.createdBefore) : undefined,
    updatedAfter: query.updatedAfter ? new Date(query.updatedAfter) : undefined,
    updatedBefore: query.updatedBefore ? new Date(query.updatedBefore) : undefined,
    q: query.q,
    trashed: query.trashed ?? false,
  };
  const fieldFilters = Object.fromEntries(
    Object.entries(query as Record<string, unknown>)
      .filter(([name]) => name.startsWith("customFields."))
      .map(([name, value]) => [name.slice("customFields.".length), String(value)]),
  );
  return {
    filter,
    fieldFilters,
    count: query.count ?? false,
    sort,
    after: after ? { value: after[2], number: after[3] } : null,
    limit: query.limit ?? 50,
  };
}

export const cursorOf = (sort: CaseSort, position: CasePosition): CursorShape => [
  sort.field,
  sort.direction,
  position.value,
  position.number,
];
