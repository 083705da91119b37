// The list's filter bar: free text, status-independent filters and sort, each a labelled control.
import type { RefObject } from "preact";
import type { ApiError, Named, User } from "../api.ts";
import { words } from "../api.ts";
import { describedBy } from "../ui.tsx";

export interface Filters {
  view: string;
  status: string;
  priority: string;
  type: string;
  queueId: string;
  assigneeId: string;
  requesterId: string;
  tag: string;
  q: string;
  sort: string;
  /** Set by the Trash view only. */
  trashed?: string;
}

const SORTS: Record<string, string> = {
  "-updatedAt": "Recently updated",
  "-createdAt": "Newest",
  createdAt: "Oldest",
  "-priority": "Most urgent",
  "-number": "Number, descending",
};

interface Props {
  filters: Filters;
  change: (patch: Partial<Filters>) => void;
  users: User[];
  queues: Named[];
  priorities: readonly string[];
  types: readonly string[];
  searchRef: RefObject<HTMLInputElement>;
  /** The list's last error: a filter the server refused shows its message beside it. */
  error: ApiError | null;
}

export function CaseFilters({ filters, change, users, queues, priorities, types, searchRef, error }: Props) {
  const fieldClass = (name: string, extra = "") => `field${extra}${error?.about(name) ? " invalid" : ""}`;
  const problem = (name: string) =>
    error?.about(name) && (
      <small class="field-error" id={`e-${name}`}>
        ⚠ {error.about(name)}
      </small>
    );
  const onSearch = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    change({
      q: String(form.get("q") ?? "").trim(),
      tag: String(form.get("tag") ?? "").trim(),
      requesterId: String(form.get("requesterId") ?? "").trim(),
    });
  };
  const select = (name: keyof Filters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        value={filters[name]}
        onChange={(event) => change({ [name]: (event.currentTarget as HTMLSelectElement).value })}
      >
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form class="filters" aria-label="Filter cases" onSubmit={onSearch}>
      <div class={fieldClass("q", " grow")}>
        <label for="filter-q">Search (press /)</label>
        <input
          id="filter-q"
          name="q"
          type="search"
          ref={searchRef}
          defaultValue={filters.q}
          placeholder="Words in title, description or timeline"
          {...describedBy("q", error)}
        />
        {problem("q")}
      </div>
      {select(
        "priority",
        "Priority",
        priorities.map((p) => [p, words(p)]),
      )}
      {select(
        "type",
        "Type",
        types.map((t) => [t, words(t)]),
      )}
      {select(
        "queueId",
        "Queue",
        queues.map((q) => [q.id, q.name]),
      )}
      {select("assigneeId", "Assignee", [
        ["none", "Unassigned"],
        ...users.map((u): [string, string] => [u.id, u.name]),
      ])}
      <div class={fieldClass("requesterId")}>
        <label for="filter-requesterId">Requester id</label>
        <input
          id="filter-requesterId"
          name="requesterId"
          inputMode="numeric"
          defaultValue={filters.requesterId}
          size={6}
          {...describedBy("requesterId", error)}
        />
        {problem("requesterId")}
      </div>
      <div class={fieldClass("tag")}>
        <label for="filter-tag">Tag</label>
        <input
          id="filter-tag"
          name="tag"
          defaultValue={filters.tag}
          size={10}
          {...describedBy("tag", error)}
        />
        {problem("tag")}
      </div>
      <div class="field">
        <label for="filter-sort">Sort</label>
        <select
          id="filter-sort"
          value={filters.sort || "-updatedAt"}
          onChange={(event) => change({ sort: (event.currentTarget as HTMLSelectElement).value })}
        >
          {Object.entries(SORTS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Search</button>
    </form>
  );
}
