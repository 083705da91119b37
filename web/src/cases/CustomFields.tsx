// Custom fields by their definitions: shown with their labels, and edited through the input each type calls
// for (text, number, date, email, a checkbox, a select, a set of checkboxes, a path through an option tree,
// JSON for a data object); a heading is shown as one, with no input.
import { ApiError, type FieldDefinition, type FieldOption } from "../api.ts";
import { describedBy, Field } from "../ui.tsx";

type Values = Record<string, unknown>;

const nameOf = (key: string) => `customFields.${key}`;
const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** Every node of an option tree as the path leading to it, labelled "Parent › Child". */
function paths(options: FieldOption[], before: FieldOption[] = []): { path: string[]; label: string }[] {
  return options.flatMap((option) => {
    const trail = [...before, option];
    return [
      { path: trail.map((o) => o.value), label: trail.map((o) => o.label).join(" › ") },
      ...paths(option.children ?? [], trail),
    ];
  });
}

const labelOf = (definition: FieldDefinition, value: string) =>
  definition.options.find((o) => o.value === value)?.label ?? value;

/** A value as words: option labels, Yes/No, a date as written. */
export function shownValue(definition: FieldDefinition | undefined, value: unknown): string {
  if (isEmpty(value)) return "—";
  if (!definition) return typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (definition.type) {
    case "checkbox":
      return value ? "Yes" : "No";
    case "select":
      return labelOf(definition, String(value));
    case "multi_select":
      return (value as string[]).map((item) => labelOf(definition, item)).join(", ");
    case "dependent_select":
      return (
        paths(definition.options).find((p) => JSON.stringify(p.path) === JSON.stringify(value))?.label ??
        (value as string[]).join(" › ")
      );
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/** The definitions the form offers: active ones, in their display order. */
export const editable = (definitions: FieldDefinition[]) =>
  definitions.filter((d) => d.active).sort((a, b) => a.displayOrder - b.displayOrder);

/** The value a definition's input starts with. */
function initial(definition: FieldDefinition, value: unknown): string {
  if (isEmpty(value)) return "";
  if (definition.type === "date") return String(value).slice(0, 10);
  if (definition.type === "dependent_select" || definition.type === "json") return JSON.stringify(value);
  return String(value);
}

export function CustomFieldInputs({
  definitions,
  values,
  error,
  mayWriteReadonly,
}: {
  definitions: FieldDefinition[];
  values: Values;
  error: ApiError | null;
  mayWriteReadonly: boolean;
}) {
  return (
    <>
      {editable(definitions).map((definition) => {
        const name = nameOf(definition.key);
        const value = values[definition.key];
        const common = {
          id: `f-${name}`,
          name,
          disabled: definition.readonly && !mayWriteReadonly,
          ...describedBy(name, error),
        };
        const label = `${definition.label}${definition.required ? " (required)" : ""}`;
        const hint = definition.description || undefined;
        switch (definition.type) {
          case "heading":
            return <h3 key={name}>{definition.label}</h3>;
          case "checkbox":
            return (
              <Field key={name} label={label} name={name} error={error} hint={hint}>
                <input type="checkbox" class="check" defaultChecked={value === true} {...common} />
              </Field>
            );
          case "multi_select":
            return (
              <fieldset key={name} class="choice field" {...describedBy(name, error)}>
                <legend>{label}</legend>
                {definition.options.map((option) => (
                  <label key={option.value}>
                    <input
                      type="checkbox"
                      name={name}
                      value={option.value}
                      disabled={common.disabled}
                      defaultChecked={Array.isArray(value) && value.includes(option.value)}
                    />{" "}
                    {option.label}
                  </label>
                ))}
                {error?.about(name) && (
                  <small class="field-error" id={`e-${name}`}>
                    ⚠ {error.about(name)}
                  </small>
                )}
              </fieldset>
            );
          case "select":
          case "dependent_select": {
            const choices =
              definition.type === "select"
                ? definition.options.map((o) => ({ value: o.value, label: o.label }))
                : paths(definition.options).map((p) => ({ value: JSON.stringify(p.path), label: p.label }));
            return (
              <Field key={name} label={label} name={name} error={error} hint={hint}>
                <select defaultValue={initial(definition, value)} {...common}>
                  <option value="">None</option>
                  {choices.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </Field>
            );
          }
          case "textarea":
          case "json":
            return (
              <Field key={name} label={label} name={name} error={error} hint={hint}>
                <textarea rows={3} defaultValue={initial(definition, value)} {...common} />
              </Field>
            );
          default:
            return (
              <Field key={name} label={label} name={name} error={error} hint={hint}>
                <input
                  type={
                    definition.type === "date" || definition.type === "text" || definition.type === "email"
                      ? definition.type
                      : "number"
                  }
                  step={definition.type === "integer" ? 1 : definition.type === "decimal" ? "any" : undefined}
                  defaultValue={initial(definition, value)}
                  {...common}
                />
              </Field>
            );
        }
      })}
    </>
  );
}

/**
 * The custom fields the form changed, each as the type's value (null clears); an entry the browser could
 * not read as a number is an error named at its field, before anything is sent.
 */
export function changedCustomFields(
  form: HTMLFormElement,
  definitions: FieldDefinition[],
  values: Values,
): Values | ApiError {
  const changes: Values = {};
  const problems: { field: string; message: string }[] = [];
  for (const definition of editable(definitions)) {
    const name = nameOf(definition.key);
    const input = form.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
    if (!input || input.disabled) continue;
    const text = definition.type === "multi_select" ? "" : input.value.trim();
    let next: unknown;
    switch (definition.type) {
      case "checkbox":
        if (input.checked === (values[definition.key] === true)) continue;
        next = input.checked;
        break;
      case "multi_select":
        next = new FormData(form).getAll(name).map(String);
        break;
      case "dependent_select":
        next = text ? JSON.parse(text) : null;
        break;
      case "json":
        if (text === initial(definition, values[definition.key])) continue;
        try {
          next = text === "" ? null : JSON.parse(text);
        } catch {
          problems.push({ field: name, message: 'must be JSON, such as {"plan": "gold"}' });
          continue;
        }
        break;
      case "integer":
      case "decimal":
        if (input.validity.badInput) {
          problems.push({ field: name, message: "must be a number" });
          continue;
        }
        next = text === "" ? null : Number(text);
        break;
      default:
        if (text === initial(definition, values[definition.key])) continue;
        next = text === "" ? null : text;
    }
    const before = values[definition.key];
    if (isEmpty(next) && isEmpty(before)) continue;
    if (JSON.stringify(next) !== JSON.stringify(before)) changes[definition.key] = next;
  }
  return problems.length
    ? new ApiError(422, "invalid", "Some fields need fixing; see the messages beside them.", problems)
    : changes;
}
