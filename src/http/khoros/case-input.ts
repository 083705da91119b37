/** Translating Khoros case bodies into op inputs: interactions become timeline entries, status a category. */
import type { Static } from "typebox";
import type { CaseChanges } from "../../domain/cases/case.ts";
import { definedOnly } from "../../domain/partial.ts";
import type { EntryInput } from "../../domain/timeline/entry.ts";
import { parseRef } from "../ids.ts";
import { customValues } from "./fields.ts";
import { CASE_PROPERTIES, type CaseUpdate, type Interaction } from "./schemas.ts";
import type { KhorosView } from "./view.ts";

export function toEntryInputs(interactions: Static<typeof Interaction>[] | undefined): EntryInput[] {
  return (interactions ?? []).map((interaction) => ({
    kind: "interaction",
    body: interaction.body,
    origin: {
      service: interaction.service,
      serviceId: interaction.serviceId,
      linkUrl: interaction.linkUrl,
      contentType: interaction.contentType,
      createdAt: new Date(interaction.created),
      author: interaction.author ?? null,
    },
  }));
}

/** Khoros `closed` resolves a case (Casework closes resolved cases itself); `open` reopens a resolved one. */
export const toCategory = (status: "open" | "closed" | undefined) =>
  status === undefined ? undefined : status === "closed" ? ("resolved" as const) : ("unresolved" as const);

export function toCaseChanges(body: Static<typeof CaseUpdate>, view: KhorosView): CaseChanges {
  const customFields = customValues(body, CASE_PROPERTIES, view.declared.case);
  const changes: CaseChanges = {
    title: body.title,
    description: body.description,
    requesterId: body.customerId === undefined ? undefined : parseRef(body.customerId),
    ...(Object.keys(customFields).length ? { customFields } : {}),
  };
  return definedOnly(changes) as CaseChanges;
}
