/** What appending entries to a case adds: an interaction it holds already is not added again. */
import type { NewEntry, TimelineEntry } from "./entry.ts";

/** The interaction an entry records (its service and the id there), if it names one. */
export interface OriginKey {
  service: string;
  serviceId: string;
}

export const originKeyOf = (entry: NewEntry): OriginKey | null =>
  entry.origin?.service && entry.origin.serviceId
    ? { service: entry.origin.service, serviceId: entry.origin.serviceId }
    : null;

const keyText = (key: OriginKey) => JSON.stringify([key.service, key.serviceId]);

/**
 * The entries to add, in order: an interaction the case already `held`, or one an earlier entry of the same
 * write records, is left out, so a retried delivery adds nothing.
 */
export function entriesToAppend(entries: readonly NewEntry[], held: readonly OriginKey[]): NewEntry[] {
  const seen = new Set(held.map(keyText));
  return entries.filter((entry) => {
    const key = originKeyOf(entry);
    if (!key) return true;
    if (seen.has(keyText(key))) return false;
    seen.add(keyText(key));
    return true;
  });
}

/** The entry as the timeline stores it under `id`, written at `at`. */
export const appendedEntry = (entry: NewEntry, id: number, caseNumber: number, at: Date): TimelineEntry => ({
  id,
  caseNumber,
  kind: entry.kind,
  visibility: entry.visibility,
  authorType: entry.authorType,
  authorId: entry.authorId,
  title: entry.title,
  body: entry.body,
  origin: entry.origin?.service
    ? {
        service: entry.origin.service,
        serviceId: entry.origin.serviceId ?? null,
        linkUrl: entry.origin.linkUrl ?? null,
        contentType: entry.origin.contentType ?? null,
        createdAt: entry.origin.createdAt ?? null,
        author: entry.origin.author ?? null,
      }
    : null,
  revision: 1,
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});
