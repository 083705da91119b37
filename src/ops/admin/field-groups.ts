/** Field group administration: groups, and the fields in them with their order. */
import type { Actor } from "../../domain/access.ts";
import { Failure, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import {
  type FieldGroup,
  type FieldGroupFields,
  GROUP_DEFAULTS,
  type GroupQueryField,
  type MemberQueryField,
} from "../../domain/fields/group.ts";
import { missing } from "../../domain/missing.ts";
import { definedOnly } from "../../domain/partial.ts";
import { canSee, visibleWhere } from "../../domain/policy.ts";
import type { ListQuery } from "../../domain/query/condition.ts";
import { recordChanges } from "../../store/changes.ts";
import {
  deleteGroup,
  deleteMember,
  findGroup,
  findMember,
  groupSizes,
  insertGroup,
  insertMember,
  queryGroups,
  queryMembers,
  saveGroup,
  saveMember,
} from "../../store/field-groups.ts";
import { findDefinition } from "../../store/fields.ts";
import { latestEvents, loadRelated } from "../../store/related.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { createRecord, getRecord, type RecordKind, updateRecord } from "./administered.ts";

const GROUP: RecordKind<FieldGroup> = {
  type: "field_group",
  fields: ["name", "label", "description"],
  subject: () => ({ type: "field_group" }),
  find: findGroup,
  save: saveGroup,
};

const seesField = (actor: Actor, d: FieldDefinition) =>
  canSee(actor, { type: "field", hidden: d.hidden, visibleToReporter: d.visibleToReporter });

export const createGroup = (
  ctx: OpContext,
  actor: Actor,
  input: Partial<FieldGroupFields> & { name: string },
) =>
  createRecord(ctx, actor, GROUP, (tx, now) =>
    insertGroup(
      tx.db,
      actor.workspaceId,
      { ...GROUP_DEFAULTS, ...definedOnly(input), name: input.name },
      now,
    ),
  );

export const getGroup = (ctx: OpContext, actor: Actor, id: number, lock = false) =>
  getRecord(ctx, actor, GROUP, id, lock);

export const findGroups = (ctx: OpContext, actor: Actor, query: ListQuery<GroupQueryField>) =>
  queryGroups(ctx.db, actor.workspaceId, query);

export const updateGroup = (ctx: OpContext, actor: Actor, id: number, input: Partial<FieldGroupFields>) =>
  updateRecord(ctx, actor, GROUP, id, input);

/** What groups show besides their fields: how many fields the caller sees in each, and audit events. */
export async function groupDetailsOf(ctx: OpContext, actor: Actor, groups: readonly FieldGroup[]) {
  const ids = groups.map((g) => g.id);
  const [sizes, events] = await Promise.all([
    groupSizes(ctx.db, actor.workspaceId, ids, visibleWhere(actor, "field")),
    latestEvents(ctx.db, actor.workspaceId, "field_group", ids.map(String)),
  ]);
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, { users: actors, accounts: [], queues: [] });
  return { sizes, events, related };
}

/** Removes a group and its memberships; its fields stay. */
export async function removeGroup(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const group = await getGroup({ ...ctx, db: tx }, actor, id, true);
    await deleteGroup(tx, actor.workspaceId, id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "field_group", id, revision: null },
        "deleted",
        [],
        now,
        group,
      ),
    ]);
  });
}

/** The group, and a page of its fields the actor may see. */
export async function membersOf(
  ctx: OpContext,
  actor: Actor,
  groupId: number,
  query: ListQuery<MemberQueryField>,
) {
  const group = await getGroup(ctx, actor, groupId);
  return {
    group,
    ...(await queryMembers(ctx.db, actor.workspaceId, groupId, query, visibleWhere(actor, "field"))),
  };
}

/** One field of the group; a field not in it, or one the actor may not see, is not there. */
export async function getMember(
  ctx: OpContext,
  actor: Actor,
  groupId: number,
  fieldId: number,
  lock = false,
) {
  await getGroup(ctx, actor, groupId, lock);
  const found = await findMember(ctx.db, actor.workspaceId, groupId, fieldId, lock);
  if (!found || !seesField(actor, found.field)) throw missing("group_field");
  return found;
}

/** A change to the group's members, audited as a change of the group. */
const memberChange = (
  actor: Actor,
  groupId: number,
  changes: { field: string; before: unknown; after: unknown }[],
  now: Date,
  object: unknown,
) =>
  change(
    actorOf(actor),
    actor.workspaceId,
    { type: "field_group", id: groupId, revision: null },
    "updated",
    changes,
    now,
    object,
  );

/**
 * Adds a field to the group. A field that is not there for the actor, or that `admits` refuses (a dialect
 * groups only the fields it has words for), is a 400 naming `fieldId`; one in the group already is a 409.
 */
export async function addMember(
  ctx: OpContext,
  actor: Actor,
  groupId: number,
  input: { fieldId: number; displayOrder?: number | undefined },
  admits: (field: FieldDefinition) => boolean = () => true,
) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const scoped = { ...ctx, db: tx };
    await getGroup(scoped, actor, groupId, true);
    // Locked, so the field cannot be removed while it joins the group.
    const field = await findDefinition(tx, actor.workspaceId, input.fieldId, true);
    if (!field || !seesField(actor, field) || !admits(field))
      unwrap(invalid([{ path: ["fieldId"], message: "refers to a field that does not exist" }]));
    if (!(await insertMember(tx, actor.workspaceId, groupId, input.fieldId, input.displayOrder ?? 0, now)))
      throw new Failure({
        code: "duplicate",
        message: "The field is in this group already.",
        fields: [{ path: ["fieldId"], message: "is in this group already" }],
      });
    const added = (await findMember(tx, actor.workspaceId, groupId, input.fieldId))!;
    await recordChanges(tx, [
      memberChange(
        actor,
        groupId,
        [{ field: `members.${input.fieldId}`, before: null, after: added.member }],
        now,
        added.member,
      ),
    ]);
    return added;
  });
}

export async function updateMember(
  ctx: OpContext,
  actor: Actor,
  groupId: number,
  fieldId: number,
  input: { displayOrder?: number | undefined },
) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await getMember({ ...ctx, db: tx }, actor, groupId, fieldId, true);
    if (input.displayOrder === undefined || input.displayOrder === current.member.displayOrder)
      return current;
    const member = {
      ...current.member,
      displayOrder: input.displayOrder,
      revision: current.member.revision + 1,
      updatedAt: now,
    };
    await saveMember(tx, actor.workspaceId, member);
    await recordChanges(tx, [
      memberChange(
        actor,
        groupId,
        [
          {
            field: `members.${fieldId}.displayOrder`,
            before: current.member.displayOrder,
            after: member.displayOrder,
          },
        ],
        now,
        member,
      ),
    ]);
    return { ...current, member };
  });
}

export async function removeMember(ctx: OpContext, actor: Actor, groupId: number, fieldId: number) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const current = await getMember({ ...ctx, db: tx }, actor, groupId, fieldId, true);
    await deleteMember(tx, actor.workspaceId, groupId, fieldId);
    await recordChanges(tx, [
      memberChange(
        actor,
        groupId,
        [{ field: `members.${fieldId}`, before: current.member, after: null }],
        now,
        current.member,
      ),
    ]);
  });
}
