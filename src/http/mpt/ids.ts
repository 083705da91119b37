/** MPT ids: a prefix and the record's number in groups of four digits (`CAS-0000-0000-0042`, `HQU-0000-0007`). */
import { missing, type IdKind as RecordKind } from "../../domain/missing.ts";

/** Each kind's prefix and group count, as the platform's own objects show them. */
export const ID_KINDS = {
  case: { prefix: "CAS", groups: 3 },
  chat: { prefix: "CHT", groups: 3 },
  message: { prefix: "MSG", groups: 3 },
  queue: { prefix: "HQU", groups: 2 },
  user: { prefix: "USR", groups: 2 },
  account: { prefix: "ACC", groups: 2 },
  contact: { prefix: "CTT", groups: 3 },
  participant: { prefix: "CHP", groups: 3 },
  link: { prefix: "LNK", groups: 3 },
  attachment: { prefix: "ATT", groups: 3 },
  form: { prefix: "FRM", groups: 2 },
  answer: { prefix: "ANS", groups: 3 },
  parameter: { prefix: "PAR", groups: 2 },
  parameterGroup: { prefix: "PGR", groups: 2 },
} as const;
export type IdKind = keyof typeof ID_KINDS;

export function formatId(kind: IdKind, number: number): string {
  const { prefix, groups } = ID_KINDS[kind];
  const digits = String(number).padStart(groups * 4, "0");
  const parts = [];
  // A number too long for the groups keeps its extra digits in the first group, so ids stay unique.
  const head = digits.length - (groups - 1) * 4;
  parts.push(digits.slice(0, head));
  for (let at = head; at < digits.length; at += 4) parts.push(digits.slice(at, at + 4));
  return `${prefix}-${parts.join("-")}`;
}

/** The record each id names: a chat is its case, a message a timeline entry, a parameter a field definition. */
const RECORD: Record<IdKind, RecordKind> = {
  case: "case",
  chat: "case",
  message: "entry",
  queue: "queue",
  user: "user",
  account: "account",
  contact: "contact",
  participant: "participant",
  link: "link",
  attachment: "attachment",
  form: "form",
  answer: "answer",
  parameter: "field",
  parameterGroup: "field_group",
};

/** The number an id names, or null for any other prefix, shape or zero. */
export function mptNumber(kind: IdKind, raw: string): number | null {
  const { prefix, groups } = ID_KINDS[kind];
  const match = new RegExp(`^${prefix}-([0-9]{4,12})${"-([0-9]{4})".repeat(groups - 1)}$`).exec(raw);
  if (!match) return null;
  const number = Number(match.slice(1).join(""));
  return number > 0 && Number.isSafeInteger(number) ? number : null;
}

/** The number a path id names, or the 404 of the record it would name. */
export function parseMptId(kind: IdKind, raw: string): number {
  const number = mptNumber(kind, raw);
  if (number === null) throw missing(RECORD[kind]);
  return number;
}

/** Ids are assigned from 1: a malformed reference refers to no record, and is reported as any dangling one. */
const NO_RECORD = 0;

/** An optional `{id}` reference of a body: undefined when absent, null when null, no record when malformed. */
export function refOf(kind: IdKind, ref: { id: string } | null | undefined): number | null | undefined {
  if (ref === undefined || ref === null) return ref;
  return mptNumber(kind, ref.id) ?? NO_RECORD;
}
