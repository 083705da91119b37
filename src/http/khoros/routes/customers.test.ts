import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertKhorosError, contactId, defineField, khoros } from "../../../../test/khoros.ts";
import { buildTestApp } from "../../../../test/setup.ts";

type Customer = Record<string, unknown> & { id: string; url: string };

describe("Khoros customers and object meta", async () => {
  const t = await buildTestApp();
  await defineField(t, {
    object: "contact",
    key: "loyaltyNo",
    label: "Loyalty number",
    type: "text",
    searchable: true,
  });
  await defineField(t, {
    object: "contact",
    key: "tier",
    label: "Tier",
    type: "select",
    options: [
      { value: "gold", label: "Gold" },
      { value: "silver", label: "Silver" },
    ],
  });
  await defineField(t, { object: "contact", key: "birthday", label: "Birthday", type: "date" });
  await defineField(t, { object: "contact", key: "secret", label: "Secret", type: "text", active: false });
  await defineField(t, { object: "case", key: "clubNo", label: "Club", type: "text", searchable: true });

  const assertCustomer = (value: unknown): Customer => {
    const c = value as Customer;
    assert.equal(typeof c.id, "string");
    assert.equal(c.url, `http://localhost:80/w/default/contacts/${c.id}`);
    return c;
  };

  test("GET /meta/object/case and /customer declare the fields Khoros can show; other types 404", async () => {
    const caseMeta = await khoros(t, { method: "GET", url: "/meta/object/case" });
    assert.equal(caseMeta.statusCode, 200);
    assert.deepEqual(caseMeta.json(), {
      name: "case",
      fields: [{ name: "clubNo", label: "Club", type: "text", searchable: true }],
    });
    const customerMeta = await khoros(t, { method: "GET", url: "/meta/object/customer" });
    assert.deepEqual(customerMeta.json(), {
      name: "customer",
      fields: [
        { name: "name", label: "Name", type: "text", searchable: true },
        { name: "email", label: "Email", type: "text", searchable: true },
        { name: "phone", label: "Phone", type: "text", searchable: true },
        { name: "loyaltyNo", label: "Loyalty number", type: "text", searchable: true },
        {
          name: "tier",
          label: "Tier",
          type: "single_sel_list",
          searchable: false,
          listValues: [
            { name: "Gold", value: "gold" },
            { name: "Silver", value: "silver" },
          ],
        },
      ],
    });
    for (const type of ["contact", "user", "toString", "__proto__"])
      assertKhorosError(
        await khoros(t, { method: "GET", url: `/meta/object/${type}` }),
        404,
        "route_not_found",
      );
  });

  test("POST /customer creates a contact (201); GET finds it; PATCH changes it (200)", async () => {
    const res = await khoros(t, {
      method: "POST",
      url: "/customer",
      payload: { name: "Ann Smith", email: "ann@example.com", loyaltyNo: "L-100", tier: "gold" },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = assertCustomer(res.json());
    assert.deepEqual(created, {
      id: created.id,
      url: created.url,
      name: "Ann Smith",
      email: "ann@example.com",
      loyaltyNo: "L-100",
      tier: "gold",
    });
    const native = (await t.request({ method: "GET", url: `/api/v1/contacts/${created.id}` })).json() as {
      customFields: unknown;
    };
    assert.deepEqual(native.customFields, { loyaltyNo: "L-100", tier: "gold" });

    const found = await khoros(t, { method: "GET", url: `/customer/${created.id}` });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(found.json(), created);

    const patched = await khoros(t, {
      method: "PATCH",
      url: `/customer/${created.id}`,
      payload: { tier: "silver", phone: "+1 555 0100", email: null },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const after = assertCustomer(patched.json());
    assert.equal(after.tier, "silver");
    assert.equal(after.phone, "+1 555 0100");
    assert.equal(after.email, undefined);
  });

  test("customer errors: 400 naming every bad field, 404 for an unknown id", async () => {
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/customer",
        payload: { name: 7, tier: "bronze", birthday: "2000-01-01", secret: "x" },
      }),
      400,
      "validation_failed",
      ["name"],
    );
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/customer",
        payload: { name: "Bo", tier: "bronze", birthday: "2000-01-01", secret: "x" },
      }),
      400,
      "validation_failed",
      ["birthday", "secret"],
    );
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/customer",
        payload: { tier: "bronze", email: "not-an-email" },
      }),
      400,
      "validation_failed",
      ["tier", "email"],
    );
    assertKhorosError(
      await khoros(t, { method: "POST", url: "/customer", payload: { loyaltyNo: "L-1" } }),
      400,
      "validation_failed",
      ["name"],
    );
    for (const id of ["987654", "x"]) {
      assertKhorosError(await khoros(t, { method: "GET", url: `/customer/${id}` }), 404, "contact_not_found");
      assertKhorosError(
        await khoros(t, { method: "PATCH", url: `/customer/${id}`, payload: { name: "x" } }),
        404,
        "contact_not_found",
      );
    }
  });

  test("POST /customers searches by searchable fields: 200 with matches, 204 with none, 400 otherwise", async () => {
    const id = await contactId(t, {
      name: "Carl Search",
      customFields: { loyaltyNo: "L-777", tier: "gold" },
    });
    await contactId(t, { name: "Dora Search", customFields: { loyaltyNo: "L-778" } });
    const res = await khoros(t, { method: "POST", url: "/customers", payload: { loyaltyNo: "L-777" } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      (res.json() as Customer[]).map((c) => assertCustomer(c).id),
      [id],
    );
    const byName = await khoros(t, { method: "POST", url: "/customers", payload: { name: "carl search" } });
    assert.deepEqual(
      (byName.json() as Customer[]).map((c) => c.id),
      [id],
    );
    const none = await khoros(t, { method: "POST", url: "/customers", payload: { loyaltyNo: "L-000" } });
    assert.equal(none.statusCode, 204);
    assert.equal(none.body, "");
    assertKhorosError(
      await khoros(t, { method: "POST", url: "/customers", payload: { tier: "gold", shoeSize: "9" } }),
      400,
      "validation_failed",
      ["shoeSize"],
    );
    assertKhorosError(
      await khoros(t, { method: "POST", url: "/customers", payload: { tier: "gold" } }),
      400,
      "validation_failed",
      ["tier"],
    );
    assertKhorosError(
      await khoros(t, { method: "POST", url: "/customers", payload: {} }),
      400,
      "validation_failed",
      ["body"],
    );
  });

  test("POST /customer/bestmatch ranks contacts by the social profile Khoros sends", async () => {
    const byHandle = await contactId(t, {
      name: "Eve Handle",
      handles: [{ service: "twitter", handle: "@EveTweets", profileUrl: "https://twitter.com/EveTweets" }],
    });
    const byName = await contactId(t, { name: "Eve Tweets" });
    const byPhone = await contactId(t, { name: "Phone Person", phone: "+1 (555) 010-9999" });
    const byLoyalty = await contactId(t, { name: "Loyal", customFields: { loyaltyNo: "A-55" } });
    await contactId(t, { name: "Unrelated" });

    const res = await khoros(t, {
      method: "POST",
      url: "/customer/bestmatch",
      payload: {
        displayName: "Eve Tweets",
        screenName: "evetweets",
        profileUrl: "https://twitter.com/EveTweets",
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      (res.json() as Customer[]).map((c) => assertCustomer(c).id),
      [byHandle, byName],
    );
    const full = await khoros(t, {
      method: "POST",
      url: "/customer/bestmatch",
      payload: {
        phoneNumbers: ["15550109999"],
        accountNumbers: "A-55",
        orderNumbers: [],
        caseNumbers: ["K-1"],
        addresses: [{ city: "Austin" }],
        description: "loves tea",
      },
    });
    assert.deepEqual(
      (full.json() as Customer[]).map((c) => c.id),
      [byPhone, byLoyalty],
    );
    const nothing = await khoros(t, { method: "POST", url: "/customer/bestmatch", payload: {} });
    assert.equal(nothing.statusCode, 200);
    assert.deepEqual(nothing.json(), []);
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/customer/bestmatch",
        payload: { screenName: 5, phoneNumbers: "555", nickname: "x" },
      }),
      400,
      "validation_failed",
      ["screenName", "phoneNumbers", "nickname"],
    );
  });
});
