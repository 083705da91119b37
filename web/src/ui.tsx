// Small pieces every page uses: an API error in words, a labelled field with the server's message beside it.
import type { ComponentChildren } from "preact";
import type { ApiError } from "./api.ts";

/** An API error as a sentence, announced to screen readers; field messages are shown at their fields. */
export function Problem({ error, id }: { error: ApiError | null; id?: string }) {
  if (!error) return null;
  return (
    <div class="problem" role="alert" id={id}>
      <p>
        <strong>Not done:</strong> {error.message}
      </p>
    </div>
  );
}

export function Field({
  label,
  name,
  error,
  children,
  hint,
}: {
  label: string;
  name: string;
  error?: ApiError | null;
  hint?: string;
  children: ComponentChildren;
}) {
  const message = error?.about(name);
  return (
    <div class={message ? "field invalid" : "field"}>
      <label for={`f-${name}`}>{label}</label>
      {children}
      {hint && <small id={`h-${name}`}>{hint}</small>}
      {message && (
        <small class="field-error" id={`e-${name}`}>
          ⚠ {message}
        </small>
      )}
    </div>
  );
}

/** The aria attributes an input needs to be tied to its field's message. */
export const describedBy = (name: string, error?: ApiError | null) =>
  error?.about(name) ? { "aria-invalid": true, "aria-describedby": `e-${name}` } : {};

export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
