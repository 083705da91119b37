/** The one wording of each "not found": per kind of record, its error code and a whole sentence (never a spliced fragment). */
import { type ErrorCode, Failure } from "./errors.ts";

const MISSING = {
  case: { code: "case_not_found", message: "No case exists with the provided id." },
  contact: { code: "contact_not_found", message: "No contact exists with the provided id." },
  queue: { code: "queue_not_found", message: "No queue exists with the provided id." },
  user: { code: "user_not_found", message: "No user exists with the provided id." },
  account: { code: "account_not_found", message: "No account exists with the provided id." },
  field: { code: "field_not_found", message: "No field exists with the provided id." },
  field_group: { code: "field_group_not_found", message: "No field group exists with the provided id." },
  group_field: { code: "field_not_found", message: "No field of this group exists with the provided id." },
  key: { code: "key_not_found", message: "No live API key exists with the provided id." },
  oauth_client: { code: "key_not_found", message: "No live OAuth client exists with the provided id." },
  webhook: { code: "webhook_not_found", message: "No webhook exists with the provided id." },
  delivery: {
    code: "delivery_not_found",
    message: "No delivery of this webhook exists with the provided id.",
  },
  entry: { code: "entry_not_found", message: "No timeline entry exists with the provided id." },
  participant: {
    code: "participant_not_found",
    message: "No participant of this chat exists with the provided id.",
  },
  link: { code: "link_not_found", message: "No link of this chat exists with the provided id." },
  attachment: {
    code: "attachment_not_found",
    message: "No attachment of this case exists with the provided id.",
  },
  form: { code: "form_not_found", message: "No form exists with the provided id." },
  answer: { code: "answer_not_found", message: "No answer in this chat exists with the provided id." },
  workspace: { code: "workspace_not_found", message: "No workspace exists with the provided id." },
  contact_case: { code: "case_not_found", message: "That contact has no case in the status asked for." },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type IdKind = keyof typeof MISSING;

/** The 404 of a `kind` record that is not there (or that the actor may not know exists). */
export const missing = (kind: IdKind): Failure => new Failure(MISSING[kind]);
