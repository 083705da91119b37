/** MPT parameter definitions from field definitions, with usage statistics and audit from the audit trail. */
import type { FieldDefinition } from "../../domain/fields/definition.ts";
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
