/** Parsing numeric ids from paths: anything malformed becomes an id that matches nothing (a 404). */

const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;

export function parseId(raw: string): number {
  return NUMERIC_ID.test(raw) ? Number(raw) : Number.NaN;
}

/** An optional reference as sent on the wire, a string or an integer (null clears; undefined leaves as is). */
export function parseRef(raw: string | number | null | undefined): number | null | undefined {
  if (raw === undefined || raw === null) return raw;
  return parseId(String(raw));
}
