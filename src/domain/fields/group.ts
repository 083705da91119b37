/** Field groups: named sets of field definitions (MPT parameter groups), each member with its own order. */
import type { FieldDefinition } from "./definition.ts";

export interface FieldGroup {
  id: number;
  name: string;
  label: string;
  description: string;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type FieldGroupFields = Pick<FieldGroup, "name" | "label" | "description">;

export const GROUP_DEFAULTS = { label: "", description: "" };

/** A field in a group; the field's id is the member's id within its group. */
export interface FieldGroupMember {
  /** Named `id` for the audit and update helpers: a member is its field within the group. */
  id: number;
  groupId: number;
  displayOrder: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A member as read: its membership and the field itself. */
export interface MemberOf {
  member: FieldGroupMember;
  field: FieldDefinition;
}

/** The group fields lists may filter and sort on. */
export type GroupQueryField = "id" | "name" | "label" | "createdAt" | "updatedAt";

/** The member fields lists may filter and sort on (the field's own label as `label`). */
export type MemberQueryField = "id" | "label" | "displayOrder" | "createdAt" | "updatedAt";
