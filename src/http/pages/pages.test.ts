import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { contactId, interaction, type KhorosCase, khoros } from "../../../test/khoros.ts";
import { buildTestApp, type TestApp } from "../../../test/setup.ts";
import { createWorkspace } from "../../ops/workspaces.ts";
import { buildApp } from "../app.ts";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function signInWith(t: TestApp, key: string, next?: string) {
  return t.app.inject({
    method: "POST",
    url: "/w/sign-in",
    payload: form({ key, ...(next === undefined ? {} : { next }) }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** The session cookie a sign-in set, as a Cookie header value. */
function sessionOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === "casework_session");
  assert.ok(cookie, `a session cookie in ${JSON.stringify(res.headers["set-cookie"])}`);
  return `casework_session=${cookie.value}`;
}

const page = (t: TestApp, url: string, cookie?: string) =>
  t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

function assertHtml(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /^text\/html; charset=utf-8/);
  assert.match(String(res.headers["content-security-policy"]), /default-src 'none'/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  return res.body;
}

describe("read-only pages behind sign-in", async () => {
  const t = await buildTestApp();
  const requester = await contactId(t, { name: "Jane <b>Doe</b>", email: "jane@example.com" });
  const hostile = '<script>alert("x")</script>';
  const made = (
    await khoros(t, {
      method: "POST",
      url: "/case",
      payload: {
        customerId: requester,
        title: `Broken ${hostile}`,
        description: "desc & more",
        interactions: [
          interaction("p-1", { body: `"><img src=x onerror=alert(1)>` }),
          interaction("p-2", { linkUrl: "javascript:alert(1)" }),
          interaction("p-3", {
            service: "twitter",
            author: {
              service: "twitter",
              serviceId: "tw-9",
              handle: "@jane",
              name: "Jane",
              brandOwned: false,
            },
          }),
        ],
      },
    })
  ).json() as KhorosCase;
  const path = new URL(made.url).pathname;
  await t.request({
    method: "POST",
    url: `/api/v1/cases/${made.id}/timeline`,
    payload: { kind: "note", body: "internal remark", visibility: "internal" },
  });

  test("the Khoros url leads to the page; without a session it redirects to sign-in and back", async () => {
    assert.equal(path, `/w/default/cases/${made.id}`);
    const anonymous = await page(t, path);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/w/sign-in?next=${encodeURIComponent(path)}`);

    const signInForm = assertHtml(await page(t, anonymous.headers.location as string), 200);
    assert.match(signInForm, new RegExp(`name="next" value="${path}"`));

    const wrong = await signInWith(t, "cw_not_a_key", path);
    assert.match(assertHtml(wrong, 401), /not valid/);
    assert.equal(wrong.cookies.length, 0);

    const signedIn = await signInWith(t, t.key, path);
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, path);
    const cookie = signedIn.cookies.find((c) => c.name === "casework_session")!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.path, "/");

    const body = assertHtml(await page(t, path, sessionOf(signedIn)), 200);
    assert.match(
      body,
      new RegExp(`#${made.id} Broken &lt;script&gt;alert\\(&quot;x&quot;\\)&lt;/script&gt;`),
    );
    assert.match(body, /Status<\/dt><dd>new/);
    assert.match(body, /Jane &lt;b&gt;Doe&lt;\/b&gt;/);
    assert.match(body, /desc &amp; more/);
    assert.match(body, /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(body, /internal remark/, "operations users see internal entries");
    assert.match(body, /href="https:\/\/www\.facebook\.com\/brand\/posts\/p-1"/);
    // Handles read as people write them, with one "@" whether or not the network sent it.
    assert.match(body, /Jane Doe \(@jane\.doe on facebook\)/);
    assert.match(body, /Jane \(@jane on twitter\)/);
    assert.doesNotMatch(body, /<script>|<img|<b>|href="javascript:/);
  });

  test("only paths on this server are destinations after signing in", async () => {
    for (const next of [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const res = await signInWith(t, t.key, next);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, "/");
    }
  });

  test("client users see only public entries of their own account's cases", async () => {
    const account = (
      await t.request({
        method: "POST",
        url: "/api/v1/accounts",
        payload: { name: "Client Co", type: "client" },
      })
    ).json() as { id: string };
    const user = (
      await t.request({
        method: "POST",
        url: "/api/v1/users",
        payload: { accountId: account.id, email: "client@example.com", name: "Client" },
      })
    ).json() as { id: string };
    const key = (
      await t.request({
        method: "POST",
        url: "/api/v1/keys",
        payload: { name: "client", scopes: ["cases:read"], userId: user.id },
      })
    ).json() as { key: string };
    const theirs = (
      await t.request({
        method: "POST",
        url: "/api/v1/cases",
        payload: {
          title: "Client case",
          accountId: account.id,
          timeline: [
            { kind: "message", body: "public reply" },
            { kind: "note", body: "operations only", visibility: "internal" },
          ],
        },
      })
    ).json() as { id: string };
    const cookie = sessionOf(await signInWith(t, key.key));
    const body = assertHtml(await page(t, `/w/default/cases/${theirs.id}`, cookie), 200);
    assert.match(body, /public reply/);
    assert.doesNotMatch(body, /operations only/);
    assertHtml(await page(t, path, cookie), 404);
  });

  test("contact pages list the contact's cases; unknown pages and other workspaces are 404", async () => {
    const cookie = sessionOf(await signInWith(t, t.key));
    const body = assertHtml(await page(t, `/w/default/contacts/${requester}`, cookie), 200);
    assert.match(body, new RegExp(`href="/w/default/cases/${made.id}"`));
    assert.match(body, /jane@example\.com/);
    assertHtml(await page(t, "/w/default/cases/99999", cookie), 404);
    assertHtml(await page(t, "/w/default/contacts/abc", cookie), 404);
    await createWorkspace(t.db, { slug: "other" });
    assert.match(assertHtml(await page(t, `/w/other/cases/${made.id}`, cookie), 404), /another workspace/);
  });

  test("signing out, or revoking the key signed in with, ends the session", async () => {
    const cookie = sessionOf(await signInWith(t, t.key));
    const out = await t.app.inject({ method: "POST", url: "/w/sign-out", headers: { cookie } });
    assert.equal(out.statusCode, 303);
    assert.equal((await page(t, path, cookie)).statusCode, 303);

    const minted = (
      await t.request({
        method: "POST",
        url: "/api/v1/keys",
        payload: { name: "short-lived", scopes: ["cases:read"] },
      })
    ).json() as { id: string; key: string };
    const session = sessionOf(await signInWith(t, minted.key));
    assert.equal((await page(t, path, session)).statusCode, 200);
    await t.request({ method: "DELETE", url: `/api/v1/keys/${minted.id}` });
    assert.equal((await page(t, path, session)).statusCode, 303);
  });

  test("CASEWORK_PUBLIC_URL, when set, is the base of every link", async () => {
    const app = await buildApp({ db: t.db, publicUrl: "https://cases.example.com" });
    try {
      const res = await app.inject({
        method: "GET",
        url: `/khoros/case/${made.id}`,
        headers: { authorization: t.key },
      });
      assert.equal((res.json() as KhorosCase).url, `https://cases.example.com/w/default/cases/${made.id}`);
    } finally {
      await app.close();
    }
  });
});
