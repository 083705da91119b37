/** MPT parameter definitions and groups from field definitions and groups, with audit from the audit trail. */
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { FieldGroup, MemberOf } from "../../domain/fields/group.ts";
import type { groupDetailsOf } from "../../ops/admin/field-groups.ts";
import type { fieldDetailsOf } from "../../ops/admin/fields.ts";
import { formatId } from "./ids.ts";
import { parameterTypeOf, phaseOf, scopeOf } from "./parameter-types.ts";
import { presentAudit } from "./present.ts";

type FieldDetails = Awaited<ReturnType<typeof fieldDetailsOf>>;

export function presentParameter(details: FieldDetails, d: FieldDefinition) {
  const shown = parameterTypeOf(d)!;
  const counts = details.statistics.get(d.id) ?? { groups: 0, forms: 0, cases: 0 };
  return {
    id: formatId("parameter", d.id),
    revision: d.revision,
    name: d.label,
    description: d.description,
    externalId: d.key,
    scope: scopeOf(d.object),
    phase: phaseOf(d.phase),
    type: shown.type,
    multiple: shown.multiple,
    displayOrder: d.displayOrder,
    status: d.active ? ("Active" as const) : ("Inactive" as const),
    constraints: {
      required: d.required,
      readonly: d.readonly,
      hidden: d.hidden,
      visibleToReporter: d.visibleToReporter,
    },
    options: {
      hintText: d.hintText,
      placeholderText: d.placeholderText,
      choices: d.options.map((option) => ({ value: option.value, label: option.label })),
    },
    statistics: { groupsCount: counts.groups, formsCount: counts.forms, casesCount: counts.cases },
    audit: presentAudit(details.related, details.events.get(String(d.id)), d),
  };
}

type GroupDetails = Awaited<ReturnType<typeof groupDetailsOf>>;

export function presentGroup(details: GroupDetails, g: FieldGroup) {
  return {
    id: formatId("parameterGroup", g.id),
    revision: g.revision,
    name: g.name,
    label: g.label,
    description: g.description,
    statistics: { parametersCount: details.sizes.get(g.id) ?? 0 },
    audit: presentAudit(details.related, details.events.get(String(g.id)), g),
  };
}

/** A member's audit is its own record's: when it joined, and when its order last changed. */
export function presentMember(group: FieldGroup, { member, field }: MemberOf) {
  return {
    id: formatId("parameter", field.id),
    group: { id: formatId("parameterGroup", group.id), name: group.name },
    parameter: {
      id: formatId("parameter", field.id),
      name: field.label,
      externalId: field.key,
      scope: scopeOf(field.object),
      type: parameterTypeOf(field)!.type,
    },
    displayOrder: member.displayOrder,
    revision: member.revision,
    audit: {
      created: { at: member.createdAt.toISOString(), by: null },
      ...(member.revision > 1 ? { updated: { at: member.updatedAt.toISOString(), by: null } } : {}),
    },
  };
}
