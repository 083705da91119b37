/** MPT ids: a prefix and the record's number in groups of four digits (`CAS-0000-0000-0042`, `HQU-0000-0007`). */

/** Each kind's prefix and group count, as the platform's own objects show them. */
export const ID_KINDS = {
  case: { prefix: "CAS", groups: 3 },
  chat: { prefix: "CHT", groups: 3 },
  message: { prefix: "MSG", groups: 3 },
  queue: { prefix: "HQU", groups: 2 },
  user: { prefix: "USR", groups: 2 },
  account: { prefix: "ACC", groups: 2 },
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

/** The number an id names, or NaN (which matches nothing, so a 404) for any other prefix, shape or zero. */
export function parseMptId(kind: IdKind, raw: string): number {
  const { prefix, groups } = ID_KINDS[kind];
  const match = new RegExp(`^${prefix}-([0-9]{4,12})${"-([0-9]{4})".repeat(groups - 1)}$`).exec(raw);
  if (!match) return Number.NaN;
  const number = Number(match.slice(1).join(""));
  return number > 0 && Number.isSafeInteger(number) ? number : Number.NaN;
}

/** An optional `{id}` reference of a body: undefined when absent, null when null, NaN when malformed. */
export function refOf(kind: IdKind, ref: { id: string } | null | undefined): number | null | undefined {
  if (ref === undefined || ref === null) return ref;
  return parseMptId(kind, ref.id);
}
