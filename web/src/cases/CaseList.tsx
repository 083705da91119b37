// The case list: saved views (the trash among them), filters, search, sort, counts per status, keyset
// paging, keyboard use.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import {
  type ApiError,
  CASE_TYPES,
  type Case,
  get,
  type Named,
  type Page,
  PRIORITIES,
  query,
  STATUSES,
  type User,
  words,
} from "../api.ts";
import { useLive } from "../live.ts";
import type { Viewer } from "../main.tsx";
import { casePath, navigate, rememberList } from "../router.ts";
import { Problem, when } from "../ui.tsx";
import { CaseFilters, type Filters } from "./CaseFilters.tsx";

const PAGE_SIZE = 25;
const FILTER_NAMES = [
  "view",
  "status",
  "priority",
  "type",
  "queueId",
  "assigneeId",
  "requesterId",
  "tag",
  "q",
  "sort",
] as const;

/** Saved views: what each adds to the filters. */
const VIEWS: Record<string, { label: string; filters: (me: string) => Partial<Filters> }> = {
  all: { label: "All cases", filters: () => ({}) },
  mine: { label: "My open cases", filters: (me) => ({ assigneeId: me, status: "new,open,pending,on_hold" }) },
  unassigned: {
    label: "Unassigned",
    filters: () => ({ assigneeId: "none", status: "new,open,pending,on_hold" }),
  },
  trash: { label: "Trash", filters: () => ({ trashed: "true" }) },
};

/** The page the list was on, so coming back from a case returns to it. */
let kept = { listQuery: "", cursors: [] as string[] };

const readFilters = (): Filters => {
  const params = new URLSearchParams(location.search);
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, params.get(name) ?? ""])) as unknown as Filters;
};

