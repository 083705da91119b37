// Live updates: the event stream (its event names are the first topic of each event), else a short poll. Either way the caller is
// told "something may have changed" and reads again through the API, so it sees only what it may see.
import { useEffect, useRef } from "preact/hooks";

const POLL_MS = 1500;
/** The stream names an event by its first topic; every change to a case is one of these. */
const CASE_EVENTS = [
  "case.created",
  "case.updated",
  "case.trashed",
  "case.restored",
  "case.closed",
  "case.purged",
  "case.imported",
];

/** Calls `refresh` when something may have changed; `filter` narrows the stream (`case=12`). */
export function useLive(refresh: () => void, filter = "") {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const tick = () => {
      if (document.visibilityState === "visible") latest.current();
    };
    const poll = () => {
      timer ??= setInterval(tick, POLL_MS);
    };
    const stream =
      typeof EventSource === "function"
        ? new EventSource(`/api/v1/events${filter ? `?${filter}` : ""}`)
        : null;
    if (stream) {
      stream.onmessage = tick;
      for (const name of CASE_EVENTS) stream.addEventListener(name, tick);
      stream.onerror = () => {
        // A stream the server does not serve (or closed for good) falls back to polling.
        if (stream.readyState === EventSource.CLOSED) poll();
      };
    } else poll();
    // Events that came while the tab was hidden were let pass; coming back reads again once.
    document.addEventListener("visibilitychange", tick);
    return () => {
      stream?.close();
      if (timer) clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [filter]);
}
