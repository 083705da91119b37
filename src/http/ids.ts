/** Parsing numeric ids from paths: anything malformed becomes an id that matches nothing (a 404). */

const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;

export function parseId(raw: string): number {
  return NUMERIC_ID.test(raw) ? Number(raw) : Number.NaN;
}

/** Optional numeric reference from a wire string (null clears; undefined leaves as is). */
export function parseRef(raw: string | null | undefined): number | null | undefined {
  if (raw === undefined || raw === null) return raw;
  return parseId(raw);
}
