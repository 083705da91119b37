import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { accessToken, registerClient } from "../../../../test/oauth.ts";
import { buildTestApp } from "../../../../test/setup.ts";
import { assertTalkdeskError, defineSeedFields, talkdesk } from "../../../../test/talkdesk.ts";

describe("Talkdesk case list and contact look-up", async () => {
  const t = await buildTestApp();
  await defineSeedFields(t);
  const token = await accessToken(t, await registerClient(t));
  const me = (await t.request({ method: "GET", url: "/api/v1/me" })).json();
  const get = (url: string) => talkdesk(t, token, { method: "GET", url });
  const create = async (payload: Record<string, unknown>) => {
    const res = await talkdesk(t, token, {
      method: "POST",
      url: "/core/va/cases",
      payload: { description: "", ...payload },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const at = (minutes: number) => {
    t.clock.now = new Date(Date.parse("2026-01-05T09:00:00Z") + minutes * 60_000);
  };

  at(0);
  const a = await create({
    title: "Alpha printer",
    priority: "HIGH",
    requester_email: "ada@example.com",
    requester_name: "Ada Lovelace",
  });
  at(1);
  const b = await create({
    title: "Beta network",
    description: "cable cut",
    type: "INCIDENT",
    owner_id: me.id,
    custom_fields: { dropdown1: "002" },
  });
  at(2);
  const c = await create({ title: "Gamma printer", priority: "LOW", requester_email: "ada@example.com" });
  at(3);
  await talkdesk(t, token, {
    method: "PATCH",
    url: `/core/va/cases/${a.id}`,
    payload: { status: "ON-HOLD" },
  });
  at(4);
  const ids = (res: { json(): { _embedded: { data: { id: string }[] } } }) =>
    res.json()._embedded.data.map((x) => x.id);

  test("a HAL page: total, count, page, per_page, absolute links, items under _embedded.data", async () => {
    const res = await get("/core/va/cases?per_page=2");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["_embedded", "_links", "count", "page", "per_page", "total"]);
    assert.deepEqual([body.total, body.count, body.page, body.per_page], [3, 2, 1, 2]);
    assert.deepEqual(ids(res), [c.id, b.id]);
    assert.equal(body._links.self.href, "http://localhost:80/cm/core/va/cases?per_page=2&page=1");
    assert.equal(body._links.next.href, "http://localhost:80/cm/core/va/cases?per_page=2&page=2");
    assert.equal(body._links.prev, undefined);
    const second = await get("/core/va/cases?per_page=2&page=2");
    assert.deepEqual(ids(second), [a.id]);
    assert.equal(second.json()._links.next, undefined);
    assert.equal(second.json()._links.prev.href, "http://localhost:80/cm/core/va/cases?per_page=2&page=1");
    assert.equal((await get("/core/va/cases")).json().per_page, 50);
  });

  test("filters in each of Talkdesk's forms", async () => {
    assert.deepEqual(ids(await get(`/core/va/cases?ids=${encodeURIComponent(`["${a.id}","${c.id}"]`)}`)), [
      c.id,
      a.id,
    ]);
    assert.deepEqual(ids(await get(`/core/va/cases?ids=${a.id},${b.id}`)), [b.id, a.id]);
    assert.deepEqual(ids(await get("/core/va/cases?status=NEW&status=OPEN")), [c.id, b.id]);
    assert.deepEqual(ids(await get("/core/va/cases?status=On-hold")), [a.id]);
    assert.deepEqual(ids(await get(`/core/va/cases?priority=${encodeURIComponent('["Normal","High"]')}`)), [
      b.id,
      a.id,
    ]);
    assert.deepEqual(ids(await get("/core/va/cases?type=Incident")), [b.id]);
    assert.deepEqual(ids(await get(`/core/va/cases?agent_id=${me.id}`)), [b.id]);
    assert.deepEqual(ids(await get(`/core/va/cases?agent_email=${encodeURIComponent(me.email)}`)), [b.id]);
    assert.deepEqual(ids(await get("/core/va/cases?requester_email=ADA@example.com")), [c.id, a.id]);
    assert.deepEqual(ids(await get("/core/va/cases?requester_name=lovelace")), [c.id, a.id]);
    assert.deepEqual(ids(await get("/core/va/cases?requester_type=AGENT")), [b.id]);
    assert.deepEqual(ids(await get("/core/va/cases?title=printer&sort=ASC")), [a.id, c.id]);
    assert.deepEqual(ids(await get("/core/va/cases?description=cable")), [b.id]);
    const range = encodeURIComponent("[2026-01-05T09:00:30Z,2026-01-05T09:02:00Z]");
    assert.deepEqual(ids(await get(`/core/va/cases?create_at=${range}`)), [c.id, b.id]);
    assert.deepEqual(ids(await get("/core/va/cases?order_by=update_at&sort=desc")), [a.id, c.id, b.id]);
    const fields = encodeURIComponent('[{"label":"drop_down1","value":"002"}]');
    assert.deepEqual(ids(await get(`/core/va/cases?custom_fields=${fields}`)), [b.id]);
    assert.equal((await get("/core/va/cases?ids=abc")).json().total, 0);
  });

  test("bad list parameters are 400s naming the parameter", async () => {
    assertTalkdeskError(await get("/core/va/cases?per_page=0"), 400, "validation_failed", ["per_page"]);
    assertTalkdeskError(await get("/core/va/cases?per_page=501"), 400, "validation_failed", ["per_page"]);
    assertTalkdeskError(await get("/core/va/cases?page=0"), 400, "validation_failed", ["page"]);
    assertTalkdeskError(await get("/core/va/cases?status=DONE"), 400, "validation_failed", ["status"]);
    assertTalkdeskError(await get("/core/va/cases?create_at=[x,y]"), 400, "validation_failed", ["create_at"]);
    assertTalkdeskError(await get("/core/va/cases?about=x"), 400, "validation_failed", ["about"]);
  });

  test("a contact's newest case, by email or id, within a status category", async () => {
    const newest = await get(
      "/core/va/cases/info?email=ada@example.com&name=Ada&phone=1&id=x&integration=zendesk",
    );
    assert.equal(newest.statusCode, 200, newest.body);
    assert.equal(newest.json().id, c.id);
    assert.equal((await get(`/core/va/cases/info?id=${a.requester_id}`)).json().id, c.id);
    assert.equal((await get("/core/va/cases/info?email=ada@example.com&status=UNRESOLVED")).json().id, c.id);
    assertTalkdeskError(
      await get("/core/va/cases/info?email=ada@example.com&status=RESOLVED"),
      404,
      "case_not_found",
    );
    assertTalkdeskError(await get("/core/va/cases/info?email=nobody@example.com"), 404, "case_not_found");
    assertTalkdeskError(await get("/core/va/cases/info"), 400, "validation_failed", ["id"]);
    assertTalkdeskError(await get("/core/va/cases/info?email=a@b.c&status=SOME"), 400, "validation_failed", [
      "status",
    ]);
  });
});
