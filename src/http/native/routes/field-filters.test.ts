import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase, listNumbers, patchCase } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("custom fields in search and filters", async () => {
  const t = await buildTestApp();
  const define = async (payload: object) => {
    const res = await t.request({
      method: "POST",
      url: "/api/v1/fields",
      payload: { object: "case", ...payload },
    });
    assert.equal(res.statusCode, 201, res.body);
  };
  await define({ key: "order_no", label: "Order", type: "text", searchable: true });
  await define({ key: "note", label: "Note", type: "text" });
  await define({ key: "units", label: "Units", type: "integer" });
  await define({ key: "vip", label: "VIP", type: "checkbox" });
  await define({
    key: "channels",
    label: "Channels",
    type: "multi_select",
    options: [
      { value: "web", label: "Web" },
      { value: "mail", label: "Mail" },
    ],
  });
  const a = await createCase(t, {
    title: "Parcel lost",
    customFields: { order_no: "ZX-4477", note: "QQ-1", units: 991, vip: true, channels: ["web", "mail"] },
  });
  const b = await createCase(t, { title: "Parcel late", customFields: { order_no: "ZX-1000", units: 3 } });

  test("q finds a searchable custom field's value, on create and after a change; other fields are not searched", async () => {
    assert.deepEqual(await listNumbers(t, "q=ZX-4477"), [a.number]);
    assert.deepEqual(await listNumbers(t, "q=QQ-1"), []);
    await patchCase(t, b.id, { customFields: { order_no: "ZX-2024" } });
    assert.deepEqual(await listNumbers(t, "q=ZX-2024"), [b.number]);
    assert.deepEqual(await listNumbers(t, "q=ZX-1000"), []);
  });

  test("customFields.<key>=<value> filters by the field's type", async () => {
    assert.deepEqual(await listNumbers(t, "customFields.units=991"), [a.number]);
    assert.deepEqual(await listNumbers(t, "customFields.vip=true"), [a.number]);
    assert.deepEqual(await listNumbers(t, "customFields.channels=mail"), [a.number]);
    assert.deepEqual(await listNumbers(t, "customFields.order_no=ZX-2024&customFields.units=3"), [b.number]);
    assert.deepEqual(await listNumbers(t, "customFields.units=4"), []);
  });

  test("an unknown field or a value of the wrong type is a 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["customFields.nope=1", "query.customFields.nope"],
      ["customFields.units=many", "query.customFields.units"],
      ["customFields.vip=yes", "query.customFields.vip"],
    ])
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases?${query}` }),
        400,
        "validation_failed",
        field,
      );
  });

  test("date filters take a plain date, meaning midnight UTC", async () => {
    assert.deepEqual((await listNumbers(t, "createdAfter=2026-01-05")).sort(), [a.number, b.number].sort());
    assert.deepEqual(await listNumbers(t, "createdBefore=2026-01-05"), []);
    assert.deepEqual(await listNumbers(t, "createdAfter=2026-01-06"), []);
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases?createdAfter=2026-13-45" }),
      400,
      "validation_failed",
      "query.createdAfter",
    );
  });
});
