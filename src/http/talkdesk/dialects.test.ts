import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contactId, interaction, khoros } from "../../../test/khoros.ts";
import { accessToken, registerClient } from "../../../test/oauth.ts";
import { buildTestApp } from "../../../test/setup.ts";
import { talkdesk } from "../../../test/talkdesk.ts";

describe("one case through the Talkdesk, native and Khoros dialects", async () => {
  const t = await buildTestApp();
  const field = await t.request({
    method: "POST",
    url: "/api/v1/fields",
    payload: {
      object: "case",
      key: "drop_down1",
      label: "Tier",
      type: "select",
      options: [{ value: "001", label: "Gold" }],
    },
  });
  assert.equal(field.statusCode, 201, field.body);
  const token = await accessToken(t, await registerClient(t));
  const td = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    talkdesk(t, token, { method, url, ...(payload ? { payload } : {}) });

  test("created through Talkdesk, it reads the same natively and through Khoros", async () => {
    const made = (
      await td("POST", "/core/va/cases", {
        title: "From Talkdesk",
        description: "desk",
        priority: "URGENT",
        custom_fields: { dropdown1: "001" },
        notes: [{ note_title: "call", note_body: "customer called", public: true }],
      })
    ).json();
    const native = (await t.request({ method: "GET", url: `/api/v1/cases/${made.id}` })).json();
    assert.equal(native.id, made.id);
    assert.equal(native.title, "From Talkdesk");
    assert.equal(native.priority, "urgent");
    assert.equal(native.status, "new");
    assert.deepEqual(native.customFields, { drop_down1: "001" });
    const timeline = (await t.request({ method: "GET", url: `/api/v1/cases/${made.id}/timeline` })).json()
      .data;
    assert.equal(timeline[0].body, "customer called");
    assert.equal(timeline[0].visibility, "public");
    assert.equal(String(timeline[0].id), made.notes[0].id);
    const k = (await khoros(t, { method: "GET", url: `/case/${made.id}` })).json();
    assert.equal(k.id, made.id);
    assert.equal(k.title, "From Talkdesk");
    assert.equal(k.status, "open");
    assert.equal(k.drop_down1, "001");
  });

  test("changed natively and through Khoros, Talkdesk sees each change", async () => {
    const made = (await td("POST", "/core/va/cases", { title: "Shared", description: "" })).json();
    await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${made.id}`,
      payload: { status: "pending", type: "problem" },
    });
    let seen = (await td("GET", `/core/va/cases/${made.id}`)).json();
    assert.equal(seen.status, "PENDING");
    assert.equal(seen.type, "PROBLEM");
    const patched = await khoros(t, {
      method: "PATCH",
      url: `/case/${made.id}`,
      payload: { interactions: [interaction("td-1")] },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    seen = (await td("GET", `/core/va/cases/${made.id}`)).json();
    assert.equal(seen.notes.length, 1);
    assert.equal(seen.notes[0].note_body, "Post td-1: my order never arrived");
  });

  test("created natively or through Khoros, Talkdesk reads it and can change it", async () => {
    const native = (
      await t.request({
        method: "POST",
        url: "/api/v1/cases",
        payload: {
          title: "From native",
          status: "on_hold",
          timeline: [{ kind: "note", body: "internal", visibility: "internal" }],
        },
      })
    ).json();
    const seen = (await td("GET", `/core/va/cases/${native.id}`)).json();
    assert.equal(seen.status, "ON_HOLD");
    assert.equal(seen.notes[0].public, false);
    const customer = await contactId(t, { name: "Jane Doe", email: "jane@example.com" });
    const k = (
      await khoros(t, {
        method: "POST",
        url: "/case",
        payload: { customerId: customer, title: "From Khoros", interactions: [interaction("k-1")] },
      })
    ).json();
    const fromKhoros = (await td("GET", `/core/va/cases/${k.id}`)).json();
    assert.equal(fromKhoros.title, "From Khoros");
    assert.equal(fromKhoros.requester_email, "jane@example.com");
    assert.equal(fromKhoros.notes[0].public, true);
    const resolved = await td("PATCH", `/core/va/cases/${k.id}`, {
      status: "RESOLVED",
      resolution: "refunded",
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal((await khoros(t, { method: "GET", url: `/case/${k.id}` })).json().status, "closed");
  });
});
