/** What a case's full-text document holds besides title, description and entries: searchable custom fields. */
import { outsidersSee } from "../../domain/cases/visibility.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { FieldValues } from "../../domain/fields/values.ts";

/** Audited case fields whose change rewrites the search document. */
export const SEARCHED_FIELDS: readonly string[] = ["title", "description", "customFields"];

/**
 * The searchable fields of one document: those outsiders see go in the public one, hidden ones in the
 * internal one, so a client's search cannot probe a value it may not read.
 */
export const searchableKeys = (
  definitions: readonly FieldDefinition[],
  document: "public" | "internal",
): string[] =>
  definitions
    .filter((d) => d.searchable && outsidersSee(d) === (document === "public"))
    .map((definition) => definition.key);

/** The values of the case's searchable fields as text (`q=ZX-4477` finds an order number). */
export function searchableValues(
  values: FieldValues,
  definitions: readonly FieldDefinition[],
  document: "public" | "internal",
): string[] {
  return searchableKeys(definitions, document)
    .filter((key) => values[key] !== undefined && values[key] !== null)
    .map((key) => {
      const value = values[key];
      if (Array.isArray(value)) return value.join(" ");
      // A data object (json field) is searched as its JSON text.
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    });
}
