/** Contact rows and their social handles. */
import type { Contact, ContactQueryField, SocialHandle } from "../domain/contacts/contact.ts";
import type { Visibility } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import { boundedCount } from "./count.ts";
import type { Sql } from "./db.ts";
import { idOrNull, Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

const COLUMNS = `c.id, c.name, c.email, c.phone, c.account_id, c.custom_fields, c.blocked, c.opt_outs, c.revision, c.created_at, c.updated_at,
  coalesce((select jsonb_agg(jsonb_build_object('service', h.service, 'handle', h.handle,
     'serviceId', h.service_id, 'profileUrl', h.profile_url) order by h.service, h.handle)
   from contact_handles h where h.workspace_id = c.workspace_id and h.contact_id = c.id), '[]') as handles`;

const toContact = (row: Record<string, unknown>): Contact => ({
  id: Number(row.id),
  name: row.name as string,
  email: (row.email as string) ?? null,
  phone: (row.phone as string) ?? null,
  accountId: idOrNull(row.account_id),
  handles: row.handles as SocialHandle[],
  customFields: row.custom_fields as Record<string, unknown>,
  blocked: row.blocked as boolean,
  optOuts: row.opt_outs as string[],
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

async function replaceHandles(sql: Sql, workspaceId: number, contactId: number, handles: SocialHandle[]) {
  await sql.query("delete from contact_handles where workspace_id = $1 and contact_id = $2", [
    workspaceId,
    contactId,
  ]);
  if (handles.length === 0) return;
  await sql.query(
    `insert into contact_handles (workspace_id, contact_id, service, handle, service_id, profile_url)
     select $1, $2, h.service, h.handle, h."serviceId", h."profileUrl"
     from jsonb_to_recordset($3::jsonb) as h(service text, handle text, "serviceId" text, "profileUrl" text)`,
    [workspaceId, contactId, JSON.stringify(handles)],
  );
}

export async function findContact(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${COLUMNS} from contacts c where c.workspace_id = $1 and c.id = $2${lock ? " for update of c" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toContact(rows[0]) : null;
}

export async function insertContact(sql: Sql, workspaceId: number, c: Omit<Contact, "id">): Promise<Contact> {
  const rows = await sql.query<{ id: number }>(
    `insert into contacts (workspace_id, name, email, phone, account_id, custom_fields, revision, created_at, updated_at,
       blocked, opt_outs)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) returning id`,
    [
      workspaceId,
      c.name,
      c.email,
      c.phone,
      c.accountId,
      JSON.stringify(c.customFields),
      c.revision,
      c.createdAt,
      c.blocked,
      JSON.stringify(c.optOuts),
    ],
  );
  const id = Number(rows[0]!.id);
  await replaceHandles(sql, workspaceId, id, c.handles);
  return (await findContact(sql, workspaceId, id))!;
}

export async function saveContact(sql: Sql, workspaceId: number, c: Contact, handlesChanged: boolean) {
  await sql.query(
    `update contacts set name = $3, email = $4, phone = $5, account_id = $6, custom_fields = $7, revision = $8,
       updated_at = $9, blocked = $10, opt_outs = $11 where workspace_id = $1 and id = $2`,
    [
      workspaceId,
      c.id,
      c.name,
      c.email,
      c.phone,
      c.accountId,
      JSON.stringify(c.customFields),
      c.revision,
      c.updatedAt,
      c.blocked,
      JSON.stringify(c.optOuts),
    ],
  );
  if (handlesChanged) await replaceHandles(sql, workspaceId, c.id, c.handles);
}

export async function deleteContact(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from contacts where workspace_id = $1 and id = $2", [workspaceId, id]);
}

export async function contactHasCases(sql: Sql, workspaceId: number, id: number): Promise<boolean> {
  const rows = await sql.query("select 1 from cases where workspace_id = $1 and requester_id = $2 limit 1", [
    workspaceId,
    id,
  ]);
  return rows.length > 0;
}

export interface ContactQuery {
  /** The contacts the actor may see (the access policy's condition). */
  visible: Visibility<"contact">;
  /** Matches name, email or phone, case-insensitively, anywhere in the value. */
  q?: string;
  email?: string;
  /** Exact name, case-insensitively. */
  name?: string;
  /** Exact phone number, as stored. */
  phone?: string;
  /** Custom field values that must all match exactly. */
  customFields?: Record<string, unknown>;
  /** A social handle, optionally on one service. */
  handle?: { handle: string; service?: string };
  afterId: number | null;
  limit: number;
}

function contactWhere(workspaceId: number, query: Omit<ContactQuery, "limit">, params: Params): string[] {
  const where = [
    `c.workspace_id = ${params.add(workspaceId)}`,
    `c.id > ${params.add(query.afterId ?? 0)}`,
    visibleSql("contact", query.visible, params),
  ];
  if (query.q) {
    const pattern = params.add(`%${query.q.replace(/[\\%_]/g, "\\$&")}%`);
    where.push(`(c.name ilike ${pattern} or c.email ilike ${pattern} or c.phone ilike ${pattern})`);
  }
  if (query.email) where.push(`lower(c.email) = lower(${params.add(query.email)})`);
  if (query.name) where.push(`lower(c.name) = lower(${params.add(query.name)})`);
  if (query.phone) where.push(`c.phone = ${params.add(query.phone)}`);
  if (query.customFields && Object.keys(query.customFields).length)
    where.push(`c.custom_fields @> ${params.add(JSON.stringify(query.customFields))}::jsonb`);
  if (query.handle) {
    const service = query.handle.service
      ? `and lower(h.service) = lower(${params.add(query.handle.service)})`
      : "";
    where.push(`exists (select 1 from contact_handles h where h.workspace_id = c.workspace_id and h.contact_id = c.id
      and lower(h.handle) = lower(${params.add(query.handle.handle)}) ${service})`);
  }
  return where;
}

/** How many contacts the query matches, from the start (see `boundedCount`). */
export async function countContacts(sql: Sql, workspaceId: number, query: Omit<ContactQuery, "limit">) {
  const params = new Params();
  const where = contactWhere(workspaceId, { ...query, afterId: null }, params);
  return boundedCount(sql, `contacts c where ${where.join(" and ")}`, params.values);
}

export async function searchContacts(sql: Sql, workspaceId: number, query: ContactQuery): Promise<Contact[]> {
  const params = new Params();
  const where = contactWhere(workspaceId, query, params);
  const rows = await sql.query(
    `select ${COLUMNS} from contacts c where ${where.join(" and ")} order by c.id limit ${params.add(query.limit + 1)}`,
    params.values,
  );
  return rows.map(toContact);
}

/** What a best-match look-up searches for; every list is already normalised (see domain/contacts/match.ts). */
export interface MatchProbe {
  /** Lower-case handles without a leading @. */
  handles: string[];
  /** Lower-case profile URLs. */
  profileUrls: string[];
  /** Lower-case emails. */
  emails: string[];
  /** Phone numbers as digits only. */
  phoneDigits: string[];
  /** Lower-case display names. */
  names: string[];
  /** Order and account numbers, compared with the values of the custom fields in `numberFields`. */
  numbers: string[];
  numberFields: string[];
}

/** Contacts that share at least one fact with the probe (the candidates a best match is ranked from). */
export async function matchCandidates(
  sql: Sql,
  workspaceId: number,
  probe: MatchProbe,
  visible: Visibility<"contact">,
  limit: number,
): Promise<Contact[]> {
  const params = new Params();
  for (const value of [
    workspaceId,
    probe.emails,
    probe.phoneDigits,
    probe.names,
    probe.handles,
    probe.profileUrls,
    probe.numberFields,
    probe.numbers,
    limit,
  ])
    params.add(value);
  const rows = await sql.query(
    `select ${COLUMNS} from contacts c where c.workspace_id = $1 and ${visibleSql("contact", visible, params)} and (
       lower(c.email) = any($2::text[])
       or regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g') = any($3::text[])
       or lower(c.name) = any($4::text[])
       or exists (select 1 from contact_handles h where h.workspace_id = c.workspace_id and h.contact_id = c.id
         and (ltrim(lower(h.handle), '@') = any($5::text[]) or lower(h.profile_url) = any($6::text[])))
       or exists (select 1 from jsonb_each_text(c.custom_fields) f
         where f.key = any($7::text[]) and f.value = any($8::text[])))
     order by c.id limit $9`,
    params.values,
  );
  return rows.map(toContact);
}

const QUERY_COLUMNS: Columns<ContactQueryField> = {
  id: { sql: "c.id", type: "bigint" },
  name: { sql: "c.name", type: "text" },
  email: { sql: "c.email", type: "text" },
  blocked: { sql: "c.blocked", type: "boolean" },
  createdAt: { sql: "c.created_at", type: "timestamptz" },
  updatedAt: { sql: "c.updated_at", type: "timestamptz" },
};

/** A page of contacts matching `query`, by position, with how many match. */
export async function queryContacts(
  sql: Sql,
  workspaceId: number,
  query: ListQuery<ContactQueryField>,
): Promise<{ contacts: Contact[]; total: number }> {
  const params = new Params();
  const where = [`c.workspace_id = ${params.add(workspaceId)}`];
  if (query.where) where.push(conditionSql(query.where, QUERY_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: COLUMNS,
      from: "contacts c",
      where: where.join(" and "),
      order: orderSql(query.order, QUERY_COLUMNS, "c.id"),
    },
    params,
    query,
    toContact,
  );
  return { contacts: rows, total };
}

/** The contacts among `ids`, by id. */
export async function contactsByIds(sql: Sql, workspaceId: number, ids: readonly number[]) {
  const rows = await sql.query(
    `select ${COLUMNS} from contacts c where c.workspace_id = $1 and c.id = any($2::bigint[])`,
    [workspaceId, [...new Set(ids)]],
  );
  return new Map(rows.map(toContact).map((contact) => [contact.id, contact]));
}
