// Addresses the console answers: the same paths the server hands out in links, read from location.
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "cases"; slug: string | null }
  | { page: "case"; slug: string; number: number }
  | { page: "contacts"; slug: string }
  | { page: "contact"; slug: string; id: string }
  | { page: "users"; slug: string }
  | { page: "unknown" };

export function parseRoute(path: string): Route {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts[0] === "w" && parts.length === 1)) return { page: "cases", slug: null };
  if (parts[0] !== "w") return { page: "unknown" };
  const [, slug, section, id] = parts as [string, string, string?, string?];
  if (!section || (section === "cases" && !id)) return { page: "cases", slug };
  if (section === "cases" && id && /^[1-9][0-9]{0,15}$/.test(id) && parts.length === 4)
    return { page: "case", slug, number: Number(id) };
  if (section === "contacts" && !id) return { page: "contacts", slug };
  if (section === "contacts" && id && parts.length === 4) return { page: "contact", slug, id };
  if (section === "users" && !id) return { page: "users", slug };
  return { page: "unknown" };
}

export const casePath = (slug: string, number: number | string) =>
  `/w/${encodeURIComponent(slug)}/cases/${number}`;
export const contactPath = (slug: string, id: string) => `/w/${encodeURIComponent(slug)}/contacts/${id}`;
export const listPath = (slug: string) => `/w/${encodeURIComponent(slug)}/cases`;

let lastList = "";
/** The list's address with its filters, where "back to the list" returns. */
export const rememberList = (path: string) => {
  lastList = path;
};
export const listReturn = (slug: string) => (lastList.startsWith(listPath(slug)) ? lastList : listPath(slug));

export function navigate(path: string) {
  if (path === location.pathname + location.search) return;
  history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
}

/** The current address, kept up to date with navigation. */
export function useLocation(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return path;
}

/** Follows a same-origin link click inside the console without reloading the page. */
export function onLinkClick(event: MouseEvent) {
  const link = (event.target as Element).closest?.("a");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/w")) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
