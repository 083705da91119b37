// The timeline, newest first, each entry saying in words what it is and who sees it; and the history.
import type { AuditRecord, Entry, User } from "../api.ts";
import { when } from "../ui.tsx";

const KIND_LABEL = { interaction: "Interaction", note: "Note", message: "Message" } as const;

export function Timeline({ entries, users }: { entries: Entry[]; users: User[] }) {
  const newestFirst = [...entries].reverse();
  const author = (e: Entry) =>
    e.origin?.author
      ? `@${e.origin.author.handle.replace(/^@+/, "")}${e.origin.author.name ? ` (${e.origin.author.name})` : ""}`
      : e.author.id
        ? (users.find((u) => u.id === e.author.id)?.name ?? `${e.author.type} ${e.author.id}`)
        : e.author.type;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline ({entries.length}, newest first)</h2>
      {newestFirst.length === 0 && <p>Nothing on the timeline yet.</p>}
      <ol class="timeline">
        {newestFirst.map((e) => (
          <li key={e.id} class={`entry ${e.visibility}`}>
            <p class="entry-head">
              <span class={`tag ${e.visibility}`}>
                {e.visibility === "internal" ? "🔒 Internal" : "Public"}
              </span>{" "}
              <strong>{KIND_LABEL[e.kind]}</strong>
              {e.origin && <> on {e.origin.service}</>} by {author(e)} ·{" "}
              <time dateTime={e.createdAt}>{when(e.createdAt)}</time>
              {e.origin?.linkUrl && (
                <>
                  {" · "}
                  <a href={e.origin.linkUrl} rel="noopener noreferrer" target="_blank">
                    original post
                  </a>
                </>
              )}
            </p>
            {e.title && <p class="entry-title">{e.title}</p>}
            <p class="entry-body">{e.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const show = (value: unknown) =>
  value === null || value === undefined
    ? "—"
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

export function History({ records }: { records: AuditRecord[] }) {
  return (
    <section aria-labelledby="history-title">
      <details>
        <summary>
          <h2 id="history-title">History ({records.length})</h2>
        </summary>
        <ol class="history">
          {[...records].reverse().map((r) => (
            <li key={r.id}>
              <p>
                <strong>{r.actor.label}</strong> {r.action} · <time dateTime={r.at}>{when(r.at)}</time>
              </p>
              <ul>
                {r.changes.map((c) => (
                  <li key={c.field}>
                    {c.field}: {show(c.before)} → {show(c.after)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