export function CaseList({ viewer }: { viewer: Viewer }) {
  const slug = viewer.workspace.slug;
  const [filters, setFilters] = useState<Filters>(readFilters);
  const [rows, setRows] = useState<Case[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState(0);
  const [users, setUsers] = useState<User[]>([]);
  const [queues, setQueues] = useState<Named[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);

  const effective = { ...filters, ...VIEWS[filters.view || "all"]?.filters(viewer.me.id) };
  const { view: _view, ...sent } = effective;
  const listQuery = query({ ...sent, sort: effective.sort || "-updatedAt", limit: PAGE_SIZE });
  const countQuery = query({ ...sent, status: undefined, q: undefined, sort: undefined });
  // Keyset paging: the cursors of the pages before this one, the last being this page's own.
  const [cursors, setCursors] = useState<string[]>(() => (kept.listQuery === listQuery ? kept.cursors : []));
  const cursor = cursors.at(-1);
  kept = { listQuery, cursors };

  // What the rows on screen answer; until the asked page arrives the list says it is busy.
  const asked = `${listQuery}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
  const askedRef = useRef(asked);
  askedRef.current = asked;
  const [shownFor, setShownFor] = useState("");
  const shownForRef = useRef("");
  const busy = shownFor !== asked;
  const loaded = shownFor !== "";
  /** Shows what answered `asked`; a page newly shown starts with its first row selected. */
  const showing = () => {
    if (shownForRef.current !== asked) setSelected(0);
    shownForRef.current = asked;
    setShownFor(asked);
  };

  const load = useCallback(async () => {
    try {
      const [page, statusCounts] = await Promise.all([
        get<Page<Case>>(`/api/v1/cases${asked}`),
        get<Record<string, number>>(`/api/v1/cases/counts${countQuery}`),
      ]);
      if (askedRef.current !== asked) return;
      showing();
      setRows(page.data);
      setNext(page.next);
      setCounts(statusCounts);
      setError(null);
    } catch (failure) {
      if (askedRef.current !== asked) return;
      // Rows of another list under the error would pass for the answer; a failed refresh keeps its rows.
      if (shownForRef.current !== asked) {
        setRows([]);
        setNext(null);
      }
      showing();
      setError(failure as ApiError);
    }
  }, [asked, countQuery]);

  const shownQuery = useRef(listQuery);
  useEffect(() => {
    if (shownQuery.current !== listQuery) {
      shownQuery.current = listQuery;
      if (cursors.length) return setCursors([]);
    }
    void load();
    const params = query(Object.fromEntries(FILTER_NAMES.map((name) => [name, filters[name]])));
    history.replaceState(null, "", `${location.pathname}${params}`);
    rememberList(location.pathname + params);
  }, [load]);
  useLive(load, "topics=case.*");

  useEffect(() => {
    if (viewer.can("directory.read"))
      get<Named[] | Page<User>>("/api/v1/users").then(
        (found) => setUsers(listOf(found) as User[]),
        () => undefined,
      );
    get<Named[] | Page<Named>>("/api/v1/queues").then(
      (found) => setQueues(listOf(found)),
      () => undefined,
    );
  }, []);

  const turn = (to: string[]) => {
    setCursors(to);
    document.getElementById("list-title")?.focus();
  };

  // j/k or arrows move, Enter opens, / searches. The handler reads the rows and the selection as last
  // rendered (refs set while rendering), so a key pressed before an effect re-ran never acts on old ones.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        if (event.key === "Escape") target.blur();
        return;
      }
      if (event.key === "/") {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === "j" || event.key === "ArrowDown") {
        event.preventDefault();
        setSelected((at) => Math.min(at + 1, rowsRef.current.length - 1));
      } else if (event.key === "k" || event.key === "ArrowUp") {
        event.preventDefault();
        setSelected((at) => Math.max(at - 1, 0));
      } else if (event.key === "Enter" && !target.closest("a,button")) {
        const row = rowsRef.current[selectedRef.current];
        if (row) navigate(casePath(slug, row.number));
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [slug]);

  useEffect(() => {
    const link = tableRef.current?.querySelectorAll<HTMLAnchorElement>("a.case-link")[selected];
    if (link && document.activeElement?.closest("tbody")) link.focus();
  }, [selected]);

  const userName = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? `user ${id}`) : "—");
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <section aria-labelledby="list-title" aria-busy={busy}>
      <div class="list-head">
        <h1 id="list-title" tabIndex={-1}>
          {VIEWS[filters.view || "all"]?.label ?? "Cases"}
        </h1>
        <fieldset class="views">
          <legend class="sr-only">Saved views</legend>
          {Object.entries(VIEWS).map(([name, view]) => (
            <button
              key={name}
              type="button"
              aria-pressed={(filters.view || "all") === name}
              onClick={() => change({ view: name === "all" ? "" : name })}
            >
              {view.label}
            </button>
          ))}
        </fieldset>
      </div>
      <fieldset class="counts">
        <legend class="sr-only">Status</legend>
        <button type="button" aria-pressed={!filters.status} onClick={() => change({ status: "" })}>
          Any status{counts ? ` (${Object.values(counts).reduce((a, b) => a + b, 0)})` : ""}
        </button>
        {STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={filters.status === status}
            onClick={() => change({ status })}
          >
            {words(status)}
            {counts ? ` (${counts[status] ?? 0})` : ""}
          </button>
        ))}
      </fieldset>
      <CaseFilters
        filters={filters}
        change={change}
        users={users}
        queues={queues}
        searchRef={searchRef}
        priorities={PRIORITIES}
        types={CASE_TYPES}
        error={error}
      />
      <Problem error={error} />
      <p class="sr-only" aria-live="polite">
        {loaded && !busy ? `${rows.length} cases shown` : ""}
      </p>
      {loaded && rows.length === 0 && !error ? <p class="empty">No case matches these filters.</p> : null}
      {rows.length > 0 && (
        <table class="cases">
          <caption class="sr-only">Cases; j and k move, Enter opens, / searches</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col" class="wide">
                Priority
              </th>
              <th scope="col" class="wide">
                Assignee
              </th>
              <th scope="col" class="wide">
                Updated
              </th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {rows.map((c, index) => (
              <tr
                key={c.number}
                class={index === selected ? "selected" : undefined}
                onClick={() => setSelected(index)}
              >
                <td>{c.number}</td>
                <td>
                  <a class="case-link" href={casePath(slug, c.number)} onFocus={() => setSelected(index)}>
                    {c.title}
                  </a>
                  <span class="narrow-meta">
                    {words(c.priority)} · {userName(c.assigneeId)}
                  </span>
                </td>
                <td>
                  <span class={`status s-${c.status}`}>{words(c.status)}</span>
                </td>
                <td class="wide">{words(c.priority)}</td>
                <td class="wide">{userName(c.assigneeId)}</td>
                <td class="wide">{when(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(next || cursors.length > 0) && (
        <nav class="pages" aria-label="Pages of cases">
          <button type="button" disabled={cursors.length === 0} onClick={() => turn(cursors.slice(0, -1))}>
            ← Previous page
          </button>
          <span>{busy ? "Loading…" : `Page ${cursors.length + 1}`}</span>
          <button type="button" disabled={!next} onClick={() => next && turn([...cursors, next])}>
            Next page →
          </button>
        </nav>
      )}
    </section>
  );
}

/** Directory lists answer as a plain array or a page. */
export const listOf = <T,>(found: T[] | Page<T>): T[] => (Array.isArray(found) ? found : found.data);
