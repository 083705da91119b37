/** Casework's cases, notes and field definitions in the Talkdesk Case API's wire shapes. */
import type { FieldDefinition, FieldOption } from "../../domain/fields/definition.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import type { CaseView } from "../../ops/cases/case-views.ts";
import { presentCustomFields, TYPE_CODES } from "./custom-fields.ts";
import { wireWord } from "./enums.ts";

/** Both spellings: the reference pages say note_title/note_body, the published OpenAPI notes_title/notes_body. */
export const presentNote = (entry: TimelineEntry) => ({
  id: String(entry.id),
  note_title: entry.title ?? "",
  note_body: entry.body,
  notes_title: entry.title ?? "",
  notes_body: entry.body,
  public: entry.visibility === "public",
});

/** Absent values are left out rather than sent as null: Talkdesk's schemas type them as plain strings. */
const some = (entries: Record<string, string | null | undefined>) =>
  Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== null && value !== undefined),
  ) as Record<string, string>;

const idOf = (id: number | null) => (id === null ? null : String(id));

export function presentCase(view: CaseView, definitions: readonly FieldDefinition[]) {
  const c = view.case;
  return {
    id: String(c.number),
    title: c.title,
    description: c.description,
    status: wireWord(c.status),
    priority: wireWord(c.priority),
    ...some({
      type: c.type && wireWord(c.type),
      parent_id: idOf(c.parentNumber),
      owner_id: idOf(c.assigneeId),
      agent_id: idOf(c.assigneeId),
      agent_name: view.assignee?.name,
      group_id: idOf(c.queueId),
      group_name: view.queue?.name,
      requester_id: idOf(c.requesterId),
      requester_name: view.requester?.name,
      requester_email: view.requester?.email,
      requester_phone: view.requester?.phone,
      requester_type: c.requesterId === null ? null : "CONTACT",
      resolution: c.resolution,
      solve_reason: c.solveReason,
    }),
    custom_fields: presentCustomFields(definitions, c.customFields),
    notes: view.entries.map(presentNote),
    create_at: c.createdAt.toISOString(),
    update_at: c.updatedAt.toISOString(),
  };
}

interface DictEntry {
  key: string;
  value: string;
  children: DictEntry[];
}

const dictList = (options: readonly FieldOption[]): DictEntry[] =>
  options.map((option) => ({
    key: option.value,
    value: option.label,
    children: dictList(option.children ?? []),
  }));

/** A field definition; both timestamp spellings, as the reference page and the OpenAPI disagree. */
export const presentField = (d: FieldDefinition) => ({
  id: String(d.id),
  key: d.key,
  name: d.label,
  type: TYPE_CODES[d.type],
  description: d.description,
  dict_list: dictList(d.options),
  required: d.required,
  active: d.active,
  create_at: d.createdAt.toISOString(),
  update_at: d.updatedAt.toISOString(),
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
});
