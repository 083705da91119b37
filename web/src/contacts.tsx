// Contacts: search by name, email or handle, and a contact's page with their cases.
import { useEffect, useState } from "preact/hooks";
import { type ApiError, type Case, type Contact, get, type Page, query, words } from "./api.ts";
import type { Viewer } from "./main.tsx";
import { casePath, contactPath } from "./router.ts";
import { Problem, when } from "./ui.tsx";

export function ContactSearch({ viewer }: { viewer: Viewer }) {
  const [q, setQ] = useState(new URLSearchParams(location.search).get("q") ?? "");
  const [found, setFound] = useState<Contact[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    get<Page<Contact>>(`/api/v1/contacts${query({ q, limit: 50 })}`).then(
      (page) => {
        setFound(page.data);
        setError(null);
      },
      (failure) => setError(failure as ApiError),
    );
    history.replaceState(null, "", `${location.pathname}${query({ q })}`);
  }, [q]);
  return (
    <section aria-labelledby="contacts-title">
      <h1 id="contacts-title">Contacts</h1>
      <form
        aria-label="Search contacts"
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(String(new FormData(event.currentTarget as HTMLFormElement).get("q") ?? "").trim());
        }}
      >
        <div class="field grow">
          <label for="contact-q">Search contacts</label>
          <input id="contact-q" name="q" type="search" defaultValue={q} placeholder="Name, email or handle" />
        </div>
        <button type="submit">Search</button>
      </form>
      <Problem error={error} />
      {found && found.length === 0 && <p class="empty">No contact matches.</p>}
      <ul class="plain">
        {found?.map((c) => (
          <li key={c.id}>
            <a href={contactPath(viewer.workspace.slug, c.id)}>{c.name || c.email || `contact ${c.id}`}</a>
            {c.email && <span class="muted"> · {c.email}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ContactPage({ viewer, id }: { viewer: Viewer; id: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    Promise.all([
      get<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`),
      get<Page<Case>>(`/api/v1/cases?requesterId=${encodeURIComponent(id)}&limit=200`),
    ]).then(
      ([found, page]) => {
        setContact(found);
        setCases(page.data);
      },
      (failure) => setError(failure as ApiError),
    );
  }, [id]);
  if (error) return <Problem error={error} />;
  if (!contact) return <p class="loading">Loading contact…</p>;
  return (
    <article aria-labelledby="contact-title">
      <h1 id="contact-title">{contact.name || contact.email || `Contact ${contact.id}`}</h1>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{contact.email ?? "—"}</dd>
        <dt>Phone</dt>
        <dd>{contact.phone ?? "—"}</dd>
        <dt>Handles</dt>
        <dd>
          {contact.handles.length
            ? contact.handles.map((h) => `${h.service}: @${h.handle.replace(/^@+/, "")}`).join(", ")
            : "—"}
        </dd>
      </dl>
      <h2>Cases ({cases.length})</h2>
      <ul class="plain">
        {cases.map((c) => (
          <li key={c.number}>
            <a href={casePath(viewer.workspace.slug, c.number)}>
              #{c.number} {c.title}
            </a>{" "}
            <span class={`status s-${c.status}`}>{words(c.status)}</span>{" "}
            <span class="muted">updated {when(c.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
