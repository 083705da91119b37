// Signing in: workspace, email and password; the server sets the session cookie.
import { useState } from "preact/hooks";
import { type ApiError, call } from "./api.ts";
import { describedBy, Field, Problem } from "./ui.tsx";

export function SignIn({ workspace, onSignedIn }: { workspace: string; onSignedIn: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      await call("POST", "/console/session", {
        workspace: String(form.get("workspace") ?? ""),
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      setError(null);
      onSignedIn();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="page sign-in">
      <h1>Sign in to Casework</h1>
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <Field label="Workspace" name="workspace" error={error}>
          <input
            id="f-workspace"
            name="workspace"
            defaultValue={workspace}
            required
            autoComplete="organization"
            {...describedBy("workspace", error)}
          />
        </Field>
        <Field label="Email" name="email" error={error}>
          <input
            id="f-email"
            name="email"
            type="email"
            required
            autoComplete="username"
            {...describedBy("email", error)}
          />
        </Field>
        <Field label="Password" name="password" error={error}>
          <input
            id="f-password"
            name="password"
            type="password"
            required
            autoComplete="current-password"
            {...describedBy("password", error)}
          />
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
