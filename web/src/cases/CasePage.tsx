// One case: its fields, status and assignment, the composer, the timeline and the history. Every write
// names the revision it was based on; a stale one is shown with what changed, never written over.
import { useCallback, useEffect, useState } from "preact/hooks";
import {
  type ApiError,
  type Attachment,
  type AuditRecord,
  type Case,
  type Contact,
  call,
  type Entry,
  type FieldDefinition,
  get,
  type Named,
  type Page,
  type User,
  words,
} from "../api.ts";
import { useLive } from "../live.ts";
import type { Viewer } from "../main.tsx";
import { casePath, contactPath, listReturn, navigate } from "../router.ts";
import { Problem, when } from "../ui.tsx";
import { CaseDetails } from "./CaseDetails.tsx";
import { listOf } from "./CaseList.tsx";
import { Composer } from "./Composer.tsx";
import { Files } from "./Files.tsx";
import { StatusControl } from "./StatusControl.tsx";
import { History, Timeline } from "./Timeline.tsx";

export interface CaseContext {
  viewer: Viewer;
  current: Case;
  users: User[];
  queues: Named[];
  /** The workspace's custom field definitions for cases. */
  fields: FieldDefinition[];
  /** Sends a change based on the revision shown; a stale revision shows what changed instead. */
  patch: (changes: Record<string, unknown>) => Promise<ApiError | null>;
}

/** What changed between the case as the agent saw it and as it is now, in words. */
export function changedFields(before: Case, after: Case): string[] {
  const keys = [
    "title",
    "description",
    "status",
    "priority",
    "type",
    "queueId",
    "assigneeId",
    "requesterId",
    "resolution",
    "tags",
    "trashedAt",
  ] as const;
  const show = (value: unknown) =>
    value === null || value === ""
      ? "nothing"
      : Array.isArray(value)
        ? value.join(", ") || "nothing"
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  const custom = [...new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)])];
  return [
    ...keys.map((key) => [key, before[key], after[key]] as const),
    ...custom.map(
      (key) => [`customFields.${key}`, before.customFields[key], after.customFields[key]] as const,
    ),
  ]
    .filter(([, was, is]) => JSON.stringify(was) !== JSON.stringify(is))
    .map(([key, was, is]) => `${key}: ${show(was ?? null)} → ${show(is ?? null)}`);
}

