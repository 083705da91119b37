import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertInvalid } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("native contacts", async () => {
  const t = await buildTestApp();

  const create = (payload: Record<string, unknown>) =>
    t.request({ method: "POST", url: "/api/v1/contacts", payload });
  const get = (id: string) => t.request({ method: "GET", url: `/api/v1/contacts/${id}` });
  const search = async (query: string) => {
    const res = await t.request({ method: "GET", url: `/api/v1/contacts?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { data: { id: string; name: string }[]; next: string | null };
  };
  const count = async () => {
    const res = await t.request({ method: "GET", url: "/api/v1/contacts?limit=500" });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().data.length as number;
  };

  test("create answers 201 with Location and the contact; get returns it", async () => {
    const res = await create({
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+44 20 7946 0000",
      handles: [
        { service: "twitter", handle: "ada", serviceId: "1815", profileUrl: "https://x.example/ada" },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.id, /^[1-9][0-9]*$/);
    assert.equal(res.headers.location, `/api/v1/contacts/${body.id}`);
    assert.deepEqual(
      { ...body, id: undefined },
      {
        id: undefined,
        name: "Ada Lovelace",
        email: "ada@example.com",
        phone: "+44 20 7946 0000",
        accountId: null,
        handles: [
          { service: "twitter", handle: "ada", serviceId: "1815", profileUrl: "https://x.example/ada" },
        ],
        customFields: {},
        revision: 1,
        createdAt: "2026-01-05T09:00:00.000Z",
        updatedAt: "2026-01-05T09:00:00.000Z",
      },
    );

    const got = await get(body.id);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), body);
  });

  test("create with an account reference, given as a string or an integer", async () => {
    const account = await t.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { name: "Acme", type: "client" },
    });
    assert.equal(account.statusCode, 201, account.body);
    const accountId = account.json().id as string;
    const asString = await create({ name: "By string", accountId });
    assert.equal(asString.statusCode, 201, asString.body);
    assert.equal(asString.json().accountId, accountId);
    const asNumber = await create({ name: "By number", accountId: Number(accountId) });
    assert.equal(asNumber.statusCode, 201, asNumber.body);
    assert.equal(asNumber.json().accountId, accountId);
  });

  test("invalid creates name the offending field and create nothing", async () => {
    const before = await count();
    assertInvalid(await create({ name: "X", email: "not-an-email" }), "email");
    assertInvalid(await create({ name: "X", accountId: "999999" }), "accountId");
    assertInvalid(await create({ name: "X", accountId: 2 ** 60 }), "accountId");
    assertInvalid(await create({ name: "X", accountId: "0" }), "accountId");
    assertInvalid(await create({ name: "X", nickname: "x" }), "nickname");
    assertInvalid(await create({ name: 42 }), "name");
    assertInvalid(await create({ name: "X", customFields: { nope: 1 } }), "customFields.nope");
    assertInvalid(
      await create({
        name: "X",
        handles: [
          { service: "twitter", handle: "dup" },
          { service: "Twitter", handle: "DUP" },
        ],
      }),
      "handles.1",
    );
    assertInvalid(await create({ name: "X", handles: [{ service: "twitter" }] }), "handles.0.handle");
    assertInvalid(await create({}), "name");
    assertInvalid(await create({ name: "   " }), "name");
    const malformed = await t.request({
      method: "POST",
      url: "/api/v1/contacts",
      headers: { "content-type": "application/json" },
      payload: "{ nope",
    });
    assert.equal(malformed.statusCode, 400, malformed.body);
    assert.equal(malformed.json().code, "malformed_request");
    assert.deepEqual(malformed.json().errors, [{ field: "body", message: "is not valid JSON" }]);
    assert.equal(await count(), before);
  });

  test("get of an unknown or malformed id is a 404 contact_not_found", async () => {
    for (const id of ["999999", "abc", "0", "-1", "99999999999999999999"]) {
      const res = await get(id);
      assert.equal(res.statusCode, 404, `${id}: ${res.body}`);
      assert.equal(res.json().code, "contact_not_found");
    }
  });

  test("patch changes only what is sent and bumps the revision; handles are replaced", async () => {
    const created = (
      await create({
        name: "Grace Hopper",
        email: "grace@example.com",
        phone: "555-0100",
        handles: [
          { service: "twitter", handle: "grace" },
          { service: "github", handle: "ghopper" },
        ],
      })
    ).json();
    t.clock.now = new Date("2026-01-05T10:00:00Z");

    const renamed = await t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${created.id}`,
      payload: { name: "Rear Admiral Grace Hopper" },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const afterRename = renamed.json();
    assert.equal(afterRename.name, "Rear Admiral Grace Hopper");
    assert.equal(afterRename.email, "grace@example.com");
    assert.equal(afterRename.phone, "555-0100");
    assert.deepEqual(
      afterRename.handles.map((h: { service: string; handle: string }) => `${h.service}:${h.handle}`).sort(),
      ["github:ghopper", "twitter:grace"],
    );
    assert.equal(afterRename.revision, 2);
    assert.equal(afterRename.createdAt, created.createdAt);
    assert.equal(afterRename.updatedAt, "2026-01-05T10:00:00.000Z");

    const rehandled = await t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${created.id}`,
      payload: {
        handles: [{ service: "mastodon", handle: "grace@hachyderm.io", serviceId: "77" }],
        phone: null,
      },
    });
    assert.equal(rehandled.statusCode, 200, rehandled.body);
    assert.deepEqual(rehandled.json().handles, [
      { service: "mastodon", handle: "grace@hachyderm.io", serviceId: "77", profileUrl: null },
    ]);
    assert.equal(rehandled.json().phone, null);
    assert.equal(rehandled.json().name, "Rear Admiral Grace Hopper");
    assert.equal(rehandled.json().revision, 3);

    const got = (await get(created.id)).json();
    assert.deepEqual(got, rehandled.json());
    assert.equal((await search("handle=grace&service=twitter")).data.length, 0, "the old handle is gone");

    const same = await t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${created.id}`,
      payload: { name: "Rear Admiral Grace Hopper" },
    });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().revision, 3, "a patch that changes nothing keeps the revision");
  });

  test("invalid patches name the field and change nothing", async () => {
    const created = (await create({ name: "Unchanged", email: "unchanged@example.com" })).json();
    const patch = (payload: unknown) =>
      t.request({ method: "PATCH", url: `/api/v1/contacts/${created.id}`, payload: payload as object });
    assertInvalid(await patch({}), "body");
    assertInvalid(await patch({ name: "Changed", email: "bad" }), "email");
    assertInvalid(await patch({ name: "Changed", accountId: "424242" }), "accountId");
    assertInvalid(await patch({ name: "Changed", customFields: { ghost: "x" } }), "customFields.ghost");
    assertInvalid(await patch({ name: "Changed", extra: true }), "extra");
    assert.deepEqual((await get(created.id)).json(), created);

    const missing = await t.request({
      method: "PATCH",
      url: "/api/v1/contacts/999999",
      payload: { name: "X" },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, "contact_not_found");
  });

  test("custom fields are validated against the contact field definitions", async () => {
    const field = async (payload: Record<string, unknown>) => {
      const res = await t.request({
        method: "POST",
        url: "/api/v1/fields",
        payload: { object: "contact", ...payload },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    await field({
      key: "tier",
      label: "Tier",
      type: "select",
      options: [
        { value: "gold", label: "Gold" },
        { value: "silver", label: "Silver" },
      ],
    });
    await field({ key: "vip", label: "VIP", type: "checkbox" });
    await field({ key: "seats", label: "Seats", type: "integer" });
    // A case field of the same key does not make the key writable on contacts.
    const caseField = await t.request({
      method: "POST",
      url: "/api/v1/fields",
      payload: { object: "case", key: "caseOnly", label: "Case only", type: "text" },
    });
    assert.equal(caseField.statusCode, 201, caseField.body);

    const created = await create({ name: "Fielded", customFields: { tier: "gold", vip: true, seats: 12 } });
    assert.equal(created.statusCode, 201, created.body);
    const contact = created.json();
    assert.deepEqual(contact.customFields, { tier: "gold", vip: true, seats: 12 });

    const patch = (customFields: Record<string, unknown>) =>
      t.request({ method: "PATCH", url: `/api/v1/contacts/${contact.id}`, payload: { customFields } });
    assertInvalid(await patch({ tier: "bronze" }), "customFields.tier");
    assertInvalid(await patch({ vip: "yes" }), "customFields.vip");
    assertInvalid(await patch({ seats: 1.5 }), "customFields.seats");
    assertInvalid(await patch({ caseOnly: "x" }), "customFields.caseOnly");
    assertInvalid(await create({ name: "Bad tier", customFields: { tier: "bronze" } }), "customFields.tier");
    assert.deepEqual((await get(contact.id)).json(), contact);

    const merged = await patch({ tier: "silver", seats: null });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.deepEqual(
      merged.json().customFields,
      { tier: "silver", vip: true },
      "values merge; null clears one",
    );
    assert.equal(merged.json().revision, contact.revision + 1);
  });

  test("a required contact field must be given on create, but not on every patch", async () => {
    const existing = (await create({ name: "Before the rule" })).json();
    const res = await t.request({
      method: "POST",
      url: "/api/v1/fields",
      payload: { object: "contact", key: "region", label: "Region", type: "text", required: true },
    });
    assert.equal(res.statusCode, 201, res.body);
    const regionId = res.json().id;

    const before = await count();
    assertInvalid(await create({ name: "No region" }), "customFields.region");
    assertInvalid(
      await create({ name: "Empty region", customFields: { region: "" } }),
      "customFields.region",
    );
    assert.equal(await count(), before);

    const ok = await create({ name: "With region", customFields: { region: "EMEA" } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().customFields.region, "EMEA");

    const renamed = await t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${existing.id}`,
      payload: { name: "Renamed without region" },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const cleared = await t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${ok.json().id}`,
      payload: { customFields: { region: null } },
    });
    assertInvalid(cleared, "customFields.region");
    assert.equal((await get(ok.json().id)).json().customFields.region, "EMEA");

    // Deactivated, the rule no longer applies (and the field can no longer be written).
    const off = await t.request({
      method: "PATCH",
      url: `/api/v1/fields/${regionId}`,
      payload: { active: false },
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await create({ name: "After the rule" })).statusCode, 201);
    assertInvalid(
      await create({ name: "Writes inactive", customFields: { region: "APAC" } }),
      "customFields.region",
    );
  });

  test("search by q matches name, email or phone, case-insensitively", async () => {
    const a = (
      await create({ name: "Zelda Quartz", email: "zq@quartz.example", phone: "+1 555 867 5309" })
    ).json();
    const b = (await create({ name: "Other Person", email: "QUARTZFAN@example.org" })).json();
    const c = (await create({ name: "Third", phone: "867-5309-quartz" })).json();
    await create({ name: "Unrelated" });

    const ids = async (query: string) => (await search(query)).data.map((item) => item.id);
    assert.deepEqual(await ids("q=zelda"), [a.id]);
    assert.deepEqual(await ids("q=quartz"), [a.id, b.id, c.id]);
    assert.deepEqual(await ids("q=867"), [a.id, c.id]);
    const literal = (await create({ name: "100% Cotton Ltd" })).json();
    await create({ name: "1000 Cotton Ltd" });
    assert.deepEqual(await ids("q=100%25"), [literal.id], "% is matched literally");
    assert.deepEqual(await ids("q=Cotto_"), [], "_ is matched literally");
    assert.deepEqual(await ids("q=no-such-thing"), []);

    const empty = await t.request({ method: "GET", url: "/api/v1/contacts?q=" });
    assertInvalid(empty, "query.q");
  });

  test("search by exact email, case-insensitively", async () => {
    const a = (await create({ name: "Mail", email: "Exact.Match@Example.com" })).json();
    await create({ name: "Mail 2", email: "exact.match@example.com.au" });
    assert.deepEqual(
      (await search("email=exact.match%40example.com")).data.map((item) => item.id),
      [a.id],
    );
    assert.deepEqual((await search("email=exact")).data, [], "email is not a substring match");
  });

  test("search by handle, optionally on one service", async () => {
    const tw = (await create({ name: "Tw", handles: [{ service: "twitter", handle: "SameHandle" }] })).json();
    const gh = (await create({ name: "Gh", handles: [{ service: "github", handle: "samehandle" }] })).json();
    const ids = async (query: string) => (await search(query)).data.map((item) => item.id);
    assert.deepEqual(await ids("handle=samehandle"), [tw.id, gh.id]);
    assert.deepEqual(await ids("handle=SAMEHANDLE&service=twitter"), [tw.id]);
    assert.deepEqual(await ids("handle=samehandle&service=GitHub"), [gh.id]);
    assert.deepEqual(await ids("handle=samehandle&service=facebook"), []);
    assert.deepEqual(await ids("handle=same"), [], "handles match whole");
  });

  test("pages follow the cursor until next is null", async () => {
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) made.push((await create({ name: `Pager ${i}` })).json().id);

    const seen: string[] = [];
    let url = "/api/v1/contacts?q=Pager&limit=2";
    const sizes: number[] = [];
    for (let pages = 0; pages < 10; pages++) {
      const res = await t.request({ method: "GET", url });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      sizes.push(page.data.length);
      seen.push(...page.data.map((item: { id: string }) => item.id));
      if (page.next === null) break;
      assert.equal(typeof page.next, "string");
      url = `/api/v1/contacts?q=Pager&limit=2&cursor=${encodeURIComponent(page.next)}`;
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.deepEqual(seen, made);

    assertInvalid(
      await t.request({ method: "GET", url: "/api/v1/contacts?cursor=not-a-cursor" }),
      "query.cursor",
    );
    const negative = Buffer.from("-3").toString("base64url");
    assertInvalid(
      await t.request({ method: "GET", url: `/api/v1/contacts?cursor=${negative}` }),
      "query.cursor",
    );
    assertInvalid(await t.request({ method: "GET", url: "/api/v1/contacts?limit=0" }), "query.limit");
    assertInvalid(await t.request({ method: "GET", url: "/api/v1/contacts?limit=501" }), "query.limit");
    assertInvalid(await t.request({ method: "GET", url: "/api/v1/contacts?color=red" }), "query.color");
  });

  test("delete answers 204, then the contact is gone", async () => {
    const contact = (
      await create({ name: "Short-lived", handles: [{ service: "twitter", handle: "ephemeral" }] })
    ).json();
    const res = await t.request({ method: "DELETE", url: `/api/v1/contacts/${contact.id}` });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(res.body, "");

    const got = await get(contact.id);
    assert.equal(got.statusCode, 404);
    assert.equal(got.json().code, "contact_not_found");
    assert.deepEqual((await search("handle=ephemeral")).data, []);
    const again = await t.request({ method: "DELETE", url: `/api/v1/contacts/${contact.id}` });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().code, "contact_not_found");
  });

  test("a contact that requested a case cannot be deleted: 409 in_use", async () => {
    const contact = (await create({ name: "Requester", email: "requester@example.com" })).json();
    const kase = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "Needs help", requesterId: contact.id },
    });
    assert.equal(kase.statusCode, 201, kase.body);
    assert.equal(kase.json().requesterId, contact.id);

    const res = await t.request({ method: "DELETE", url: `/api/v1/contacts/${contact.id}` });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    assert.equal(res.json().code, "in_use");
    assert.deepEqual((await get(contact.id)).json(), contact);
  });

  test("scopes: a read-only key may search but not write contacts", async () => {
    const minted = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "reader", scopes: ["cases:read"] },
    });
    assert.equal(minted.statusCode, 201, minted.body);
    const reader = minted.json().key as string;
    const listed = await t.request({ method: "GET", url: "/api/v1/contacts", key: reader });
    assert.equal(listed.statusCode, 200);
    const before = await count();
    const denied = await t.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "No" },
      key: reader,
    });
    assert.equal(denied.statusCode, 403, denied.body);
    assert.equal(denied.json().code, "forbidden");
    assert.equal(await count(), before);
    const anonymous = await t.request({ method: "GET", url: "/api/v1/contacts", key: null });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().code, "unauthenticated");
  });
});
