/** The rules for creating and changing a case: pure decisions over data the op has loaded. */
import type { AccountType } from "../access.ts";
import type { FieldChange } from "../audit/diff.ts";
import { creation, diff } from "../audit/diff.ts";
import { type FieldError, fail, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import { applyFieldValues, missingRequired } from "../fields/values.ts";
import { type Case, type CaseChanges, LIMITS, normalizeTags } from "./case.ts";
import { checkTransition, type Status, statusCategory } from "./status.ts";

export interface CaseRules {
  now: Date;
  resolutionRequired: boolean;
  definitions: readonly FieldDefinition[];
  /** Administrators may write read-only custom fields. */
  mayWriteReadonly: boolean;
  /** Input fields whose referenced record (queue, user, contact, account, parent) does not exist. */
  unknownReferences: readonly string[];
  /** The new parent is this case or one of its subcases (found by the op, which can walk the tree). */
  parentCycle?: boolean;
  /** Disabled queues take no new cases, neither created in them nor transferred to them. */
  disabledQueueIds?: readonly number[];
  /** The user a write assigns the case to, when it names one that exists. */
  assignee?: Assignee | null;
}

export interface Assignee {
  active: boolean;
  accountId: number;
  accountType: AccountType;
}

/**
 * An assignee must be able to work the case: an active user who can see it (operations users see every
 * case; client and vendor users only their own account's).
 */
function assigneeErrors(next: Pick<NewCase, "assigneeId" | "accountId">, rules: CaseRules): FieldError[] {
  const assignee = rules.assignee;
  if (!assignee || next.assigneeId === null) return [];
  if (!assignee.active)
    return [{ path: ["assigneeId"], message: "is a deactivated user; assign an active one" }];
  if (assignee.accountType !== "operations" && assignee.accountId !== next.accountId)
    return [
      {
        path: ["assigneeId"],
        message: `is a ${assignee.accountType} user of another account, who cannot see this case`,
      },
    ];
  return [];
}

/** Case fields recorded field by field in the audit trail. */
export const AUDITED_FIELDS = [
  "title",
  "description",
  "status",
  "priority",
  "type",
  "parentNumber",
  "queueId",
  "assigneeId",
  "reporterId",
  "requesterId",
  "accountId",
  "resolution",
  "solveReason",
  "awaiting",
  "queryPrompt",
  "customFields",
  "tags",
] as const satisfies readonly (keyof Case)[];

export type NewCase = Omit<Case, "workspaceId" | "number">;

function checkTexts(changes: CaseChanges, errors: FieldError[]): void {
  const tooLong = (field: keyof typeof LIMITS, value: string | null | undefined) => {
    if (value && value.length > LIMITS[field])
      errors.push({ path: [field], message: `must be at most ${LIMITS[field]} characters` });
  };
  if (changes.title !== undefined && changes.title.trim().length === 0)
    errors.push({ path: ["title"], message: "must not be empty" });
  tooLong("title", changes.title);
  tooLong("description", changes.description);
  tooLong("resolution", changes.resolution);
  tooLong("solveReason", changes.solveReason);
  tooLong("queryPrompt", changes.queryPrompt);
  if (changes.tags) {
    if (changes.tags.length > LIMITS.tags)
      errors.push({ path: ["tags"], message: `at most ${LIMITS.tags} tags` });
    if (changes.tags.some((tag) => tag.length > LIMITS.tag))
      errors.push({ path: ["tags"], message: `each tag must be at most ${LIMITS.tag} characters` });
  }
}

/** Applies resolve-time rules and stamps resolvedAt when a case enters or leaves `resolved`. */
function settleResolution(
  before: Status | null,
  next: NewCase,
  rules: CaseRules,
  errors: FieldError[],
): void {
  if (next.status === "resolved" && before !== "resolved") {
    if (rules.resolutionRequired && !next.resolution?.trim())
      errors.push({ path: ["resolution"], message: "is required to resolve a case" });
    for (const key of missingRequired(rules.definitions, next.customFields))
      errors.push({ path: ["customFields", key], message: "is required to resolve the case" });
    next.resolvedAt = rules.now;
  } else if (next.status !== "resolved" && before === "resolved") {
    next.resolvedAt = null;
  }
}

function checkQueue(queueId: number | null, rules: CaseRules, errors: FieldError[]): void {
  if (queueId !== null && rules.disabledQueueIds?.includes(queueId))
    errors.push({ path: ["queueId"], message: "is disabled and takes no new cases" });
}

function referenceErrors(rules: CaseRules): FieldError[] {
  return rules.unknownReferences.map((field) => ({
    path: [field],
    message: "refers to a record that does not exist",
  }));
}

export function decideCreate(input: CaseChanges & { title: string }, rules: CaseRules): Result<NewCase> {
  const errors: FieldError[] = referenceErrors(rules);
  checkTexts(input, errors);
  const fields = applyFieldValues(rules.definitions, {}, input.customFields ?? {}, {
    creating: true,
    mayWriteReadonly: rules.mayWriteReadonly,
  });
  if (!fields.ok) errors.push(...(fields.error.fields ?? []));
  let status: Status = input.assigneeId ? "open" : "new";
  if (input.status !== undefined) {
    const allowed = checkTransition("new", input.status, { assigned: Boolean(input.assigneeId) });
    // Asking for `closed` is the lifecycle refusal it is on any change; `new` with an assignee is a bad combination of input.
    if (!allowed.ok && input.status === "closed") return allowed;
    if (allowed.ok) status = allowed.value;
    else errors.push(...(allowed.error.fields ?? [{ path: ["status"], message: allowed.error.message }]));
  }
  const next: NewCase = {
    title: input.title.trim(),
    description: input.description ?? "",
    status,
    priority: input.priority ?? "normal",
    type: input.type ?? null,
    parentNumber: input.parentNumber ?? null,
    queueId: input.queueId ?? null,
    assigneeId: input.assigneeId ?? null,
    reporterId: input.reporterId ?? null,
    requesterId: input.requesterId ?? null,
    accountId: input.accountId ?? null,
    resolution: input.resolution ?? null,
    solveReason: input.solveReason ?? null,
    awaiting: input.awaiting ?? false,
    queryPrompt: input.queryPrompt ?? null,
    customFields: fields.ok ? fields.value : {},
    tags: normalizeTags(input.tags ?? []),
    revision: 1,
    createdAt: rules.now,
    updatedAt: rules.now,
    resolvedAt: null,
    closedAt: null,
    trashedAt: null,
  };
  checkQueue(next.queueId, rules, errors);
  settleResolution(null, next, rules, errors);
  errors.push(...assigneeErrors(next, rules));
  return errors.length ? invalid(errors) : ok(next);
}

export const createdChanges = (created: Case): FieldChange[] => creation(created, AUDITED_FIELDS);

export interface CaseUpdate {
  next: Case;
  changes: FieldChange[];
}

/** A closed case accepts no change at all, and a trashed one none until it is restored. */
export function checkChangeable(current: Case): Result<true> {
  if (current.status === "closed") return fail("case_closed", "The case is closed and accepts no change.");
  if (current.trashedAt) return fail("case_trashed", "The case is in the trash; restore it first.");
  return ok(true);
}

/** Decides an update; a change that alters nothing yields no changes and keeps the revision. */
export function decideUpdate(current: Case, changes: CaseChanges, rules: CaseRules): Result<CaseUpdate> {
  const open = checkChangeable(current);
  if (!open.ok) return open;
  const errors: FieldError[] = referenceErrors(rules);
  checkTexts(changes, errors);
  if (changes.parentNumber === current.number)
    errors.push({ path: ["parentNumber"], message: "a case cannot be its own parent" });
  else if (rules.parentCycle)
    errors.push({
      path: ["parentNumber"],
      message: "is a subcase of this case; the parent chain would loop",
    });
  const next: Case = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof CaseChanges, unknown][]) {
    if (value === undefined || key === "customFields" || key === "status") continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (changes.title !== undefined) next.title = changes.title.trim();
  if (changes.tags) next.tags = normalizeTags(changes.tags);
  if (changes.customFields) {
    const fields = applyFieldValues(rules.definitions, current.customFields, changes.customFields, {
      creating: false,
      mayWriteReadonly: rules.mayWriteReadonly,
    });
    if (fields.ok) next.customFields = fields.value;
    else errors.push(...(fields.error.fields ?? []));
  }
  const assigned = next.assigneeId !== null;
  const assigning = assigned && current.assigneeId === null;
  const unassigning = !assigned && current.assigneeId !== null;
  // Asking for the status the case already has is no change, unless it would keep a case new while assigning it.
  if (
    changes.status !== undefined &&
    (changes.status !== current.status || (assigning && changes.status === "new"))
  ) {
    const allowed = checkTransition(current.status, changes.status, { assigned });
    if (!allowed.ok) return allowed;
    next.status = allowed.value;
  } else if (current.status === "new" && assigning) {
    next.status = "open";
  } else if (unassigning && statusCategory(current.status) === "unresolved") {
    // `new` means nobody has picked the case up: taking the assignee away puts it back there.
    next.status = "new";
  }
  if (next.queueId !== current.queueId) checkQueue(next.queueId, rules, errors);
  settleResolution(current.status, next, rules, errors);
  errors.push(...assigneeErrors(next, rules));
  if (errors.length) return invalid(errors);
  const fieldChanges = diff(current, next, AUDITED_FIELDS);
  if (fieldChanges.length === 0) return ok({ next: current, changes: [] });
  return ok({
    next: { ...next, revision: current.revision + 1, updatedAt: rules.now },
    changes: fieldChanges,
  });
}

/** The system closes a resolved case once the workspace's close delay has passed. */
export function decideAutoClose(current: Case, now: Date, closeDelaySeconds: number): CaseUpdate | null {
  if (current.status !== "resolved" || !current.resolvedAt || closeDelaySeconds <= 0) return null;
  if (now.getTime() - current.resolvedAt.getTime() < closeDelaySeconds * 1000) return null;
  const next: Case = {
    ...current,
    status: "closed",
    closedAt: now,
    updatedAt: now,
    revision: current.revision + 1,
  };
  return { next, changes: diff(current, next, ["status"]) };
}

/** Moving a case in or out of the trash is a change too; closed cases may still be trashed. */
export function decideTrash(current: Case, now: Date, trashed: boolean): Result<CaseUpdate> {
  if (Boolean(current.trashedAt) === trashed)
    return trashed
      ? fail("case_trashed", "The case is already in the trash.")
      : fail("case_not_trashed", "The case is not in the trash.");
  const next: Case = {
    ...current,
    trashedAt: trashed ? now : null,
    updatedAt: now,
    revision: current.revision + 1,
  };
  return ok({ next, changes: diff(current, next, ["trashedAt"]) });
}
