/** What a change leaves behind: the audit record and outbox event written with it, and the record as read back. */
import type { FieldChange } from "./diff.ts";

export interface ChangeRecord {
  workspaceId: number;
  subjectType:
    | "case"
    | "contact"
    | "field"
    | "field_group"
    | "queue"
    | "form"
    | "user"
    | "account"
    | "key"
    | "oauth_client"
    | "entry"
    | "workspace"
    | "webhook";
  subjectId: string;
  action: string;
  revision: number | null;
  actor: { type: "user" | "system"; id: number | null; label: string; context: Record<string, unknown> };
  changes: FieldChange[];
  at: Date;
  /** The outbox event's topics, its own first (`case.updated`, `case.status_changed`), and its payload. */
  topics: readonly string[];
  payload: { object: unknown; changes: FieldChange[]; entries?: readonly unknown[] };
}

export interface AuditRecord {
  id: number;
  action: string;
  revision: number | null;
  actor: { type: string; id: number | null; label: string };
  context: Record<string, unknown>;
  changes: FieldChange[];
  at: Date;
}
