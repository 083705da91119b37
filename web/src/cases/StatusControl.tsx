// Status and assignment: only the statuses the server says the lifecycle allows, a resolution when needed.
import { useState } from "preact/hooks";
import { type ApiError, words } from "../api.ts";
import { describedBy, Field, Problem } from "../ui.tsx";
import type { CaseContext } from "./CasePage.tsx";

export function StatusControl({ viewer, current, users, patch }: CaseContext) {
  const [target, setTarget] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [assignError, setAssignError] = useState<ApiError | null>(null);
  const mayUpdate = viewer.can("case.update") && !current.trashedAt;
  const resolving = target === "resolved";

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const resolution = String(form.get("resolution") ?? "").trim();
    const problem = await patch({ status: target, ...(resolving && resolution ? { resolution } : {}) });
    setError(problem);
    if (!problem) setTarget("");
  };
  const assign = async (event: Event) => {
    const value = (event.currentTarget as HTMLSelectElement).value;
    setAssignError(await patch({ assigneeId: value === "" ? null : value }));
  };

  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      {current.nextStatuses.length === 0 ? (
        <p>
          {current.trashedAt
            ? "Restore the case to change its status."
            : `A ${words(current.status)} case takes no status change.`}
        </p>
      ) : (
        <form onSubmit={submit}>
          <Problem error={error} />
          <Field label={`Move from ${words(current.status)} to`} name="status" error={error}>
            <select
              id="f-status"
              value={target}
              onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)}
              disabled={!mayUpdate}
              {...describedBy("status", error)}
            >
              <option value="">Choose a status</option>
              {current.nextStatuses.map((status) => (
                <option key={status} value={status}>
                  {words(status)}
                </option>
              ))}
            </select>
          </Field>
          {resolving && (
            <Field
              label={viewer.workspace.resolutionRequired ? "Resolution (required)" : "Resolution"}
              name="resolution"
              error={error}
            >
              <textarea
                id="f-resolution"
                name="resolution"
                rows={3}
                required={viewer.workspace.resolutionRequired}
                {...describedBy("resolution", error)}
              />
            </Field>
          )}
          <button type="submit" class="primary" disabled={!target || !mayUpdate}>
            Change status
          </button>
        </form>
      )}
      <Problem error={assignError} />
      <Field label="Assignee" name="assigneeId" error={assignError}>
        <select
          id="f-assigneeId"
          value={current.assigneeId ?? ""}
          onChange={assign}
          disabled={!mayUpdate || users.length === 0}
          {...describedBy("assigneeId", assignError)}
        >
          <option value="">Unassigned</option>
          {users
            .filter((u) => u.active || u.id === current.assigneeId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.id === viewer.me.id ? " (me)" : ""}
              </option>
            ))}
        </select>
      </Field>
      {mayUpdate && current.assigneeId !== viewer.me.id && (
        <button type="button" onClick={async () => setAssignError(await patch({ assigneeId: viewer.me.id }))}>
          Assign to me
        </button>
      )}
    </section>
  );
}
