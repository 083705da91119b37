/** Model field paths in Talkdesk's words: `timeline[0].body` is `notes[0].note_body`, custom fields sit under `custom_fields`. */

type Path = readonly (string | number)[];

const TOP: Record<string, string> = {
  parentNumber: "parent_id",
  parentId: "parent_id",
  assigneeId: "owner_id",
  queueId: "group_id",
  requesterId: "requester_id",
  reporterId: "owner_id",
  solveReason: "solve_reason",
  customFields: "custom_fields",
  timeline: "notes",
  createdAt: "create_at",
  updatedAt: "update_at",
};

const NOTE: Record<string, string> = { title: "note_title", body: "note_body", visibility: "public" };
const REQUESTER: Record<string, string> = {
  email: "requester_email",
  name: "requester_name",
  phone: "requester_phone",
};

export function talkdeskName(path: Path): string {
  const [head, ...rest] = path;
  if (head === undefined) return "body";
  if (head === "requester" && typeof rest[0] === "string")
    return REQUESTER[rest[0]] ?? `requester_${rest[0]}`;
  if (head === "timeline" && typeof rest[0] === "number") {
    const field = rest[1] === undefined ? "" : `.${NOTE[String(rest[1])] ?? String(rest[1])}`;
    return `notes[${rest[0]}]${field}`;
  }
  const top = TOP[String(head)] ?? String(head);
  return [top, ...rest.map(String)].join(".");
}
