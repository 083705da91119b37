// Adding to the timeline: an internal note (operations only) or a public reply.
import { useState } from "preact/hooks";
import { type ApiError, call } from "../api.ts";
import type { Viewer } from "../main.tsx";
import { describedBy, Field, Problem } from "../ui.tsx";

export function Composer({
  number,
  viewer,
  onAdded,
}: {
  number: number;
  viewer: Viewer;
  onAdded: () => Promise<void>;
}) {
  const internalAllowed = viewer.can("entry.internal");
  const [visibility, setVisibility] = useState<"internal" | "public">(
    internalAllowed ? "internal" : "public",
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!viewer.can("entry.add")) return null;

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = String(new FormData(form).get("body") ?? "");
    setBusy(true);
    try {
      await call("POST", `/api/v1/cases/${number}/timeline`, {
        kind: visibility === "internal" ? "note" : "message",
        visibility,
        body,
      });
      form.reset();
      setError(null);
      await onAdded();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="composer-title" class={`composer v-${visibility}`}>
      <h2 id="composer-title">Add to the timeline</h2>
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <fieldset class="choice">
          <legend>Who sees it</legend>
          {internalAllowed && (
            <label>
              <input
                type="radio"
                name="visibility"
                value="internal"
                checked={visibility === "internal"}
                onChange={() => setVisibility("internal")}
              />{" "}
              Internal note (your team only)
            </label>
          )}
          <label>
            <input
              type="radio"
              name="visibility"
              value="public"
              checked={visibility === "public"}
              onChange={() => setVisibility("public")}
            />{" "}
            Public reply (the requester sees it)
          </label>
        </fieldset>
        <Field label={visibility === "internal" ? "Internal note" : "Public reply"} name="body" error={error}>
          <textarea id="f-body" name="body" rows={4} required {...describedBy("body", error)} />
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {visibility === "internal" ? "Add internal note" : "Send public reply"}
        </button>
      </form>
    </section>
  );
}
