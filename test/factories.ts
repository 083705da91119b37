/** Test data factories shared by domain tests. */
import {
  DEFINITION_DEFAULTS,
  type FieldDefinition,
  type FieldType,
} from "../src/domain/fields/definition.ts";

const EPOCH = new Date("2024-01-01T00:00:00Z");

/** A case field definition with the defaults a creator gets, keyed and typed as asked. */
export function fieldDefinition(
  key: string,
  type: FieldType,
  overrides: Partial<FieldDefinition> = {},
): FieldDefinition {
  return {
    ...DEFINITION_DEFAULTS,
    id: 1,
    object: "case",
    key,
    label: key,
    type,
    revision: 1,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    ...overrides,
  };
}
