/** Parsing numeric ids at the edge: a path id that is no whole number names nothing, so it is that record's 404. */
import { type IdKind, missing } from "../domain/missing.ts";

const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;

/** Ids are assigned from 1, so a malformed reference is one that refers to no record, reported as any dangling one. */
const NO_RECORD = 0;

const numeric = (raw: string): number | null => {
  const id = Number(raw);
  return NUMERIC_ID.test(raw) && Number.isSafeInteger(id) ? id : null;
};

/** The id of a `kind` record from a path parameter, or that kind's 404. */
export function parseId(raw: string, kind: IdKind): number {
  const id = numeric(raw);
  if (id === null) throw missing(kind);
  return id;
}

/** An optional reference as sent on the wire, a string or an integer (null clears; undefined leaves as is). */
export function parseRef(raw: string | number | null | undefined): number | null | undefined {
  if (raw === undefined || raw === null) return raw;
  return numeric(String(raw)) ?? NO_RECORD;
}
