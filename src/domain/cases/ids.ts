/** A case's id in each dialect's form; the number is the one identity behind all of them. */

/** MPT's form: `CAS-` and the number in three groups of four digits (42 gives `CAS-0000-0000-0042`). */
export function mptCaseId(number: number): string {
  const digits = String(number).padStart(12, "0");
  return `CAS-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
}

/** Every form a case's id takes: native and Talkdesk strings, the Khoros number, the MPT id. */
export const caseIds = (number: number) => ({
  native: String(number),
  talkdesk: String(number),
  khoros: number,
  mpt: mptCaseId(number),
});
