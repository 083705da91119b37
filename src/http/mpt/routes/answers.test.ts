/** MPT chat answers: forms filled in inside chats, values checked by the forms' parameters, and their lifecycle. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  assertMptError,
  defineParameter,
  makeForm,
  mpt,
  openCase,
  type Roles,
  seedRoles,
} from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT chat answers", () => {
  let t: TestApp;
  let roles: Roles;
  const chats: string[] = [];
  let clientChat: string;
  let vendorChat: string;
  let country: string;
  let size: string;
  let agreed: string;
  let secret: string;
  let form: string;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
    for (let i = 0; i < 7; i++) chats.push((await openCase(t)).chat.id);
    clientChat = (await openCase(t, roles.keys.client)).chat.id;
    vendorChat = (await openCase(t, roles.keys.vendor)).chat.id;
    country = await defineParameter(t, {
      name: "Country",
      externalId: "country",
      constraints: { required: true },
    });
    size = await defineParameter(t, {
      name: "Size",
      type: "DropDown",
      options: {
        choices: [
          { value: "s", label: "Small" },
          { value: "l", label: "Large" },
        ],
      },
    });
    agreed = await defineParameter(t, { name: "Agreed", type: "Checkbox" });
    secret = await defineParameter(t, { name: "Secret", constraints: { hidden: true } });
    form = await makeForm(t, [country, size, agreed, secret]);
  });

  const url = (chat: string, rest = "") => `/helpdesk/chats/${chat}/answers${rest}`;
  const start = (chat: string, payload: Json = { name: "Onboarding", form: { id: form } }, key?: string) =>
    mpt(t, { method: "POST", url: url(chat), payload, ...(key ? { key } : {}) });
  const put = (chat: string, id: string, payload: Json, key?: string) =>
    mpt(t, { method: "PUT", url: url(chat, `/${id}`), payload, ...(key ? { key } : {}) });
  const act = (chat: string, id: string, action: string, payload?: Json, key?: string) =>
    mpt(t, {
      method: "POST",
      url: url(chat, `/${id}/${action}`),
      ...(payload ? { payload } : {}),
      ...(key ? { key } : {}),
    });
  const valueIn = (answer: Json, parameter: string) =>
    answer.parameters.find((p: Json) => p.parameter.id === parameter)?.value;

  test("an answer starts as a Draft of a published form, with each parameter of the form and no values", async () => {
    const chat = chats[0]!;
    const formObject = (await mpt(t, { method: "GET", url: `/helpdesk/forms/${form}` })).json() as Json;
    const res = await start(chat, { name: "Onboarding", form: formObject });
    assert.equal(res.statusCode, 201, res.body);
    const answer = res.json() as Json;
    assert.match(answer.id, /^ANS-\d{4}-\d{4}-\d{4}$/);
    assert.deepEqual(answer.chat, { id: chat });
    assert.deepEqual(answer.form, { id: form, name: "Onboarding" });
    assert.equal(answer.status, "Draft");
    assert.equal(answer.revision, 1);
    assert.deepEqual(answer.parameters[0], {
      parameter: { id: country },
      name: "Country",
      displayOrder: 0,
      value: null,
      constraints: { required: true, readonly: false, hidden: false },
      error: null,
    });
    assert.deepEqual(
      answer.parameters.map((p: Json) => p.parameter.id),
      [country, size, agreed, secret],
    );
    assert.ok(answer.audit.created.by.id.startsWith("USR-"));
    assert.deepEqual((await mpt(t, { method: "GET", url: url(chat, `/${answer.id}`) })).json(), answer);
    const listed = (await mpt(t, { method: "GET", url: url(chat) })).json() as Json;
    assert.equal(listed.$meta.pagination.total, 1);
    assert.equal(listed.data[0].id, answer.id);
  });

  test("only a published form can be answered; bad input names the field and stores nothing", async () => {
    const chat = chats[1]!;
    const draft = await makeForm(t, [country], false);
    assertMptError(await start(chat, { name: "Too early", form: { id: draft } }), 409);
    await mpt(t, { method: "POST", url: `/helpdesk/forms/${draft}/publish` });
    await mpt(t, { method: "POST", url: `/helpdesk/forms/${draft}/unpublish` });
    assertMptError(await start(chat, { name: "Too late", form: { id: draft } }), 409);
    assertMptError(await start(chat, { name: "Nothing", form: { id: "FRM-9999-9999" } }), 400, ["form.id"]);
    assertMptError(await start(chat, { name: "Malformed", form: { id: "CAS-1" } }), 400, ["form.id"]);
    assertMptError(await start(chat, { name: "", form: { id: form } }), 400, ["name"]);
    assertMptError(await start(chat, { name: "  ", form: { id: form } }), 400, ["name"]);
    assertMptError(await start(chat, { form: { id: form } }), 400);
    assertMptError(await start(chat, { name: "No form" }), 400);
    assertMptError(await start("CHT-0000-0000-9999"), 404);
    assert.equal((await mpt(t, { method: "GET", url: url(chat) })).json().$meta.pagination.total, 0);
  });

  test("PUT writes values by parameter id (null clears one); values are checked against the parameters", async () => {
    const chat = chats[2]!;
    const answer = (await start(chat)).json() as Json;
    const res = await put(chat, answer.id, {
      ...answer,
      name: "Filled in",
      parameters: [
        { parameter: { id: country }, value: "NL" },
        { id: size, value: "l" },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const filled = res.json() as Json;
    assert.equal(filled.name, "Filled in");
    assert.equal(valueIn(filled, country), "NL");
    assert.equal(valueIn(filled, size), "l");
    assert.equal(filled.revision, 2);
    const cleared = (
      await put(chat, answer.id, { parameters: [{ parameter: { id: size }, value: null }] })
    ).json();
    assert.equal(valueIn(cleared, size), null);
    assert.equal(valueIn(cleared, country), "NL");
    assertMptError(
      await put(chat, answer.id, { parameters: [{ parameter: { id: size }, value: "xl" }] }),
      400,
      ["parameters.0.value"],
    );
    assertMptError(
      await put(chat, answer.id, {
        parameters: [
          { parameter: { id: country }, value: "DE" },
          { id: agreed, value: "yes" },
        ],
      }),
      400,
      ["parameters.1.value"],
    );
    assertMptError(
      await put(chat, answer.id, { parameters: [{ parameter: { id: country }, value: null }] }),
      400,
      ["parameters.0.value"],
    );
    assertMptError(await put(chat, answer.id, { parameters: [{ id: "PAR-9999-9999", value: "x" }] }), 400, [
      "parameters.0",
    ]);
    assertMptError(await put(chat, answer.id, { parameters: [{ value: "x" }] }), 400, ["parameters.0"]);
    assertMptError(
      await put(chat, answer.id, {
        parameters: [
          { id: size, value: "s" },
          { id: size, value: "l" },
        ],
      }),
      400,
      ["parameters.1"],
    );
    const got = (await mpt(t, { method: "GET", url: url(chat, `/${answer.id}`) })).json() as Json;
    assert.equal(valueIn(got, country), "NL");
    const fresh = (await start(chat)).json() as Json;
    const echoed = await put(chat, fresh.id, fresh);
    assert.equal(echoed.statusCode, 200, echoed.body);
    assert.equal(echoed.json().revision, 1);
    assert.equal(valueIn(got, size), null);
    assert.equal(got.revision, 3);
  });

  test("Draft → Submitted → Querying → Submitted → Accepted; what a status does not allow is a 409", async () => {
    const chat = chats[3]!;
    const id = (await start(chat)).json().id as string;
    assertMptError(await act(chat, id, "query"), 409);
    assertMptError(await act(chat, id, "accept"), 409);
    assertMptError(await act(chat, id, "submit"), 400, ["parameters.country"]);
    await put(chat, id, { parameters: [{ id: country, value: "NL" }] });
    const submitted = await act(chat, id, "submit");
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, "Submitted");
    assertMptError(await act(chat, id, "submit"), 409);
    assertMptError(await put(chat, id, { name: "Late change" }), 409);
    assertMptError(await mpt(t, { method: "DELETE", url: url(chat, `/${id}`) }), 409);
    assert.equal((await act(chat, id, "query")).json().status, "Querying");
    assertMptError(await act(chat, id, "accept"), 409);
    const changed = await put(chat, id, {
      parameters: [
        { id: agreed, value: true },
        { id: size, value: "l" },
      ],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    // A parameter deactivated meanwhile keeps its value, which is no reason to refuse the submission.
    const deactivated = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/parameters/${size}`,
      payload: { status: "Inactive" },
    });
    assert.equal(deactivated.statusCode, 200, deactivated.body);
    await put(chat, id, { parameters: [{ id: size, value: "s" }] }).then((res) =>
      assertMptError(res, 400, ["parameters.0.value"]),
    );
    assert.equal((await act(chat, id, "submit")).json().status, "Submitted");
    await mpt(t, { method: "PUT", url: `/helpdesk/parameters/${size}`, payload: { status: "Active" } });
    const accepted = (await act(chat, id, "accept")).json() as Json;
    assert.equal(accepted.status, "Accepted");
    assert.equal(valueIn(accepted, agreed), true);
    for (const action of ["submit", "query", "accept"]) assertMptError(await act(chat, id, action), 409);
    assertMptError(await put(chat, id, { name: "After" }), 409);
    assert.equal(
      (await mpt(t, { method: "GET", url: url(chat, `/${id}`) })).json().revision,
      accepted.revision,
    );
  });

  test("validate answers the answer as it would be, each parameter with its problem, and stores nothing", async () => {
    const chat = chats[4]!;
    const answer = (await start(chat)).json() as Json;
    const res = await act(chat, answer.id, "validate", {
      parameters: [
        { parameter: { id: size }, value: "xl" },
        { parameter: { id: agreed }, value: true },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const checked = res.json() as Json;
    assert.equal(checked.id, answer.id);
    const byId = new Map(checked.parameters.map((p: Json) => [p.parameter.id, p]));
    assert.equal((byId.get(country) as Json).error.message, "is required");
    assert.match((byId.get(size) as Json).error.message, /must be one of: s, l/);
    assert.equal((byId.get(agreed) as Json).error, null);
    assert.equal((byId.get(agreed) as Json).value, true);
    const valid = (
      await act(chat, answer.id, "validate", { parameters: [{ id: country, value: "NL" }] })
    ).json() as Json;
    assert.ok(
      valid.parameters.every((p: Json) => p.error === null),
      JSON.stringify(valid),
    );
    const stored = (await mpt(t, { method: "GET", url: url(chat, `/${answer.id}`) })).json() as Json;
    assert.deepEqual(stored, answer);
    assertMptError(
      await act(chat, answer.id, "validate", { parameters: [{ id: "PAR-9999-9999", value: 1 }] }),
      400,
      ["parameters.0"],
    );
    assertMptError(await act(chat, answer.id, "validate", {}), 400);
  });

  test("DELETE throws a draft away; other chats' and unknown ids are 404", async () => {
    const chat = chats[5]!;
    const id = (await start(chat)).json().id as string;
    const other = chats[6]!;
    for (const call of [
      { method: "GET" as const, url: url(other, `/${id}`) },
      { method: "DELETE" as const, url: url(other, `/${id}`) },
      { method: "POST" as const, url: url(other, `/${id}/submit`) },
      { method: "GET" as const, url: url(chat, "/ANS-0000-0000-9999") },
      { method: "GET" as const, url: url(chat, "/ANS-1") },
      { method: "GET" as const, url: url(chat, `/${id.replace("ANS", "LNK")}`) },
    ])
      assertMptError(await mpt(t, call), 404);
    assert.equal((await mpt(t, { method: "DELETE", url: url(chat, `/${id}`) })).statusCode, 204);
    assertMptError(await mpt(t, { method: "GET", url: url(chat, `/${id}`) }), 404);
    assertMptError(await mpt(t, { method: "DELETE", url: url(chat, `/${id}`) }), 404);
  });

  test("a client answers in its own account's chats, without hidden parameters, and never in another's", async () => {
    const key = roles.keys.client;
    const res = await start(clientChat, { name: "Mine", form: { id: form } }, key);
    assert.equal(res.statusCode, 201, res.body);
    const answer = res.json() as Json;
    assert.deepEqual(
      answer.parameters.map((p: Json) => p.parameter.id),
      [country, size, agreed],
    );
    assertMptError(await put(clientChat, answer.id, { parameters: [{ id: secret, value: "x" }] }, key), 400, [
      "parameters.0",
    ]);
    const filled = await put(clientChat, answer.id, { parameters: [{ id: country, value: "BE" }] }, key);
    assert.equal(filled.statusCode, 200, filled.body);
    assert.equal((await act(clientChat, answer.id, "submit", undefined, key)).json().status, "Submitted");
    const seen = (await mpt(t, { method: "GET", url: url(clientChat, `/${answer.id}`) })).json() as Json;
    assert.equal(seen.parameters.length, 4);
    assertMptError(await start(vendorChat, { name: "Theirs", form: { id: form } }, key), 404);
    const theirs = (
      await start(vendorChat, { name: "Theirs", form: { id: form } }, roles.keys.vendor)
    ).json();
    assertMptError(await mpt(t, { method: "GET", url: url(vendorChat, `/${theirs.id}`), key }), 404);
    assertMptError(await mpt(t, { method: "GET", url: url(vendorChat), key }), 404);
    const draft = await makeForm(t, [country], false);
    assertMptError(await start(clientChat, { name: "Unseen", form: { id: draft } }, key), 400, ["form.id"]);
  });
});
