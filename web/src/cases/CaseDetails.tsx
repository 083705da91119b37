// The case's fields, shown, and edited in one form whose errors the server names field by field.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { ApiError, CASE_TYPES, PRIORITIES, words } from "../api.ts";
import { describedBy, Field, Problem } from "../ui.tsx";
import type { CaseContext } from "./CasePage.tsx";
import { CustomFieldInputs, changedCustomFields, shownValue } from "./CustomFields.tsx";

interface Props extends CaseContext {
  editing: boolean;
  setEditing: (editing: boolean) => void;
}

export function CaseDetails({ viewer, current, queues, fields, patch, editing, setEditing }: Props) {
  const [error, setError] = useState<ApiError | null>(null);
  const queueName = (id: string | null) =>
    id ? (queues.find((q) => q.id === id)?.name ?? `queue ${id}`) : "—";
  const custom = Object.entries(current.customFields);
  const definitionOf = (key: string) => fields.find((f) => f.key === key);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? "");
    const next: Record<string, unknown> = {
      title: text("title"),
      description: text("description"),
      priority: text("priority"),
      type: text("type") || null,
      queueId: text("queueId") || null,
      tags: text("tags")
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    const customFields = changedCustomFields(
      event.currentTarget as HTMLFormElement,
      fields,
      current.customFields,
    );
    if (customFields instanceof ApiError) return setError(customFields);
    const changes = Object.fromEntries(
      Object.entries(next).filter(
        ([key, value]) =>
          JSON.stringify(value) !== JSON.stringify((current as unknown as Record<string, unknown>)[key]),
      ),
    );
    if (Object.keys(customFields).length) changes.customFields = customFields;
    if (Object.keys(changes).length === 0) return setEditing(false);
    setError(await patch(changes));
  };

  if (!editing)
    return (
      <section aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl class="facts">
          <dt>Type</dt>
          <dd>{current.type ? words(current.type) : "—"}</dd>
          <dt>Queue</dt>
          <dd>{queueName(current.queueId)}</dd>
          <dt>Tags</dt>
          <dd>{current.tags.length ? current.tags.join(", ") : "—"}</dd>
          {current.resolution && (
            <>
              <dt>Resolution</dt>
              <dd>{current.resolution}</dd>
            </>
          )}
          {custom.map(([name, value]) => (
            <Fragment key={name}>
              <dt>{definitionOf(name)?.label ?? name}</dt>
              <dd>{shownValue(definitionOf(name), value)}</dd>
            </Fragment>
          ))}
        </dl>
        {viewer.can("case.update") && !current.trashedAt && (
          <button
            type="button"
            id="edit-details"
            onClick={() => {
              setError(null);
              setEditing(true);
            }}
          >
            Edit details
          </button>
        )}
      </section>
    );

  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">Edit details</h2>
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <Field label="Title" name="title" error={error}>
          <input id="f-title" name="title" defaultValue={current.title} {...describedBy("title", error)} />
        </Field>
        <Field label="Description" name="description" error={error}>
          <textarea
            id="f-description"
            name="description"
            rows={4}
            defaultValue={current.description}
            {...describedBy("description", error)}
          />
        </Field>
        <Field label="Priority" name="priority" error={error}>
          <select
            id="f-priority"
            name="priority"
            defaultValue={current.priority}
            {...describedBy("priority", error)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {words(p)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Type" name="type" error={error}>
          <select id="f-type" name="type" defaultValue={current.type ?? ""} {...describedBy("type", error)}>
            <option value="">None</option>
            {CASE_TYPES.map((t) => (
              <option key={t} value={t}>
                {words(t)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Queue" name="queueId" error={error}>
          <select
            id="f-queueId"
            name="queueId"
            defaultValue={current.queueId ?? ""}
            {...describedBy("queueId", error)}
          >
            <option value="">None</option>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tags" name="tags" error={error} hint="Separated by commas">
          <input
            id="f-tags"
            name="tags"
            defaultValue={current.tags.join(", ")}
            aria-describedby="h-tags"
            {...describedBy("tags", error)}
          />
        </Field>
        <CustomFieldInputs
          definitions={fields}
          values={current.customFields}
          error={error}
          mayWriteReadonly={viewer.can("field.readonly")}
        />
        <div class="actions">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