export function CasePage({ viewer, number }: { viewer: Viewer; number: number }) {
  const slug = viewer.workspace.slug;
  const [shown, setShown] = useState<Case | null>(null);
  const [latest, setLatest] = useState<Case | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [history, setHistory] = useState<AuditRecord[]>([]);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [requester, setRequester] = useState<Contact | null>(null);
  const [subcases, setSubcases] = useState<Case[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [queues, setQueues] = useState<Named[]>([]);
  const [fields, setFields] = useState<FieldDefinition[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const readAll = useCallback(async () => {
    const found = await get<Case>(`/api/v1/cases/${number}`);
    const timeline: Entry[] = [];
    for (let cursor: string | null = null; ; ) {
      const page: Page<Entry> = await get(
        `/api/v1/cases/${number}/timeline?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      timeline.push(...page.data);
      if (!page.next) break;
      cursor = page.next;
    }
    const audit = viewer.can("case.history")
      ? (await get<Page<AuditRecord>>(`/api/v1/cases/${number}/history?limit=200`)).data
      : [];
    const children = (await get<Page<Case>>(`/api/v1/cases?parentId=${number}&limit=100`)).data;
    const attached = (await get<Page<Attachment>>(`/api/v1/cases/${number}/attachments?limit=500`)).data;
    return { found, timeline, audit, children, attached };
  }, [number]);

  const show = (read: Awaited<ReturnType<typeof readAll>>) => {
    setShown(read.found);
    setLatest(read.found);
    setEntries(read.timeline);
    setHistory(read.audit);
    setSubcases(read.children);
    setFiles(read.attached);
  };

  const reload = useCallback(async () => {
    try {
      show(await readAll());
      setError(null);
      setActionError(null);
    } catch (failure) {
      setError(failure as ApiError);
    }
  }, [readAll]);

  useEffect(() => {
    void reload();
    if (viewer.can("directory.read"))
      get<User[] | Page<User>>("/api/v1/users").then(
        (found) => setUsers(listOf(found)),
        () => undefined,
      );
    get<Named[] | Page<Named>>("/api/v1/queues").then(
      (found) => setQueues(listOf(found)),
      () => undefined,
    );
    get<FieldDefinition[] | Page<FieldDefinition>>("/api/v1/fields?object=case").then(
      (found) => setFields(listOf(found)),
      () => undefined,
    );
  }, [reload]);

  useEffect(() => {
    if (!shown?.requesterId) return setRequester(null);
    get<Contact>(`/api/v1/contacts/${shown.requesterId}`).then(setRequester, () => setRequester(null));
  }, [shown?.requesterId]);

  // Live: a newer revision replaces what is shown, unless the agent is editing; then it is announced.
  useLive(async () => {
    try {
      const read = await readAll();
      if (editing && shown && read.found.revision !== shown.revision) setLatest(read.found);
      else show(read);
    } catch {
      // The next tick tries again; a failed background read must not hide the page.
    }
  }, `case=${number}`);

  const patch = async (changes: Record<string, unknown>): Promise<ApiError | null> => {
    if (!shown) return null;
    try {
      await call<Case>("PATCH", `/api/v1/cases/${number}`, changes, { "if-match": `"${shown.revision}"` });
      setEditing(false);
      await reload();
      return null;
    } catch (failure) {
      const problem = failure as ApiError;
      if (problem.status === 412) setLatest(await get<Case>(`/api/v1/cases/${number}`).catch(() => shown));
      return problem;
    }
  };

  const trashOrRestore = async () => {
    if (!shown) return;
    try {
      if (shown.trashedAt) await call("POST", `/api/v1/cases/${number}/restore`);
      else await call("DELETE", `/api/v1/cases/${number}`, undefined, { "if-match": `"${shown.revision}"` });
      await reload();
    } catch (failure) {
      setActionError(failure as ApiError);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (/^(INPUT|SELECT|TEXTAREA)$/.test((event.target as HTMLElement).tagName)) return;
      if (event.key === "Escape" || event.key === "u") navigate(listReturn(slug));
      else if (event.key === "r" || event.key === "n") {
        event.preventDefault();
        document.getElementById("f-body")?.focus();
      } else if (event.key === "e") {
        event.preventDefault();
        document.getElementById("edit-details")?.click();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [slug]);

  if (error)
    return (
      <>
        <p>
          <a href={listReturn(slug)}>← Cases</a>
        </p>
        <Problem error={error} />
      </>
    );
  if (!shown) return <p class="loading">Loading case {number}…</p>;

  const stale = latest && latest.revision !== shown.revision ? changedFields(shown, latest) : null;
  const context: CaseContext = { viewer, current: shown, users, queues, fields, patch };
  return (
    <article class="case" aria-labelledby="case-title">
      <p class="crumbs">
        <a href={listReturn(slug)}>← Cases</a>
      </p>
      <header class="case-head">
        <h1 id="case-title">
          <span class="number">#{shown.number}</span> {shown.title}
        </h1>
        <p class="badges">
          <span class={`status s-${shown.status}`}>Status: {words(shown.status)}</span>
          <span class="badge">Priority: {words(shown.priority)}</span>
          {shown.trashedAt && <span class="badge warn">In the trash since {when(shown.trashedAt)}</span>}
        </p>
      </header>
      {stale && (
        <div class="stale" role="alert">
          <p>
            <strong>Someone else changed this case</strong> (revision {shown.revision} → {latest!.revision})
            while you had it open. Nothing of yours was saved over it.
          </p>
          <ul>
            {stale.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {stale.length === 0 && <li>The timeline changed.</li>}
          </ul>
          <button
            type="button"
            class="primary"
            onClick={() => {
              setEditing(false);
              void reload();
            }}
          >
            Reload the case
          </button>
        </div>
      )}
      <div class="case-grid">
        <div class="case-main">
          <section aria-labelledby="description-title">
            <h2 id="description-title">Description</h2>
            <p class="description">{shown.description || "No description."}</p>
          </section>
          <Composer number={number} viewer={viewer} onAdded={reload} />
          <Files number={number} files={files} />
          <Timeline entries={entries} users={users} />
          {viewer.can("case.history") && <History records={history} />}
        </div>
        <aside class="case-side" aria-label="Case details and actions">
          <StatusControl {...context} />
          <CaseDetails {...context} editing={editing} setEditing={setEditing} />
          <section aria-labelledby="people-title">
            <h2 id="people-title">People and links</h2>
            <dl class="facts">
              <dt>Requester</dt>
              <dd>
                {shown.requesterId ? (
                  <a href={contactPath(slug, shown.requesterId)}>
                    {requester?.name || requester?.email || `contact ${shown.requesterId}`}
                  </a>
                ) : (
                  "—"
                )}
              </dd>
              <dt>Account</dt>
              <dd>{shown.accountId ?? "—"}</dd>
              <dt>Parent</dt>
              <dd>{shown.parentId ? <a href={casePath(slug, shown.parentId)}>#{shown.parentId}</a> : "—"}</dd>
              <dt>Subcases</dt>
              <dd>
                {subcases.length === 0
                  ? "—"
                  : subcases.map((c) => (
                      <a key={c.number} href={casePath(slug, c.number)} class="subcase">
                        #{c.number} {c.title}
                      </a>
                    ))}
              </dd>
              <dt>Created</dt>
              <dd>{when(shown.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{when(shown.updatedAt)}</dd>
            </dl>
          </section>
          <section aria-labelledby="trash-title">
            <h2 id="trash-title">{shown.trashedAt ? "Restore" : "Trash"}</h2>
            <Problem error={actionError} />
            <button
              type="button"
              onClick={trashOrRestore}
              disabled={!viewer.can(shown.trashedAt ? "case.restore" : "case.trash")}
            >
              {shown.trashedAt ? "Restore from the trash" : "Move to the trash"}
            </button>
          </section>
        </aside>
      </div>
    </article>
  );
}
