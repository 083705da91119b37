// The console: who is signed in, which page the address names, and the frame around every page.
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, call, get, type Me, type Workspace } from "./api.ts";
import { CaseList } from "./cases/CaseList.tsx";
import { CasePage } from "./cases/CasePage.tsx";
import { ContactPage, ContactSearch } from "./contacts.tsx";
import { listPath, onLinkClick, parseRoute, useLocation } from "./router.ts";
import { SignIn } from "./SignIn.tsx";
import { Users } from "./Users.tsx";
import { Problem } from "./ui.tsx";
import "./styles.css";

export interface Viewer {
  me: Me;
  workspace: Workspace;
  can: (action: string) => boolean;
}

type State =
  | { kind: "loading" }
  | { kind: "signed-out" }
  | { kind: "in"; viewer: Viewer }
  | { kind: "error"; error: ApiError };

function App() {
  const path = useLocation();
  const route = parseRoute(path);
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(async () => {
    try {
      const [me, workspace] = await Promise.all([get<Me>("/api/v1/me"), get<Workspace>("/api/v1/workspace")]);
      setState({ kind: "in", viewer: { me, workspace, can: (action) => me.can.includes(action) } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ kind: "signed-out" });
      else setState({ kind: "error", error: error as ApiError });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.addEventListener("click", onLinkClick);
    return () => document.removeEventListener("click", onLinkClick);
  }, []);

  if (state.kind === "loading") return <p class="loading">Loading…</p>;
  if (state.kind === "error")
    return (
      <main class="page">
        <Problem error={state.error} />
      </main>
    );
  if (state.kind === "signed-out")
    return <SignIn workspace={"slug" in route && route.slug ? route.slug : "default"} onSignedIn={load} />;

  const { viewer } = state;
  const slug = viewer.workspace.slug;
  const signOut = async () => {
    await call("DELETE", "/console/session").catch(() => undefined);
    setState({ kind: "signed-out" });
  };
  const elsewhere = "slug" in route && route.slug && route.slug !== slug;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="bar">
        <a class="brand" href={listPath(slug)}>
          Casework
        </a>
        <nav aria-label="Sections">
          <a href={listPath(slug)} aria-current={route.page.startsWith("case") ? "page" : undefined}>
            Cases
          </a>
          <a
            href={`/w/${slug}/contacts`}
            aria-current={route.page.startsWith("contact") ? "page" : undefined}
          >
            Contacts
          </a>
          {viewer.can("directory.manage") && (
            <a href={`/w/${slug}/users`} aria-current={route.page === "users" ? "page" : undefined}>
              Users
            </a>
          )}
        </nav>
        <span class="who" title={viewer.me.email}>
          {viewer.me.name}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        {elsewhere ? (
          <div class="problem" role="alert">
            <p>
              This address belongs to workspace “{route.slug}”; you are signed in to “{slug}”. Sign out and
              sign in to “{route.slug}” to open it.
            </p>
          </div>
        ) : route.page === "cases" ? (
          <CaseList viewer={viewer} />
        ) : route.page === "case" ? (
          <CasePage viewer={viewer} number={route.number} key={route.number} />
        ) : route.page === "contact" ? (
          <ContactPage viewer={viewer} id={route.id} key={route.id} />
        ) : route.page === "contacts" ? (
          <ContactSearch viewer={viewer} />
        ) : route.page === "users" ? (
          <Users viewer={viewer} />
        ) : (
          <div class="problem" role="alert">
            <p>
              There is no page at this address. <a href={listPath(slug)}>Go to the cases</a>.
            </p>
          </div>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
