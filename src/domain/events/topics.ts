/** The topic catalogue: which topics a change belongs to, and which topics a subscription's patterns match. */
import type { FieldChange } from "../audit/diff.ts";

/** Every topic an event can carry; subscriptions may also name `<object>.*` or `*`. */
export const TOPICS = [
  "case.created",
  "case.updated",
  "case.status_changed",
  "case.assigned",
  "case.closed",
  "case.trashed",
  "case.restored",
  "case.purged",
  "case.imported",
  "timeline.added",
  "timeline.edited",
  "participant.added",
  "participant.updated",
  "participant.removed",
  "link.added",
  "link.updated",
  "link.deleted",
  "attachment.added",
  "attachment.updated",
  "attachment.deleted",
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "field.created",
  "field.updated",
  "field.deleted",
  "field_group.created",
  "field_group.updated",
  "field_group.deleted",
  "queue.created",
  "queue.updated",
  "form.created",
  "form.updated",
  "form.deleted",
  "account.created",
  "account.updated",
  "user.created",
  "user.updated",
  "key.created",
  "key.revoked",
  "workspace.updated",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
] as const;
export type Topic = (typeof TOPICS)[number];

const OBJECTS = new Set(TOPICS.map((topic) => topic.split(".")[0]));

/** A topic of the catalogue, `<object>.*` for all of one object's topics, or `*` for all. */
export function isTopicPattern(pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return OBJECTS.has(pattern.slice(0, -2));
  return (TOPICS as readonly string[]).includes(pattern);
}

export const matchesTopic = (pattern: string, topic: string): boolean =>
  pattern === "*" || pattern === topic || (pattern.endsWith(".*") && topic.startsWith(pattern.slice(0, -1)));

/** Whether an event with these topics is wanted by a subscriber asking for these patterns. */
export const wanted = (patterns: readonly string[], topics: readonly string[]): boolean =>
  patterns.some((pattern) => topics.some((topic) => matchesTopic(pattern, topic)));

/**
 * The topics of one change: its own (`case.updated`) first, then the narrower ones it also is. A bulk import
 * is one event per batch, `case.imported`, naming the batch's first and last case numbers.
 */
export function topicsOf(subjectType: string, action: string, changes: readonly FieldChange[]): Topic[] {
  if (subjectType === "workspace" && action === "imported") return ["case.imported"];
  const own = `${subjectType}.${action}` as Topic;
  const topics: Topic[] = [own];
  if (subjectType !== "case") return topics;
  const changed = (field: string) => changes.some((c) => c.field === field);
  if (action !== "created" && changed("status")) topics.push("case.status_changed");
  if (
    changed("assigneeId") &&
    (action !== "created" || changes.some((c) => c.field === "assigneeId" && c.after !== null))
  )
    topics.push("case.assigned");
  if (changed("timeline")) topics.push("timeline.added");
  if (changes.some((c) => c.field.startsWith("timeline."))) topics.push("timeline.edited");
  for (const c of changes) {
    const topic = conversationTopic(c);
    if (topic && !topics.includes(topic)) topics.push(topic);
  }
  return topics;
}

const CONVERSATION_OBJECTS: Record<string, "attachment" | "link" | "participant"> = {
  attachments: "attachment",
  links: "link",
  participants: "participant",
};

/** A change of the case's conversation (see domain/chats/changes): `<part>` added or removed, `<part>.<id>.…` changed. */
function conversationTopic(change: FieldChange): Topic | null {
  const [part = "", id] = change.field.split(".");
  const object = CONVERSATION_OBJECTS[part];
  if (!object) return null;
  if (id !== undefined) return `${object}.updated`;
  if (change.before === null) return `${object}.added`;
  return object === "participant" ? "participant.removed" : `${object}.deleted`;
}
