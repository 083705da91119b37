// Administrators add the people who sign in: their account, role and first password.
import { useEffect, useRef, useState } from "preact/hooks";
import { type ApiError, call, get, type Named, type Page, type User } from "./api.ts";
import { listOf } from "./cases/CaseList.tsx";
import type { Viewer } from "./main.tsx";
import { describedBy, Field, Problem } from "./ui.tsx";

export function Users({ viewer }: { viewer: Viewer }) {
  const [users, setUsers] = useState<User[]>([]);
  const [accounts, setAccounts] = useState<(Named & { type: string })[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const added = useRef<User | null>(null);
  const load = () =>
    Promise.all([
      get<User[] | Page<User>>("/api/v1/users"),
      get<(Named & { type: string })[] | Page<Named & { type: string }>>("/api/v1/accounts"),
    ]).then(
      ([u, a]) => {
        setUsers(listOf(u));
        setAccounts(listOf(a));
      },
      (failure) => setError(failure as ApiError),
    );
  useEffect(() => {
    void load();
  }, []);
  if (!viewer.can("directory.manage")) return <p>Only administrators manage users.</p>;

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    setDone(null);
    try {
      // A user added whose password was refused is not added twice: the retry sets the password only.
      const email = text("email");
      let user = added.current;
      if (user?.email !== email) {
        user = (
          await call<User>("POST", "/api/v1/users", {
            email,
            name: text("name"),
            accountId: text("accountId"),
          })
        ).data;
        added.current = user;
        void load();
      }
      await call("PUT", `/api/v1/users/${user.id}/password`, {
        password: text("password"),
        role: text("role"),
      });
      setDone(`${user.email} can now sign in.`);
      added.current = null;
      form.reset();
      setError(null);
      await load();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <table class="cases">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Account</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{accounts.find((a) => a.id === u.accountId)?.name ?? u.accountId}</td>
              <td>{u.active ? "yes" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form onSubmit={submit} noValidate class="narrow-form">
        <Problem error={error} />
        {done && <p role="status">{done}</p>}
        <Field label="Email" name="email" error={error}>
          <input id="f-email" name="email" type="email" required {...describedBy("email", error)} />
        </Field>
        <Field label="Name" name="name" error={error}>
          <input id="f-name" name="name" required {...describedBy("name", error)} />
        </Field>
        <Field label="Account" name="accountId" error={error}>
          <select id="f-accountId" name="accountId" {...describedBy("accountId", error)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.type})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Role" name="role" error={error}>
          <select id="f-role" name="role">
            <option value="agent">Agent: works cases</option>
            <option value="admin">Administrator: everything</option>
          </select>
        </Field>
        <Field label="First password" name="password" error={error} hint="At least 10 characters">
          <input
            id="f-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="h-password"
            {...describedBy("password", error)}
          />
        </Field>
        <button type="submit" class="primary">
          Add user
        </button>
      </form>
    </section>
  );
}
